using CloudAudit.Analysis;
using CloudAudit.Analysis.Compliance;
using CloudAudit.Checks;
using CloudAudit.Checks.Framework;
using CloudAudit.Cli.Output;
using CloudAudit.Inventory.Snapshot;
using Spectre.Console;

namespace CloudAudit.Cli.Commands;

/// <summary>The offline half of a scan, shared by demo, scan --snapshot and (after collection) live scans.</summary>
public static class Evaluation
{
    /// <param name="exitCode">How the finished report decides the exit code; <see cref="ReportOutput.ExitCode"/> by default.</param>
    /// <param name="verify">Proof Mode (scan --verify): AWS's evaluator confirms the report's escalation paths before it is written.</param>
    public static int Run(InventorySnapshot snapshot, ScanRequest request, string source, TextWriter stdout, TextWriter stderr,
        TimeSpan collectionTime = default, IReadOnlyList<ServiceApiCalls>? apiCalls = null, ScanHistory? history = null,
        Func<ScanReport, int>? exitCode = null, Func<ScanReport, ScanReport>? verify = null)
    {
        if (!request.Quiet)
            foreach (var warning in request.Warnings)
                stderr.WriteLine($"warning: {warning}");
        var evaluated = request with { Warnings = [] };
        var showProgress = !request.Quiet && Terminal.StderrIsTerminal && ReferenceEquals(stderr, Console.Error);
        ScanReport report;
        if (showProgress)
        {
            report = null!;
            Terminal.For(stderr, interactive: true).Progress().AutoClear(true).Start(progress =>
            {
                var checks = request.SelectedChecks().Count;
                var task = progress.AddTask($"Evaluating {checks} checks", maxValue: checks * snapshot.Accounts.Count);
                report = Analyze(snapshot, evaluated, source, stderr, collectionTime, apiCalls, onEvaluated: _ => task.Increment(1));
            });
        }
        else
        {
            report = Analyze(snapshot, evaluated, source, stderr, collectionTime, apiCalls);
        }
        if (verify is not null)
            report = verify(report);
        return Conclude(report, request, stdout, history, exitCode);
    }

    /// <summary>
    /// What every scan does with its evaluated report, one account or an organization: judges it against its baseline
    /// and records it, assesses it against --compliance, writes it; returns the exit code.
    /// </summary>
    public static int Conclude(ScanReport report, ScanRequest request, TextWriter stdout, ScanHistory? history, Func<ScanReport, int>? exitCode = null)
    {
        if (history is not null)
            report = history.Apply(report, withTrend: request.Format == ReportFormat.Html);
        if (request.Compliance is { } framework)
            report = report with { Compliance = ComplianceAssessor.Assess(framework, report) };
        return ReportOutput.Emit(report, request, stdout, exitCode);
    }

    /// <summary>
    /// The evaluation without a report written: warnings go to <paramref name="stderr"/>, and the analysed report
    /// (recorded when <paramref name="history"/> is given and records) is returned. <see cref="Run"/> concludes it; the MCP
    /// server holds it, and stops it with <paramref name="cancel"/>: a scan cancelled before it is recorded is not recorded.
    /// </summary>
    public static ScanReport Analyze(InventorySnapshot snapshot, ScanRequest request, string source, TextWriter stderr,
        TimeSpan collectionTime = default, IReadOnlyList<ServiceApiCalls>? apiCalls = null, ScanHistory? history = null,
        Action<Check>? onEvaluated = null, CancellationToken cancel = default)
    {
        cancel.ThrowIfCancellationRequested();
        if (!request.Quiet)
            foreach (var warning in request.Warnings)
                stderr.WriteLine($"warning: {warning}");
        RestrictRegions(snapshot, request);
        var options = new AnalysisOptions { MinSeverity = request.MinSeverity, Suppressions = request.Suppressions };
        var report = ScanPipeline.Evaluate(snapshot, request.SelectedChecks(), options, source, VersionCommand.Version, collectionTime, onEvaluated)
            with { ApiCalls = apiCalls };
        cancel.ThrowIfCancellationRequested();
        return history is null ? report : history.Apply(report, withTrend: false);
    }

    /// <summary>--regions on an inventory narrows it; a region the inventory never covered is an error, not an empty pass.</summary>
    private static void RestrictRegions(InventorySnapshot snapshot, ScanRequest request)
    {
        if (request.Regions.Count == 0) return;
        foreach (var account in snapshot.Accounts)
        {
            var missing = request.Regions.Where(r => !account.Regions.Contains(r)).ToList();
            if (missing.Count > 0)
                throw new UsageException($"the inventory of account {account.AccountId} does not cover {string.Join(", ", missing)} (it has {string.Join(", ", account.Regions)})");
            account.Regions = request.Regions.ToList();
        }
    }
}
