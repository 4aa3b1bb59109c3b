using CloudAudit.Checks.Framework;
using CloudAudit.Inventory;
using CloudAudit.Inventory.Catalog;

namespace CloudAudit.Checks.CloudTrail;

/// <summary>CIS 3.1: a multi-region trail that is logging and records every management event.</summary>
public sealed class CloudTrailEnabled : Check
{
    public override CheckInfo Info { get; } = new()
    {
        Id = "aws-ct-001",
        Title = "CloudTrail not recording management events in all regions",
        Service = "CloudTrail",
        Severity = Severity.High,
        ResourceType = "AWS::CloudTrail::Trail",
        Description = "Looks for at least one trail that is multi-region, is logging (GetTrailStatus IsLogging), and whose "
            + "event selectors record management events of both read and write type. Organization trails count. Reports "
            + "CRITICAL when the account has no trail at all.",
        Rationale = "CloudTrail is the record of who did what. Without a logging multi-region trail, an intruder who works "
            + "in a region nobody watches, or after a trail was stopped, leaves no account-level evidence: incident "
            + "responders cannot reconstruct the attack, and detections built on CloudTrail (alarms, GuardDuty context, SIEM "
            + "rules) see nothing.",
        CommonCauses =
        [
            "The trail was created single-region years ago, before multi-region trails were the default.",
            "Someone (or an attacker) ran StopLogging and nobody noticed.",
            "Event selectors were narrowed to write-only or to data events to cut cost.",
            "The account relies on an organization trail that was later deleted or scoped to other OUs.",
        ],
        Recommendation = "Enable a multi-region trail that records all read and write management events, and keep it logging.",
        Remediation = TrailFixes.CreateTrail,
        RemediationVariants = [TrailFixes.RepairTrail],
        Compliance = Cis.Refs(v3: "3.1", v5: "3.1", v14: "3.1"),
    };

    public override IReadOnlyList<ApiCall> Reads { get; } =
        [CloudTrailCalls.DescribeTrails, CloudTrailCalls.GetTrailStatus, CloudTrailCalls.GetEventSelectors];

    public override void Evaluate(CheckContext context, Verdict verdict)
    {
        var coverage = TrailCoverage.Of(context);
        verdict.Scanned();
        if (coverage.Qualifying.Any())
            return;
        // Without a qualifying trail, any unread part could be the one that qualifies.
        verdict.AddGaps(coverage.Listing.Gaps);
        verdict.AddGaps(coverage.Undecided.SelectMany(t => t.Gaps));
        if (verdict.Gaps.Count > 0)
            return;

        if (coverage.Trails.Count == 0)
        {
            verdict.Fail(context.AccountId, AwsIds.GlobalRegion, "The account has no CloudTrail trail in any scanned region.",
                severity: Severity.Critical);
            return;
        }
        var reasons = string.Join("; ", coverage.Trails.Select(t => $"{t.Trail.Name} {t.Shortfall()}"));
        var candidate = coverage.Trails
            .Where(t => t.Trail.OwnerAccount == context.AccountId && t.Trail.HomeRegion is not null)
            .OrderByDescending(t => t.Trail.MultiRegion).FirstOrDefault();
        var description = $"No trail records all management events in every region: {reasons}.";
        if (candidate is null)
        {
            verdict.Fail(context.AccountId, AwsIds.GlobalRegion, description);
            return;
        }
        verdict.Fail(candidate.Trail.Arn, candidate.Trail.HomeRegion!, description, TrailSlots(candidate.Trail),
            remediation: TrailFixes.RepairTrail);
    }

    internal static SlotValues TrailSlots(Inventory.Views.Trail trail) => new SlotValues()
        .With("trail_name", trail.Name)
        .With("home_region", trail.HomeRegion ?? "us-east-1")
        .With("bucket", trail.S3BucketName is { } bucket ? bucket : new SlotValue.Placeholder("CLOUDTRAIL_BUCKET"));
}
