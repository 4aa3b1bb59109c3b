using CloudAudit.Checks.Framework;
using CloudAudit.Checks.Tests.Iam;
using CloudAudit.Checks.Tests.Support;
using CloudAudit.Inventory.Catalog;

namespace CloudAudit.Checks.Tests.Account;

public class SecurityContactMissingTests
{
    [Fact]
    public void No_security_contact_fails_on_the_account()
    {
        var result = new TestAccount().NotFoundGlobal(AccountCalls.GetSecurityContact, "ResourceNotFoundException").Run("aws-account-001");
        var finding = Assert.Single(result.Findings);
        Assert.Equal(TestAccount.Id, finding.ResourceId);
        Assert.Equal("Account 111122223333 has no security alternate contact.", finding.Description);
        Assert.StartsWith("aws account put-alternate-contact --alternate-contact-type SECURITY", finding.Remediation!.Cli);
        Assert.Contains("resource \"aws_account_alternate_contact\" \"security\"", finding.Remediation.Terraform);
        Assert.Contains(finding.Compliance, c => c.Version == "7.0" && c.Control == "2.3");
    }

    [Fact]
    public void A_registered_security_contact_passes()
    {
        var account = new TestAccount();
        account.Record.Global(AccountCalls.GetSecurityContact, """
            {"AlternateContact": {"AlternateContactType": "SECURITY", "Name": "SOC", "Title": "SOC", "EmailAddress": "soc@example.com", "PhoneNumber": "+1-555-0100"}}
            """);
        Assert.Equal(CheckStatus.Pass, account.Run("aws-account-001").Status);
    }

    [Fact]
    public void A_denied_read_is_not_assessed_not_a_missing_contact()
    {
        var result = new TestAccount().DeniedGlobal(AccountCalls.GetSecurityContact).Run("aws-account-001");
        Assert.Equal(CheckStatus.NotAssessed, result.Status);
        Assert.Empty(result.Findings);
    }
}
