using CloudAudit.Analysis.Graph;

namespace CloudAudit.Analysis.Chains;

/// <summary>
/// A rule about single nodes of some types (a principal, a database, a notebook, a service): the match looks at one
/// node and its standing edges and findings and says whether, and how, the chain runs through it.
/// </summary>
public sealed class NodeRule(ChainRuleInfo info, NodeType[] types, Func<GraphView, GraphNode, ChainMatch?> match) : ChainRule
{
    public override ChainRuleInfo Info { get; } = info;

    public override IEnumerable<ChainMatch> Match(GraphView view)
    {
        foreach (var node in view.Graph.Nodes.Where(n => types.Contains(n.Type)))
            if (match(view, node) is { } found) yield return found;
    }
}
