using CloudAudit.Checks.Framework;
using CloudAudit.Checks.Tests.Support;
using CloudAudit.Inventory.Catalog;

namespace CloudAudit.Checks.Tests.Inspector;

public class InspectorTests
{
    private static string Status(string account, string ec2 = "ENABLED", string ecr = "ENABLED", string lambda = "ENABLED") => $$"""
        {"accounts": [{"accountId": "111122223333", "state": {"status": "{{account}}"},
          "resourceState": {"ec2": {"status": "{{ec2}}"}, "ecr": {"status": "{{ecr}}"}, "lambda": {"status": "{{lambda}}"} } }], "failedAccounts": []}
        """;

    [Fact]
    public void Disabled_inspector_and_missing_scan_types_fail_per_region()
    {
        var account = new TestAccount("us-east-1", "eu-west-1", "eu-central-1")
            .Answer(InspectorCalls.BatchGetAccountStatus, "us-east-1", Status("ENABLED"))
            .Answer(InspectorCalls.BatchGetAccountStatus, "eu-west-1", Status("ENABLED", lambda: "DISABLED", ecr: "DISABLED"))
            .Answer(InspectorCalls.BatchGetAccountStatus, "eu-central-1", Status("DISABLED", "DISABLED", "DISABLED", "DISABLED"));
        var result = account.Run("aws-inspector-001");
        Assert.Equal(3, result.ResourcesScanned);
        Assert.Equal(["Amazon Inspector is enabled in eu-west-1 but does not scan ECR, LAMBDA.",
                      "Amazon Inspector is not enabled in eu-central-1 (status DISABLED)."], result.Findings.Select(f => f.Description).ToArray());
        Assert.Equal("aws inspector2 enable --region eu-central-1 --resource-types EC2 ECR LAMBDA", result.Findings[1].Remediation!.Cli);
        Assert.Contains("account_ids    = [\"111122223333\"]", result.Findings[1].Remediation!.Terraform);
    }

    [Fact]
    public void Fully_enabled_inspector_passes() =>
        Assert.Equal(CheckStatus.Pass, new TestAccount("us-east-1").Answer(InspectorCalls.BatchGetAccountStatus, "us-east-1", Status("ENABLED")).Run("aws-inspector-001").Status);

    [Fact]
    public void A_denied_read_or_a_failed_account_lookup_is_not_assessed_and_an_absent_service_is_not_applicable()
    {
        Assert.Equal(CheckStatus.NotAssessed, new TestAccount("us-east-1").Denied(InspectorCalls.BatchGetAccountStatus, "us-east-1").Run("aws-inspector-001").Status);
        var failed = new TestAccount("us-east-1").Answer(InspectorCalls.BatchGetAccountStatus, "us-east-1",
            """{"accounts": [], "failedAccounts": [{"accountId": "111122223333", "errorCode": "ACCESS_DENIED", "errorMessage": "denied"}]}""");
        var result = failed.Run("aws-inspector-001");
        Assert.Equal(CheckStatus.NotAssessed, result.Status);
        Assert.Equal("ACCESS_DENIED", Assert.Single(result.Gaps).Code);
        Assert.Equal(CheckStatus.NotApplicable, new TestAccount("us-east-1").NotOffered(InspectorCalls.BatchGetAccountStatus, "us-east-1").Run("aws-inspector-001").Status);
    }
}
