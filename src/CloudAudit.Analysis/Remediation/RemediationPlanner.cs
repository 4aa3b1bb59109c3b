using CloudAudit.Analysis.Chains;
using CloudAudit.Analysis.Graph;
using CloudAudit.Checks;
using CloudAudit.Checks.Framework;

namespace CloudAudit.Analysis.Remediation;

/// <summary>A check's fix as its first finding renders it: effort and commands with real IDs.</summary>
public sealed record CheckFix(Effort Effort, RenderedRemediation? Remediation);

/// <summary>
/// Which fixes break the chains that fired: for every check whose findings take part in a chain (or whose fix a
/// chain names), the chain rules run again on the graph with that check's findings fixed, and the chains that are
/// gone are what the fix breaks. No table of "check → chains" to keep in step with the rules: the rules decide.
/// </summary>
public static class RemediationPlanner
{
    /// <param name="alreadyFixed">Checks taken as fixed before this plan (a what-if's next step): the plan is over what remains.</param>
    public static IReadOnlyList<RootCause> Plan(SecurityGraph graph, IReadOnlyList<AttackChain> chains, Func<string, CheckFix?> fixOf,
        IReadOnlySet<string>? alreadyFixed = null)
    {
        if (chains.Count == 0) return [];
        alreadyFixed ??= new HashSet<string>(StringComparer.Ordinal);
        var before = chains.ToDictionary(c => c.Key, StringComparer.Ordinal);
        var candidates = chains.SelectMany(c => c.Findings.Select(f => f.CheckId).Append(c.PriorityFix.CheckId ?? ""))
            .Where(id => id.Length > 0 && !alreadyFixed.Contains(id)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        // Fixing findings only removes evidence, so only rules that fired (and the rules they supersede) can change.
        var fired = chains.Select(c => c.ChainId).ToHashSet(StringComparer.Ordinal);
        var rules = ChainRules.All.Where(r => fired.Contains(r.Info.Id) || (r.Info.SupersededBy is { } s && fired.Contains(s))).ToList();
        var findingCounts = graph.Nodes.SelectMany(n => n.Findings).GroupBy(f => f.CheckId).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var causes = new List<RootCause>();
        foreach (var check in candidates)
        {
            var after = ChainDetector.Detect(new GraphView(graph, new HashSet<string>(alreadyFixed, StringComparer.Ordinal) { check }), rules)
                .Select(c => c.Key).ToHashSet(StringComparer.Ordinal);
            var broken = before.Values.Where(c => !after.Contains(c.Key)).ToList();
            if (broken.Count == 0) continue;
            var fix = fixOf(check);
            var named = broken.Select(c => c.PriorityFix).FirstOrDefault(f => f.CheckId == check);
            var effort = fix?.Effort ?? named?.Effort ?? Effort.Medium;
            var worst = broken.Min(c => c.Severity);
            causes.Add(new RootCause
            {
                CheckId = check,
                FixTitle = named?.Title ?? CheckRegistry.Find(check)?.Info.Recommendation ?? $"Fix the findings of {check}",
                Effort = effort,
                FindingsClosed = findingCounts.GetValueOrDefault(check),
                ChainsBroken = [.. broken.Select(c => c.ChainId)],
                ChainKeys = [.. broken.Select(c => c.Key)],
                Severity = worst,
                Remediation = fix?.Remediation,
                QuickWin = effort == Effort.Low && worst == Severity.Critical,
            });
        }
        return [.. causes
            .OrderByDescending(c => c.ChainKeys.Count)
            .ThenBy(c => c.Severity)
            .ThenBy(c => c.Effort)
            .ThenBy(c => c.CheckId, StringComparer.Ordinal)];
    }
}
