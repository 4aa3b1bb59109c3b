using System.Diagnostics;
using CloudAudit.Checks;
using CloudAudit.Checks.Framework;
using CloudAudit.Inventory;
using CloudAudit.Inventory.Snapshot;

namespace CloudAudit.Analysis;

/// <summary>Evaluates selected checks over an inventory and analyses the results into a report.</summary>
public static class ScanPipeline
{
    public static ScanReport Evaluate(InventorySnapshot snapshot, IReadOnlyList<Check> checks, AnalysisOptions options,
        string source, string toolVersion, TimeSpan collectionTime = default, Action<Check>? onEvaluated = null)
    {
        var clock = Stopwatch.StartNew();
        var accounts = snapshot.Accounts.Select(a => new AccountData(a)).ToList();
        // Checks judge the inventory as of its collection, so saved snapshots evaluate the same later.
        var contexts = accounts.Select(a => new CheckContext(a, snapshot.CollectedAt)).ToList();
        var results = CheckRunner.Run(checks, contexts, onEvaluated);
        var (analyzed, summary, expired) = ScanAnalyzer.Analyze(results, options);
        var attackPaths = AttackPathAnalyzer.Analyze([.. contexts.Select(c =>
            (c, (IReadOnlyList<AnalyzedResult>)[.. analyzed.Where(r => r.Result.AccountId == c.AccountId)]))]);
        return new ScanReport
        {
            AccountIds = accounts.Select(a => a.AccountId).ToList(),
            Regions = accounts.SelectMany(a => a.Regions).Distinct().ToList(),
            Timestamp = snapshot.CollectedAt,
            DurationSeconds = Math.Round((collectionTime + clock.Elapsed).TotalSeconds, 2),
            Source = source,
            ToolVersion = toolVersion,
            MinSeverity = options.MinSeverity,
            Summary = summary with
            {
                AttackChainsDetected = attackPaths.Chains.Count,
                EscalationPathsDetected = attackPaths.EscalationPaths.Count,
                AgentsDiscovered = attackPaths.Agents.Count,
            },
            AttackPaths = attackPaths,
            Results = analyzed,
            ExpiredSuppressions = expired,
        };
    }
}
