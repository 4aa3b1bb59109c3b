namespace CloudAudit.Analysis.Graph;

/// <summary>
/// The edges an attacker follows forward from what they control: into a workload from the internet, from a workload
/// to its role, from a principal to what it may assume, escalate to, administer, run code on, read, write, decrypt
/// or invoke (an AI agent), from an agent to its tools, from an API to the function behind it. Placement edges (in_network, network_attach, member_of) say
/// where things are, not where an attacker goes next. Exposure and blast radius walk the graph with these, through a
/// view, so a what-if walks the same graph without the fixed findings.
/// </summary>
public static class AttackerMoves
{
    public static IReadOnlySet<EdgeType> Types { get; } = new HashSet<EdgeType>
    {
        EdgeType.ReachableFromInternet, EdgeType.RunsAs, EdgeType.RunsTask, EdgeType.CanAssume, EdgeType.CanEscalateTo,
        EdgeType.AdminOf, EdgeType.CanRead, EdgeType.CanWrite, EdgeType.CanDecrypt, EdgeType.CanControl, EdgeType.UsesTool,
        EdgeType.KnowledgeBase, EdgeType.CanInvoke, EdgeType.ForwardsTo,
    };

    /// <summary>The standing moves out of a node, in the graph's order.</summary>
    public static IEnumerable<GraphEdge> From(GraphView view, GraphNode node) =>
        view.Graph.Out(node.Id).Where(e => Types.Contains(e.Type) && view.Stands(e));

    /// <summary>Nodes that hold data worth stealing.</summary>
    public static bool IsData(NodeType type) => type is NodeType.S3Bucket or NodeType.Secret or NodeType.KmsKey or NodeType.RdsInstance
        or NodeType.DynamoDbTable or NodeType.SsmParameter;

    /// <summary>Principals: what holds permissions.</summary>
    public static bool IsPrincipal(NodeType type) => type is NodeType.IamRoot or NodeType.IamUser or NodeType.IamGroup or NodeType.IamRole;

    /// <summary>Where attacks start from outside the account: the internet and anyone a policy admits.</summary>
    public static bool IsOutside(NodeType type) => type is NodeType.Internet or NodeType.AnyPrincipal;

    /// <summary>
    /// Breadth-first from the seeds over standing moves: each reached node with its depth and the edge it was first
    /// reached by (null for a seed). Stops at <paramref name="maxDepth"/> hops.
    /// </summary>
    public static Dictionary<string, (int Depth, GraphEdge? Via)> Walk(GraphView view, IEnumerable<GraphNode> seeds, int maxDepth)
    {
        var reached = new Dictionary<string, (int Depth, GraphEdge? Via)>(StringComparer.Ordinal);
        var queue = new Queue<GraphNode>();
        foreach (var seed in seeds)
            if (reached.TryAdd(seed.Id, (0, null))) queue.Enqueue(seed);
        while (queue.TryDequeue(out var node))
        {
            var depth = reached[node.Id].Depth;
            if (depth >= maxDepth) continue;
            foreach (var edge in From(view, node))
                if (reached.TryAdd(edge.Target, (depth + 1, edge)))
                    queue.Enqueue(view.Graph.Node(edge.Target));
        }
        return reached;
    }

    /// <summary>The path from a seed to a reached node, seed first, as the walk found it.</summary>
    public static IReadOnlyList<string> PathTo(IReadOnlyDictionary<string, (int Depth, GraphEdge? Via)> walk, string id)
    {
        var path = new List<string> { id };
        while (walk.TryGetValue(path[^1], out var step) && step.Via is { } via)
            path.Add(via.Source);
        path.Reverse();
        return path;
    }
}
