using CloudAudit.Checks.Framework;
using CloudAudit.Checks.Tests.Support;
using CloudAudit.Inventory.Catalog;
using static CloudAudit.Checks.Tests.Support.TrailData;
using static CloudAudit.Demo.DemoRecorder;

namespace CloudAudit.Checks.Tests.CloudWatch;

public class LogGroupEncryptionTests
{
    private static TestAccount Account(string? trailGroupKey, string flowGroupKey, bool flowLogs = true)
    {
        var account = new TestAccount("eu-west-1");
        account.InEveryRegion(CloudTrailCalls.DescribeTrails, List(Trail("main", logGroupArn: LogGroupArn("ct-logs", "us-east-1"))));
        account.Record.Target(MonitoringCalls.DescribeTrailLogGroups, "us-east-1", Params(("logGroupNamePrefix", "ct-logs")),
            $$"""{"logGroups": [{"logGroupName": "ct-logs", "arn": "arn:aws:logs:us-east-1:111122223333:log-group:ct-logs:*"{{trailGroupKey}}}, {"logGroupName": "ct-logs-old"}]}""");
        account.InEveryRegion(MonitoringCalls.DescribeFlowLogs, flowLogs
            ? """{"FlowLogs": [{"FlowLogId": "fl-1", "ResourceId": "vpc-1", "LogDestinationType": "cloud-watch-logs", "LogGroupName": "flows"}]}"""
            : """{"FlowLogs": []}""");
        account.InEveryRegion(MonitoringCalls.DescribeLogGroups,
            $$"""{"logGroups": [{"logGroupName": "flows", "arn": "arn:aws:logs:eu-west-1:111122223333:log-group:flows:*"{{flowGroupKey}}}, {"logGroupName": "app"}]}""");
        return account;
    }

    private const string Key = ", \"kmsKeyId\": \"arn:aws:kms:eu-west-1:111122223333:key/k\"";

    [Fact]
    public void Passes_when_trail_and_flow_log_groups_are_encrypted_even_outside_scanned_regions()
    {
        var result = Account(Key, Key).Run("aws-cw-016");
        Assert.Equal(CheckStatus.Pass, result.Status);
        Assert.Equal(2, result.ResourcesScanned);
    }

    [Fact]
    public void Fails_each_unencrypted_security_log_group_but_not_application_groups()
    {
        var result = Account("", "").Run("aws-cw-016");
        Assert.Equal(["ct-logs", "flows"], result.Findings.Select(f => f.ResourceId.Split(':').Last()).Order());
        Assert.Contains("aws logs associate-kms-key --region us-east-1 --log-group-name ct-logs --kms-key-id <KMS_KEY_ARN>",
            result.Findings.Single(f => f.Region == "us-east-1").Remediation!.Cli);
    }

    [Fact]
    public void Is_not_assessed_when_flow_logs_are_denied_and_nothing_failed()
    {
        var account = new TestAccount("eu-west-1");
        account.InEveryRegion(CloudTrailCalls.DescribeTrails, List(Trail("main")));
        account.Denied(MonitoringCalls.DescribeFlowLogs, "eu-west-1");
        Assert.Equal(CheckStatus.NotAssessed, account.Run("aws-cw-016").Status);
    }

    [Fact]
    public void Is_not_applicable_without_security_log_groups()
    {
        var account = new TestAccount("eu-west-1");
        account.InEveryRegion(CloudTrailCalls.DescribeTrails, List(Trail("main")));
        account.InEveryRegion(MonitoringCalls.DescribeFlowLogs, """{"FlowLogs": []}""");
        Assert.Equal(CheckStatus.NotApplicable, account.Run("aws-cw-016").Status);
    }
}
