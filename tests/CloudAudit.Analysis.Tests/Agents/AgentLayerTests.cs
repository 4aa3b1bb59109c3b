using CloudAudit.Analysis.Agents;
using CloudAudit.Analysis.Graph;
using CloudAudit.Analysis.Tests.Support;
using CloudAudit.Inventory.Catalog;
using static CloudAudit.Demo.DemoRecorder;
using static CloudAudit.Demo.IamAuthorizationBuilder;
using static CloudAudit.Analysis.Tests.Support.TestPolicies;

namespace CloudAudit.Analysis.Tests.Agents;

/// <summary>
/// The agent layer from real API answers: a Bedrock agent with a read-only role whose action group calls a Lambda
/// function, and an AgentCore gateway; who is an administrator decides which agent reaches the account.
/// </summary>
public sealed class AgentLayerTests
{
    private const string R = TestInventory.Region, A = TestInventory.Account;
    private static readonly string AgentArn = $"arn:aws:bedrock:{R}:{A}:agent/AG1";
    private static readonly string ToolArn = $"arn:aws:lambda:{R}:{A}:function:refunds";
    private static readonly string OtherArn = $"arn:aws:lambda:{R}:{A}:function:payroll";
    private static readonly string GatewayArn = $"arn:aws:bedrock-agentcore:{R}:{A}:gateway/gw-1";

    /// <summary>
    /// The agent's tool is <c>refunds</c>; <paramref name="adminTool"/> decides whether that function or the unrelated
    /// <c>payroll</c> runs as the administrator role. The gateway has <paramref name="gatewayAuthorizer"/> and an admin role when asked.
    /// </summary>
    private static TestInventory Account(bool adminTool, string gatewayAuthorizer = "AWS_IAM", bool adminGateway = false, bool agentDetails = true)
    {
        var inv = new TestInventory();
        inv.Iam.Role("agent", Trust.Service("bedrock.amazonaws.com"), inline: [("read", ReadOnly)]);
        inv.Iam.Role("ops-admin", Trust.Service("lambda.amazonaws.com"), inline: [("admin", Admin)]);
        inv.Iam.Role("plain", Trust.Service("lambda.amazonaws.com"), inline: [("read", ReadOnly)]);
        inv.Iam.Role("gateway", Trust.Service("bedrock-agentcore.amazonaws.com"), inline: [adminGateway ? ("admin", Admin) : ("read", ReadOnly)]);
        var admin = inv.Iam.RoleArn("ops-admin");
        var plain = inv.Iam.RoleArn("plain");
        inv.Record.Regional(LambdaCalls.ListFunctions, R, $$"""
            {"Functions": [{"FunctionName": "refunds", "FunctionArn": "{{ToolArn}}", "Runtime": "python3.12", "Role": "{{(adminTool ? admin : plain)}}"},
                           {"FunctionName": "payroll", "FunctionArn": "{{OtherArn}}", "Runtime": "python3.12", "Role": "{{(adminTool ? plain : admin)}}"}]}
            """);
        inv.Record.Regional(BedrockCalls.ListAgents, R, """{"agentSummaries": [{"agentId": "AG1", "agentName": "support-bot", "agentStatus": "PREPARED"}]}""");
        if (agentDetails)
        {
            inv.Record.Target(BedrockAgentCalls.GetAgent, R, Params(("agentId", "AG1")), $$"""
                {"agent": {"agentId": "AG1", "agentName": "support-bot", "agentArn": "{{AgentArn}}", "agentStatus": "PREPARED",
                  "foundationModel": "anthropic.claude-3-haiku", "agentResourceRoleArn": "{{inv.Iam.RoleArn("agent")}}"} }
                """);
            inv.Record.Target(BedrockAgentCalls.ListAgentActionGroups, R, Params(("agentId", "AG1"), ("agentVersion", "DRAFT")),
                """{"actionGroupSummaries": [{"actionGroupId": "G1", "actionGroupName": "refund-tools", "actionGroupState": "ENABLED"}]}""");
            inv.Record.Target(BedrockAgentCalls.GetAgentActionGroup, R, Params(("agentId", "AG1"), ("agentVersion", "DRAFT"), ("actionGroupId", "G1")), $$"""
                {"agentActionGroup": {"actionGroupId": "G1", "actionGroupName": "refund-tools", "actionGroupState": "ENABLED",
                  "actionGroupExecutor": {"lambda": "{{ToolArn}}:live"} } }
                """);
            inv.Record.Target(BedrockAgentCalls.ListAgentKnowledgeBases, R, Params(("agentId", "AG1"), ("agentVersion", "DRAFT")), """{"agentKnowledgeBaseSummaries": []}""");
        }
        inv.Record.Regional(AgentCoreCalls.ListGateways, R, """{"items": [{"gatewayId": "gw-1", "name": "tools-gw"}]}""");
        inv.Record.Target(AgentCoreCalls.GetGateway, R, Params(("gatewayIdentifier", "gw-1")), $$"""
            {"gatewayId": "gw-1", "gatewayArn": "{{GatewayArn}}", "name": "tools-gw", "roleArn": "{{inv.Iam.RoleArn("gateway")}}",
             "protocolType": "MCP", "authorizerType": "{{gatewayAuthorizer}}"}
            """);
        inv.Record.Target(AgentCoreCalls.ListGatewayTargets, R, Params(("gatewayIdentifier", "gw-1")), """{"items": [{"targetId": "T1", "name": "search"}]}""");
        inv.Record.Target(AgentCoreCalls.GetGatewayTarget, R, Params(("gatewayIdentifier", "gw-1"), ("targetId", "T1")), """
            {"targetId": "T1", "name": "search", "targetConfiguration": {"mcp": {"mcpServer": {"endpoint": "https://search.example.com/mcp"}}},
             "credentialProviderConfigurations": [{"credentialProviderType": "OAUTH"}]}
            """);
        return inv;
    }

    [Fact]
    public void The_agent_runs_as_its_role_and_uses_its_action_group_function_unqualified()
    {
        var report = Account(adminTool: true).Scan();
        var graph = report.AttackPaths.Graph;
        Assert.Equal(NodeType.BedrockAgent, graph.Node(AgentArn).Type);
        Assert.Contains(graph.Out(AgentArn), e => e.Type == EdgeType.RunsAs && e.Target == $"arn:aws:iam::{A}:role/agent");
        var tool = Assert.Single(graph.Out(AgentArn), e => e.Type == EdgeType.UsesTool);
        Assert.Equal(ToolArn, tool.Target);
        Assert.Equal("bedrock-agent:GetAgentActionGroup", tool.Evidence[0].Source);

        var agent = Assert.Single(report.AttackPaths.Agents, a => a.Kind == "bedrock_agent");
        Assert.Equal(("AG1", "support-bot", "anthropic.claude-3-haiku", false), (agent.AgentId, agent.Name, agent.FoundationModel, agent.GuardrailAttached));
        var lambdaTool = Assert.Single(agent.Tools);
        Assert.Equal(("action_group_lambda", ToolArn, $"arn:aws:iam::{A}:role/ops-admin"), (lambdaTool.Kind, lambdaTool.TargetArn, lambdaTool.ExecutionRoleArn));
        Assert.Equal(report.AttackPaths.Agents.Count, report.Summary.AgentsDiscovered);
    }

    [Fact]
    public void CA_12_fires_when_the_agents_own_tool_runs_as_an_administrator()
    {
        var chain = Assert.Single(Account(adminTool: true).Scan().AttackPaths.Chains, c => c.ChainId == "CA-12");
        Assert.Equal(AgentArn, chain.Anchor);
        Assert.Equal([AgentArn, ToolArn, $"arn:aws:iam::{A}:role/ops-admin"], chain.Resources);
    }

    [Fact]
    public void CA_12_does_not_fire_when_the_administrator_runs_a_function_the_agent_does_not_call()
    {
        var report = Account(adminTool: false).Scan();
        Assert.DoesNotContain(report.AttackPaths.Chains, c => c.ChainId == "CA-12");
        var blast = Assert.Single(AgentBlast.Analyze(report.AttackPaths, "support"));
        Assert.False(blast.TakesAccount);
    }

    [Fact]
    public void Agent_blast_separates_identity_takeover_from_behaviour_takeover()
    {
        var analysis = Account(adminTool: true).Scan().AttackPaths;
        var blast = Assert.Single(AgentBlast.Analyze(analysis, "SUPPORT-BOT"));

        var identity = Assert.Single(blast.IdentityTakeover);
        Assert.Equal($"arn:aws:iam::{A}:role/agent", identity.Seed.Id);
        Assert.Empty(identity.AccountsTaken);
        var tool = Assert.Single(blast.BehaviourTakeover);
        Assert.Single(tool.Radius!.AccountsTaken);
        Assert.StartsWith("a prompt that steers support-bot to its tool refund-tools reaches administrator", blast.Headline, StringComparison.Ordinal);
        Assert.Contains(blast.Reaches, r => r.Category == AgentBlast.Admin && r.Via == "tool refund-tools");
        Assert.Equal(["CA-12"], blast.Chains.Select(c => c.ChainId));
        Assert.Contains("ASI02 Tool Misuse", blast.Asi);
        Assert.Contains("AML.T0053 AI Agent Tool Invocation", blast.Atlas);
    }

    [Fact]
    public void A_gateway_without_an_authorizer_is_reachable_from_the_internet_and_its_admin_role_is_a_chain()
    {
        var report = Account(adminTool: false, gatewayAuthorizer: "NONE", adminGateway: true).Scan();
        var graph = report.AttackPaths.Graph;
        var edge = Assert.Single(graph.In(GatewayArn), e => e.Type == EdgeType.ReachableFromInternet);
        Assert.Equal("aws-agc-005", Assert.Single(edge.Evidence).Finding?.CheckId);
        Assert.Equal(GatewayArn, Assert.Single(report.AttackPaths.Chains, c => c.ChainId == "CA-12").Anchor);
        var gateway = Assert.Single(report.AttackPaths.Agents, a => a.Kind == "agentcore_gateway");
        Assert.Equal(("gateway_target_mcp_server", "https://search.example.com/mcp"), (gateway.Tools[0].Kind, gateway.Tools[0].Detail));
        var blast = Assert.Single(AgentBlast.Analyze(report.AttackPaths, "tools-gw"));
        Assert.StartsWith("tools-gw's own identity (role gateway) reaches administrator", blast.Headline, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_gateway_behind_an_authorizer_is_not_an_entry_point()
    {
        var report = Account(adminTool: false, gatewayAuthorizer: "AWS_IAM", adminGateway: true).Scan();
        Assert.DoesNotContain(report.AttackPaths.Graph.In(GatewayArn), e => e.Type == EdgeType.ReachableFromInternet);
    }

    [Fact]
    public void An_agent_whose_details_were_not_collected_is_listed_with_what_is_missing()
    {
        var report = Account(adminTool: true, agentDetails: false).Scan();
        var agent = Assert.Single(report.AttackPaths.Agents, a => a.Kind == "bedrock_agent");
        Assert.Empty(agent.PrincipalArns);
        Assert.Null(agent.GuardrailAttached);
        Assert.Contains(agent.Notes, n => n.Contains("GetAgent", StringComparison.Ordinal));
        Assert.DoesNotContain(report.AttackPaths.Chains, c => c.ChainId == "CA-12" && c.Anchor.Contains("agent/", StringComparison.Ordinal));
        var blast = Assert.Single(AgentBlast.Analyze(report.AttackPaths, "support-bot"));
        Assert.Contains(blast.CoverageNotes, n => n.Contains("not assessed", StringComparison.Ordinal));
    }

    [Fact]
    public void Selecting_an_agent_matches_name_id_or_arn_and_nothing_else()
    {
        var agents = Account(adminTool: true).Scan().AttackPaths.Agents;
        Assert.Equal(2, AgentBlast.Select(agents, null).Count);
        Assert.Equal("support-bot", Assert.Single(AgentBlast.Select(agents, "ag1")).Name);
        Assert.Equal("tools-gw", Assert.Single(AgentBlast.Select(agents, "gateway/gw-1")).Name);
        Assert.Empty(AgentBlast.Select(agents, "nobody"));
    }
}
