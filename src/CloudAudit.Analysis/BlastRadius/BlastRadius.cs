using CloudAudit.Analysis.Graph;

namespace CloudAudit.Analysis.BlastRadius;

/// <summary>One resource an attacker reaches: how many moves from the seed, and the edge of the move that got there.</summary>
public sealed record BlastStep(GraphNode Node, int Depth, GraphEdge? Via);

/// <summary>
/// What an attacker who controls <see cref="Seed"/> reaches, step by step, breadth first over the moves of
/// <see cref="AttackerMoves"/> that still stand. The caps are part of the answer: when one was hit,
/// <see cref="Truncation"/> says so and how much was left out.
/// </summary>
public sealed record BlastRadiusResult(GraphNode Seed, IReadOnlyList<BlastStep> Steps, int MaxDepth, int MaxNodes, int LeftOutByNodes, bool DepthCapHit)
{
    public IEnumerable<BlastStep> Reached => Steps.Skip(1);

    /// <summary>The seed controls an account: administrator of it, directly or after moves.</summary>
    public IEnumerable<GraphNode> AccountsTaken => Steps.Select(s => s.Node).Where(n => n.Type == NodeType.Account);

    public IEnumerable<GraphNode> Data => Reached.Select(s => s.Node).Where(n => AttackerMoves.IsData(n.Type));

    public IEnumerable<GraphNode> Principals => Reached.Select(s => s.Node).Where(n => AttackerMoves.IsPrincipal(n.Type));

    public string? Truncation => (LeftOutByNodes, DepthCapHit) switch
    {
        (> 0, _) => $"stopped at {MaxNodes} resources (--max-nodes): at least {LeftOutByNodes} more reachable resource{(LeftOutByNodes == 1 ? " is" : "s are")} not shown",
        (_, true) => $"stopped at depth {MaxDepth} (--max-depth): resources further away are not shown",
        _ => null,
    };
}

public static class BlastRadiusAnalysis
{
    public const int DefaultDepth = 5;
    public const int DepthLimit = 25;
    public const int DefaultNodes = 50;
    public const int NodeLimit = 10_000;

    public static BlastRadiusResult From(GraphView view, GraphNode seed, int maxDepth = DefaultDepth, int maxNodes = DefaultNodes)
    {
        if (maxDepth is < 1 or > DepthLimit) throw new ArgumentOutOfRangeException(nameof(maxDepth), $"between 1 and {DepthLimit}");
        if (maxNodes is < 1 or > NodeLimit) throw new ArgumentOutOfRangeException(nameof(maxNodes), $"between 1 and {NodeLimit}");
        var steps = new List<BlastStep> { new(seed, 0, null) };
        var seen = new HashSet<string>(StringComparer.Ordinal) { seed.Id };
        var leftOut = 0;
        var depthCapHit = false;
        for (var next = 0; next < steps.Count; next++)
        {
            var (node, depth, _) = steps[next];
            foreach (var edge in AttackerMoves.From(view, node))
            {
                if (!seen.Add(edge.Target)) continue;
                if (depth >= maxDepth)
                {
                    depthCapHit = true;
                    continue;
                }
                if (steps.Count >= maxNodes)
                {
                    leftOut++;
                    continue;
                }
                steps.Add(new BlastStep(view.Graph.Node(edge.Target), depth + 1, edge));
            }
        }
        return new BlastRadiusResult(seed, steps, maxDepth, maxNodes, leftOut, depthCapHit);
    }

    /// <summary>
    /// The node a user means by <paramref name="text"/>: its ID (an ARN), or a resource ID or name that one node ends
    /// with or is labelled by (i-0abc…, a role or bucket name). Null when none or several match.
    /// </summary>
    public static GraphNode? Resolve(SecurityGraph graph, string text)
    {
        if (graph.Find(text) is { } exact) return exact;
        var matches = graph.Nodes.Where(n => Names(n).Any(name => string.Equals(name, text, StringComparison.Ordinal))).Take(2).ToList();
        return matches.Count == 1 ? matches[0] : null;
    }

    /// <summary>The IDs of the nodes closest to what the user typed: those containing it first, then by edit distance of their names.</summary>
    public static IReadOnlyList<string> Closest(SecurityGraph graph, string text, int count = 5) =>
        [.. graph.Nodes.Where(n => n.Type is not (NodeType.Internet or NodeType.Region))
            .Select(n => (n.Id, Score: Names(n).Min(name => name.Contains(text, StringComparison.OrdinalIgnoreCase) ? 0 : 1 + Distance(name, text))))
            .OrderBy(x => x.Score).ThenBy(x => x.Id, StringComparer.Ordinal).Take(count).Select(x => x.Id)];

    /// <summary>The short names a node answers to: its label, the label without its kind ("role web" → "web"), the last segment of its ARN.</summary>
    private static IEnumerable<string> Names(GraphNode node)
    {
        yield return node.Id;
        yield return node.Label;
        if (node.Label.IndexOf(' ', StringComparison.Ordinal) is var space and > 0) yield return node.Label[(space + 1)..];
        var cut = node.Id.LastIndexOfAny(['/', ':']);
        if (cut >= 0 && cut < node.Id.Length - 1) yield return node.Id[(cut + 1)..];
    }

    private static int Distance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1),
                    previous[j - 1] + (char.ToLowerInvariant(a[i - 1]) == char.ToLowerInvariant(b[j - 1]) ? 0 : 1));
            previous = current;
        }
        return previous[b.Length];
    }
}
