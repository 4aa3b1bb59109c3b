using System.Collections.Frozen;
using System.Runtime.InteropServices;
using System.Text.Json.Serialization;
using CloudAudit.Checks.Framework;

namespace CloudAudit.Analysis.Graph;

/// <summary>A finding as the graph holds it: enough to decide chains and what-ifs; the report has the rest.</summary>
public sealed record FindingRef(
    [property: JsonPropertyName("check_id")] string CheckId,
    [property: JsonPropertyName("severity")] Severity Severity,
    [property: JsonPropertyName("resource_id")] string ResourceId,
    [property: JsonPropertyName("region")] string Region,
    [property: JsonPropertyName("fingerprint")] string Fingerprint)
{
    public static FindingRef Of(AnalyzedFinding f) => new(f.Finding.CheckId, f.Finding.Severity, f.Finding.ResourceId, f.Finding.Region, f.Fingerprint);
}

/// <summary>A policy statement the engine matched when it decided a permission edge.</summary>
public sealed record StatementRef(
    [property: JsonPropertyName("policy")] string Policy,
    [property: JsonPropertyName("policy_kind")] string PolicyKind,
    [property: JsonPropertyName("statement")] int Statement,
    [property: JsonPropertyName("sid")] string? Sid,
    [property: JsonPropertyName("effect")] string Effect)
{
    public static StatementRef Of(Policy.Evaluation.MatchedStatement m) =>
        new(m.PolicyName, m.Kind.ToString(), m.StatementIndex, m.Sid, m.Effect.ToString());

    public override string ToString() => $"{Policy} (statement {Statement}{(Sid is { Length: > 0 } sid ? $" {sid}" : "")})";
}

/// <summary>
/// What proves an edge: the API data (<see cref="Source"/> names the operation, <see cref="Detail"/> says what it
/// showed) and, for permissions, the statements the policy engine matched. When a check reports the same thing
/// (the open rule, the administrative policy), <see cref="Finding"/> points at that finding: fixing the check
/// removes this evidence.
/// </summary>
public sealed record Evidence(
    [property: JsonPropertyName("kind")] EvidenceKind Kind,
    [property: JsonPropertyName("source")] string Source,
    [property: JsonPropertyName("detail")] string Detail,
    [property: JsonPropertyName("statements")] IReadOnlyList<StatementRef> Statements,
    [property: JsonPropertyName("finding")] FindingRef? Finding)
{
    public static Evidence Grant(string source, string detail, FindingRef? finding = null, IReadOnlyList<StatementRef>? statements = null) =>
        new(EvidenceKind.Grant, source, detail, statements ?? [], finding);

    public static Evidence Context(string source, string detail, FindingRef? finding = null) =>
        new(EvidenceKind.Context, source, detail, [], finding);
}

/// <summary>One resource, principal or place of the graph. <see cref="Id"/> is an ARN wherever the resource has one.</summary>
public sealed record GraphNode(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("type")] NodeType Type,
    [property: JsonPropertyName("label")] string Label,
    [property: JsonPropertyName("account_id")] string AccountId,
    [property: JsonPropertyName("region")] string Region,
    [property: JsonPropertyName("attrs")] IReadOnlyDictionary<string, string> Attributes,
    [property: JsonPropertyName("findings")] IReadOnlyList<FindingRef> Findings)
{
    public string? Attr(string name) => Attributes.GetValueOrDefault(name);

    public override string ToString() => Label;
}

public sealed record GraphEdge(
    [property: JsonPropertyName("source")] string Source,
    [property: JsonPropertyName("target")] string Target,
    [property: JsonPropertyName("type")] EdgeType Type,
    [property: JsonPropertyName("evidence")] IReadOnlyList<Evidence> Evidence)
{
    /// <summary>
    /// The edge in the reference tool's shape (<c>edges[].attrs</c>, string values), so tools written for its reports
    /// keep working: <c>proven_by</c>, the API reads of the evidence; <c>detail</c>, what the first of them showed;
    /// <c>check_ids</c>, the checks whose findings the evidence points at. Written to reports, never read back:
    /// <see cref="Evidence"/> is the record.
    /// </summary>
    [JsonPropertyName("attrs")]
    public IReadOnlyDictionary<string, string> Attributes
    {
        get
        {
            var attributes = new SortedDictionary<string, string>(StringComparer.Ordinal)
            {
                ["proven_by"] = string.Join(", ", Evidence.Select(e => e.Source).Distinct(StringComparer.Ordinal)),
            };
            if (Evidence.Count > 0)
                attributes["detail"] = Evidence[0].Detail;
            var checks = Evidence.Where(e => e.Finding is not null).Select(e => e.Finding!.CheckId).Distinct(StringComparer.Ordinal).ToList();
            if (checks.Count > 0)
                attributes["check_ids"] = string.Join(", ", checks);
            return attributes;
        }
    }
}

/// <summary>Data the graph could not read, so relationships that need it are missing (and chains built on them not assessed).</summary>
public sealed record GraphGap(
    [property: JsonPropertyName("account_id")] string AccountId,
    [property: JsonPropertyName("what")] string What,
    [property: JsonPropertyName("cause")] string Cause);

/// <summary>
/// The security graph of the scanned accounts: built once from the inventory and the check results, immutable
/// afterwards, and read by every consumer (chains, root causes, simulate, exposure, blast radius, agents).
/// </summary>
public sealed class SecurityGraph
{
    public const string SchemaVersion = "1";
    public const string InternetId = "internet";

    private readonly FrozenDictionary<string, GraphNode> _byId;
    private readonly FrozenDictionary<string, GraphEdge[]> _out;
    private readonly FrozenDictionary<string, GraphEdge[]> _in;

    public SecurityGraph(IReadOnlyList<GraphNode> nodes, IReadOnlyList<GraphEdge> edges, IReadOnlyList<GraphGap> gaps)
    {
        Nodes = nodes;
        Edges = edges;
        Gaps = gaps;
        _byId = nodes.ToFrozenDictionary(n => n.Id, StringComparer.Ordinal);
        _out = Adjacency(edges, outgoing: true);
        _in = Adjacency(edges, outgoing: false);
        AccountIds = [.. nodes.Where(n => n.Type == NodeType.Account).Select(n => n.AccountId).Distinct().Order(StringComparer.Ordinal)];
    }

    public static SecurityGraph Empty { get; } = new([], [], []);

    /// <summary>Each node's edges out of it (or into it), in the order of <paramref name="edges"/>.</summary>
    private static FrozenDictionary<string, GraphEdge[]> Adjacency(IReadOnlyList<GraphEdge> edges, bool outgoing)
    {
        var byNode = new Dictionary<string, List<GraphEdge>>(StringComparer.Ordinal);
        for (var i = 0; i < edges.Count; i++)
        {
            var edge = edges[i];
            ref var list = ref CollectionsMarshal.GetValueRefOrAddDefault(byNode, outgoing ? edge.Source : edge.Target, out _);
            (list ??= []).Add(edge);
        }
        return byNode.ToFrozenDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal);
    }

    public IReadOnlyList<GraphNode> Nodes { get; }
    public IReadOnlyList<GraphEdge> Edges { get; }
    public IReadOnlyList<GraphGap> Gaps { get; }
    /// <summary>The scanned accounts the graph covers.</summary>
    public IReadOnlyList<string> AccountIds { get; }

    public GraphNode? Find(string id) => _byId.GetValueOrDefault(id);

    public GraphNode Node(string id) => _byId.TryGetValue(id, out var node) ? node : throw new KeyNotFoundException($"no node {id} in the security graph");

    public IReadOnlyList<GraphEdge> Out(string id) => _out.TryGetValue(id, out var edges) ? edges : [];

    public IReadOnlyList<GraphEdge> In(string id) => _in.TryGetValue(id, out var edges) ? edges : [];

    public IEnumerable<GraphNode> OfType(NodeType type) => Nodes.Where(n => n.Type == type);

    public static string AccountNodeId(string accountId) => $"account:{accountId}";

    public static string RegionNodeId(string accountId, string region) => $"region:{accountId}:{region}";

    /// <summary>Several graphs (one per account) as one: node IDs are ARNs, so accounts never collide.</summary>
    public static SecurityGraph Merge(IReadOnlyList<SecurityGraph> graphs)
    {
        if (graphs.Count == 1) return graphs[0];
        var nodes = graphs.SelectMany(g => g.Nodes).DistinctBy(n => n.Id, StringComparer.Ordinal).ToList();
        return new SecurityGraph(nodes, [.. graphs.SelectMany(g => g.Edges)], [.. graphs.SelectMany(g => g.Gaps)]);
    }
}
