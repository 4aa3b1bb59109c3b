using System.Runtime.InteropServices;

namespace CloudAudit.Analysis.Graph.Build;

/// <summary>The graph of one account while its layers add to it; frozen into a <see cref="SecurityGraph"/> once.</summary>
internal sealed class GraphDraft(string accountId, string partition, FindingIndex findings)
{
    private sealed class NodeDraft(string id, NodeType type, string label, string region)
    {
        public string Id { get; } = id;
        public NodeType Type { get; } = type;
        public string Label { get; set; } = label;
        public string Region { get; } = region;
        public Dictionary<string, string> Attributes { get; } = new(StringComparer.Ordinal);
    }

    private readonly Dictionary<string, NodeDraft> _nodes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _aliases = new(StringComparer.Ordinal);
    private sealed class EdgeDraft(string source, string target, EdgeType type, int evidence)
    {
        public string Source { get; } = source;
        public string Target { get; } = target;
        public EdgeType Type { get; } = type;
        // Most edges carry one item: a list sized to what is added keeps the frozen graph small.
        public List<Evidence> Evidence { get; } = new(Math.Max(1, evidence));
    }

    private readonly Dictionary<(string, string, EdgeType), EdgeDraft> _edges = [];
    private readonly List<EdgeDraft> _edgeOrder = [];
    private readonly List<GraphGap> _gaps = [];

    public string AccountId { get; } = accountId;
    public string Partition { get; } = partition;
    public FindingIndex Findings { get; } = findings;

    public string AccountNode => SecurityGraph.AccountNodeId(AccountId);

    public string Arn(string service, string region, string resource) => $"arn:{Partition}:{service}:{region}:{AccountId}:{resource}";

    /// <summary>Adds a node, or returns the one with that ID (a later, fuller label wins over a bare ID).</summary>
    public string Node(string id, NodeType type, string label, string region, params (string Key, string? Value)[] attributes)
    {
        if (!_nodes.TryGetValue(id, out var node))
            _nodes[id] = node = new NodeDraft(id, type, label, region);
        else if (node.Label == id && label != id)
            node.Label = label;
        foreach (var (key, value) in attributes)
            if (value is not null) node.Attributes[key] = value;
        return id;
    }

    public bool Has(string id) => _nodes.ContainsKey(id);

    public IReadOnlyList<(string Id, NodeType Type)> NodesOf(params NodeType[] types) =>
        [.. _nodes.Values.Where(n => types.Contains(n.Type)).Select(n => (n.Id, n.Type))];

    public NodeType? TypeOf(string id) => _nodes.TryGetValue(id, out var node) ? node.Type : null;

    public string? Attr(string id, string key) => _nodes.TryGetValue(id, out var node) ? node.Attributes.GetValueOrDefault(key) : null;

    public void SetAttr(string id, string key, string value)
    {
        if (_nodes.TryGetValue(id, out var node)) node.Attributes[key] = value;
    }

    /// <summary>Another name a finding or a reference may use for a node (an instance ID for the instance's ARN).</summary>
    public void Alias(string alias, string id) => _aliases.TryAdd(alias, id);

    public string? Resolve(string idOrAlias) =>
        _nodes.ContainsKey(idOrAlias) ? idOrAlias : _aliases.TryGetValue(idOrAlias, out var id) ? id : null;

    /// <summary>Adds an edge, or more evidence to the edge already between the two nodes.</summary>
    public void Edge(string source, string target, EdgeType type, params Evidence[] evidence)
    {
        ref var draft = ref CollectionsMarshal.GetValueRefOrAddDefault(_edges, (source, target, type), out var exists);
        if (!exists) _edgeOrder.Add(draft = new EdgeDraft(source, target, type, evidence.Length));
        var list = draft!.Evidence;
        foreach (var item in evidence)
            if (!list.Contains(item)) list.Add(item);
    }

    public bool HasEdge(string source, string target, EdgeType type) => _edges.ContainsKey((source, target, type));

    /// <summary>The (source, target) pairs of the edges of one type added so far.</summary>
    public IEnumerable<(string Source, string Target)> EdgesOf(EdgeType type) =>
        _edgeOrder.Where(e => e.Type == type).Select(e => (e.Source, e.Target));

    public void Gap(string what, string cause) => _gaps.Add(new GraphGap(AccountId, what, cause));

    public void Gap(string what, Inventory.DataGap gap) => Gap(what, gap.ToString());

    public SecurityGraph Freeze(IReadOnlyList<AnalyzedFinding> active)
    {
        var attached = new Dictionary<string, List<FindingRef>>(StringComparer.Ordinal);
        foreach (var finding in active)
        {
            var id = FindingPlacement.NodeFor(finding.Finding, this);
            if (!attached.TryGetValue(id, out var list)) attached[id] = list = [];
            list.Add(FindingRef.Of(finding));
        }
        var nodes = _nodes.Values.Select(n => new GraphNode(n.Id, n.Type, n.Label, AccountIdOf(n), n.Region,
            n.Attributes, attached.TryGetValue(n.Id, out var refs) ? refs : [])).ToList();
        var edges = _edgeOrder.ConvertAll(e => new GraphEdge(e.Source, e.Target, e.Type, e.Evidence));
        return new SecurityGraph(nodes, edges, _gaps);
    }

    // The internet and "anyone" belong to no account; external accounts to their own.
    private string AccountIdOf(NodeDraft node) => node.Type switch
    {
        NodeType.Internet or NodeType.AnyPrincipal => "",
        NodeType.ExternalAccount => node.Attributes.GetValueOrDefault("account_id", ""),
        _ => AccountId,
    };
}
