using CloudAudit.Analysis.Agents;
using CloudAudit.Inventory;
using CloudAudit.Inventory.Views;

namespace CloudAudit.Analysis.Graph.Build;

/// <summary>
/// AI agents and what they act with: Bedrock agents (their resource role, the Lambda functions of their action groups,
/// the S3 buckets behind their knowledge bases), AgentCore runtimes, gateways (their role and the targets they call)
/// and custom code interpreters (their execution role). A gateway without an authorizer is an entry point from the
/// internet, and a runtime's or gateway's resource policy may admit anyone or other accounts
/// (<see cref="AgentCoreResourcePolicies"/>). Each agent is also described as the report's <c>agents[]</c> entry.
/// </summary>
internal sealed class AgentLayer(GraphDraft g, IdentityLayer identity, AccessFacts access)
{
    /// <summary>A runtime's inbound authorization without a JWT authorizer: callers sign their requests with IAM credentials.</summary>
    public const string SigV4 = "SigV4 (IAM)";

    private readonly List<AgentIdentity> _agents = [];

    public static IReadOnlyList<AgentIdentity> Add(GraphDraft g, AccountData data, IdentityLayer identity, AccessFacts access)
    {
        var layer = new AgentLayer(g, identity, access);
        layer.BedrockAgents(data);
        layer.Runtimes(data);
        layer.Gateways(data);
        layer.CodeInterpreters(data);
        return layer._agents;
    }

    private void BedrockAgents(AccountData data)
    {
        var view = data.BedrockAgents();
        var agents = view.Agents();
        foreach (var gap in agents.Gaps) g.Gap("Bedrock agents", gap);
        foreach (var located in agents.Items)
        {
            var notes = new List<string>();
            if (!view.Agent(located).TryGet(out var a, out var detailGap))
            {
                Unread(notes, $"Bedrock agent {located.Resource.AgentName}", detailGap!);
                a = new BedrockAgent(located.Resource.AgentId, located.Resource.AgentName,
                    g.Arn("bedrock", located.Region, $"agent/{located.Resource.AgentId}"), null, null, null, null);
            }
            // Without GetAgent's answer, whether a guardrail is attached is unknown.
            bool? guardrail = a.AgentStatus is null ? null : a.GuardrailConfiguration?.GuardrailIdentifier is { Length: > 0 };
            var id = g.Node(a.AgentArn, NodeType.BedrockAgent, a.AgentName, located.Region,
                ("foundation_model", a.FoundationModel), ("status", a.AgentStatus), ("guardrail", guardrail?.ToString().ToLowerInvariant()));
            g.Alias(a.AgentId, id);
            var principals = RunsAs(id, a.AgentResourceRoleArn, "bedrock-agent:GetAgent", "agent resource role");
            var tools = new List<AgentTool>();
            var groups = view.ActionGroups(located);
            foreach (var gap in groups.Gaps) Unread(notes, $"action groups of Bedrock agent {a.AgentName}", gap);
            foreach (var group in groups.Items.Where(x => x.ActionGroupState != "DISABLED"))
            {
                if (group.ActionGroupExecutor?.Lambda is { } lambda)
                    tools.Add(Tool(id, group.ActionGroupName, "action_group_lambda", FunctionArn(lambda), located.Region,
                        "bedrock-agent:GetAgentActionGroup", $"action group {group.ActionGroupName} calls Lambda function {lambda}"));
                else if (group.ActionGroupExecutor?.CustomControl is { } control)
                    tools.Add(new AgentTool { Name = group.ActionGroupName, Kind = "action_group_custom_control", Region = located.Region,
                        Detail = $"{control}: the calling application runs the action with its own identity" });
            }
            var sources = new List<string>();
            var bases = view.KnowledgeBases(located);
            foreach (var gap in bases.Gaps) Unread(notes, $"knowledge bases of Bedrock agent {a.AgentName}", gap);
            foreach (var kb in bases.Items)
            {
                tools.Add(new AgentTool { Name = kb.KnowledgeBase.Name, Kind = "knowledge_base", TargetArn = kb.KnowledgeBase.KnowledgeBaseArn,
                    ExecutionRoleArn = kb.KnowledgeBase.RoleArn, Region = located.Region, Detail = "retrieval (RAG) source" });
                foreach (var bucket in kb.DataSources.Select(s => s.DataSourceConfiguration?.S3Configuration?.BucketArn).OfType<string>())
                {
                    sources.Add(bucket);
                    var node = g.Resolve(bucket) ?? g.Node(bucket, NodeType.S3Bucket, bucket[(bucket.LastIndexOf(':') + 1)..], AwsIds.GlobalRegion);
                    g.Edge(id, node, EdgeType.KnowledgeBase,
                        Evidence.Context("bedrock-agent:GetDataSource", $"knowledge base {kb.KnowledgeBase.Name} retrieves from {bucket}"));
                }
            }
            if (guardrail == false) notes.Add("no guardrail attached");
            _agents.Add(Identity(a.AgentId, a.AgentName, "bedrock_agent", a.AgentArn, located.Region, principals, tools, notes) with
            {
                DataSources = [.. sources.Distinct(StringComparer.Ordinal)], FoundationModel = a.FoundationModel, GuardrailAttached = guardrail,
            });
        }
    }

    private void Runtimes(AccountData data)
    {
        var runtimes = data.AgentCore().Runtimes();
        foreach (var gap in runtimes.Gaps) g.Gap("AgentCore agent runtimes", gap);
        foreach (var located in runtimes.Items)
        {
            var r = located.Resource;
            var mode = r.NetworkConfiguration?.NetworkMode;
            // PUBLIC or VPC is where the runtime's own traffic goes; every call in passes AgentCore's endpoint and its authorizer.
            var jwt = r.AuthorizerConfiguration?.CustomJwtAuthorizer;
            var inbound = jwt is null ? SigV4 : "JWT";
            var id = g.Node(r.AgentRuntimeArn, NodeType.AgentCoreRuntime, r.AgentRuntimeName, located.Region,
                ("network_mode", mode), ("inbound_auth", inbound), ("require_mmdsv2", r.MetadataConfiguration?.RequireMmdsV2 == true ? "true" : "false"),
                ("jwt_discovery_url", jwt?.DiscoveryUrl));
            g.Alias(r.AgentRuntimeId, id);
            var principals = RunsAs(id, r.RoleArn, "bedrock-agentcore-control:GetAgentRuntime", "runtime role");
            List<string> notes = [$"network mode {mode ?? "unknown"}", $"inbound authorization {inbound}"];
            if (r.MetadataConfiguration?.RequireMmdsV2 != true) notes.Add("MMDSv1 answers inside the runtime");
            ResourcePolicy(id, $"runtime {r.AgentRuntimeName}", r.AgentRuntimeArn, AgentCoreResourcePolicies.InvokeRuntime, jwt is null, notes);
            _agents.Add(Identity(r.AgentRuntimeId, r.AgentRuntimeName, "agentcore_runtime", r.AgentRuntimeArn, located.Region, principals, [], notes)
                with { EntryPoints = AgentEntryPoints.Jwt(jwt) });
        }
    }

    private void Gateways(AccountData data)
    {
        var view = data.AgentCore();
        var gateways = view.Gateways();
        foreach (var gap in gateways.Gaps) g.Gap("AgentCore gateways", gap);
        foreach (var located in gateways.Items)
        {
            var gw = located.Resource;
            var jwt = gw.AuthorizerType == "CUSTOM_JWT" ? gw.AuthorizerConfiguration?.CustomJwtAuthorizer : null;
            var id = g.Node(gw.GatewayArn, NodeType.AgentCoreGateway, gw.Name, located.Region,
                ("authorizer", gw.AuthorizerType), ("gateway_url", gw.GatewayUrl), ("policy_engine_mode", gw.PolicyEngineConfiguration?.Mode),
                ("jwt_discovery_url", jwt?.DiscoveryUrl));
            g.Alias(gw.GatewayId, id);
            var principals = RunsAs(id, gw.RoleArn, "bedrock-agentcore-control:GetGateway", "gateway role");
            var notes = new List<string> { $"authorizer {gw.AuthorizerType ?? "unknown"}" };
            if (gw.AuthorizerType == "NONE")
            {
                g.Edge(SecurityGraph.InternetId, id, EdgeType.ReachableFromInternet,
                    Evidence.Grant("bedrock-agentcore-control:GetGateway", $"gateway {gw.Name} has no authorizer (authorizerType NONE): anyone with its URL can call its tools",
                        g.Findings.For("aws-agc-005", gw.GatewayArn)));
                g.SetAttr(id, "internet_reachable", "true");
            }
            ResourcePolicy(id, $"gateway {gw.Name}", gw.GatewayArn, AgentCoreResourcePolicies.InvokeGateway, gw.AuthorizerType == "AWS_IAM", notes);
            var tools = new List<AgentTool>();
            var targets = view.Targets(located);
            foreach (var gap in targets.Gaps) Unread(notes, $"targets of gateway {gw.Name}", gap);
            foreach (var target in targets.Items)
            {
                var mcp = target.TargetConfiguration?.Mcp;
                if (mcp?.Lambda?.LambdaArn is { } lambda)
                    tools.Add(Tool(id, target.Name, target.Kind, FunctionArn(lambda), located.Region,
                        "bedrock-agentcore-control:GetGatewayTarget", $"target {target.Name} invokes Lambda function {lambda} with the gateway role"));
                else
                    tools.Add(new AgentTool
                    {
                        Name = target.Name, Kind = target.Kind, Region = located.Region,
                        ExecutionRoleArn = target.UsesGatewayRole ? gw.RoleArn : null,
                        Detail = mcp?.McpServer?.Endpoint ?? mcp?.ApiGateway?.RestApiId ?? (target.UsesGatewayRole ? "called with the gateway role" : "called with stored credentials"),
                    });
            }
            _agents.Add(Identity(gw.GatewayId, gw.Name, "agentcore_gateway", gw.GatewayArn, located.Region, principals, tools, notes)
                with { EntryPoints = AgentEntryPoints.Jwt(jwt) });
        }
    }

    private void CodeInterpreters(AccountData data)
    {
        var interpreters = data.AgentCore().CodeInterpreters();
        foreach (var gap in interpreters.Gaps) g.Gap("AgentCore code interpreters", gap);
        foreach (var located in interpreters.Items)
        {
            var c = located.Resource;
            var mode = c.NetworkConfiguration?.NetworkMode;
            var id = g.Node(c.CodeInterpreterArn, NodeType.AgentCoreCodeInterpreter, c.Name, located.Region, ("network_mode", mode));
            g.Alias(c.CodeInterpreterId, id);
            var principals = RunsAs(id, c.ExecutionRoleArn, "bedrock-agentcore-control:GetCodeInterpreter", "execution role");
            List<string> notes = [$"network mode {mode ?? "unknown"}"];
            if (principals.Count == 0) notes.Add("no execution role: the sandbox holds no AWS credentials");
            _agents.Add(Identity(c.CodeInterpreterId, c.Name, "agentcore_code_interpreter", c.CodeInterpreterArn, located.Region, principals, [], notes));
        }
    }

    /// <summary>Who outside the account the resource policy lets invoke the runtime or gateway (see <see cref="AgentCoreResourcePolicies"/>).</summary>
    private void ResourcePolicy(string id, string what, string arn, Policy.Matching.ActionName action, bool takesIamCallers, List<string> notes) =>
        AgentCoreResourcePolicies.Add(g, identity, access.ResourcePolicy(arn, action), id, what, arn, action, takesIamCallers, notes);

    private List<string> RunsAs(string agent, string? role, string source, string what)
    {
        if (role is null) return [];
        g.Edge(agent, identity.RoleNode(role), EdgeType.RunsAs, Evidence.Context(source, $"{what} {role}"));
        return [role];
    }

    /// <summary>A tool that is a Lambda function: an edge to the function's node (its own runs_as edge gives its role).</summary>
    private AgentTool Tool(string agent, string name, string kind, string function, string region, string source, string detail)
    {
        var node = g.Resolve(function) ?? g.Node(function, NodeType.LambdaFunction, function[(function.LastIndexOf(':') + 1)..], region);
        g.Edge(agent, node, EdgeType.UsesTool, Evidence.Context(source, detail));
        var role = g.EdgesOf(EdgeType.RunsAs).Where(e => e.Source == node).Select(e => e.Target).FirstOrDefault();
        return new AgentTool { Name = name, Kind = kind, TargetArn = node, ExecutionRoleArn = role, Region = region, Detail = detail };
    }

    /// <summary>What could not be read is said on the agent; a read that failed (not one never collected) is also a gap of the graph.</summary>
    private void Unread(List<string> notes, string what, DataGap gap)
    {
        if (gap.Kind is not null) g.Gap(what, gap);
        notes.Add($"{what}: not assessed ({gap})");
    }

    private AgentIdentity Identity(string agentId, string name, string kind, string arn, string region, IReadOnlyList<string> principals,
        IReadOnlyList<AgentTool> tools, IReadOnlyList<string> notes) => new()
    {
        AgentId = agentId, Name = name, Kind = kind, Arn = arn, AccountId = g.AccountId, Region = region,
        PrincipalArns = principals, Tools = tools, Notes = notes,
    };

    /// <summary>A function ARN without its version or alias qualifier (…:function:name:prod → …:function:name).</summary>
    internal static string FunctionArn(string arn)
    {
        var parts = arn.Split(':');
        return parts.Length > 7 && parts[5] == "function" ? string.Join(':', parts[..7]) : arn;
    }
}
