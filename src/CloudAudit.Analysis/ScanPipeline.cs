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
        var results = CheckRunner.Run(checks, accounts, snapshot.CollectedAt, onEvaluated);
        var (analyzed, summary, expired) = ScanAnalyzer.Analyze(results, options);
        return new ScanReport
        {
            AccountIds = accounts.Select(a => a.AccountId).ToList(),
            Regions = accounts.SelectMany(a => a.Regions).Distinct().ToList(),
            Timestamp = snapshot.CollectedAt,
            DurationSeconds = Math.Round((collectionTime + clock.Elapsed).TotalSeconds, 2),
            Source = source,
            ToolVersion = toolVersion,
            MinSeverity = options.MinSeverity,
            Summary = summary,
            Results = analyzed,
            ExpiredSuppressions = expired,
        };
    }
}
