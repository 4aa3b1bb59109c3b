using CloudAudit.Checks.CloudTrail;
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

    private static readonly RemediationTemplate RecordManagementEvents = new(
        Cli: """
            # put-event-selectors replaces the trail's selectors: add any data-event selectors it keeps to this list.
            aws cloudtrail update-trail --name {trail} --is-multi-region-trail --is-organization-trail --region {home_region}
            aws cloudtrail put-event-selectors --trail-name {trail} --region {home_region} --event-selectors '[{"ReadWriteType":"All","IncludeManagementEvents":true}]'
            aws cloudtrail start-logging --name {trail} --region {home_region}
            """,
        Terraform: """
            resource "aws_cloudtrail" "{trail:id}" {
              name                  = {trail}
              s3_bucket_name        = {bucket}
              is_multi_region_trail = true
              is_organization_trail = true
              enable_logging        = true

              event_selector {
                read_write_type           = "All"
                include_management_events = true
              }
            }
            """,
        DocUrl: "https://docs.aws.amazon.com/awscloudtrail/latest/userguide/logging-management-events-with-cloudtrail.html",
        Effort: Effort.Low) { When = "an organization trail exists but does not record read and write management events" };

    public override CheckInfo Info { get; } = new()
    {
        Id = "aws-org-002",
        Title = "Regions not recorded by a logging organization trail",
        Service = "Organizations",
        Severity = Severity.High,
        Scope = CheckScope.Organization,
        ResourceType = "AWS::CloudTrail::Trail",
        Description = "Evaluated once for the organization: reads the trails (DescribeTrails in every scanned region, shadow "
            + "trails included) and the status and event selectors of each organization trail the management account owns "
            + "(GetTrailStatus, GetEventSelectors), and fails each scanned region that no organization trail records: one that is "
            + "logging and records management events, read and write (as aws-ct-001 judges it; a multi-region one records every "
            + "region). A covering trail whose status or selectors could not be read makes the region NOT ASSESSED. "
            + "Judged on the management account's data; from any other account (a delegated administrator, or a member in a scan "
            + "of that account alone), the organization trails it sees are judged the same, and when it sees none the check is "
            + "NOT ASSESSED (absent from its sight is not absent).",
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
                # One multi-region trail records every region: the same creation for each region's finding, in {home_region}.
                aws organizations enable-aws-service-access --service-principal cloudtrail.amazonaws.com
                aws cloudtrail create-trail --name {{TrailName}} --s3-bucket-name {bucket} --is-multi-region-trail --is-organization-trail --region {home_region}
                aws cloudtrail start-logging --name {{TrailName}} --region {home_region}
                """,
            Terraform: $$"""
                # Prerequisite: add "cloudtrail.amazonaws.com" to aws_service_access_principals of your
                # aws_organizations_organization resource (trusted access). Create it with the provider of {home_region}.
                resource "aws_cloudtrail" "organization" {
                  name                  = "{{TrailName}}"
                  s3_bucket_name        = {bucket}
                  is_multi_region_trail = true
                  is_organization_trail = true
                }
                """,
            DocUrl: "https://docs.aws.amazon.com/awscloudtrail/latest/userguide/creating-trail-organization.html",
            Effort: Effort.Medium) { When = "the organization has no organization trail" },
        RemediationVariants = [FixExisting, RecordManagementEvents],
        Compliance = [new(ComplianceRef.CisAws, "7.0", "4.1")],
    };

    protected override IReadOnlyList<ApiCall> OrganizationReads { get; } = [CloudTrailCalls.GetTrailStatus, CloudTrailCalls.GetEventSelectors];

    protected override void EvaluateOrganization(OrganizationContext organization, Verdict verdict)
    {
        // The same trail status and selectors aws-ct-001 judges: recording means logging and management events read and write.
        var coverage = TrailCoverage.Of(organization.Account);
        var organizationTrails = coverage.Trails
            .Where(t => t.Trail.IsOrganizationTrail == true && t.Trail.OwnerAccount == organization.ManagementAccountId).ToList();
        if (!organization.IsManagementAccount && organizationTrails.Count == 0)
        {
            // Seen from a member (a delegated administrator), an absent trail may only be out of its sight.
            verdict.Gap(DataGap.OutOfReach(AwsIds.GlobalRegion, "cloudtrail", "DescribeTrails",
                $"no organization trail of the management account {organization.ManagementAccountId} is visible from account "
                + $"{organization.Account.AccountId} (not the management account); scan from the management account to assess it"));
            return;
        }
        string? creationRegion = null;
        foreach (var region in organization.Account.Regions)
        {
            var resource = $"{organization.Arn}/cloudtrail/{region}";
            var covering = organizationTrails.Where(t => t.Trail.MultiRegion || t.Trail.HomeRegion == region).ToList();
            if (covering.Any(Records))
            {
                verdict.Scanned(resource);
                continue;
            }
            // A region not listed, or a covering trail whose status or selectors are unread, may hide the trail that records it.
            var gaps = coverage.Listing.Gaps.Where(g => g.Region == region)
                .Concat(covering.Where(t => t.Logging is null || t.ManagementReadAndWrite is null).SelectMany(t => t.Gaps)).ToList();
            if (gaps.Count > 0)
            {
                verdict.AddGaps(gaps);
                continue;
            }
            verdict.Scanned(resource);
            // Every region's finding names the same creation, in the first failing region, so following several creates one trail.
            creationRegion ??= region;
            Fail(organization, verdict, resource, region, creationRegion, organizationTrails);
        }
    }

    private static bool Records(TrailState trail) => trail.Logging == true && trail.ManagementReadAndWrite == true;

    private void Fail(OrganizationContext organization, Verdict verdict, string resource, string region, string creationRegion,
        IReadOnlyList<TrailState> trails)
    {
        var slots = new SlotValues().Placeholder("bucket", "ORG_TRAIL_BUCKET");
        if (trails.Count == 0)
        {
            verdict.Fail(resource, region, $"No organization trail of the management account {organization.ManagementAccountId} records {region} "
                + $"for organization {organization.OrganizationId}.", slots.With("home_region", creationRegion));
            return;
        }
        var faults = trails.Select(t => $"{t.Trail.Name} ({string.Join(" and ", Faults(t))})");
        var chosen = trails.FirstOrDefault(t => t.Logging == true) ?? trails[0];
        var trail = chosen.Trail;
        verdict.Fail(resource, region, $"No logging organization trail records {region} for organization {organization.OrganizationId}: "
            + $"{string.Join("; ", faults)}.", slots.With("trail", trail.Name).With("home_region", trail.HomeRegion ?? region)
                .With("bucket", trail.S3BucketName is { Length: > 0 } bucket ? bucket : new SlotValue.Placeholder("ORG_TRAIL_BUCKET")),
            remediation: chosen.ManagementReadAndWrite == false ? RecordManagementEvents : FixExisting);
    }

    private static IEnumerable<string> Faults(TrailState trail)
    {
        if (!trail.Trail.MultiRegion) yield return $"single-region, home {trail.Trail.HomeRegion}";
        if (trail.Logging != true) yield return "not logging";
        if (trail.ManagementReadAndWrite == false) yield return "does not record both read and write management events";
    }
}
