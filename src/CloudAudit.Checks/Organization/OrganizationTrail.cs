using CloudAudit.Checks.Framework;
using CloudAudit.Inventory;
using CloudAudit.Inventory.Catalog;
using CloudAudit.Inventory.Views;

namespace CloudAudit.Checks.Organization;

/// <summary>The organization has a multi-region organization trail, owned by the management account, that is logging.</summary>
public sealed class OrganizationTrail : OrganizationCheck
{
    public const string TrailName = "organization-trail";

    private static readonly RemediationTemplate FixExisting = new(
        Cli: """
            aws cloudtrail update-trail --name {trail} --is-multi-region-trail --is-organization-trail --region {home_region}
            aws cloudtrail start-logging --name {trail} --region {home_region}
            """,
        Terraform: """
            resource "aws_cloudtrail" "{trail:id}" {
              name                  = {trail}
              s3_bucket_name        = {bucket}
              is_multi_region_trail = true
              is_organization_trail = true
              enable_logging        = true
            }
            """,
        DocUrl: "https://docs.aws.amazon.com/awscloudtrail/latest/userguide/creating-trail-organization.html",
        Effort: Effort.Low) { When = "an organization trail exists but is single-region or not logging" };

    public override CheckInfo Info { get; } = new()
    {
        Id = "aws-org-002",
        Title = "Regions not recorded by a logging organization trail",
        Service = "Organizations",
        Severity = Severity.High,
        Scope = CheckScope.Organization,
        ResourceType = "AWS::CloudTrail::Trail",
        Description = "Evaluated once for the organization: reads the trails (DescribeTrails in every scanned region, shadow "
            + "trails included) and the status of each organization trail the management account owns (GetTrailStatus), and "
            + "fails each scanned region that no logging organization trail records (a multi-region one records them all). "
            + "Judged on the management account's data; from a delegated administrator, the organization trails it sees are "
            + "judged the same, and when it sees none the check is NOT ASSESSED (absent from its sight is not absent).",
        Rationale = "An organization trail records every member's API activity, including accounts created tomorrow, into a "
            + "bucket the members cannot reach; an attacker with administrator rights in a member cannot switch it off or "
            + "edit its logs. Without it each account's own trail is the only record, and the first thing an intruder in "
            + "that account stops.",
        CommonCauses =
        [
            "Each account was given its own trail before the organization existed.",
            "The organization trail was created for the home region only.",
            "Logging was stopped during a migration of the log bucket and never started again.",
        ],
        Recommendation = "Create a multi-region organization trail in the management account and keep it logging.",
        Remediation = new RemediationTemplate(
            Cli: $$"""
                aws cloudtrail create-trail --name {{TrailName}} --s3-bucket-name {bucket} --is-multi-region-trail --is-organization-trail --region {region}
                aws cloudtrail start-logging --name {{TrailName}} --region {region}
                """,
            Terraform: $$"""
                resource "aws_cloudtrail" "organization" {
                  name                  = "{{TrailName}}"
                  s3_bucket_name        = {bucket}
                  is_multi_region_trail = true
                  is_organization_trail = true
                }
                """,
            DocUrl: "https://docs.aws.amazon.com/awscloudtrail/latest/userguide/creating-trail-organization.html",
            Effort: Effort.Medium) { When = "the organization has no organization trail" },
        RemediationVariants = [FixExisting],
        Compliance = [new(ComplianceRef.CisAws, "7.0", "4.1")],
    };

    protected override IReadOnlyList<ApiCall> OrganizationReads { get; } = [CloudTrailCalls.GetTrailStatus];

    protected override void EvaluateOrganization(OrganizationContext organization, Verdict verdict)
    {
        var view = organization.Data.CloudTrail();
        var trails = view.Trails();
        var organizationTrails = trails.Items.Where(t => t.IsOrganizationTrail == true && t.OwnerAccount == organization.ManagementAccountId).ToList();
        if (!organization.IsManagementAccount && organizationTrails.Count == 0)
        {
            // Seen from a member (a delegated administrator), an absent trail may only be out of its sight.
            verdict.Gap(DataGap.OutOfReach(AwsIds.GlobalRegion, "cloudtrail", "DescribeTrails",
                $"no organization trail of the management account {organization.ManagementAccountId} is visible from account "
                + $"{organization.Account.AccountId} (a delegated administrator); scan from the management account to assess it"));
            return;
        }
        var statuses = organizationTrails.ToDictionary(t => t.Arn, view.Status, StringComparer.Ordinal);
        bool Logging(Trail trail) => statuses[trail.Arn].Value?.IsLogging == true;
        foreach (var region in organization.Account.Regions)
        {
            var resource = $"{organization.Arn}/cloudtrail/{region}";
            var covering = organizationTrails.Where(t => t.MultiRegion || t.HomeRegion == region).ToList();
            if (covering.Any(Logging))
            {
                verdict.Scanned(resource);
                continue;
            }
            // A region not listed, or a covering trail whose status is unread, may hide the trail that logs it.
            var gaps = trails.Gaps.Where(g => g.Region == region).Concat(covering.Select(t => statuses[t.Arn].Gap).OfType<DataGap>()).ToList();
            if (gaps.Count > 0)
            {
                verdict.AddGaps(gaps);
                continue;
            }
            verdict.Scanned(resource);
            Fail(organization, verdict, resource, region, organizationTrails, Logging);
        }
    }

    private void Fail(OrganizationContext organization, Verdict verdict, string resource, string region, IReadOnlyList<Trail> trails, Func<Trail, bool> logging)
    {
        var slots = new SlotValues().Placeholder("bucket", "ORG_TRAIL_BUCKET");
        if (trails.Count == 0)
        {
            verdict.Fail(resource, region, $"No organization trail of the management account {organization.ManagementAccountId} records {region} "
                + $"for organization {organization.OrganizationId}.", slots);
            return;
        }
        var faults = trails.Select(t => $"{t.Name} ({string.Join(" and ", new[] { t.MultiRegion ? null : $"single-region, home {t.HomeRegion}", logging(t) ? null : "not logging" }.OfType<string>())})");
        var trail = trails.FirstOrDefault(logging) ?? trails[0];
        verdict.Fail(resource, region, $"No logging organization trail records {region} for organization {organization.OrganizationId}: "
            + $"{string.Join("; ", faults)}.", slots.With("trail", trail.Name).With("home_region", trail.HomeRegion ?? region)
                .With("bucket", trail.S3BucketName is { Length: > 0 } bucket ? bucket : new SlotValue.Placeholder("ORG_TRAIL_BUCKET")),
            remediation: FixExisting);
    }
}
