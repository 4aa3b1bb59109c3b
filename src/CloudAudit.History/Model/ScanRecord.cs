using CloudAudit.Checks.Framework;

namespace CloudAudit.History.Model;

/// <summary>What a scan left: who, when, per-account posture, every check result and every listed finding.</summary>
/// <remarks>Built from a finished scan, a saved JSON report, or the store; <c>diff</c> and the store read only this.</remarks>
public sealed record ScanRecord
{
    /// <summary>The store's ID; null for a scan read from a report file.</summary>
    public long? Id { get; init; }
    /// <summary>How a user names this scan: "scan 12" or the report file's path.</summary>
    public required string Label { get; init; }
    public required DateTimeOffset ScannedAt { get; init; }
    /// <summary>"live", "snapshot", "demo", or "reference" for the reference tool's report.</summary>
    public required string Source { get; init; }
    public required string ToolVersion { get; init; }
    public IReadOnlyList<string> Regions { get; init; } = [];
    public double DurationSeconds { get; init; }
    public Severity? MinSeverity { get; init; }
    /// <summary>The report file a scan was imported from, if it was.</summary>
    public string? ImportedFrom { get; init; }
    public required IReadOnlyList<AccountRecord> Accounts { get; init; }
    public required IReadOnlyList<CheckRecord> Checks { get; init; }
    public required IReadOnlyList<FindingRecord> Findings { get; init; }

    public IEnumerable<string> AccountIds => Accounts.Select(a => a.AccountId);

    /// <summary>The health score over every account's active findings (the report's own score).</summary>
    public int Score => Analysis.HealthScore.OfSeverities(Findings.Where(f => f.State == FindingState.Active).Select(f => f.Severity));
}

/// <summary>One account's posture in a scan: what the trend and the history list show.</summary>
/// <param name="CollectionSeconds">How long reading the account took (live multi-account scans), for balancing a later <c>--shard</c>.</param>
/// <param name="NotAssessed">Why the account could not be read at all, when it could not.</param>
public sealed record AccountRecord(
    string AccountId,
    int Score,
    int Findings,
    int Critical,
    int High,
    int Medium,
    int Low,
    int Info,
    int Suppressed,
    int ChecksPassed,
    int ChecksFailed,
    int ChecksErrored,
    int ChecksNotAssessed,
    int ChecksNotApplicable,
    double? CollectionSeconds = null,
    string? NotAssessed = null)
{
    public int Count(Severity severity) => severity switch
    {
        Severity.Critical => Critical,
        Severity.High => High,
        Severity.Medium => Medium,
        Severity.Low => Low,
        _ => Info,
    };
}

/// <summary>One check's outcome on one account, with the regions it could not read (its findings there are unknown).</summary>
public sealed record CheckRecord(string AccountId, string CheckId, CheckStatus Status, int ResourcesScanned, string? Reason, IReadOnlyList<string> GapRegions)
{
    /// <summary>Whether this result can vouch that a finding in <paramref name="region"/> is gone.</summary>
    public bool Assessed(string region) =>
        Status is CheckStatus.Pass or CheckStatus.Fail or CheckStatus.NotApplicable
        && !GapRegions.Contains(region, StringComparer.OrdinalIgnoreCase)
        && !GapRegions.Contains("global", StringComparer.OrdinalIgnoreCase);
}

/// <summary>Where a finding stood in its scan.</summary>
public enum FindingState
{
    Active,
    /// <summary>Matched an active suppression (an accepted risk).</summary>
    Suppressed,
    /// <summary>Below the scan's --min-severity.</summary>
    BelowThreshold,
    /// <summary>Reported under its root cause.</summary>
    Folded,
}

public sealed record FindingRecord(
    string Fingerprint,
    string AccountId,
    string CheckId,
    string Region,
    string ResourceType,
    string ResourceId,
    Severity Severity,
    string Title,
    string Description,
    FindingState State);

/// <summary>How finding states are spelled in the store and in JSON.</summary>
public static class FindingStates
{
    public static string Name(FindingState state) => state switch
    {
        FindingState.Suppressed => "suppressed",
        FindingState.BelowThreshold => "below_threshold",
        FindingState.Folded => "folded",
        _ => "active",
    };

    public static FindingState Parse(string text) => text switch
    {
        "active" => FindingState.Active,
        "suppressed" => FindingState.Suppressed,
        "below_threshold" => FindingState.BelowThreshold,
        "folded" => FindingState.Folded,
        _ => throw new FormatException($"unknown finding state '{text}'"),
    };
}
