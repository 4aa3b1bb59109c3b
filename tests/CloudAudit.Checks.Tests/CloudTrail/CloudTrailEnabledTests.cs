using CloudAudit.Checks.Framework;
using CloudAudit.Checks.Tests.Support;
using CloudAudit.Inventory.Catalog;
using static CloudAudit.Checks.Tests.Support.TrailData;
using static CloudAudit.Demo.DemoRecorder;

namespace CloudAudit.Checks.Tests.CloudTrail;

public class CloudTrailEnabledTests
{
    [Fact]
    public void Passes_with_a_logging_multi_region_trail_recording_all_management_events()
    {
        var result = new TestAccount("us-east-1", "eu-west-1").WithTrails(Good()).Run("aws-ct-001");
        Assert.Equal(CheckStatus.Pass, result.Status);
    }

    [Fact]
    public void Fails_critical_when_the_account_has_no_trail()
    {
        var account = new TestAccount("us-east-1").InEveryRegion(CloudTrailCalls.DescribeTrails, List());
        var result = account.Run("aws-ct-001");
        Assert.Equal(CheckStatus.Fail, result.Status);
        Assert.Equal(Severity.Critical, Assert.Single(result.Findings).Severity);
    }

    [Fact]
    public void Fails_when_the_only_multi_region_trail_is_stopped_and_proposes_to_restart_it()
    {
        var account = new TestAccount("us-east-1").WithTrails((Trail("main"), "main", "us-east-1", false, AllManagementEvents));
        var finding = Assert.Single(account.Run("aws-ct-001").Findings);
        Assert.Equal(Severity.High, finding.Severity);
        Assert.Contains("is not logging", finding.Description);
        Assert.Contains("aws cloudtrail start-logging --region us-east-1 --name main", finding.Remediation!.Cli);
    }

    [Fact]
    public void Fails_when_management_events_are_write_only()
    {
        var writeOnly = """{"EventSelectors": [{"ReadWriteType": "WriteOnly", "IncludeManagementEvents": true}]}""";
        var account = new TestAccount("us-east-1").WithTrails((Trail("main"), "main", "us-east-1", true, writeOnly));
        Assert.Equal(CheckStatus.Fail, account.Run("aws-ct-001").Status);
    }

    [Fact]
    public void Advanced_selectors_with_reads_and_writes_split_over_two_selectors_qualify()
    {
        var split = """
            {"AdvancedEventSelectors": [
              {"Name": "reads", "FieldSelectors": [{"Field": "eventCategory", "Equals": ["Management"]}, {"Field": "readOnly", "Equals": ["true"]}]},
              {"Name": "writes", "FieldSelectors": [{"Field": "eventCategory", "Equals": ["Management"]}, {"Field": "readOnly", "Equals": ["false"]}]}]}
            """;
        var account = new TestAccount("us-east-1").WithTrails((Trail("main"), "main", "us-east-1", true, split));
        Assert.Equal(CheckStatus.Pass, account.Run("aws-ct-001").Status);
    }

    [Fact]
    public void Single_region_trail_does_not_qualify()
    {
        var account = new TestAccount("us-east-1").WithTrails((Trail("main", multiRegion: false), "main", "us-east-1", true, AllManagementEvents));
        Assert.Contains("single-region", Assert.Single(account.Run("aws-ct-001").Findings).Description);
    }

    [Fact]
    public void Is_not_assessed_when_the_trail_status_is_denied()
    {
        var account = new TestAccount("us-east-1");
        account.InEveryRegion(CloudTrailCalls.DescribeTrails, List(Trail("main")));
        account.Denied(CloudTrailCalls.GetTrailStatus, "us-east-1", Params(("Name", Arn("main"))));
        account.Record.Target(CloudTrailCalls.GetEventSelectors, "us-east-1", Params(("TrailName", Arn("main"))), AllManagementEvents);
        var result = account.Run("aws-ct-001");
        Assert.Equal(CheckStatus.NotAssessed, result.Status);
        Assert.Contains("GetTrailStatus", result.Reason);
    }

    [Fact]
    public void Is_not_assessed_when_trails_cannot_be_listed_in_a_region()
    {
        var account = new TestAccount("us-east-1", "eu-west-1");
        account.Record.Regional(CloudTrailCalls.DescribeTrails, "us-east-1", List());
        account.Denied(CloudTrailCalls.DescribeTrails, "eu-west-1");
        Assert.Equal(CheckStatus.NotAssessed, account.Run("aws-ct-001").Status);
    }

    [Fact]
    public void A_denied_read_in_another_region_does_not_hide_a_qualifying_trail()
    {
        var account = new TestAccount("us-east-1", "eu-west-1");
        account.Record.Regional(CloudTrailCalls.DescribeTrails, "us-east-1", List(Trail("main")));
        account.Denied(CloudTrailCalls.DescribeTrails, "eu-west-1");
        account.Record.Target(CloudTrailCalls.GetTrailStatus, "us-east-1", Params(("Name", Arn("main"))), """{"IsLogging": true}""");
        account.Record.Target(CloudTrailCalls.GetEventSelectors, "us-east-1", Params(("TrailName", Arn("main"))), AllManagementEvents);
        Assert.Equal(CheckStatus.Pass, account.Run("aws-ct-001").Status);
    }

    [Fact]
    public void Data_that_was_never_collected_is_not_a_pass()
    {
        var result = new TestAccount("us-east-1").Run("aws-ct-001");
        Assert.Equal(CheckStatus.NotAssessed, result.Status);
        Assert.Contains("not collected", result.Reason);
    }
}
