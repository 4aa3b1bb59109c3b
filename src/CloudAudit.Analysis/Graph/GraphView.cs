namespace CloudAudit.Analysis.Graph;

/// <summary>
/// The security graph as it would be once some checks' findings are fixed: those findings are gone from their
/// nodes, evidence they report no longer holds, and an edge whose every grant is gone disappears. With nothing
/// fixed it is the graph as scanned. Chain rules read the graph only through a view, so detection, root causes
/// and <c>simulate</c> are one code path.
/// </summary>
public sealed class GraphView(SecurityGraph graph, IReadOnlySet<string>? fixedChecks = null)
{
    private static readonly IReadOnlySet<string> NothingFixed = new HashSet<string>(StringComparer.Ordinal);

    public SecurityGraph Graph { get; } = graph;
    /// <summary>The check IDs whose findings this view takes as fixed.</summary>
    public IReadOnlySet<string> Fixed { get; } = fixedChecks ?? NothingFixed;

    private readonly Lazy<Dictionary<string, List<(GraphNode Node, FindingRef Finding)>>> _byCheck = new(() =>
    {
        var index = new Dictionary<string, List<(GraphNode, FindingRef)>>(StringComparer.Ordinal);
        foreach (var node in graph.Nodes)
            foreach (var finding in node.Findings)
            {
                if (!index.TryGetValue(finding.CheckId, out var list)) index[finding.CheckId] = list = [];
                list.Add((node, finding));
            }
        return index;
    });

    /// <summary>Every finding of a check that still stands, with the node it is on.</summary>
    public IEnumerable<(GraphNode Node, FindingRef Finding)> WithFinding(string checkId) =>
        Fixed.Contains(checkId) ? [] : _byCheck.Value.GetValueOrDefault(checkId) ?? [];

    /// <summary>The findings of a check that still stand anywhere in one account.</summary>
    public IReadOnlyList<FindingRef> InAccount(string accountId, string checkId) =>
        [.. WithFinding(checkId).Where(x => x.Node.AccountId == accountId).Select(x => x.Finding)];

    public bool IsFixed(FindingRef finding) => Fixed.Contains(finding.CheckId);

    /// <summary>Whether the evidence still holds: it reports no finding, or the finding's check is not fixed.</summary>
    public bool Holds(Evidence evidence) => evidence.Finding is null || !IsFixed(evidence.Finding);

    /// <summary>An edge stands while any of its grants holds (an edge without grants always stands).</summary>
    public bool Stands(GraphEdge edge)
    {
        var anyGrant = false;
        foreach (var evidence in edge.Evidence)
        {
            if (evidence.Kind != EvidenceKind.Grant) continue;
            if (Holds(evidence)) return true;
            anyGrant = true;
        }
        return !anyGrant;
    }

    public IEnumerable<FindingRef> Findings(GraphNode node) =>
        Fixed.Count == 0 ? node.Findings : node.Findings.Where(f => !IsFixed(f));

    public IEnumerable<FindingRef> Findings(GraphNode node, string checkId) => Findings(node).Where(f => f.CheckId == checkId);

    public bool Has(GraphNode node, string checkId) => !Fixed.Contains(checkId) && node.Findings.Any(f => f.CheckId == checkId);

    /// <summary>The findings behind the grants of an edge that still hold.</summary>
    public IEnumerable<FindingRef> Findings(GraphEdge edge) =>
        edge.Evidence.Where(e => e.Finding is not null && Holds(e)).Select(e => e.Finding!);

    public IEnumerable<GraphEdge> Out(GraphNode node, EdgeType type) => Graph.Out(node.Id).Where(e => e.Type == type && Stands(e));

    public IEnumerable<GraphEdge> In(GraphNode node, EdgeType type) => Graph.In(node.Id).Where(e => e.Type == type && Stands(e));

    public IEnumerable<GraphNode> Targets(GraphNode node, EdgeType type) => Out(node, type).Select(e => Graph.Node(e.Target));

    public IEnumerable<GraphNode> Sources(GraphNode node, EdgeType type) => In(node, type).Select(e => Graph.Node(e.Source));

    /// <summary>The administrator edge of a principal, while it stands.</summary>
    public GraphEdge? Admin(GraphNode principal) => Out(principal, EdgeType.AdminOf).FirstOrDefault();

    /// <summary>
    /// How the internet reaches a node, while it does: directly (its reachable_from_internet edge), or through an API
    /// the internet reaches that forwards unauthenticated requests to it (the forwards_to edge, whose source is the API).
    /// </summary>
    public GraphEdge? FromInternet(GraphNode node) =>
        Direct(node) ?? In(node, EdgeType.ForwardsTo).FirstOrDefault(e => Direct(Graph.Node(e.Source)) is not null);

    private GraphEdge? Direct(GraphNode node) => In(node, EdgeType.ReachableFromInternet).FirstOrDefault(e => e.Source == SecurityGraph.InternetId);

    /// <summary>The account node of a node's account.</summary>
    public GraphNode AccountOf(GraphNode node) => Graph.Node(SecurityGraph.AccountNodeId(node.AccountId));

    public GraphNode? RegionOf(GraphNode node) => Graph.Find(SecurityGraph.RegionNodeId(node.AccountId, node.Region));
}
