using System.ComponentModel;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using CloudAudit.Analysis.Agents;
using CloudAudit.Analysis.BlastRadius;
using CloudAudit.Analysis.Graph;
using CloudAudit.Reports.AttackPaths;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace CloudAudit.Mcp.Tools;

/// <summary>A resource of the security graph, as a blast radius names it.</summary>
public sealed record GraphResource(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("label")] string Label,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("account_id")] string AccountId,
    [property: JsonPropertyName("region")] string Region)
{
    public static GraphResource Of(GraphNode node) => new(node.Id, node.Label, BlastRadiusWriter.TypeName(node.Type), node.AccountId, node.Region);
}

/// <summary>One resource reached: how many moves away, and the move that got there.</summary>
public sealed record BlastStepView(
    [property: JsonPropertyName("depth")] int Depth,
    [property: JsonPropertyName("resource")] GraphResource Resource,
    [property: JsonPropertyName("move")] string? Move,
    [property: JsonPropertyName("from")] string? From);

public sealed record BlastRadiusResultView(
    [property: JsonPropertyName("seed")] GraphResource Seed,
    [property: JsonPropertyName("headline")] string Headline,
    [property: JsonPropertyName("accounts_taken")] IReadOnlyList<string> AccountsTaken,
    [property: JsonPropertyName("principals_reached")] int PrincipalsReached,
    [property: JsonPropertyName("data_stores_reached")] int DataStoresReached,
    [property: JsonPropertyName("max_depth")] int MaxDepth,
    [property: JsonPropertyName("max_nodes")] int MaxNodes,
    [property: JsonPropertyName("truncation")] string? Truncation,
    [property: JsonPropertyName("steps")] IReadOnlyList<BlastStepView> Steps,
    [property: JsonPropertyName("page")] PageInfo Page);

/// <summary>
/// <c>agent-blast -f json</c>'s document, its agents paginated, with the reference tool's Markdown report of the same
/// agents in <see cref="Markdown"/>.
/// </summary>
public sealed record AgentBlastResultView(
    [property: JsonPropertyName("schema_version")] string SchemaVersion,
    [property: JsonPropertyName("agents")] IReadOnlyList<JsonObject> Agents,
    [property: JsonPropertyName("markdown")] string Markdown,
    [property: JsonPropertyName("max_depth")] int MaxDepth,
    [property: JsonPropertyName("max_nodes")] int MaxNodes,
    [property: JsonPropertyName("page")] PageInfo Page);

/// <summary>The attack-path questions over the last scan's security graph.</summary>
[McpServerToolType]
public sealed class AttackPathTools(ScanSession session)
{
    [McpServerTool(Name = "blast_radius", Title = "Blast radius of a resource", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(BlastRadiusResultView))]
    [Description("Say what an attacker who controls one resource (an instance, a role, a user, a Lambda function, a bucket …) reaches from it, "
        + "move by move over the last scan's security graph: roles assumed, escalation, data read, accounts taken over. Use it for 'what if this "
        + "were compromised' questions. The steps are paginated by cursor; a depth or node cap that was hit is stated in truncation.")]
    public CallToolResult BlastRadius(
        [Description("The resource: its ARN, or an ID or name (i-0abc…, a role or bucket name)")] string resource,
        [Description("Moves to follow, 1 to 25")] int max_depth = BlastRadiusAnalysis.DefaultDepth,
        [Description("Resources to follow at most, 1 to 10000")] int max_nodes = 200,
        [Description("The next_cursor of the previous page; empty for the first page")] string cursor = "",
        [Description("Account ID whose last scan to read; empty for the most recent scan")] string account_id = "")
    {
        CheckCaps(max_depth, max_nodes);
        var held = session.Current(account_id);
        var graph = held.Report.AttackPaths.Graph;
        var seed = BlastRadiusAnalysis.Resolve(graph, resource.Trim())
            ?? throw new ToolInputException($"no single resource '{resource}' in the security graph of the last scan; closest: {string.Join(", ", BlastRadiusAnalysis.Closest(graph, resource.Trim()))}");
        var radius = BlastRadiusAnalysis.From(new GraphView(graph), seed, max_depth, max_nodes);
        var steps = radius.Reached.Select(s => new BlastStepView(s.Depth, GraphResource.Of(s.Node), s.Via is { } edge ? BlastRadiusWriter.MoveLabel(edge.Type) : null, s.Via?.Source)).ToList();
        var (items, page) = Paging.Slice(steps, cursor, 50, $"blast_radius|{held.Sequence}|{seed.Id}|{max_depth}|{max_nodes}");
        var headline = BlastRadiusWriter.Headline(radius);
        var result = new BlastRadiusResultView(GraphResource.Of(seed), headline, [.. radius.AccountsTaken.Select(a => a.Label)],
            radius.Principals.Count(), radius.Data.Count(), max_depth, max_nodes, radius.Truncation, items, page);
        return ToolResults.Of(result, McpJson.Type<BlastRadiusResultView>(),
            $"{headline}. Steps: {page.Describe("resources reached")}." + (radius.Truncation is { } cut ? $" Note: {cut}." : ""));
    }

    [McpServerTool(Name = "get_agent_blast", Title = "Blast radius of an AI agent", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(AgentBlastResultView))]
    [Description("Say what a hijacked AI agent (Bedrock agent, AgentCore runtime, gateway or code interpreter) reaches, under two threat models: "
        + "identity takeover (someone holds the agent's own role) and behaviour takeover (a prompt injection steers it to misuse its tools, each "
        + "bounded by the tool's role), with the secrets, data, roles and accounts reached, the attack chains through the agent and the OWASP "
        + "Agentic (ASI) and MITRE ATLAS risks. Use it for 'what could a compromised or prompt-injected agent do' questions. Empty agent for every "
        + "agent of the last scan; the agents are paginated by cursor, and a depth or node cap that was hit is stated in each radius' truncated.")]
    public CallToolResult GetAgentBlast(
        [Description("The agent: part of its name, ID or ARN (case-insensitive); empty for every agent")] string agent = "",
        [Description("Moves to follow, 1 to 25")] int max_depth = BlastRadiusAnalysis.DefaultDepth,
        [Description("Resources to follow at most per radius, 1 to 10000")] int max_nodes = BlastRadiusAnalysis.DefaultNodes,
        [Description("The next_cursor of the previous page; empty for the first page")] string cursor = "",
        [Description("Account ID whose last scan to read, and whose agents to analyse; empty for every agent of the most recent scan")] string account_id = "")
    {
        CheckCaps(max_depth, max_nodes);
        var held = session.Current(account_id);
        var analysis = held.Report.AttackPaths;
        var agents = string.IsNullOrWhiteSpace(account_id) ? analysis.Agents : [.. analysis.Agents.Where(a => a.AccountId == account_id.Trim())];
        var wanted = agent.Trim();
        var results = AgentBlast.Analyze(new GraphView(analysis.Graph), agents, analysis.Chains, wanted, max_depth, max_nodes);
        if (results.Count == 0 && agents.Count > 0)
            throw new ToolInputException($"no agent matches '{wanted}'; agents: {string.Join(", ", agents.Select(a => a.Name).Distinct())}");
        var (items, page) = Paging.Slice(results, cursor, 5, $"get_agent_blast|{held.Sequence}|{account_id.Trim()}|{wanted}|{max_depth}|{max_nodes}");
        var json = AgentBlastWriter.Json(items);
        var result = new AgentBlastResultView(AgentBlastWriter.SchemaVersion, [.. json["agents"]!.AsArray().Select(a => a!.AsObject())],
            AgentBlastWriter.Markdown(items), max_depth, max_nodes, page);
        var summary = results.Count == 0
            ? $"No AI agents (Bedrock agents, AgentCore runtimes, gateways, code interpreters) in the last scan of {string.Join(", ", held.Report.AccountIds)}."
            : $"Agents: {page.Describe("agents")}. " + string.Join(" ", items.Select(r => $"{r.Agent.Name} ({r.Agent.Kind}, account {r.Agent.AccountId}): {r.Headline}."))
                + (items.Any(r => r.CoverageNotes.Count > 0) ? " Some reach is NOT ASSESSED: see coverage_notes." : "");
        return ToolResults.Of(result, McpJson.Type<AgentBlastResultView>(), summary);
    }

    private static void CheckCaps(int maxDepth, int maxNodes)
    {
        if (maxDepth is < 1 or > BlastRadiusAnalysis.DepthLimit) throw new ToolInputException($"max_depth must be between 1 and {BlastRadiusAnalysis.DepthLimit}");
        if (maxNodes is < 1 or > BlastRadiusAnalysis.NodeLimit) throw new ToolInputException($"max_nodes must be between 1 and {BlastRadiusAnalysis.NodeLimit}");
    }
}
