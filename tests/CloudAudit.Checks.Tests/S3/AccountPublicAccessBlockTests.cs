using CloudAudit.Checks.Framework;
using CloudAudit.Checks.Tests.Support;
using CloudAudit.Inventory.Catalog;
using CloudAudit.Inventory.Snapshot;
using static CloudAudit.Checks.Tests.S3.S3Data;
using static CloudAudit.Demo.DemoRecorder;

namespace CloudAudit.Checks.Tests.S3;

public class AccountPublicAccessBlockTests
{
    [Fact]
    public void Passes_with_all_four_settings()
    {
        var result = new TestAccount().AccountBlock(AllBlocked).Run("aws-s3-008");
        Assert.Equal(CheckStatus.Pass, result.Status);
        Assert.Equal(1, result.ResourcesScanned);
    }

    [Fact]
    public void Fails_naming_the_settings_that_are_off()
    {
        var finding = Assert.Single(new TestAccount().AccountBlock(AclsOnly).Run("aws-s3-008").Findings);
        Assert.Equal(TestAccount.Id, finding.ResourceId);
        Assert.Contains("BlockPublicPolicy, RestrictPublicBuckets off", finding.Description);
        Assert.StartsWith("aws s3control put-public-access-block --region us-east-1 --account-id 111122223333 \\", finding.Remediation!.Cli);
        Assert.Contains("account_id              = \"111122223333\"", finding.Remediation.Terraform);
    }

    [Fact]
    public void An_account_that_never_configured_it_fails()
    {
        var account = new TestAccount();
        account.Record.Failure(S3Calls.GetAccountPublicAccessBlock, "global", Params(("AccountId", TestAccount.Id)), ErrorKind.NotFound,
            "NoSuchPublicAccessBlockConfiguration", "The public access block configuration was not found", 404);
        Assert.Contains("no account-level Block Public Access setting", Assert.Single(account.Run("aws-s3-008").Findings).Description);
    }

    [Fact]
    public void Access_denied_is_not_assessed()
    {
        var account = new TestAccount().Denied(S3Calls.GetAccountPublicAccessBlock, "global", Params(("AccountId", TestAccount.Id)));
        Assert.Equal(CheckStatus.NotAssessed, account.Run("aws-s3-008").Status);
    }
}
