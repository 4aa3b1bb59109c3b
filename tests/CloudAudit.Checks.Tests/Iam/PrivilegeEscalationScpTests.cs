using CloudAudit.Checks.Framework;
using CloudAudit.Checks.Tests.Support;
using CloudAudit.Demo;
using CloudAudit.Inventory.Catalog;
using static CloudAudit.Checks.Tests.Support.IamFixtures;
using Trust = CloudAudit.Demo.IamAuthorizationBuilder.Trust;

namespace CloudAudit.Checks.Tests.Iam;

/// <summary>aws-iam-018 with the service control policies of the account's organization.</summary>
public class PrivilegeEscalationScpTests
{
    private const string Admin = "arn:aws:iam::aws:policy/AdministratorAccess";
    private const string Root = "r-test";
    private const string Workloads = "ou-test-workload";
    private const string PassRolePath = "arn:aws:iam::111122223333:user/dev-alice#lambda-001";
    private const string UpdateCodePath = "arn:aws:iam::111122223333:user/dev-alice#lambda-003";

    /// <summary>dev-alice may pass an administrator role to a new function (lambda-001) and change an administrator function's code (lambda-003).</summary>
    private static TestAccount Account() => new TestAccount()
        .With(Authorization()
            .User("dev-alice", inline: [("deploy", Allow("""["iam:PassRole","lambda:CreateFunction","lambda:InvokeFunction","lambda:UpdateFunctionCode"]"""))])
            .Role("lambda-admin", Trust.Service("lambda.amazonaws.com"), managed: [Admin]))
        .WithFunctions("us-east-1", ("admin-tasks", "arn:aws:iam::111122223333:role/lambda-admin", null));

    private static Scp Deny(string id, string action) => new(id, id, $$"""
        {"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"{{action}}","Resource":"*"}]}
        """);

    private static Scp AllowOnly(string id, string actions) => new(id, id, $$"""
        {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":{{actions}},"Resource":"*"}]}
        """);

    private static TestAccount Governed(TestAccount account, Scp[] accountLevel, Scp[] workloads, Scp[] root)
    {
        account.InOrganization();
        new ScpHierarchyBuilder(TestAccount.Id, accountLevel).Under(Workloads, workloads).Under(Root, root).Record(account.Record);
        return account;
    }

    private static List<string> Paths(CheckResult result) => [.. result.Findings.Select(f => f.ResourceId)];

    [Fact]
    public void An_SCP_that_allows_every_step_keeps_the_paths_and_says_it_was_read()
    {
        var full = new[] { Scp.FullAwsAccess };
        var result = Governed(Account(), full, full, full).Run("aws-iam-018");
        Assert.Equal([PassRolePath, UpdateCodePath], Paths(result));
        Assert.All(result.Findings, f => Assert.EndsWith("The account's SCPs (3 levels, root to account) allow each step.", f.Description));
        Assert.Null(result.Reason);
    }

    [Fact]
    public void An_SCP_denying_the_key_action_removes_the_path()
    {
        var full = new[] { Scp.FullAwsAccess };
        var result = Governed(Account(), [Scp.FullAwsAccess, Deny("p-nopassrole", "iam:PassRole")], full, full).Run("aws-iam-018");
        Assert.Equal([UpdateCodePath], Paths(result));
    }

    [Fact]
    public void A_derived_path_the_SCPs_close_is_not_folded_into_its_parent()
    {
        var full = new[] { Scp.FullAwsAccess };
        var open = Governed(Account(), full, full, full).Run("aws-iam-018");
        Assert.Contains("It also opens lambda-004.", Assert.Single(open.Findings, f => f.ResourceId == UpdateCodePath).Description);

        // lambda-004 is lambda-003 plus invoking the function.
        var result = Governed(Account(), full, [Scp.FullAwsAccess, Deny("p-noinvoke", "lambda:InvokeFunction")], full).Run("aws-iam-018");
        var finding = Assert.Single(result.Findings);
        Assert.Equal(UpdateCodePath, finding.ResourceId);
        Assert.DoesNotContain("lambda-004", finding.Description);
    }

    [Fact]
    public void An_explicit_deny_at_the_root_removes_the_path_for_every_account_below()
    {
        var full = new[] { Scp.FullAwsAccess };
        var result = Governed(Account(), full, full, [Scp.FullAwsAccess, Deny("p-nocodechange", "lambda:UpdateFunctionCode")]).Run("aws-iam-018");
        Assert.Equal([PassRolePath], Paths(result));
    }

    [Fact]
    public void An_allow_list_at_one_OU_removes_the_paths_outside_its_services()
    {
        var full = new[] { Scp.FullAwsAccess };
        // Workloads may use Lambda and S3 only: iam:PassRole is allowed at every level but that one.
        var result = Governed(Account(), full, [AllowOnly("p-serverless", """["lambda:*","s3:*"]""")], full).Run("aws-iam-018");
        Assert.Equal([UpdateCodePath], Paths(result));

        var closed = Governed(Account(), full, [AllowOnly("p-storage", "\"s3:*\"")], full).Run("aws-iam-018");
        Assert.Equal(CheckStatus.Pass, closed.Status);
    }

    [Fact]
    public void A_grant_the_SCPs_block_makes_no_target_more_privileged()
    {
        var iam = Authorization()
            .User("dev-bob", inline: [("deploy", Allow("""["iam:PassRole","lambda:CreateFunction","lambda:InvokeFunction"]"""))])
            .Role("payments-fn", Trust.Service("lambda.amazonaws.com"), inline: [("secrets", Allow("\"secretsmanager:GetSecretValue\""))]);
        var account = new TestAccount().With(iam);
        account.InEveryRegion(ResourcePolicyCalls.ListFunctions, """{"Functions": []}""");
        var full = new[] { Scp.FullAwsAccess };
        var result = Governed(account, full, [Scp.FullAwsAccess, Deny("p-nosecrets", "secretsmanager:*")], full).Run("aws-iam-018");
        Assert.Equal(CheckStatus.Pass, result.Status);
    }

    [Fact]
    public void The_management_account_is_not_governed_by_SCPs()
    {
        var account = Account();
        account.Record.Global(ResourcePolicyCalls.DescribeOrganization, $$"""
            {"Organization": {"Id": "o-testorg0001", "MasterAccountId": "{{TestAccount.Id}}"} }
            """);
        // Even recorded, the hierarchy's SCPs do not apply to the management account.
        new ScpHierarchyBuilder(TestAccount.Id, Scp.FullAwsAccess, Deny("p-nopassrole", "iam:PassRole"))
            .Under(Root, Scp.FullAwsAccess).Record(account.Record);
        var result = account.Run("aws-iam-018");
        Assert.Equal([PassRolePath, UpdateCodePath], Paths(result));
        Assert.Null(result.Reason);
        Assert.All(result.Findings, f => Assert.DoesNotContain("SCP", f.Description));
    }

    [Fact]
    public void Refused_SCP_reads_keep_every_path_and_say_the_SCPs_were_not_read()
    {
        var account = Account().InOrganization();
        ScpHierarchyBuilder.Refused(account.Record);
        var result = account.Run("aws-iam-018");
        Assert.Equal([PassRolePath, UpdateCodePath], Paths(result));
        Assert.Empty(result.Gaps);
        // The RCPs are read on the same refused walk: one note says both.
        Assert.StartsWith("SCPs and RCPs were not read, so no path was removed for being blocked by one", result.Reason);
        Assert.Contains("organizations:ListParents", result.Reason);
        Assert.Contains("access denied", result.Reason);
        Assert.All(result.Findings, f => Assert.EndsWith("SCPs and RCPs were not read: one may block this path.", f.Description));
    }

    [Fact]
    public void A_pass_without_readable_SCPs_still_says_so()
    {
        var account = new TestAccount().With(Authorization().User("reader", inline: [("read", ReadOnlyS3)])).InOrganization();
        account.InEveryRegion(ResourcePolicyCalls.ListFunctions, """{"Functions": []}""");
        ScpHierarchyBuilder.Refused(account.Record);
        var result = account.Run("aws-iam-018");
        Assert.Equal(CheckStatus.Pass, result.Status);
        Assert.StartsWith("SCPs and RCPs were not read", result.Reason);
    }

    [Fact]
    public void An_account_outside_any_organization_has_no_SCPs()
    {
        var result = Account().Standalone().Run("aws-iam-018");
        Assert.Equal([PassRolePath, UpdateCodePath], Paths(result));
        Assert.Null(result.Reason);
        Assert.All(result.Findings, f => Assert.DoesNotContain("SCP", f.Description));
    }

    [Fact]
    public void An_SCP_the_engine_cannot_parse_leaves_every_path_and_says_why()
    {
        var full = new[] { Scp.FullAwsAccess };
        var broken = new Scp("p-broken", "broken", """
            {"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":"iam:PassRole","Resource":"*"}]}
            """);
        var result = Governed(Account(), [Scp.FullAwsAccess, broken], full, full).Run("aws-iam-018");
        Assert.Equal([PassRolePath, UpdateCodePath], Paths(result));
        Assert.Contains($"SCP p-broken attached to {TestAccount.Id} could not be parsed", result.Reason);
    }

    [Fact]
    public void A_level_without_SCPs_means_SCPs_are_not_enabled()
    {
        var result = Governed(Account(), [], [], []).Run("aws-iam-018");
        Assert.Equal([PassRolePath, UpdateCodePath], Paths(result));
        Assert.Null(result.Reason);
    }
}
