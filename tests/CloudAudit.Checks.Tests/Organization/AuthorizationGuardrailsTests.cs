using CloudAudit.Checks.Framework;
using CloudAudit.Checks.Tests.Support;
using CloudAudit.Inventory;
using CloudAudit.Inventory.Catalog;
using CloudAudit.Inventory.Snapshot;
using static CloudAudit.Checks.Tests.Organization.OrganizationTestData;

namespace CloudAudit.Checks.Tests.Organization;

/// <summary>aws-org-003: SCPs enabled on the root and a guardrail beyond FullAWSAccess over every member account.</summary>
public class AuthorizationGuardrailsTests
{
    private const string Id = "aws-org-003";
    private const string Root = "r-ab12";
    private const string Member = "222233334444";
    private const string Guardrail = "p-guard001";

    /// <summary>The tree as the caller lists it: each node's child OUs, accounts and SCP IDs (p-FullAWSAccess unless told).</summary>
    private sealed class Tree
    {
        public readonly TestAccount Account = new TestAccount("us-east-1").InOrganization().TrustedAccess();

        public Tree(bool scpsEnabled = true)
        {
            var types = scpsEnabled ? """[{"Type": "SERVICE_CONTROL_POLICY", "Status": "ENABLED"}]""" : "[]";
            Account.Record.Global(OrganizationTreeCalls.ListRoots, $$"""{"Roots": [{"Id": "{{Root}}", "Name": "Root", "PolicyTypes": {{types}}}]}""");
        }

        public Tree Node(string id, string[] units, string[] accounts)
        {
            Account.Record.Target(OrganizationTreeCalls.Levels[0].ListOrganizationalUnits, AwsIds.GlobalRegion, OrganizationTreeCalls.ChildrenOf(id),
                $$"""{"OrganizationalUnits": [{{string.Join(",", units.Select(u => $$"""{"Id": "{{u}}"}"""))}}]}""");
            Account.Record.Target(OrganizationTreeCalls.ListRootAccounts, AwsIds.GlobalRegion, OrganizationTreeCalls.ChildrenOf(id),
                $$"""{"Accounts": [{{string.Join(",", accounts.Select(a => $$"""{"Id": "{{a}}", "Name": "acct-{{a[..4]}}", "Status": "ACTIVE"}"""))}}]}""");
            return this;
        }

        public Tree Scps(string target, params string[] policies)
        {
            Account.Record.Target(OrganizationTreeCalls.ListRootPolicies, AwsIds.GlobalRegion, OrganizationCalls.PoliciesOf(target),
                $$"""{"Policies": [{{string.Join(",", policies.Prepend(OrganizationTreeCalls.FullAwsAccessPolicyId).Select(p => $$"""{"Id": "{{p}}"}"""))}}]}""");
            return this;
        }
    }

    /// <summary>Root → ou-ab12-work (→ ou-ab12-prod → the member), the management account under the root.</summary>
    private static Tree Nested(string? guardedAt)
    {
        var tree = new Tree()
            .Node(Root, ["ou-ab12-work"], [TestAccount.Id])
            .Node("ou-ab12-work", ["ou-ab12-prod"], [])
            .Node("ou-ab12-prod", [], [Member]);
        foreach (var node in new[] { Root, "ou-ab12-work", "ou-ab12-prod", Member, TestAccount.Id })
            if (node == guardedAt) tree.Scps(node, Guardrail);
            else tree.Scps(node);
        return tree;
    }

    [Fact]
    public void A_member_governed_by_nothing_but_FullAWSAccess_fails_by_name_with_an_attach_command_for_its_ou()
    {
        var result = Nested(guardedAt: null).Account.Run(Id);

        var finding = Assert.Single(result.Findings);
        Assert.Equal($"{OrganizationArn}/account/{Member}", finding.ResourceId);
        Assert.Equal($"Account acct-2222 ({Member}) has no SCP guardrail: its chain (root {Root}, OU ou-ab12-work, OU ou-ab12-prod, "
            + $"account {Member}) carries nothing but p-FullAWSAccess.", finding.Description);
        Assert.Equal("aws organizations attach-policy --policy-id <POLICY_ID> --target-id ou-ab12-prod", finding.Remediation!.Cli);
        Assert.Contains("resource \"aws_organizations_policy_attachment\"", finding.Remediation.Terraform);
        Assert.Contains("target_id = \"ou-ab12-prod\"", finding.Remediation.Terraform);
        // The management account, which SCPs do not govern, is neither failed nor passed.
        Assert.Equal([$"{OrganizationArn}/{Root}"], result.PassedResources);
    }

    [Theory]
    [InlineData(Root)]
    [InlineData("ou-ab12-work")]
    [InlineData("ou-ab12-prod")]
    [InlineData(Member)]
    public void A_guardrail_anywhere_on_the_chain_passes_the_member(string guardedAt)
    {
        var result = Nested(guardedAt).Account.Run(Id);

        Assert.Equal(CheckStatus.Pass, result.Status);
        Assert.Equal([$"{OrganizationArn}/account/{Member}", $"{OrganizationArn}/{Root}"], result.PassedResources);
    }

    [Fact]
    public void Scps_not_enabled_on_the_root_fail_the_root_with_an_enable_command()
    {
        var result = new Tree(scpsEnabled: false).Account.Run(Id);

        var finding = Assert.Single(result.Findings);
        Assert.Equal($"{OrganizationArn}/{Root}", finding.ResourceId);
        Assert.Equal("aws organizations enable-policy-type --root-id r-ab12 --policy-type SERVICE_CONTROL_POLICY", finding.Remediation!.Cli);
    }

    [Fact]
    public void An_account_directly_under_the_root_gets_the_policy_attached_to_itself()
    {
        var result = new Tree().Node(Root, [], [Member]).Scps(Root).Scps(Member).Account.Run(Id);

        Assert.Equal($"aws organizations attach-policy --policy-id <POLICY_ID> --target-id {Member}", Assert.Single(result.Findings).Remediation!.Cli);
    }

    [Fact]
    public void Unread_policies_or_tree_leave_what_they_could_hide_not_assessed_never_passed()
    {
        var deniedOuPolicies = Nested(guardedAt: null);
        deniedOuPolicies.Account.Record.Failure(OrganizationTreeCalls.ListRootPolicies, AwsIds.GlobalRegion, OrganizationCalls.PoliciesOf("ou-ab12-work"),
            ErrorKind.Throttled, "TooManyRequestsException", "rate exceeded", 400);
        var result = deniedOuPolicies.Account.Run(Id);
        Assert.Equal(CheckStatus.NotAssessed, result.Status);
        Assert.Empty(result.Findings);
        Assert.Equal(("ListPoliciesForTarget", ErrorKind.Throttled), (Assert.Single(result.Gaps).Operation, result.Gaps[0].Kind));

        var deniedUnits = new Tree().Node(Root, [], [Member]).Scps(Root).Scps(Member);
        deniedUnits.Account.Denied(OrganizationTreeCalls.Levels[0].ListOrganizationalUnits, AwsIds.GlobalRegion, OrganizationTreeCalls.ChildrenOf(Root));
        var partial = deniedUnits.Account.Run(Id);
        Assert.Single(partial.Findings);
        Assert.Single(partial.Gaps);

        var deniedRoots = new TestAccount("us-east-1").InOrganization().TrustedAccess().Denied(OrganizationTreeCalls.ListRoots, AwsIds.GlobalRegion);
        Assert.Equal(CheckStatus.NotAssessed, deniedRoots.Run(Id).Status);

        // Under a guardrail, an unread list hides nothing that could fail.
        var guarded = new Tree().Scps(Root, Guardrail);
        guarded.Account.Record.Target(OrganizationTreeCalls.Levels[0].ListOrganizationalUnits, AwsIds.GlobalRegion, OrganizationTreeCalls.ChildrenOf(Root),
            """{"OrganizationalUnits": []}""");
        guarded.Account.Record.Failure(OrganizationTreeCalls.ListRootAccounts, AwsIds.GlobalRegion, OrganizationTreeCalls.ChildrenOf(Root),
            ErrorKind.Throttled, "TooManyRequestsException", "rate exceeded", 400);
        Assert.Equal(CheckStatus.Pass, guarded.Account.Run(Id).Status);
    }

    [Fact]
    public void The_declared_reads_walk_down_from_the_root_level_by_level()
    {
        static List<string?> Targets(ApiCall call, string response) =>
            [.. call.Targets!(new ParentResponse(TestAccount.Id, "aws", AwsIds.GlobalRegion, null, System.Text.Json.Nodes.JsonNode.Parse(response)!, ["us-east-1"]))
                .Select(t => t.Parameters!["ParentId"]?.GetValue<string>() ?? t.Parameters!["TargetId"]?.GetValue<string>())];
        const string roots = """{"Roots": [{"Id": "r-ab12"}]}""";
        const string units = """{"OrganizationalUnits": [{"Id": "ou-ab12-a"}, {"Id": "ou-ab12-b"}]}""";

        Assert.Equal(["r-ab12"], Targets(OrganizationTreeCalls.Levels[0].ListOrganizationalUnits, roots));
        Assert.Equal(["r-ab12"], Targets(OrganizationTreeCalls.ListRootAccounts, roots));
        Assert.Equal(["r-ab12"], Targets(OrganizationTreeCalls.ListRootPolicies, roots));
        for (var level = 1; level < OrganizationTreeCalls.OuDepth; level++)
            Assert.Equal(["ou-ab12-a", "ou-ab12-b"], Targets(OrganizationTreeCalls.Levels[level].ListOrganizationalUnits, units));
        Assert.Equal(["ou-ab12-a", "ou-ab12-b"], Targets(OrganizationTreeCalls.Levels[0].ListAccounts, units));
        Assert.Equal(["ou-ab12-a", "ou-ab12-b"], Targets(OrganizationTreeCalls.Levels[4].ListPolicies, units));
        Assert.Equal([Member], Targets(OrganizationTreeCalls.Levels[2].ListAccountPolicies, $$"""{"Accounts": [{"Id": "{{Member}}"}]}"""));
        Assert.Equal(OrganizationTreeCalls.Levels[3].ListOrganizationalUnits, OrganizationTreeCalls.Levels[4].ListOrganizationalUnits.Parent);
    }

    [Fact]
    public void A_member_refused_the_organization_reads_is_not_applicable()
    {
        var member = new TestAccount("us-east-1").InOrganization("999988887777").Denied(OrganizationTreeCalls.ListRoots, AwsIds.GlobalRegion);
        Assert.Equal(CheckStatus.NotApplicable, member.Run(Id).Status);
    }
}
