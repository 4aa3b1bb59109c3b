using CloudAudit.Analysis.BlastRadius;
using CloudAudit.Analysis.Chains;
using CloudAudit.Analysis.Graph;

namespace CloudAudit.Analysis.Agents;

/// <summary>What one kind of move reaches from an agent: the reached node, the category, and who the agent acts as to get there.</summary>
public sealed record AgentReach(string Category, GraphNode Target, string Via, int Depth);

/// <summary>What a tool of the agent reaches when a prompt steers the agent to misuse it: bounded by the tool's own role.</summary>
public sealed record ToolBlast(AgentTool Tool, BlastRadiusResult? Radius);

/// <summary>
/// What a hijacked AI agent can reach, under two threat models: <b>identity takeover</b> (the attacker holds the agent's
/// own credentials: the blast radius of each role it runs as) and <b>behaviour takeover</b> (a prompt injection steers
/// the agent: the reach of each tool it calls, bounded by the tool's execution role). Decided on the security graph
/// through a view, so a what-if sees the same.
/// </summary>
public sealed record AgentBlastResult
{
    public required AgentIdentity Agent { get; init; }
    public required string Headline { get; init; }
    /// <summary>One blast radius per role the agent runs as.</summary>
    public required IReadOnlyList<BlastRadiusResult> IdentityTakeover { get; init; }
    /// <summary>One entry per tool; <see cref="ToolBlast.Radius"/> is null for a tool that acts with no AWS identity of this account.</summary>
    public required IReadOnlyList<ToolBlast> BehaviourTakeover { get; init; }
    /// <summary>Everything reached, under either model, by category (admin, lateral, code_execution, secrets, data_read, data_write, rag_poisoning).</summary>
    public required IReadOnlyList<AgentReach> Reaches { get; init; }
    /// <summary>The attack chains that run through the agent (CA-12).</summary>
    public required IReadOnlyList<AttackChain> Chains { get; init; }
    /// <summary>OWASP Top 10 for Agentic Applications (2026) risks the reach shows.</summary>
    public required IReadOnlyList<string> Asi { get; init; }
    /// <summary>MITRE ATLAS techniques the reach makes possible.</summary>
    public required IReadOnlyList<string> Atlas { get; init; }
    /// <summary>What could not be read or decided for this agent.</summary>
    public required IReadOnlyList<string> CoverageNotes { get; init; }

    public bool TakesAccount => Reaches.Any(r => r.Category == AgentBlast.Admin);
}

/// <summary>The agent-blast analysis: the library call behind <c>cloud-audit agent-blast</c> and the MCP tool <c>get_agent_blast</c>.</summary>
public static class AgentBlast
{
    public const string Admin = "admin", Lateral = "lateral", CodeExecution = "code_execution", Secrets = "secrets",
        DataRead = "data_read", DataWrite = "data_write", RagPoisoning = "rag_poisoning";

    /// <summary>The agents a user means: every agent for null or empty, else those whose name, ID or ARN contains the text (case-insensitive).</summary>
    public static IReadOnlyList<AgentIdentity> Select(IReadOnlyList<AgentIdentity> agents, string? agent) =>
        string.IsNullOrWhiteSpace(agent) ? agents
            : [.. agents.Where(a => new[] { a.Name, a.AgentId, a.Arn }.Any(s => s.Contains(agent.Trim(), StringComparison.OrdinalIgnoreCase)))];

    /// <summary>
    /// The blast radius of each selected agent of an analysis (all of them when <paramref name="agent"/> is null), with
    /// the caps of <see cref="BlastRadiusAnalysis"/>. An agent no selected one matches gives an empty list.
    /// </summary>
    public static IReadOnlyList<AgentBlastResult> Analyze(AttackPathAnalysis analysis, string? agent = null,
        int maxDepth = BlastRadiusAnalysis.DefaultDepth, int maxNodes = BlastRadiusAnalysis.DefaultNodes) =>
        Analyze(new GraphView(analysis.Graph), analysis.Agents, analysis.Chains, agent, maxDepth, maxNodes);

    public static IReadOnlyList<AgentBlastResult> Analyze(GraphView view, IReadOnlyList<AgentIdentity> agents, IReadOnlyList<AttackChain> chains,
        string? agent = null, int maxDepth = BlastRadiusAnalysis.DefaultDepth, int maxNodes = BlastRadiusAnalysis.DefaultNodes) =>
        [.. Select(agents, agent).Select(a => Of(view, a, chains, maxDepth, maxNodes))];

    private static AgentBlastResult Of(GraphView view, AgentIdentity agent, IReadOnlyList<AttackChain> chains, int maxDepth, int maxNodes)
    {
        var graph = view.Graph;
        var notes = new List<string>(agent.Notes.Where(n => n.Contains("not assessed", StringComparison.Ordinal)));
        var identity = new List<BlastRadiusResult>();
        foreach (var arn in agent.PrincipalArns)
        {
            if (graph.Find(arn) is not { } role)
            {
                notes.Add($"{arn} is not in the security graph");
                continue;
            }
            // A role the IAM data does not hold gets a node without permissions: say so rather than report no reach.
            if (role.Attr("unknown") is not null) notes.Add($"{arn} is not in the IAM data read, so what it may do is not assessed");
            identity.Add(BlastRadiusAnalysis.From(view, role, maxDepth, maxNodes));
        }
        var behaviour = new List<ToolBlast>();
        foreach (var tool in agent.Tools)
        {
            var seed = tool.Kind is "action_group_lambda" or "gateway_target_lambda" && tool.TargetArn is { } fn ? graph.Find(fn)
                : tool.ExecutionRoleArn is { } role ? graph.Find(role) : null;
            behaviour.Add(new ToolBlast(tool, seed is null ? null : BlastRadiusAnalysis.From(view, seed, maxDepth, maxNodes)));
        }
        var reaches = new List<AgentReach>();
        foreach (var radius in identity) reaches.AddRange(ReachesOf(view, radius, radius.Seed.Label));
        foreach (var tool in behaviour.Where(t => t.Radius is not null)) reaches.AddRange(ReachesOf(view, tool.Radius!, $"tool {tool.Tool.Name}"));
        // Knowledge-base buckets anyone in the radius may write to are poisoned retrieval for the agent.
        var kbBuckets = agent.DataSources.ToHashSet(StringComparer.Ordinal);
        reaches.AddRange(reaches.Where(r => r.Category == DataWrite && kbBuckets.Contains(r.Target.Id)).ToList()
            .Select(r => r with { Category = RagPoisoning }));
        var distinct = reaches.DistinctBy(r => (r.Category, r.Target.Id, r.Via)).ToList();
        var node = graph.Find(agent.Arn);
        return new AgentBlastResult
        {
            Agent = agent,
            Headline = Headline(agent, identity, behaviour, distinct),
            IdentityTakeover = identity,
            BehaviourTakeover = behaviour,
            Reaches = distinct,
            Chains = node is null ? [] : [.. chains.Where(c => c.Anchor == node.Id)],
            Asi = Asi(agent, distinct),
            Atlas = Atlas(agent, distinct),
            CoverageNotes = notes,
        };
    }

    private static IEnumerable<AgentReach> ReachesOf(GraphView view, BlastRadiusResult radius, string via)
    {
        foreach (var step in radius.Reached)
        {
            var category = step.Via?.Type switch
            {
                EdgeType.AdminOf or EdgeType.CanEscalateTo when step.Node.Type == NodeType.Account => Admin,
                EdgeType.CanAssume or EdgeType.CanEscalateTo or EdgeType.CanInvoke => Lateral,
                EdgeType.CanControl or EdgeType.UsesTool => CodeExecution,
                EdgeType.CanDecrypt => Secrets,
                EdgeType.CanRead when step.Node.Type is NodeType.Secret or NodeType.SsmParameter => Secrets,
                EdgeType.CanRead => DataRead,
                EdgeType.CanWrite => DataWrite,
                _ => null,
            };
            if (category is not null) yield return new AgentReach(category, step.Node, via, step.Depth);
        }
    }

    private static string Headline(AgentIdentity agent, List<BlastRadiusResult> identity, List<ToolBlast> behaviour, List<AgentReach> reaches)
    {
        if (identity.FirstOrDefault(r => r.AccountsTaken.Any()) is { } own)
            return $"{agent.Name}'s own identity ({own.Seed.Label}) reaches administrator of account {own.AccountsTaken.First().AccountId}";
        if (behaviour.FirstOrDefault(t => t.Radius?.AccountsTaken.Any() == true) is { } tool)
            return $"a prompt that steers {agent.Name} to its tool {tool.Tool.Name} reaches administrator of account {tool.Radius!.AccountsTaken.First().AccountId}";
        if (reaches.FirstOrDefault(r => r.Category == RagPoisoning) is { } poison)
            return $"{agent.Name}'s knowledge base {poison.Target.Label} can be rewritten from its own reach (RAG poisoning)";
        var counts = new[] { (Secrets, "secret(s)"), (DataRead, "data store(s) readable"), (DataWrite, "data store(s) writable"), (Lateral, "role(s) or agent(s) it can move to"), (CodeExecution, "workload(s) it can run code on") }
            .Select(c => (Count: reaches.Where(r => r.Category == c.Item1).Select(r => r.Target.Id).Distinct().Count(), Text: c.Item2))
            .Where(c => c.Count > 0).Select(c => $"{c.Count} {c.Text}").ToList();
        if (counts.Count > 0) return $"{agent.Name} reaches {string.Join(", ", counts)}";
        if (identity.Count > 0 && identity.All(r => r.Seed.Attr("unknown") is not null))
            return $"{agent.Name}'s role is not in the IAM data read: what a hijack reaches is not assessed";
        if (agent.PrincipalArns.Count == 0 && agent.Tools.Count == 0) return $"{agent.Name} holds no AWS identity: a hijack reaches nothing in AWS";
        return $"{agent.Name} reaches nothing beyond its own role";
    }

    private static IReadOnlyList<string> Asi(AgentIdentity agent, List<AgentReach> reaches)
    {
        var asi = new List<string>();
        if (agent.Tools.Count > 0 && reaches.Any(r => r.Via.StartsWith("tool ", StringComparison.Ordinal))) asi.Add("ASI02 Tool Misuse");
        if (reaches.Any(r => r.Category is Admin or Lateral)) asi.Add("ASI03 Identity & Privilege Abuse");
        if (agent.Kind == "agentcore_code_interpreter" || reaches.Any(r => r.Category == CodeExecution)) asi.Add("ASI05 Unexpected Code Execution");
        if (reaches.Any(r => r.Category == RagPoisoning)) asi.Add("ASI06 Memory & Context Poisoning");
        return asi;
    }

    private static IReadOnlyList<string> Atlas(AgentIdentity agent, List<AgentReach> reaches)
    {
        var atlas = new List<string>();
        if (agent.Kind == "bedrock_agent") atlas.Add("AML.T0040 AI Model Inference API Access");
        if (agent.Tools.Count > 0) atlas.Add("AML.T0053 AI Agent Tool Invocation");
        if (reaches.Any(r => r.Category == RagPoisoning)) atlas.Add("AML.T0070 RAG Poisoning");
        if (reaches.Any(r => r.Via.StartsWith("tool ", StringComparison.Ordinal) && r.Category is DataRead or Secrets)) atlas.Add("AML.T0086 Exfiltration via AI Agent Tool Invocation");
        if (agent.Kind == "agentcore_code_interpreter" && agent.PrincipalArns.Count > 0) atlas.Add("AML.T0105 Escape to Host");
        return atlas;
    }
}
