using System.ComponentModel;
using System.Text.Json.Serialization;
using CloudAudit.Analysis;
using CloudAudit.Checks.Framework;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace CloudAudit.Mcp.Tools;

/// <summary>What a scan found, in the reference tool's <c>scan_aws</c> fields and the statuses it lacks.</summary>
public sealed record ScanSummaryResult(
    [property: JsonPropertyName("source")] string Source,
    [property: JsonPropertyName("account_id")] string AccountId,
    [property: JsonPropertyName("accounts")] IReadOnlyList<string> Accounts,
    [property: JsonPropertyName("regions")] IReadOnlyList<string> Regions,
    [property: JsonPropertyName("health_score")] int HealthScore,
    [property: JsonPropertyName("total_findings")] int TotalFindings,
    [property: JsonPropertyName("by_severity")] IReadOnlyDictionary<string, int> BySeverity,
    [property: JsonPropertyName("attack_chains")] int AttackChains,
    [property: JsonPropertyName("checks_passed")] int ChecksPassed,
    [property: JsonPropertyName("checks_failed")] int ChecksFailed,
    [property: JsonPropertyName("checks_errored")] int ChecksErrored,
    [property: JsonPropertyName("checks_not_assessed")] int ChecksNotAssessed,
    [property: JsonPropertyName("checks_not_applicable")] int ChecksNotApplicable,
    [property: JsonPropertyName("coverage_gaps")] int CoverageGaps,
    [property: JsonPropertyName("findings_suppressed")] int FindingsSuppressed,
    [property: JsonPropertyName("findings_below_threshold")] int FindingsBelowThreshold,
    [property: JsonPropertyName("min_severity")] string? MinSeverity,
    [property: JsonPropertyName("duration_seconds")] double DurationSeconds,
    [property: JsonPropertyName("notes")] IReadOnlyList<string> Notes)
{
    public static ScanSummaryResult From(ScanReport report, IReadOnlyList<string> notes)
    {
        var s = report.Summary;
        return new(report.Source, report.AccountId, report.AccountIds, report.Regions, s.Score, s.TotalFindings, Severities.Count(s.BySeverity),
            s.AttackChainsDetected, s.ChecksPassed, s.ChecksFailed, s.ChecksErrored, s.ChecksNotAssessed, s.ChecksNotApplicable, s.CoverageGaps,
            s.FindingsSuppressed, s.FindingsBelowThreshold, report.MinSeverity?.Lower(), report.DurationSeconds, notes);
    }

    public string Describe()
    {
        var accounts = Accounts.Count == 1 ? $"account {AccountId}" : $"{Accounts.Count} accounts ({string.Join(", ", Accounts)})";
        var text = $"Scanned {accounts} ({Source}; {Regions.Count} region(s)) in {DurationSeconds:0.#} s: health score {HealthScore}/100, "
            + $"{TotalFindings} active finding(s) ({Severities.Describe(BySeverity)}), {AttackChains} attack chain(s).";
        if (ChecksNotAssessed + ChecksErrored > 0)
            text += $" {ChecksNotAssessed} check(s) NOT ASSESSED and {ChecksErrored} ERROR: unknown, not passed ({CoverageGaps} coverage gap(s)).";
        if (FindingsSuppressed > 0)
            text += $" {FindingsSuppressed} finding(s) suppressed by the configuration.";
        return text + " Next: get_findings, get_attack_chains, get_remediation.";
    }
}

/// <summary>The tools that run a scan: live, from a saved inventory, or over the demo organization.</summary>
[McpServerToolType]
public sealed class ScanTools(IScanHost host, ScanSession session)
{
    [McpServerTool(Name = "scan_aws", Title = "Scan an AWS account (read-only)", ReadOnly = true, Destructive = false, OpenWorld = true,
        UseStructuredContent = true, OutputSchemaType = typeof(ScanSummaryResult))]
    [Description("Scan a live AWS account with the user's credentials (read-only: only Describe/Get/List calls) and keep the results for the "
        + "other tools. Use it when the user asks about the security of their real AWS account. Takes from seconds to minutes and reports "
        + "progress; the config file (.cloud-audit.yml) and CLOUD_AUDIT_* variables apply as for `cloud-audit scan`, suppressions included, "
        + "and the scan is recorded in the history. Returns the health score and counts; then use get_findings, get_attack_chains, get_remediation.")]
    public Task<CallToolResult> ScanAws(
        IProgress<ProgressNotificationValue> progress, CancellationToken cancel,
        [Description("AWS profile from ~/.aws/config and ~/.aws/credentials; empty for the default credential chain (environment, the config file's profile, default profile)")] string profile = "",
        [Description("Comma-separated regions such as 'eu-west-1,us-east-1', or 'all' for every enabled region; empty for the config file's regions or the home region")] string regions = "",
        [Description("Report only findings at or above: critical, high, medium, low or info; empty for the config file's threshold or all")] string min_severity = "") =>
        Run("scan_aws", report => host.ScanAws(new AwsScanArguments(NonEmpty(profile), NonEmpty(regions), NonEmpty(min_severity)), report, cancel), progress, cancel);

    [McpServerTool(Name = "scan_snapshot", Title = "Scan a saved inventory", ReadOnly = true, Destructive = false, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(ScanSummaryResult))]
    [Description("Evaluate a saved inventory file (written by `cloud-audit collect` or `cloud-audit demo --save-snapshot`, JSON or .json.gz) "
        + "offline, without AWS credentials, and keep the results for the other tools. Use it when the user has a snapshot file instead of live access. "
        + "The file is only read. The config file applies and the scan is recorded in the history, as `cloud-audit scan --snapshot FILE`.")]
    public Task<CallToolResult> ScanSnapshot(
        IProgress<ProgressNotificationValue> progress, CancellationToken cancel,
        [Description("Path of the inventory file (absolute, or relative to the server's working directory)")] string path) =>
        Run("scan_snapshot", report => host.ScanSnapshot(path, report, cancel), progress, cancel);

    [McpServerTool(Name = "demo_scan", Title = "Scan the demo organization", ReadOnly = true, Destructive = false, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(ScanSummaryResult))]
    [Description("Scan the built-in demo organization (three fictional accounts with realistic misconfigurations; no AWS credentials needed) "
        + "and keep the results for the other tools. Use it to show what cloud-audit does, or when no account or snapshot is available. "
        + "Like `cloud-audit demo`, it is not recorded in the history.")]
    public Task<CallToolResult> DemoScan(IProgress<ProgressNotificationValue> progress, CancellationToken cancel) =>
        Run("demo_scan", report => host.ScanDemo(report, cancel), progress, cancel);

    private async Task<CallToolResult> Run(string tool, Func<Action<ScanProgress>, ScanOutcome> scan, IProgress<ProgressNotificationValue> progress, CancellationToken cancel)
    {
        // A cancelled request (notifications/cancelled) stops the scan through cancel: the reads in flight are aborted,
        // nothing is recorded, and the guard is released when the scan has unwound.
        using var running = await session.BeginScanAsync(tool, cancel).ConfigureAwait(false);
        var reporter = new ProgressReporter(progress);
        var outcome = await Task.Run(() => scan(reporter.Report), cancel).ConfigureAwait(false);
        session.Hold(outcome);
        var result = ScanSummaryResult.From(outcome.Report, outcome.Notes);
        return ToolResults.Of(result, McpJson.Type<ScanSummaryResult>(), result.Describe());
    }

    private static string? NonEmpty(string value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

/// <summary>Forwards a scan's progress as MCP progress notifications, at most a few per second.</summary>
internal sealed class ProgressReporter(IProgress<ProgressNotificationValue> progress)
{
    private long lastTicks;

    public void Report(ScanProgress step)
    {
        var now = Environment.TickCount64;
        var last = Interlocked.Read(ref lastTicks);
        if (step.Done != step.Total && now - last < 250) return;
        if (Interlocked.CompareExchange(ref lastTicks, now, last) != last) return;
        progress.Report(new ProgressNotificationValue { Progress = step.Done, Total = step.Total, Message = step.Message });
    }
}

/// <summary>Severity counts in the order people read them.</summary>
internal static class Severities
{
    public static IReadOnlyDictionary<string, int> Count(IReadOnlyDictionary<Severity, int> bySeverity) =>
        Enum.GetValues<Severity>().ToDictionary(s => s.Lower(), s => bySeverity.GetValueOrDefault(s));

    public static string Describe(IReadOnlyDictionary<string, int> counts) =>
        counts.Values.Sum() == 0 ? "none" : string.Join(", ", counts.Where(p => p.Value > 0).Select(p => $"{p.Key} {p.Value}"));

    public static Severity Parse(string text, string argument) =>
        EnumText.TryParseSeverity(text.Trim(), out var severity) ? severity
            : throw new ToolInputException($"invalid {argument} '{text}'; use critical, high, medium, low or info");
}
