using CloudAudit.Analysis.Graph;
using CloudAudit.Checks.Framework;

namespace CloudAudit.Analysis.Chains;

/// <summary>What a chain is about: one account, one region of it, or one VPC.</summary>
public enum ChainScope { Account, Region, Vpc }

/// <summary>Where a required finding must sit, relative to the chain's scope.</summary>
public enum Within
{
    /// <summary>On the scope's own node (the VPC without flow logs, the region without GuardDuty).</summary>
    Anchor,
    /// <summary>On a resource inside the scope (a security group of the VPC, a parameter of the region).</summary>
    Inside,
    /// <summary>On the root user of the scope's account.</summary>
    Root,
    /// <summary>Anywhere in the scope's account (an account-wide setting such as CloudTrail).</summary>
    Account,
    /// <summary>On the region node of the scope's region (for a VPC: the region it is in).</summary>
    Region,
}

/// <summary>One finding a scoped chain needs.</summary>
public sealed record Requirement(string CheckId, Within Where, Severity? AtLeast = null, bool Optional = false);

/// <summary>
/// The family of chains whose parts are settings of one place: the account's root user and trail, a region's
/// detective controls, a VPC's security groups, ACLs and flow logs. All required findings must sit in the same
/// scope (the same account, region or VPC); findings in different places make no chain.
/// </summary>
public sealed class ScopedFindingsRule(ChainRuleInfo info, ChainScope scope, IReadOnlyList<Requirement> requirements,
    Func<GraphNode, IReadOnlyDictionary<string, IReadOnlyList<(GraphNode Node, FindingRef Finding)>>, string> story) : ChainRule
{
    public override ChainRuleInfo Info { get; } = info;

    public override IEnumerable<ChainMatch> Match(GraphView view)
    {
        var anchorType = scope switch { ChainScope.Account => NodeType.Account, ChainScope.Region => NodeType.Region, _ => NodeType.Vpc };
        var first = requirements.First(r => !r.Optional);
        // Only scopes that hold the first requirement can match: start from its findings, not from every node.
        var candidates = view.WithFinding(first.CheckId).Select(x => AnchorsOf(view, x.Node, first.Where, anchorType)).SelectMany(a => a)
            .DistinctBy(a => a.Id).ToList();
        foreach (var anchor in candidates)
        {
            var found = new Dictionary<string, IReadOnlyList<(GraphNode, FindingRef)>>(StringComparer.Ordinal);
            var complete = true;
            foreach (var requirement in requirements)
            {
                var matches = Holders(view, anchor, requirement).ToList();
                if (matches.Count == 0 && !requirement.Optional)
                {
                    complete = false;
                    break;
                }
                if (matches.Count > 0) found[requirement.CheckId] = matches;
            }
            if (!complete) continue;
            var holders = found.Values.SelectMany(v => v).Select(x => x.Item1).Where(n => n.Id != anchor.Id).DistinctBy(n => n.Id).ToList();
            var steps = new List<VizStep> { Steps.Of(anchor, "") };
            steps.AddRange(requirements.Where(r => found.ContainsKey(r.CheckId)).Select(r =>
            {
                var (node, finding) = found[r.CheckId][0];
                var more = found[r.CheckId].Count > 1 ? $" (+{found[r.CheckId].Count - 1})" : "";
                return Steps.Finding(finding.CheckId, node.Label + more, "and");
            }));
            steps.Add(Steps.Impact(Info.Name, anchor.Label, "leads to"));
            yield return new ChainMatch(anchor, [anchor, .. holders],
                Steps.Findings([.. found.Values.SelectMany(v => v).Select(x => x.Item2)]), story(anchor, found), steps);
        }
    }

    private IEnumerable<(GraphNode, FindingRef)> Holders(GraphView view, GraphNode anchor, Requirement requirement) =>
        view.WithFinding(requirement.CheckId).Where(x => x.Node.AccountId == anchor.AccountId
            && (requirement.AtLeast is not { } floor || x.Finding.Severity <= floor)
            && requirement.Where switch
            {
                Within.Anchor => x.Node.Id == anchor.Id,
                Within.Inside => Inside(view, x.Node, anchor),
                Within.Root => x.Node.Type == NodeType.IamRoot,
                Within.Region => x.Node.Type == NodeType.Region && x.Node.Region == anchor.Region,
                _ => true,
            });

    private static bool Inside(GraphView view, GraphNode node, GraphNode anchor) => anchor.Type switch
    {
        NodeType.Vpc => view.Targets(node, EdgeType.InNetwork).Any(n => n.Id == anchor.Id
            || view.Targets(n, EdgeType.InNetwork).Any(v => v.Id == anchor.Id)),
        NodeType.Region => node.Region == anchor.Region && node.Id != anchor.Id,
        _ => true,
    };

    /// <summary>The scopes a finding's node belongs to, seen from where the requirement wants it.</summary>
    private static IEnumerable<GraphNode> AnchorsOf(GraphView view, GraphNode node, Within where, NodeType anchorType)
    {
        if (anchorType == NodeType.Account) return [view.AccountOf(node)];
        if (anchorType == NodeType.Region)
            return where is Within.Account or Within.Root
                ? view.Graph.Nodes.Where(n => n.Type == NodeType.Region && n.AccountId == node.AccountId)
                : view.RegionOf(node) is { } region ? [region] : [];
        return where switch
        {
            Within.Anchor => node.Type == NodeType.Vpc ? [node] : [],
            Within.Inside => view.Targets(node, EdgeType.InNetwork).SelectMany(n => n.Type == NodeType.Vpc ? [n] : view.Targets(n, EdgeType.InNetwork)),
            _ => view.Graph.Nodes.Where(n => n.Type == NodeType.Vpc && n.AccountId == node.AccountId),
        };
    }
}
