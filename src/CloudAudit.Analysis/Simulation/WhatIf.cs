using CloudAudit.Analysis.Chains;
using CloudAudit.Analysis.Graph;
using CloudAudit.Analysis.Remediation;
using CloudAudit.Checks.Framework;

namespace CloudAudit.Analysis.Simulation;

/// <summary>An active finding as the what-if counts it.</summary>
public sealed record ActiveFinding(string CheckId, Severity Severity);

/// <summary>The account before and after fixing every finding of some checks.</summary>
public sealed record SimulationResult
{
    /// <summary>The checks taken as fixed.</summary>
    public required IReadOnlyList<string> Fixed { get; init; }
    public required int ScoreBefore { get; init; }
    public required int ScoreAfter { get; init; }
    public required int FindingsBefore { get; init; }
    public required int FindingsAfter { get; init; }
    public required IReadOnlyList<AttackChain> ChainsBefore { get; init; }
    public required IReadOnlyList<AttackChain> ChainsAfter { get; init; }
    /// <summary>Chain risk: the chains weighted by severity as the health score weighs findings (20/10/5/2).</summary>
    public int RiskBefore => Risk(ChainsBefore);
    public int RiskAfter => Risk(ChainsAfter);
    public IReadOnlyList<AttackChain> Broken => [.. ChainsBefore.Where(c => !ChainsAfter.Any(a => a.Key == c.Key))];
    /// <summary>The fix that breaks the most of the remaining chains, once these are done.</summary>
    public required RootCause? NextFix { get; init; }

    public static int Risk(IEnumerable<AttackChain> chains) => chains.Sum(c => HealthScore.Weight(c.Severity));
}

/// <summary>
/// Offline what-if: the account as it would be with every finding of the given checks fixed. Findings and score are
/// recounted without them; chains are decided again by the same rules on the same graph, where the evidence those
/// findings prove no longer holds (<see cref="GraphView"/>), so a chain linked through a fixed resource falls and one
/// that stands on other grants stays.
/// </summary>
public static class WhatIf
{
    public static SimulationResult Simulate(AttackPathAnalysis analysis, IReadOnlyList<ActiveFinding> active, IReadOnlyList<string> fix,
        Func<string, CheckFix?> fixOf)
    {
        var fixedChecks = fix.ToHashSet(StringComparer.Ordinal);
        var after = ChainDetector.Detect(new GraphView(analysis.Graph, fixedChecks));
        var remaining = active.Where(f => !fixedChecks.Contains(f.CheckId)).ToList();
        return new SimulationResult
        {
            Fixed = [.. fix.Distinct(StringComparer.Ordinal)],
            ScoreBefore = HealthScore.OfSeverities(active.Select(f => f.Severity)),
            ScoreAfter = HealthScore.OfSeverities(remaining.Select(f => f.Severity)),
            FindingsBefore = active.Count,
            FindingsAfter = remaining.Count,
            ChainsBefore = analysis.Chains,
            ChainsAfter = after,
            NextFix = RemediationPlanner.Plan(analysis.Graph, after, fixOf, fixedChecks).FirstOrDefault(),
        };
    }
}
