using CloudAudit.Analysis.Agents;
using CloudAudit.Analysis.Exposure;
using CloudAudit.Analysis.Graph;
using CloudAudit.Analysis.Tests.Support;
using CloudAudit.Inventory.Catalog;
using static CloudAudit.Analysis.Tests.Agents.AgentEntryPointTests;
using static CloudAudit.Analysis.Tests.Support.TestPolicies;
using static CloudAudit.Demo.DemoRecorder;

namespace CloudAudit.Analysis.Tests.Agents;

/// <summary>
/// An AgentCore runtime's or gateway's resource policy (GetResourcePolicy) adds who outside the account may invoke
/// it: anyone ("*", with no condition that restricts the caller) or another account. No policy is an answer; a policy
/// that was not read leaves who may invoke it not assessed, said as a gap.
/// </summary>
public sealed class AgentCoreResourcePolicyTests
{
    private const string R = TestInventory.Region, A = TestInventory.Account;
    private const string Partner = "444455556666";

    private static string Policy(string action, string resource, string principal, string condition = "") => $$"""
        {"Version":"2012-10-17","Statement":[{"Sid":"callers","Effect":"Allow","Principal":{{principal}},"Action":"{{action}}","Resource":"{{resource}}"{{condition}}}]}
        """;

    private static string RuntimePolicy(string principal, string condition = "") =>
        Policy("bedrock-agentcore:InvokeAgentRuntime", RuntimeArn, principal, condition);

    [Fact]
    public void A_runtime_whose_policy_lets_anyone_invoke_it_is_reached_by_any_AWS_principal_and_its_chain_starts_there()
    {
        var analysis = WithRuntime(Account(ReadOnly), resourcePolicy: RuntimePolicy("\"*\"")).Scan().AttackPaths;

        var edge = Assert.Single(analysis.Graph.In(RuntimeArn), e => e.Type == EdgeType.CanInvoke && e.Source == "*");
        Assert.Equal("bedrock-agentcore-control:GetResourcePolicy", edge.Evidence[0].Source);
        Assert.Equal("callers", Assert.Single(edge.Evidence[0].Statements).Sid);
        var entry = Assert.Single(Assert.Single(analysis.Agents).EntryPoints, e => e.From == "*");
        Assert.True(entry.InternetReachable);
        Assert.Contains("any AWS account", entry.Detail, StringComparison.Ordinal);
        Assert.Equal("true", analysis.Graph.Node(RuntimeArn).Attr("public_resource_policy"));
        Assert.NotNull(Assert.Single(ExposureRanking.Rank(new GraphView(analysis.Graph)), i => i.Node.Id == RuntimeArn).InternetHops);
    }

    [Fact]
    public void A_policy_for_anyone_in_the_organization_only_admits_no_one_at_large()
    {
        var analysis = WithRuntime(Account(ReadOnly),
            resourcePolicy: RuntimePolicy("\"*\"", ""","Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-abc123"}}""")).Scan().AttackPaths;

        Assert.DoesNotContain(analysis.Graph.In(RuntimeArn), e => e.Type == EdgeType.CanInvoke && e.Source == "*");
        Assert.DoesNotContain(Assert.Single(analysis.Agents).EntryPoints, e => e.From == "*");
    }

    [Fact]
    public void A_policy_that_admits_another_account_adds_it_as_an_outside_party_on_the_can_invoke_side()
    {
        var analysis = WithGateway(Account(ReadOnly), "AWS_IAM",
            resourcePolicy: Policy("bedrock-agentcore:InvokeGateway", GatewayArn, $$"""{"AWS":"arn:aws:iam::{{Partner}}:root"}""")).Scan().AttackPaths;

        var partner = $"arn:aws:iam::{Partner}:root";
        var edge = Assert.Single(analysis.Graph.In(GatewayArn), e => e.Type == EdgeType.CanInvoke && e.Source == partner);
        Assert.Contains($"principals of account {Partner}", edge.Evidence[0].Detail, StringComparison.Ordinal);
        Assert.Equal(NodeType.ExternalAccount, analysis.Graph.Node(partner).Type);
        var entry = Assert.Single(Assert.Single(analysis.Agents).EntryPoints, e => e.From == partner);
        Assert.False(entry.InternetReachable);
    }

    [Fact]
    public void A_JWT_gateway_takes_no_SigV4_caller_whatever_its_policy_says_and_says_so()
    {
        var analysis = WithGateway(Account(ReadOnly), "CUSTOM_JWT",
            resourcePolicy: Policy("bedrock-agentcore:InvokeGateway", GatewayArn, "\"*\"")).Scan().AttackPaths;

        Assert.DoesNotContain(analysis.Graph.In(GatewayArn), e => e.Type == EdgeType.CanInvoke);
        Assert.Contains(Assert.Single(analysis.Agents).Notes, n => n.Contains("refuses SigV4 callers", StringComparison.Ordinal));
    }

    [Fact]
    public void A_runtime_without_a_policy_is_invoked_only_by_whom_identity_policies_allow_and_has_no_gap()
    {
        var analysis = WithRuntime(Account(Allow("bedrock-agentcore:InvokeAgentRuntime", RuntimeArn))).Scan().AttackPaths;

        // The web role by its identity policy, the runtime's own (administrator) role by its own: no one from outside.
        Assert.Equal([WebRole, $"arn:aws:iam::{A}:role/agent"], analysis.Graph.In(RuntimeArn).Where(e => e.Type == EdgeType.CanInvoke).Select(e => e.Source));
        Assert.Contains("no resource policy", Assert.Single(analysis.Agents).Notes);
        Assert.DoesNotContain(analysis.Graph.Gaps, g => g.What.Contains("support_rt", StringComparison.Ordinal));
    }

    [Fact]
    public void A_same_account_role_the_policy_names_may_invoke_though_its_own_policies_do_not_say_so()
    {
        var analysis = WithRuntime(Account(ReadOnly), resourcePolicy: RuntimePolicy($$"""{"AWS":"{{WebRole}}"}""")).Scan().AttackPaths;

        Assert.Contains(analysis.Graph.In(RuntimeArn), e => e.Type == EdgeType.CanInvoke && e.Source == WebRole);
    }

    [Fact]
    public void A_runtime_whose_policy_could_not_be_read_is_a_gap_and_no_one_is_said_to_invoke_it()
    {
        var inv = Account(Allow("bedrock-agentcore:InvokeAgentRuntime", RuntimeArn));
        inv.Record.Failure(AgentCoreCalls.GetRuntimeResourcePolicy, R, Params(("resourceArn", RuntimeArn)), Inventory.Snapshot.ErrorKind.AccessDenied,
            "AccessDeniedException", "not authorized to perform bedrock-agentcore:GetResourcePolicy", 403);
        WithRuntimeOnly(inv);

        var analysis = inv.Scan().AttackPaths;

        Assert.DoesNotContain(analysis.Graph.In(RuntimeArn), e => e.Type == EdgeType.CanInvoke);
        var gap = Assert.Single(analysis.Graph.Gaps, g => g.What.Contains("who may invoke runtime support_rt", StringComparison.Ordinal));
        Assert.Contains("not authorized", gap.Cause, StringComparison.Ordinal);
        Assert.Contains(Assert.Single(analysis.Agents).Notes, n => n.StartsWith("resource policy: not assessed", StringComparison.Ordinal));
    }

    /// <summary>The runtime without the default (no policy) answer, so that the test's own failure stands.</summary>
    private static void WithRuntimeOnly(TestInventory inv)
    {
        inv.Record.Regional(AgentCoreCalls.ListAgentRuntimes, R, """{"agentRuntimes": [{"agentRuntimeId": "support-rt-1"}]}""");
        inv.Record.Target(AgentCoreCalls.GetAgentRuntime, R, Params(("agentRuntimeId", "support-rt-1")), $$"""
            {"agentRuntimeId": "support-rt-1", "agentRuntimeArn": "{{RuntimeArn}}", "agentRuntimeName": "support_rt", "roleArn": "{{inv.Iam.RoleArn("agent")}}",
             "networkConfiguration": {"networkMode": "PUBLIC"}, "metadataConfiguration": {"requireMMDSV2": true} }
            """);
    }
}
