using CloudAudit.Checks.Framework;
using CloudAudit.Checks.Tests.Support;
using CloudAudit.Demo;
using CloudAudit.Inventory.Catalog;
using static CloudAudit.Checks.Tests.Support.IamFixtures;
using Trust = CloudAudit.Demo.IamAuthorizationBuilder.Trust;

namespace CloudAudit.Checks.Tests.Iam;

/// <summary>aws-iam-018 with the resource control policies of the account's organization (SCPs AWS's default).</summary>
public class PrivilegeEscalationRcpTests
{
    private const string Admin = "arn:aws:iam::aws:policy/AdministratorAccess";
    private const string AssumePath = "arn:aws:iam::111122223333:user/ops-bob#sts-001";

    /// <summary>ops-bob may assume break-glass, an administrator role that trusts the account (sts-001).</summary>
    private static TestAccount Account()
    {
        var account = new TestAccount().With(Authorization()
            .User("ops-bob", inline: [("assume", Allow("\"sts:AssumeRole\""))])
            .Role("break-glass", Trust.Account(TestAccount.Id), managed: [Admin]));
        account.InEveryRegion(ResourcePolicyCalls.ListFunctions, """{"Functions": []}""");
        return account;
    }

    private static Scp DenyUnlessPlatform(string id, string action) => new(id, id, $$$"""
        {"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":"{{{action}}}","Resource":"*",
          "Condition":{"StringNotEquals":{"aws:PrincipalTag/team":"platform"} } } ] }
        """);

    private static CheckResult Run(TestAccount account, params Scp[] accountRcps)
    {
        account.InOrganization();
        new ScpHierarchyBuilder(TestAccount.Id, Scp.FullAwsAccess) { RcpsNotEnabled = false }
            .Under("ou-test-workload", Scp.FullAwsAccess).Under("r-test", Scp.FullAwsAccess).Record(account.Record);
        new ScpHierarchyBuilder(TestAccount.Id, [Scp.RcpFullAwsAccess, .. accountRcps], OrganizationCalls.ResourceControlPolicy)
            .Under("ou-test-workload", Scp.RcpFullAwsAccess).Under("r-test", Scp.RcpFullAwsAccess).RecordPolicies(account.Record);
        return account.Run("aws-iam-018");
    }

    [Fact]
    public void RCPs_that_allow_the_step_keep_the_path_and_say_so()
    {
        var result = Run(Account());
        var finding = Assert.Single(result.Findings);
        Assert.Equal(AssumePath, finding.ResourceId);
        Assert.EndsWith("The account's SCPs (3 levels, root to account) allow each step. The account's RCPs (3 levels, on the account's resources) allow each step.",
            finding.Description);
    }

    [Fact]
    public void An_RCP_denying_sts_AssumeRole_to_the_principal_closes_the_path()
    {
        var result = Run(Account(), DenyUnlessPlatform("p-rcpassume", "sts:AssumeRole"));
        Assert.Equal(CheckStatus.Pass, result.Status);
    }

    [Fact]
    public void An_RCP_that_unmakes_the_target_as_administrator_says_it_only_holds_an_administrative_policy()
    {
        // break-glass is refused kms:Decrypt by the RCP (it is not tagged platform): it holds AdministratorAccess but is no administrator.
        var open = Assert.Single(Run(Account()).Findings);
        Assert.Contains("role break-glass (an administrator)", open.Description);
        var held = Assert.Single(Run(Account(), DenyUnlessPlatform("p-rcpdecrypt", "kms:Decrypt")).Findings);
        Assert.Contains("role break-glass (holds an administrati", held.Description);
        Assert.DoesNotContain("(an administrator)", held.Description);
    }
}
