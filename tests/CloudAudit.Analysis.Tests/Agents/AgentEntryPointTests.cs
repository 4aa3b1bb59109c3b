using System.Text.Json.Nodes;
using CloudAudit.Analysis.Agents;
using CloudAudit.Analysis.Chains;
using CloudAudit.Analysis.Exposure;
using CloudAudit.Analysis.Graph;
using CloudAudit.Analysis.Tests.Support;
using CloudAudit.Inventory.Catalog;
using static CloudAudit.Demo.DemoRecorder;
using static CloudAudit.Demo.IamAuthorizationBuilder;
using static CloudAudit.Analysis.Tests.Support.TestPolicies;

namespace CloudAudit.Analysis.Tests.Agents;

/// <summary>
/// How the graph reaches AI agents and notebooks, from real API answers: a Lambda function whose URL needs no auth
/// (so the internet reaches it) runs as role <c>web</c>; what <c>web</c> may do decides whether it can prompt an
/// AgentCore runtime, a gateway or a Bedrock agent (can_invoke) or open a notebook's Jupyter terminal (can_control).
/// Each is tested both ways: the grant that makes the edge, and the grant on something else or the authorizer that
/// refuses IAM callers.
/// </summary>
public sealed class AgentEntryPointTests
{
    private const string R = TestInventory.Region, A = TestInventory.Account;
    internal static readonly string WebArn = $"arn:aws:lambda:{R}:{A}:function:web";
    internal static readonly string WebRole = $"arn:aws:iam::{A}:role/web";
    internal static readonly string RuntimeArn = $"arn:aws:bedrock-agentcore:{R}:{A}:runtime/support-rt-1";
    internal static readonly string GatewayArn = $"arn:aws:bedrock-agentcore:{R}:{A}:gateway/gw-1";
    private static readonly string AgentArn = $"arn:aws:bedrock:{R}:{A}:agent/AG1";
    private static readonly string NotebookArn = $"arn:aws:sagemaker:{R}:{A}:notebook-instance/lab";
    private const string Issuer = "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Pool1/.well-known/openid-configuration";

    /// <summary>The public function <c>web</c> running as role <c>web</c> with <paramref name="webPolicy"/>, and a role <c>agent</c> (an administrator when asked) for what follows.</summary>
    internal static TestInventory Account(string webPolicy, bool adminAgent = true)
    {
        var inv = new TestInventory();
        inv.Iam.Role("web", Trust.Service("lambda.amazonaws.com"), inline: [("web", webPolicy)]);
        inv.Iam.Role("agent", Trust.Service("bedrock-agentcore.amazonaws.com"), inline: [adminAgent ? ("admin", Admin) : ("read", ReadOnly)]);
        inv.Record.Regional(LambdaCalls.ListFunctions, R, $$"""
            {"Functions": [{"FunctionName": "web", "FunctionArn": "{{WebArn}}", "Runtime": "python3.12", "Role": "{{WebRole}}"}]}
            """);
        inv.Record.Target(LambdaCalls.ListFunctionUrlConfigs, R, Params(("FunctionName", "web")), $$"""
            {"FunctionUrlConfigs": [{"FunctionUrl": "https://web.lambda-url.us-east-1.on.aws/", "FunctionArn": "{{WebArn}}", "AuthType": "NONE"}]}
            """);
        // The statement AWS adds for a URL without auth: without it Lambda refuses anonymous calls and the graph has no internet edge.
        var publicUrl = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"lambda:InvokeFunctionUrl","Resource":"WEB","Condition":{"StringEquals":{"lambda:FunctionUrlAuthType":"NONE"}}}]}""".Replace("WEB", WebArn, StringComparison.Ordinal);
        inv.Record.Target(ResourcePolicyCalls.GetFunctionPolicy, R, Params(("FunctionName", "web")), new JsonObject { ["Policy"] = publicUrl }.ToJsonString());
        return inv;
    }

    /// <summary>What GetResourcePolicy answers for the runtime or gateway: its policy, or ResourceNotFoundException when it has none.</summary>
    internal static void ResourcePolicy(TestInventory inv, string arn, string? policy)
    {
        if (policy is null)
            inv.Record.Failure(AgentCoreCalls.GetRuntimeResourcePolicy, R, Params(("resourceArn", arn)), Inventory.Snapshot.ErrorKind.NotFound,
                "ResourceNotFoundException", $"No resource policy found for {arn}", 404);
        else inv.Record.Target(AgentCoreCalls.GetRuntimeResourcePolicy, R, Params(("resourceArn", arn)), new JsonObject { ["policy"] = policy }.ToJsonString());
    }

    internal static TestInventory WithRuntime(TestInventory inv, bool jwt = false, string? resourcePolicy = null)
    {
        ResourcePolicy(inv, RuntimeArn, resourcePolicy);
        inv.Record.Regional(AgentCoreCalls.ListAgentRuntimes, R, """{"agentRuntimes": [{"agentRuntimeId": "support-rt-1"}]}""");
        var authorizer = jwt ? $$$""", "authorizerConfiguration": {"customJWTAuthorizer": {"discoveryUrl": "{{{Issuer}}}", "allowedClients": ["client-1"]}}""" : "";
        inv.Record.Target(AgentCoreCalls.GetAgentRuntime, R, Params(("agentRuntimeId", "support-rt-1")), $$"""
            {"agentRuntimeId": "support-rt-1", "agentRuntimeArn": "{{RuntimeArn}}", "agentRuntimeName": "support_rt", "roleArn": "{{inv.Iam.RoleArn("agent")}}",
             "networkConfiguration": {"networkMode": "PUBLIC"}, "metadataConfiguration": {"requireMMDSV2": true}{{authorizer}} }
            """);
        return inv;
    }

    internal static TestInventory WithGateway(TestInventory inv, string authorizer, string? resourcePolicy = null)
    {
        ResourcePolicy(inv, GatewayArn, resourcePolicy);
        inv.Record.Regional(AgentCoreCalls.ListGateways, R, """{"items": [{"gatewayId": "gw-1"}]}""");
        var jwt = authorizer == "CUSTOM_JWT" ? $$$""", "authorizerConfiguration": {"customJWTAuthorizer": {"discoveryUrl": "{{{Issuer}}}"}}""" : "";
        inv.Record.Target(AgentCoreCalls.GetGateway, R, Params(("gatewayIdentifier", "gw-1")), $$"""
            {"gatewayId": "gw-1", "gatewayArn": "{{GatewayArn}}", "name": "tools-gw", "roleArn": "{{inv.Iam.RoleArn("agent")}}",
             "protocolType": "MCP", "authorizerType": "{{authorizer}}"{{jwt}} }
            """);
        inv.Record.Target(AgentCoreCalls.ListGatewayTargets, R, Params(("gatewayIdentifier", "gw-1")), """{"items": []}""");
        return inv;
    }

    private static TestInventory WithBedrockAgent(TestInventory inv)
    {
        inv.Record.Regional(BedrockCalls.ListAgents, R, """{"agentSummaries": [{"agentId": "AG1", "agentName": "helpdesk", "agentStatus": "PREPARED"}]}""");
        inv.Record.Target(BedrockAgentCalls.GetAgent, R, Params(("agentId", "AG1")), $$"""
            {"agent": {"agentId": "AG1", "agentName": "helpdesk", "agentArn": "{{AgentArn}}", "agentStatus": "PREPARED",
              "foundationModel": "anthropic.claude-3-haiku", "agentResourceRoleArn": "{{inv.Iam.RoleArn("agent")}}"} }
            """);
        inv.Record.Target(BedrockAgentCalls.ListAgentActionGroups, R, Params(("agentId", "AG1"), ("agentVersion", "DRAFT")), """{"actionGroupSummaries": []}""");
        inv.Record.Target(BedrockAgentCalls.ListAgentKnowledgeBases, R, Params(("agentId", "AG1"), ("agentVersion", "DRAFT")), """{"agentKnowledgeBaseSummaries": []}""");
        return inv;
    }

    private static TestInventory WithNotebook(TestInventory inv)
    {
        inv.Record.Regional(SageMakerCalls.ListNotebookInstances, R, $$"""
            {"NotebookInstances": [{"NotebookInstanceName": "lab", "NotebookInstanceArn": "{{NotebookArn}}", "NotebookInstanceStatus": "InService"}]}
            """);
        inv.Record.Target(SageMakerCalls.DescribeNotebookInstance, R, Params(("NotebookInstanceName", "lab")), $$"""
            {"NotebookInstanceName": "lab", "NotebookInstanceArn": "{{NotebookArn}}", "NotebookInstanceStatus": "InService", "InstanceType": "ml.t3.medium",
             "RoleArn": "{{inv.Iam.RoleArn("agent")}}", "DirectInternetAccess": "Disabled", "RootAccess": "Disabled"}
            """);
        return inv;
    }

    private static GraphEdge? Invoke(SecurityGraph graph, string target) =>
        graph.In(target).SingleOrDefault(e => e.Type == EdgeType.CanInvoke && e.Source == WebRole);

    [Fact]
    public void A_runtime_a_public_functions_role_may_invoke_is_reached_from_the_internet_through_that_function()
    {
        var analysis = WithRuntime(Account(Allow("bedrock-agentcore:InvokeAgentRuntime", RuntimeArn))).Scan().AttackPaths;

        var edge = Assert.IsType<GraphEdge>(Invoke(analysis.Graph, RuntimeArn));
        Assert.Contains("bedrock-agentcore:InvokeAgentRuntime", edge.Evidence[0].Detail, StringComparison.Ordinal);
        var entry = Assert.Single(Assert.Single(analysis.Agents).EntryPoints);
        Assert.Equal((AgentEntryPoint.Principal, WebRole, true), (entry.Kind, entry.From, entry.InternetReachable));
        Assert.Contains(WebArn, entry.Detail, StringComparison.Ordinal);

        var chain = Assert.Single(analysis.Chains, c => c.ChainId == "CA-12");
        Assert.Equal([WebArn, WebRole, RuntimeArn, $"arn:aws:iam::{A}:role/agent"], chain.Resources);
        Assert.StartsWith("The internet reaches web", chain.AttackNarrative, StringComparison.Ordinal);
        Assert.Contains(chain.Findings, f => f.CheckId == "aws-lambda-001");
        var exposure = Assert.Single(ExposureRanking.Rank(new GraphView(analysis.Graph)), i => i.Node.Id == RuntimeArn);
        Assert.Equal(3, exposure.InternetHops);
    }

    [Fact]
    public void A_runtime_the_public_functions_role_may_not_invoke_has_no_entry_and_its_chain_starts_at_its_users()
    {
        var analysis = WithRuntime(Account(Allow("bedrock-agentcore:InvokeAgentRuntime", $"arn:aws:bedrock-agentcore:{R}:{A}:runtime/other-rt"))).Scan().AttackPaths;

        Assert.Null(Invoke(analysis.Graph, RuntimeArn));
        Assert.Empty(Assert.Single(analysis.Agents).EntryPoints);
        var chain = Assert.Single(analysis.Chains, c => c.ChainId == "CA-12");
        Assert.Equal([RuntimeArn, $"arn:aws:iam::{A}:role/agent"], chain.Resources);
        Assert.Equal("Prompt", chain.VizSteps[0].Label);
        Assert.Null(Assert.Single(ExposureRanking.Rank(new GraphView(analysis.Graph)), i => i.Node.Id == RuntimeArn).InternetHops);
    }

    [Fact]
    public void A_runtime_behind_a_JWT_authorizer_takes_no_IAM_caller_and_names_the_token_issuer()
    {
        var analysis = WithRuntime(Account(Allow("bedrock-agentcore:InvokeAgentRuntime", "*")), jwt: true).Scan().AttackPaths;

        Assert.Null(Invoke(analysis.Graph, RuntimeArn));
        var entry = Assert.Single(Assert.Single(analysis.Agents).EntryPoints);
        Assert.Equal((AgentEntryPoint.JwtIssuer, Issuer, false), (entry.Kind, entry.From, entry.InternetReachable));
        Assert.Contains("client client-1", entry.Detail, StringComparison.Ordinal);
        Assert.Equal(Issuer, analysis.Graph.Node(RuntimeArn).Attr("jwt_discovery_url"));
    }

    [Fact]
    public void A_gateway_without_an_authorizer_starts_its_chain_at_the_internet_with_the_finding_that_says_so()
    {
        var analysis = WithGateway(Account(ReadOnly), "NONE").Scan().AttackPaths;

        var entry = Assert.Single(Assert.Single(analysis.Agents).EntryPoints);
        Assert.Equal((AgentEntryPoint.Internet, true), (entry.Kind, entry.InternetReachable));
        var chain = Assert.Single(analysis.Chains, c => c.ChainId == "CA-12");
        Assert.Equal((VizStepType.Internet, "no authorizer"), (chain.VizSteps[0].Type, chain.VizSteps[1].EdgeLabel));
        Assert.Contains(chain.Findings, f => f.CheckId == "aws-agc-005");
        Assert.StartsWith("Anyone on the internet can call tools-gw", chain.AttackNarrative, StringComparison.Ordinal);
    }

    [Fact]
    public void An_IAM_gateway_is_invoked_by_the_roles_allowed_InvokeGateway_and_a_JWT_gateway_by_none()
    {
        var iam = WithGateway(Account(Allow("bedrock-agentcore:InvokeGateway", GatewayArn)), "AWS_IAM").Scan().AttackPaths;
        Assert.NotNull(Invoke(iam.Graph, GatewayArn));
        Assert.True(Assert.Single(Assert.Single(iam.Agents).EntryPoints).InternetReachable);

        var jwt = WithGateway(Account(Allow("bedrock-agentcore:InvokeGateway", GatewayArn)), "CUSTOM_JWT").Scan().AttackPaths;
        Assert.Null(Invoke(jwt.Graph, GatewayArn));
        var entry = Assert.Single(Assert.Single(jwt.Agents).EntryPoints);
        Assert.Equal(AgentEntryPoint.JwtIssuer, entry.Kind);
        Assert.Contains("no audience, client or scope limit", entry.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_Bedrock_agent_is_invoked_through_its_aliases_and_only_by_roles_allowed_on_them()
    {
        var allowed = WithBedrockAgent(Account(Allow("bedrock:InvokeAgent", $"arn:aws:bedrock:{R}:{A}:agent-alias/AG1/*"))).Scan().AttackPaths;
        var edge = Assert.IsType<GraphEdge>(Invoke(allowed.Graph, AgentArn));
        Assert.Contains("agent-alias/AG1/TSTALIASID", edge.Evidence[0].Detail, StringComparison.Ordinal);
        var blast = Assert.Single(BlastRadius.BlastRadiusAnalysis.From(new GraphView(allowed.Graph), allowed.Graph.Node(WebArn), 5, 50).Reached,
            s => s.Node.Id == AgentArn);
        Assert.Equal(EdgeType.CanInvoke, blast.Via!.Type);

        var other = WithBedrockAgent(Account(Allow("bedrock:InvokeAgent", $"arn:aws:bedrock:{R}:{A}:agent-alias/AG2/*"))).Scan().AttackPaths;
        Assert.Null(Invoke(other.Graph, AgentArn));
    }

    [Fact]
    public void CA_06_fires_when_a_public_functions_role_may_open_the_Jupyter_terminal_of_an_administrator_notebook()
    {
        var analysis = WithNotebook(Account(Allow("sagemaker:CreatePresignedNotebookInstanceUrl", NotebookArn))).Scan().AttackPaths;

        var control = Assert.Single(analysis.Graph.Out(WebRole), e => e.Type == EdgeType.CanControl);
        Assert.Equal(NotebookArn, control.Target);
        var chain = Assert.Single(analysis.Chains, c => c.ChainId == "CA-06");
        Assert.Equal([WebArn, WebRole, NotebookArn, $"arn:aws:iam::{A}:role/agent"], chain.Resources);
    }

    [Fact]
    public void CA_06_does_not_fire_when_the_notebook_the_role_may_open_runs_as_a_role_that_is_not_an_administrator()
    {
        var analysis = WithNotebook(Account(Allow("sagemaker:CreatePresignedNotebookInstanceUrl", NotebookArn), adminAgent: false)).Scan().AttackPaths;

        Assert.Contains(analysis.Graph.Out(WebRole), e => e.Type == EdgeType.CanControl && e.Target == NotebookArn);
        Assert.DoesNotContain(analysis.Chains, c => c.ChainId == "CA-06");
    }
}
