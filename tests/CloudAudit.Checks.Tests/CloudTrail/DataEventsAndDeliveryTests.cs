using CloudAudit.Checks.Framework;
using CloudAudit.Checks.Tests.Support;
using CloudAudit.Inventory.Catalog;
using static CloudAudit.Checks.Tests.Support.TrailData;
using static CloudAudit.Demo.DemoRecorder;

namespace CloudAudit.Checks.Tests.CloudTrail;

public class DataEventsAndDeliveryTests
{
    private static TestAccount WithSelectors(string selectors) =>
        new TestAccount("us-east-1").WithTrails((Trail("main"), "main", "us-east-1", true, selectors));

    private const string AllBucketsWrites = """
        {"EventSelectors": [{"ReadWriteType": "All", "IncludeManagementEvents": true},
          {"ReadWriteType": "WriteOnly", "IncludeManagementEvents": false, "DataResources": [{"Type": "AWS::S3::Object", "Values": ["arn:aws:s3"]}]}]}
        """;

    [Fact]
    public void Basic_selector_for_all_buckets_covers_the_matching_direction_only()
    {
        Assert.Equal(CheckStatus.Pass, WithSelectors(AllBucketsWrites).Run("aws-ct-006").Status);
        Assert.Equal(CheckStatus.Fail, WithSelectors(AllBucketsWrites).Run("aws-ct-007").Status);
    }

    [Fact]
    public void Selectors_limited_to_some_buckets_do_not_count()
    {
        var someBuckets = """
            {"AdvancedEventSelectors": [
              {"Name": "m", "FieldSelectors": [{"Field": "eventCategory", "Equals": ["Management"]}]},
              {"Name": "d", "FieldSelectors": [{"Field": "eventCategory", "Equals": ["Data"]}, {"Field": "resources.type", "Equals": ["AWS::S3::Object"]},
                {"Field": "resources.ARN", "StartsWith": ["arn:aws:s3:::payroll/"]}]}]}
            """;
        Assert.Equal(CheckStatus.Fail, WithSelectors(someBuckets).Run("aws-ct-006").Status);
        Assert.Equal(CheckStatus.Fail, WithSelectors(someBuckets).Run("aws-ct-007").Status);
    }

    [Fact]
    public void Advanced_selector_without_readOnly_covers_reads_and_writes()
    {
        var both = """
            {"AdvancedEventSelectors": [{"Name": "d", "FieldSelectors": [{"Field": "eventCategory", "Equals": ["Data"]}, {"Field": "resources.type", "Equals": ["AWS::S3::Object"]}]}]}
            """;
        Assert.Equal(CheckStatus.Pass, WithSelectors(both).Run("aws-ct-006").Status);
        Assert.Equal(CheckStatus.Pass, WithSelectors(both).Run("aws-ct-007").Status);
    }

    [Fact]
    public void Data_events_are_not_assessed_when_selectors_are_denied()
    {
        var account = new TestAccount("us-east-1");
        account.InEveryRegion(CloudTrailCalls.DescribeTrails, List(Trail("main")));
        account.Record.Target(CloudTrailCalls.GetTrailStatus, "us-east-1", Params(("Name", Arn("main"))), """{"IsLogging": true}""");
        account.Denied(CloudTrailCalls.GetEventSelectors, "us-east-1", Params(("TrailName", Arn("main"))));
        Assert.Equal(CheckStatus.NotAssessed, account.Run("aws-ct-006").Status);
    }

    [Fact]
    public void CloudWatch_delivery_passes_for_a_qualifying_trail_with_a_log_group()
    {
        var account = new TestAccount("us-east-1").WithTrails(Good(logGroupArn: LogGroupArn("ct")));
        Assert.Equal(CheckStatus.Pass, account.Run("aws-ct-008").Status);
    }

    [Fact]
    public void CloudWatch_delivery_fails_without_a_log_group_and_fills_in_the_fix()
    {
        var finding = Assert.Single(new TestAccount("us-east-1").WithTrails(Good()).Run("aws-ct-008").Findings);
        Assert.Contains("--cloud-watch-logs-log-group-arn 'arn:aws:logs:us-east-1:111122223333:log-group:aws-cloudtrail-logs-111122223333:*'",
            finding.Remediation!.Cli);
        Assert.Contains("--name main", finding.Remediation.Cli);
    }

    [Fact]
    public void CloudWatch_delivery_fails_when_delivery_reports_an_error_or_is_stale()
    {
        foreach (var status in new[] { """{"IsLogging": true, "LatestCloudWatchLogsDeliveryError": "AccessDenied"}""",
                                       """{"IsLogging": true, "LatestCloudWatchLogsDeliveryTime": "2026-10-01T00:00:00+00:00"}""" })
        {
            var account = new TestAccount("us-east-1");
            account.InEveryRegion(CloudTrailCalls.DescribeTrails, List(Trail("main", logGroupArn: LogGroupArn("ct"))));
            account.Record.Target(CloudTrailCalls.GetTrailStatus, "us-east-1", Params(("Name", Arn("main"))), status);
            account.Record.Target(CloudTrailCalls.GetEventSelectors, "us-east-1", Params(("TrailName", Arn("main"))), AllManagementEvents);
            Assert.Equal(CheckStatus.Fail, account.Run("aws-ct-008").Status);
        }
    }

    [Fact]
    public void CloudWatch_delivery_is_not_assessed_when_status_is_denied()
    {
        var account = new TestAccount("us-east-1");
        account.InEveryRegion(CloudTrailCalls.DescribeTrails, List(Trail("main", logGroupArn: LogGroupArn("ct"))));
        account.Denied(CloudTrailCalls.GetTrailStatus, "us-east-1", Params(("Name", Arn("main"))));
        account.Record.Target(CloudTrailCalls.GetEventSelectors, "us-east-1", Params(("TrailName", Arn("main"))), AllManagementEvents);
        Assert.Equal(CheckStatus.NotAssessed, account.Run("aws-ct-008").Status);
    }
}
