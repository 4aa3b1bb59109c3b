using CloudAudit.Analysis.Graph;

namespace CloudAudit.Analysis.Chains;

/// <summary>Every chain rule: the reference's 31 (AC-xx), then cloud-audit's own (CA-xx).</summary>
public static class ChainRules
{
    public static IReadOnlyList<ChainRule> All { get; } = [.. ReferenceRules.All, .. OwnRules.All];

    public static ChainRule? Find(string id) => All.FirstOrDefault(r => r.Info.Id.Equals(id, StringComparison.OrdinalIgnoreCase));
}

/// <summary>Runs the chain rules over a view of the graph and turns their matches into attack chains.</summary>
public static class ChainDetector
{
    public static IReadOnlyList<AttackChain> Detect(GraphView view, IReadOnlyList<ChainRule>? rules = null)
    {
        rules ??= ChainRules.All;
        var perRule = new IReadOnlyList<AttackChain>[rules.Count];
        Parallel.For(0, rules.Count, i => perRule[i] = ChainsOf(rules[i], view));
        var chains = perRule.SelectMany(c => c).ToList();
        // A chain whose rule is superseded by a broader one on the same anchor is left out (AC-09 under AC-10).
        var fired = chains.Select(c => (c.ChainId, c.Anchor)).ToHashSet();
        return [.. chains
            .Where(c => ChainRules.Find(c.ChainId)?.Info.SupersededBy is not { } broader || !fired.Contains((broader, c.Anchor)))
            .OrderBy(c => c.Severity).ThenBy(c => c.ChainId, StringComparer.Ordinal).ThenBy(c => c.Anchor, StringComparer.Ordinal)];
    }

    private static List<AttackChain> ChainsOf(ChainRule rule, GraphView view)
    {
        var info = rule.Info;
        var matches = rule.Match(view).DistinctBy(m => m.Anchor.Id).ToList();
        if (info.OnePerAccount)
            matches = [.. matches.GroupBy(m => m.Anchor.AccountId).Select(g => Merge(view, g.ToList()))];
        return [.. matches.Select(m => new AttackChain
        {
            ChainId = info.Id,
            Name = info.NamedBySubject && m.Subject is { } subject ? $"{info.Name} ({subject})" : info.Name,
            Severity = info.Severity,
            AccountId = m.Anchor.AccountId,
            Anchor = m.Anchor.Id,
            Findings = m.Findings,
            AttackNarrative = m.Narrative,
            PriorityFix = info.Fix,
            MitreRefs = info.Mitre,
            Resources = [.. m.Path.Select(n => n.Id).Distinct(StringComparer.Ordinal)],
            VizSteps = m.Steps,
            Reference = info.Reference,
        })];
    }

    /// <summary>
    /// One chain per account for region-wide rules, anchored on the account (so it keeps its identity however many
    /// regions hold it): the first region's story, every region's resources and findings.
    /// </summary>
    private static ChainMatch Merge(GraphView view, IReadOnlyList<ChainMatch> matches)
    {
        var ordered = matches.OrderBy(m => m.Anchor.Label, StringComparer.Ordinal).ToList();
        var first = ordered[0];
        var others = ordered.Count == 1 ? "" : $" The same holds in {string.Join(", ", ordered.Skip(1).Select(m => m.Anchor.Label))}.";
        return new ChainMatch(view.AccountOf(first.Anchor), [.. ordered.SelectMany(m => m.Path).DistinctBy(n => n.Id)],
            Steps.Findings([.. ordered.SelectMany(m => m.Findings)]), first.Narrative + others, first.Steps)
        { Subject = first.Subject };
    }
}
