using CloudAudit.Checks.Framework;
using CloudAudit.Analysis.Fingerprints;
using CloudAudit.Inventory;

namespace CloudAudit.Analysis;

/// <summary>Where a finding went after analysis, when it is not reported as an active finding.</summary>
public enum FindingDisposition
{
    Active,
    /// <summary>Matched an active suppression.</summary>
    Suppressed,
    /// <summary>Below the --min-severity threshold.</summary>
    BelowThreshold,
    /// <summary>Reported once under its root-cause check instead.</summary>
    Folded,
}

public sealed record AnalyzedFinding(Finding Finding, FindingDisposition Disposition, Suppression? Suppression = null, string? FoldedInto = null)
{
    /// <summary>The finding's stable identity across scans (<see cref="FindingFingerprint"/>), unique within its scan.</summary>
    public string Fingerprint { get; init; } = FindingFingerprint.Of(Finding);
}

/// <summary>One check result after analysis: its findings with their dispositions.</summary>
public sealed record AnalyzedResult(CheckResult Result, CheckInfo Info, IReadOnlyList<AnalyzedFinding> Findings)
{
    public IEnumerable<Finding> Active => Findings.Where(f => f.Disposition == FindingDisposition.Active).Select(f => f.Finding);
    public string? FoldedInto => Findings.FirstOrDefault(f => f.FoldedInto is not null)?.FoldedInto;
}

public sealed record ScanSummary
{
    public int TotalFindings { get; init; }
    public IReadOnlyDictionary<Severity, int> BySeverity { get; init; } = new Dictionary<Severity, int>();
    public IReadOnlyDictionary<Category, int> ByCategory { get; init; } = new Dictionary<Category, int>();
    public int ResourcesScanned { get; init; }
    public int ChecksPassed { get; init; }
    public int ChecksFailed { get; init; }
    public int ChecksErrored { get; init; }
    public int ChecksNotAssessed { get; init; }
    public int ChecksNotApplicable { get; init; }
    /// <summary>Failing checks whose findings are all below the severity threshold or suppressed.</summary>
    public int ChecksFailedHidden { get; init; }
    public int CoverageGaps { get; init; }
    public int FindingsSuppressed { get; init; }
    public int FindingsBelowThreshold { get; init; }
    public int FindingsFolded { get; init; }
    public int Score { get; init; }
    public int AttackChainsDetected { get; init; }
    public int EscalationPathsDetected { get; init; }
    public int AgentsDiscovered { get; init; }
}

/// <summary>Everything a report writer needs.</summary>
public sealed record ScanReport
{
    public string Provider { get; init; } = "aws";
    public required IReadOnlyList<string> AccountIds { get; init; }
    public required IReadOnlyList<string> Regions { get; init; }
    public required DateTimeOffset Timestamp { get; init; }
    public required double DurationSeconds { get; init; }
    /// <summary>"live", "snapshot", or "demo".</summary>
    public required string Source { get; init; }
    public required string ToolVersion { get; init; }
    public Severity? MinSeverity { get; init; }
    public required ScanSummary Summary { get; init; }
    public required IReadOnlyList<AnalyzedResult> Results { get; init; }
    /// <summary>Suppressions from the configuration that have expired (their findings reappear).</summary>
    public IReadOnlyList<Suppression> ExpiredSuppressions { get; init; } = [];
    /// <summary>The API calls a live scan made, per service; null when the inventory came from a file or the demo.</summary>
    public IReadOnlyList<ServiceApiCalls>? ApiCalls { get; init; }
    /// <summary>The scan assessed against the framework asked for with --compliance; null otherwise.</summary>
    public Compliance.ComplianceReport? Compliance { get; init; }
    /// <summary>The security graph, attack chains, remediation plan, escalation paths and agents of the scan.</summary>
    public AttackPathAnalysis AttackPaths { get; init; } = AttackPathAnalysis.Empty;
    /// <summary>Every account the scan covered, in <see cref="AccountIds"/> order: its name, OUs, and why it was not assessed.</summary>
    public IReadOnlyList<ScannedAccount> AccountDetails { get; init; } = [];
    /// <summary>The organization the accounts were chosen from (<c>--organization</c>); null otherwise.</summary>
    public ScanOrganization? Organization { get; init; }
    /// <summary>Set when this report is one share of a sharded run (<c>--shard K/N</c>); <c>merge</c> combines the shares.</summary>
    public ScanShard? Shard { get; init; }

    /// <summary>Known findings (<c>scan --baseline</c>): exit code, Markdown and SARIF count only findings not in it.</summary>
    public ScanBaseline? Baseline { get; init; }
    /// <summary>The scanned accounts' posture in their recent recorded scans, this one included; empty without history.</summary>
    public IReadOnlyList<Trends.PosturePoint> Trend { get; init; } = [];

    public string AccountId => AccountIds.Count == 1 ? AccountIds[0] : string.Join(",", AccountIds);

    /// <summary>Whether a finding is new against the baseline (every finding is, without one).</summary>
    public bool IsNew(AnalyzedFinding finding) => Baseline is null || !Baseline.Fingerprints.Contains(finding.Fingerprint);

    /// <summary>Active findings not in the baseline: what fails a CI job that gates on regressions.</summary>
    public int NewActiveCount => Results.Sum(r => r.Findings.Count(f => f.Disposition == FindingDisposition.Active && IsNew(f)));

    public IEnumerable<Finding> ActiveFindings => Results.SelectMany(r => r.Active);

    public IEnumerable<DataGap> Gaps => Results.SelectMany(r => r.Result.Gaps);
}

/// <summary>What a live scan asked of one AWS service: calls (all pages of one read count once), retries, throttling responses, denials.</summary>
public sealed record ServiceApiCalls(string Service, long Calls, long Requests, long Retries, long Throttles, long Denials, long Failures);

/// <summary>The findings a scan is compared against: <paramref name="Source"/> names the report file or recorded scan.</summary>
public sealed record ScanBaseline(string Source, IReadOnlySet<string> Fingerprints);
