using CloudAudit.Checks.Framework;
using CloudAudit.Checks.Tests.Support;
using CloudAudit.Inventory.Catalog;
using static CloudAudit.Checks.Tests.Organization.OrganizationTestData;
using static CloudAudit.Demo.DemoRecorder;

namespace CloudAudit.Checks.Tests.Organization;

/// <summary>aws-org-002: every scanned region is recorded by a logging organization trail of the management account.</summary>
public class OrganizationTrailTests
{
    private const string Id = "aws-org-002";
    private const string Management = TestAccount.Id;

    private static string Trail(string name, bool multiRegion, string home = "us-east-1", string owner = Management, bool organization = true) =>
        TrailData.Trail(name, home, multiRegion, account: owner).Replace("\"IsMultiRegionTrail\"", $"\"IsOrganizationTrail\": {(organization ? "true" : "false")}, \"IsMultiRegionTrail\"",
            StringComparison.Ordinal);

    private const string DataEventsOnly = """
        {"EventSelectors": [{"ReadWriteType": "All", "IncludeManagementEvents": false,
          "DataResources": [{"Type": "AWS::S3::Object", "Values": ["arn:aws:s3"]}]}]}
        """;

    /// <summary>The trails listed in every region (as shadow trails are), each with its status and event selectors at home.</summary>
    private static TestAccount With(TestAccount account, params (string Json, string Name, string Home, string Owner, bool Logging)[] trails) =>
        WithSelectors(account, TrailData.AllManagementEvents, trails);

    private static TestAccount WithSelectors(TestAccount account, string? selectors, params (string Json, string Name, string Home, string Owner, bool Logging)[] trails)
    {
        account.InEveryRegion(CloudTrailCalls.DescribeTrails, TrailData.List([.. trails.Select(t => t.Json)]));
        foreach (var t in trails)
        {
            var arn = Params(("Name", TrailData.Arn(t.Name, t.Home, t.Owner)));
            account.Record.Target(CloudTrailCalls.GetTrailStatus, t.Home, arn, $$"""{"IsLogging": {{(t.Logging ? "true" : "false")}}}""");
            var selectorTarget = Params(("TrailName", TrailData.Arn(t.Name, t.Home, t.Owner)));
            if (selectors is null)
                account.Denied(CloudTrailCalls.GetEventSelectors, t.Home, selectorTarget);
            else
                account.Record.Target(CloudTrailCalls.GetEventSelectors, t.Home, selectorTarget, selectors);
        }
        return account;
    }

    [Fact]
    public void A_logging_organization_trail_without_management_events_records_no_region()
    {
        var account = WithSelectors(new TestAccount("us-east-1", "eu-west-1").InOrganization().TrustedAccess(), DataEventsOnly,
            (Trail("org", multiRegion: true), "org", "us-east-1", Management, true));

        var result = account.Run(Id);

        Assert.Equal(CheckStatus.Fail, result.Status);
        Assert.Equal(["us-east-1", "eu-west-1"], result.Findings.Select(f => f.Region));
        Assert.Equal($"No logging organization trail records eu-west-1 for organization {OrganizationId}: "
            + "org (does not record both read and write management events).", result.Findings[1].Description);
        Assert.Contains("aws cloudtrail put-event-selectors --trail-name org --region us-east-1 --event-selectors '[{\"ReadWriteType\":\"All\",\"IncludeManagementEvents\":true}]'",
            result.Findings[1].Remediation!.Cli);
        Assert.Empty(result.PassedResources);
    }

    [Fact]
    public void Unread_event_selectors_of_a_logging_organization_trail_are_not_assessed_never_a_pass()
    {
        var account = WithSelectors(new TestAccount("us-east-1").InOrganization().TrustedAccess(), null,
            (Trail("org", multiRegion: true), "org", "us-east-1", Management, true));

        var result = account.Run(Id);

        Assert.Equal(CheckStatus.NotAssessed, result.Status);
        Assert.Equal("GetEventSelectors", Assert.Single(result.Gaps).Operation);
    }

    [Fact]
    public void A_logging_multi_region_organization_trail_records_every_region()
    {
        var account = With(new TestAccount("us-east-1", "eu-west-1").InOrganization().TrustedAccess(),
            (Trail("org", multiRegion: true), "org", "us-east-1", Management, true));

        var result = account.Run(Id);

        Assert.Equal(CheckStatus.Pass, result.Status);
        Assert.Equal([$"{OrganizationArn}/cloudtrail/eu-west-1", $"{OrganizationArn}/cloudtrail/us-east-1"], result.PassedResources);
    }

    [Fact]
    public void Without_an_organization_trail_every_region_fails_with_a_create_command()
    {
        var account = With(new TestAccount("us-east-1", "eu-west-1").InOrganization().TrustedAccess(),
            (Trail("own", multiRegion: true, organization: false), "own", "us-east-1", Management, true));

        var result = account.Run(Id);

        Assert.Equal(["us-east-1", "eu-west-1"], result.Findings.Select(f => f.Region));
        var finding = result.Findings[1];
        Assert.Equal($"{OrganizationArn}/cloudtrail/eu-west-1", finding.ResourceId);
        Assert.Equal($"No organization trail of the management account {Management} records eu-west-1 for organization {OrganizationId}.", finding.Description);
        Assert.Equal("""
            # One multi-region trail records every region: the same creation for each region's finding, in us-east-1.
            aws organizations enable-aws-service-access --service-principal cloudtrail.amazonaws.com
            aws cloudtrail create-trail --name organization-trail --s3-bucket-name <ORG_TRAIL_BUCKET> --is-multi-region-trail --is-organization-trail --region us-east-1
            aws cloudtrail start-logging --name organization-trail --region us-east-1
            """, finding.Remediation!.Cli);
        Assert.Equal(finding.Remediation.Cli, result.Findings[0].Remediation!.Cli);
        Assert.Contains("is_organization_trail = true", finding.Remediation.Terraform);
    }

    [Fact]
    public void A_single_region_or_stopped_organization_trail_fails_the_regions_it_leaves_with_a_fix_of_that_trail()
    {
        var account = new TestAccount("us-east-1", "eu-west-1").InOrganization().TrustedAccess();
        account.Record.Regional(CloudTrailCalls.DescribeTrails, "us-east-1", TrailData.List(Trail("org", multiRegion: false)));
        account.Record.Regional(CloudTrailCalls.DescribeTrails, "eu-west-1", TrailData.List());
        account.Record.Target(CloudTrailCalls.GetTrailStatus, "us-east-1", Params(("Name", TrailData.Arn("org"))), """{"IsLogging": true}""");
        account.Record.Target(CloudTrailCalls.GetEventSelectors, "us-east-1", Params(("TrailName", TrailData.Arn("org"))), TrailData.AllManagementEvents);

        var result = account.Run(Id);

        var finding = Assert.Single(result.Findings);
        Assert.Equal("eu-west-1", finding.Region);
        Assert.Equal($"No logging organization trail records eu-west-1 for organization {OrganizationId}: org (single-region, home us-east-1).", finding.Description);
        Assert.Equal("""
            aws cloudtrail update-trail --name org --is-multi-region-trail --is-organization-trail --region us-east-1
            aws cloudtrail start-logging --name org --region us-east-1
            """, finding.Remediation!.Cli);
        Assert.Contains("s3_bucket_name        = \"trail-bucket\"", finding.Remediation.Terraform);
        Assert.Equal([$"{OrganizationArn}/cloudtrail/us-east-1"], result.PassedResources);

        var stopped = With(new TestAccount("us-east-1").InOrganization().TrustedAccess(),
            (Trail("org", multiRegion: true), "org", "us-east-1", Management, false));
        Assert.Equal("No logging organization trail records us-east-1 for organization o-test12345: org (not logging).",
            Assert.Single(stopped.Run(Id).Findings).Description);
    }

    [Fact]
    public void An_unread_region_or_status_is_not_assessed_never_a_pass()
    {
        var account = new TestAccount("us-east-1", "eu-west-1").InOrganization().TrustedAccess();
        account.Record.Regional(CloudTrailCalls.DescribeTrails, "us-east-1", TrailData.List(Trail("org", multiRegion: false)));
        account.Denied(CloudTrailCalls.DescribeTrails, "eu-west-1", CloudTrailCalls.DescribeTrails.Parameters);
        account.Denied(CloudTrailCalls.GetTrailStatus, "us-east-1", Params(("Name", TrailData.Arn("org"))));
        account.Record.Target(CloudTrailCalls.GetEventSelectors, "us-east-1", Params(("TrailName", TrailData.Arn("org"))), TrailData.AllManagementEvents);

        var result = account.Run(Id);

        Assert.Equal(CheckStatus.NotAssessed, result.Status);
        Assert.Equal(["us-east-1", "eu-west-1"], result.Gaps.Select(g => g.Region).Order(StringComparer.Ordinal).Reverse());
    }

    [Fact]
    public void A_delegated_administrator_judges_the_organization_trails_it_sees_and_is_not_assessed_when_it_sees_none()
    {
        const string management = "999988887777";
        var sees = With(new TestAccount("us-east-1").InOrganization(management).TrustedAccess(),
            (Trail("org", multiRegion: true, owner: management), "org", "us-east-1", management, true));
        Assert.Equal(CheckStatus.Pass, sees.Run(Id).Status);

        var blind = With(new TestAccount("us-east-1").InOrganization(management).TrustedAccess(),
            (Trail("own", multiRegion: true, organization: false), "own", "us-east-1", TestAccount.Id, true));
        var result = blind.Run(Id);
        Assert.Equal(CheckStatus.NotAssessed, result.Status);
        Assert.Contains($"no organization trail of the management account {management} is visible from account {TestAccount.Id}", result.Reason);

        // It does not depend on ListAWSServiceAccessForOrganization: a member refused it is judged on the trails it sees.
        var member = With(new TestAccount("us-east-1").InOrganization(management).RefusedServiceAccess(),
            (Trail("org", multiRegion: true, owner: management), "org", "us-east-1", management, true));
        Assert.Equal(CheckStatus.Pass, member.Run(Id).Status);
        Assert.DoesNotContain(OrganizationServiceCalls.ListServiceAccess, CheckRegistry.Find(Id)!.Reads);
    }
}
