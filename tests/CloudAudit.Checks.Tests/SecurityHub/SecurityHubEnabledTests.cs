using CloudAudit.Checks.Framework;
using CloudAudit.Checks.Tests.Support;
using CloudAudit.Inventory.Catalog;
using CloudAudit.Inventory.Snapshot;

namespace CloudAudit.Checks.Tests.SecurityHub;

public class SecurityHubEnabledTests
{
    private const string Hub = """{"HubArn": "arn:aws:securityhub:us-east-1:111122223333:hub/default", "SubscribedAt": "2025-01-01T00:00:00.000Z"}""";

    private static void NotSubscribed(TestAccount account, string region) =>
        account.Record.Failure(MonitoringCalls.DescribeHub, region, null, ErrorKind.NotFound, "InvalidAccessException",
            "Account 111122223333 is not subscribed to AWS Security Hub", 401);

    [Fact]
    public void Passes_when_enabled_in_every_scanned_region()
    {
        var account = new TestAccount("us-east-1", "eu-west-1").InEveryRegion(MonitoringCalls.DescribeHub, Hub);
        var result = account.Run("aws-sh-001");
        Assert.Equal(CheckStatus.Pass, result.Status);
        Assert.Equal(2, result.ResourcesScanned);
    }

    [Fact]
    public void Fails_each_region_where_the_account_is_not_subscribed()
    {
        var account = new TestAccount("us-east-1", "eu-west-1");
        account.Record.Regional(MonitoringCalls.DescribeHub, "us-east-1", Hub);
        NotSubscribed(account, "eu-west-1");
        var finding = Assert.Single(account.Run("aws-sh-001").Findings);
        Assert.Equal("eu-west-1", finding.Region);
        Assert.Equal("aws securityhub enable-security-hub --region eu-west-1 --enable-default-standards", finding.Remediation!.Cli);
    }

    [Fact]
    public void Access_denied_is_not_assessed_not_disabled()
    {
        var account = new TestAccount("us-east-1").Denied(MonitoringCalls.DescribeHub, "us-east-1");
        var result = account.Run("aws-sh-001");
        Assert.Equal(CheckStatus.NotAssessed, result.Status);
        Assert.Empty(result.Findings);
    }
}
