using System.Text.Json.Nodes;
using CloudAudit.Checks.Framework;
using CloudAudit.Checks.Tests.Support;
using CloudAudit.Inventory.Catalog;
using static CloudAudit.Checks.Tests.Support.ResourcePolicyFixtures;

namespace CloudAudit.Checks.Tests.Kms;

public class KeyPolicyExposureTests
{
    private const string KeyId = "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d";

    private static CheckResult Run(string policy, Func<TestAccount, TestAccount>? organization = null, string manager = "CUSTOMER") =>
        (organization ?? (a => a.InOrganization()))(new TestAccount())
            .WithKeys(Region, (KeyId, manager, policy))
            .Run("aws-kms-002");

    [Fact]
    public void Principal_star_without_conditions_is_public()
    {
        var result = Run(KeyPolicyWith("""{"Sid":"Open","Effect":"Allow","Principal":"*","Action":["kms:Decrypt","kms:Encrypt"],"Resource":"*"}"""));
        var finding = Assert.Single(result.Findings);
        Assert.Equal(KeyArn(KeyId), finding.ResourceId);
        Assert.Equal(Severity.High, finding.Severity);
        Assert.Contains("statement 1 (Open) lets in", finding.Description);
        var cli = finding.Remediation!.Cli.Split('\n')[1];
        Assert.StartsWith($"aws kms put-key-policy --region us-east-1 --key-id {KeyId} --policy-name default --policy '", cli);
        var fixedPolicy = JsonNode.Parse(cli.Split(" --policy ")[1].Trim('\''))!;
        Assert.Equal(OrgId, fixedPolicy["Statement"]![1]!["Condition"]!["StringEquals"]!["aws:PrincipalOrgID"]!.GetValue<string>());
        Assert.Contains($"resource \"aws_kms_key_policy\" \"r_1a2b3c4d_5e6f_4a7b_8c9d_0e1f2a3b4c5d\"", finding.Remediation.Terraform);
    }

    [Theory]
    [InlineData("""{"StringEquals":{"aws:PrincipalOrgID":"o-testorg0001"}}""")]
    [InlineData("""{"StringEquals":{"kms:CallerAccount":"111122223333"}}""")]
    [InlineData("""{"StringEquals":{"aws:SourceAccount":"111122223333"}}""")]
    [InlineData("""{"StringEquals":{"aws:PrincipalAccount":"111122223333"}}""")]
    public void Principal_star_restricted_to_the_organization_or_account_passes(string condition)
    {
        var result = Run(KeyPolicyWith($$"""{"Effect":"Allow","Principal":"*","Action":"kms:Decrypt","Resource":"*","Condition":{{condition}}}"""));
        Assert.Equal(CheckStatus.Pass, result.Status);
    }

    [Fact]
    public void A_condition_the_caller_chooses_does_not_restrict()
    {
        var result = Run(KeyPolicyWith("""{"Effect":"Allow","Principal":"*","Action":"kms:Decrypt","Resource":"*","Condition":{"StringEquals":{"kms:EncryptionContext:app":"billing"}}}"""));
        Assert.Equal(Severity.High, Assert.Single(result.Findings).Severity);
    }

    [Fact]
    public void A_named_account_outside_the_listed_organization_fails_high()
    {
        var result = Run(KeyPolicyWith("""{"Sid":"Partner","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::444455556666:root"},"Action":"kms:Decrypt","Resource":"*"}"""),
            a => a.InOrganization(TestAccount.Id, "222233334444"));
        var finding = Assert.Single(result.Findings);
        Assert.Equal(Severity.High, finding.Severity);
        Assert.Contains("account 444455556666, which is not a member of o-testorg0001", finding.Description);
    }

    [Fact]
    public void A_named_member_account_passes_when_the_organization_can_be_listed()
    {
        var result = Run(KeyPolicyWith("""{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::222233334444:root"},"Action":"kms:Decrypt","Resource":"*"}"""),
            a => a.InOrganization(TestAccount.Id, "222233334444"));
        Assert.Equal(CheckStatus.Pass, result.Status);
    }

    [Fact]
    public void A_named_account_of_unknown_membership_is_reported_at_medium()
    {
        var finding = Assert.Single(Run(KeyPolicyWith("""{"Effect":"Allow","Principal":{"AWS":"444455556666"},"Action":"kms:Decrypt","Resource":"*"}""")).Findings);
        Assert.Equal(Severity.Medium, finding.Severity);
        Assert.Contains("whose membership of o-testorg0001 the scan cannot see", finding.Description);
    }

    [Fact]
    public void A_named_account_admitted_only_within_the_organization_passes()
    {
        var result = Run(KeyPolicyWith("""{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::222233334444:role/backup"},"Action":"kms:Decrypt","Resource":"*","Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-testorg0001"}}}"""));
        Assert.Equal(CheckStatus.Pass, result.Status);
    }

    [Fact]
    public void In_a_standalone_account_any_other_account_is_outside()
    {
        var finding = Assert.Single(Run(KeyPolicyWith("""{"Effect":"Allow","Principal":{"AWS":"444455556666"},"Action":"kms:Decrypt","Resource":"*"}"""),
            a => a.Standalone()).Findings);
        Assert.Equal(Severity.High, finding.Severity);
        Assert.Contains("kms:CallerAccount", finding.Remediation!.Cli);
    }

    [Fact]
    public void An_unreadable_organization_leaves_named_accounts_of_unknown_membership_and_the_fix_a_placeholder()
    {
        var result = Run(KeyPolicyWith("""{"Effect":"Allow","Principal":{"AWS":"444455556666"},"Action":"kms:Decrypt","Resource":"*"}"""),
            a => a.Denied(ResourcePolicyCalls.DescribeOrganization, "global").Denied(ResourcePolicyCalls.ListAccounts, "global"));
        var finding = Assert.Single(result.Findings);
        Assert.Equal(Severity.Medium, finding.Severity);
        Assert.Contains("the account's organization could not be read", finding.Description);
        Assert.Contains("\"aws:PrincipalOrgID\":\"<ORGANIZATION_ID>\"", finding.Remediation!.Cli);
    }

    [Fact]
    public void The_default_key_policy_passes_and_AWS_managed_keys_are_skipped()
    {
        var account = new TestAccount().InOrganization()
            .WithKeys(Region, ("aaaaaaaa-1111-4222-8333-444444444444", "CUSTOMER", DefaultKeyPolicy), ("bbbbbbbb-1111-4222-8333-444444444444", "AWS", null));
        var result = account.Run("aws-kms-002");
        Assert.Equal(CheckStatus.Pass, result.Status);
        Assert.Equal(1, result.ResourcesScanned);
    }

    [Fact]
    public void A_region_where_keys_cannot_be_listed_is_not_assessed()
    {
        var account = new TestAccount("us-east-1", "eu-west-1").InOrganization()
            .WithKeys("us-east-1", (KeyId, "CUSTOMER", DefaultKeyPolicy))
            .Denied(ResourcePolicyCalls.ListKeys, "eu-west-1");
        var result = account.Run("aws-kms-002");
        Assert.Equal(CheckStatus.NotAssessed, result.Status);
        Assert.Equal(1, result.ResourcesScanned);
    }
}
