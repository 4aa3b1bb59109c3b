using CloudAudit.Analysis.Graph;

namespace CloudAudit.Analysis.Exposure;

/// <summary>One resource of the graph with its exposure score (0–100) and the reasons behind it, strongest first.</summary>
public sealed record ExposureItem(GraphNode Node, int Score, IReadOnlyList<string> Reasons, int? InternetHops);

/// <summary>
/// Ranks the resources of the security graph by how exposed they are: reachable from the internet (or by anyone a
/// policy admits) within <see cref="MaxHops"/> attacker moves, administrator power, an escalation path to it, the value
/// of the data they hold or reach, and how many onward moves they open. Scores follow the reference tool's weights
/// (+40 reachable, +30 administrator, +20 high value, +1 per onward move up to 10) with +20 for an escalation path to
/// administrator; every point comes with the reason for it.
/// </summary>
public static class ExposureRanking
{
    public const int MaxHops = 6;

    public static IReadOnlyList<ExposureItem> Rank(GraphView view)
    {
        var outside = view.Graph.Nodes.Where(n => AttackerMoves.IsOutside(n.Type)).ToList();
        var walk = AttackerMoves.Walk(view, outside, MaxHops);
        var items = new List<ExposureItem>();
        foreach (var node in view.Graph.Nodes.Where(n => Ranked(n.Type)))
        {
            var score = 0;
            var reasons = new List<string>();
            int? hops = null;
            if (walk.TryGetValue(node.Id, out var step) && step.Depth > 0)
            {
                hops = step.Depth;
                score += 40;
                var path = AttackerMoves.PathTo(walk, node.Id).Select(id => view.Graph.Node(id).Label);
                reasons.Add($"reachable from outside in {step.Depth} step{(step.Depth == 1 ? "" : "s")}: {string.Join(" → ", path)}");
            }
            if (view.Admin(node) is { } admin)
            {
                score += 30;
                reasons.Add($"administrator of account {node.AccountId} ({Chains.Reach.Grants(view, admin)})");
            }
            else if (view.Out(node, EdgeType.CanEscalateTo).FirstOrDefault(e => view.Graph.Node(e.Target).Type == NodeType.Account) is { } escalation)
            {
                score += 20;
                reasons.Add($"can escalate to administrator ({Chains.Reach.Grants(view, escalation)})");
            }
            if (AttackerMoves.IsData(node.Type))
            {
                score += 20;
                reasons.Add($"holds data ({Chains.Steps.Of(node, "").Sub})");
            }
            else if (node.Type is NodeType.IamRole or NodeType.IamUser)
            {
                score += 20;
                reasons.Add("an identity: whoever holds it acts with its permissions");
            }
            var data = view.Graph.Out(node.Id).Where(e => e.Type is EdgeType.CanRead or EdgeType.CanWrite or EdgeType.CanDecrypt && view.Stands(e))
                .Select(e => e.Target).Distinct(StringComparer.Ordinal).Count();
            if (data > 0) reasons.Add($"reaches {data} data store{(data == 1 ? "" : "s")}");
            var onward = AttackerMoves.From(view, node).Select(e => e.Target).Distinct(StringComparer.Ordinal).Count();
            if (onward > 0)
            {
                score += Math.Min(10, onward);
                if (data == 0) reasons.Add($"opens {onward} onward move{(onward == 1 ? "" : "s")}");
            }
            if (score > 0) items.Add(new ExposureItem(node, Math.Min(100, score), reasons, hops));
        }
        return [.. items.OrderByDescending(i => i.Score).ThenBy(i => i.InternetHops ?? int.MaxValue).ThenBy(i => i.Node.Id, StringComparer.Ordinal)];
    }

    /// <summary>Resources a person can act on: not the internet, an account, a region or an outside party.</summary>
    private static bool Ranked(NodeType type) =>
        type is not (NodeType.Internet or NodeType.Account or NodeType.Region or NodeType.AnyPrincipal or NodeType.ExternalAccount);
}
