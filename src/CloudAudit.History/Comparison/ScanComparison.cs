using CloudAudit.Checks.Framework;
using CloudAudit.History.Model;

namespace CloudAudit.History.Comparison;

/// <summary>What became of a finding between two scans.</summary>
public enum ChangeKind
{
    /// <summary>Active in the new scan, not active in the old one.</summary>
    New,
    /// <summary>Active in the old scan; gone from the new one, whose check examined the resource's region.</summary>
    Fixed,
    /// <summary>Active in both, with another severity, title or description.</summary>
    Changed,
    Unchanged,
    /// <summary>Active in the old scan, absent from the new one, whose check could not look (error, not assessed, not run, or a gap in that region).</summary>
    Unverified,
    /// <summary>Active in the old scan, still there but no longer reported (suppressed, below the threshold, or under its root cause).</summary>
    Hidden,
}

public sealed record FindingChange(ChangeKind Kind, FindingRecord? Old, FindingRecord? New, IReadOnlyList<string> ChangedFields)
{
    /// <summary>The finding as the newer scan knows it, or as the old one did when it is gone.</summary>
    public FindingRecord Finding => New ?? Old!;
}

/// <summary>Counts of one account's check, or of a whole diff.</summary>
public sealed record ChangeCounts(int New, int Fixed, int Changed, int Unchanged, int Unverified, int Hidden)
{
    /// <summary>Anything but unchanged findings.</summary>
    public bool AnyChange => New + Fixed + Changed + Unverified + Hidden > 0;

    public static ChangeCounts Of(IEnumerable<FindingChange> changes)
    {
        var list = changes as IReadOnlyCollection<FindingChange> ?? changes.ToList();
        int Count(ChangeKind kind) => list.Count(c => c.Kind == kind);
        return new(Count(ChangeKind.New), Count(ChangeKind.Fixed), Count(ChangeKind.Changed), Count(ChangeKind.Unchanged),
            Count(ChangeKind.Unverified), Count(ChangeKind.Hidden));
    }
}

/// <summary>One side of a diff, as the output names it.</summary>
public sealed record DiffSide(string Label, long? ScanId, DateTimeOffset ScannedAt, IReadOnlyList<string> Accounts, IReadOnlyList<string> Regions, int Score,
    IReadOnlyDictionary<string, int> AccountScores, int ActiveFindings);

public sealed record CheckChanges(string AccountId, string CheckId, ChangeCounts Counts);

/// <summary>The difference between two scans, finding by finding (matched by fingerprint).</summary>
public sealed record ScanDiff(DiffSide Old, DiffSide New, IReadOnlyList<FindingChange> Changes, IReadOnlyList<string> ScopeWarnings)
{
    public ChangeCounts Counts { get; } = ChangeCounts.Of(Changes);

    /// <summary>Anything new: what fails a CI job.</summary>
    public bool HasRegression => Counts.New > 0;

    public int ScoreChange => New.Score - Old.Score;

    /// <summary>Counts per account and check, for checks with anything but unchanged findings first.</summary>
    public IReadOnlyList<CheckChanges> ByCheck { get; } = Changes
        .GroupBy(c => (c.Finding.AccountId, c.Finding.CheckId))
        .Select(g => new CheckChanges(g.Key.AccountId, g.Key.CheckId, ChangeCounts.Of(g)))
        .OrderBy(c => c.AccountId, StringComparer.Ordinal).ThenBy(c => c.CheckId, StringComparer.Ordinal)
        .ToList();

    public IEnumerable<FindingChange> Of(ChangeKind kind) => Changes.Where(c => c.Kind == kind);
}

/// <summary>Compares two scans. Pure: the same two records always give the same diff.</summary>
public static class ScanComparer
{
    public static ScanDiff Compare(ScanRecord old, ScanRecord current, string? account = null)
    {
        if (account is not null)
        {
            old = Only(old, account);
            current = Only(current, account);
        }
        var before = old.Findings.ToDictionary(f => f.Fingerprint, StringComparer.Ordinal);
        var after = current.Findings.ToDictionary(f => f.Fingerprint, StringComparer.Ordinal);
        var checks = current.Checks.ToDictionary(c => (c.AccountId, c.CheckId));
        var changes = new List<FindingChange>();

        foreach (var now in current.Findings.Where(f => f.State == FindingState.Active))
        {
            if (before.TryGetValue(now.Fingerprint, out var then) && then.State == FindingState.Active)
            {
                var fields = ChangedFields(then, now);
                changes.Add(new FindingChange(fields.Count > 0 ? ChangeKind.Changed : ChangeKind.Unchanged, then, now, fields));
            }
            else
                changes.Add(new FindingChange(ChangeKind.New, then, now, []));
        }
        foreach (var then in old.Findings.Where(f => f.State == FindingState.Active && !IsActive(after, f.Fingerprint)))
        {
            if (after.TryGetValue(then.Fingerprint, out var now))
                changes.Add(new FindingChange(ChangeKind.Hidden, then, now, []));
            else if (checks.TryGetValue((then.AccountId, then.CheckId), out var check) && check.Assessed(then.Region))
                changes.Add(new FindingChange(ChangeKind.Fixed, then, null, []));
            else
                changes.Add(new FindingChange(ChangeKind.Unverified, then, null, []));
        }
        changes = changes
            .OrderBy(c => c.Kind)
            .ThenBy(c => c.Finding.Severity)
            .ThenBy(c => c.Finding.AccountId, StringComparer.Ordinal)
            .ThenBy(c => c.Finding.CheckId, StringComparer.Ordinal)
            .ThenBy(c => c.Finding.Region, StringComparer.Ordinal)
            .ThenBy(c => c.Finding.ResourceId, StringComparer.Ordinal)
            .ToList();
        return new ScanDiff(Side(old), Side(current), changes, ScopeWarnings(old, current));
    }

    private static bool IsActive(Dictionary<string, FindingRecord> findings, string fingerprint) =>
        findings.TryGetValue(fingerprint, out var finding) && finding.State == FindingState.Active;

    private static List<string> ChangedFields(FindingRecord then, FindingRecord now)
    {
        var fields = new List<string>();
        if (then.Severity != now.Severity) fields.Add("severity");
        if (then.Title != now.Title) fields.Add("title");
        if (then.Description != now.Description) fields.Add("description");
        return fields;
    }

    private static ScanRecord Only(ScanRecord scan, string account) => scan with
    {
        Accounts = scan.Accounts.Where(a => a.AccountId == account).ToList(),
        Checks = scan.Checks.Where(c => c.AccountId == account).ToList(),
        Findings = scan.Findings.Where(f => f.AccountId == account).ToList(),
    };

    private static DiffSide Side(ScanRecord scan) => new(
        scan.Label, scan.Id, scan.ScannedAt, scan.AccountIds.ToList(), scan.Regions, scan.Score,
        scan.Accounts.ToDictionary(a => a.AccountId, a => a.Score, StringComparer.Ordinal),
        scan.Findings.Count(f => f.State == FindingState.Active));

    /// <summary>Differences of scope that make "new" and "fixed" partly a matter of what was looked at.</summary>
    private static List<string> ScopeWarnings(ScanRecord old, ScanRecord current)
    {
        var warnings = new List<string>();
        var oldAccounts = old.AccountIds.ToHashSet(StringComparer.Ordinal);
        var newAccounts = current.AccountIds.ToHashSet(StringComparer.Ordinal);
        if (!oldAccounts.SetEquals(newAccounts))
            warnings.Add($"the scans cover different accounts ({Join(oldAccounts)} → {Join(newAccounts)})");
        var oldRegions = old.Regions.ToHashSet(StringComparer.Ordinal);
        if (oldRegions.Count > 0 && current.Regions.Count > 0 && !oldRegions.SetEquals(current.Regions))
            warnings.Add($"the scans cover different regions ({Join(oldRegions)} → {Join(current.Regions)})");
        var oldChecks = old.Checks.Select(c => c.CheckId).ToHashSet(StringComparer.Ordinal);
        var newChecks = current.Checks.Select(c => c.CheckId).ToHashSet(StringComparer.Ordinal);
        if (oldChecks.Count > 0 && newChecks.Count > 0 && !oldChecks.SetEquals(newChecks))
        {
            var added = newChecks.Except(oldChecks).Count();
            var removed = oldChecks.Except(newChecks).Count();
            warnings.Add($"the scans ran different checks ({added} only in the new scan, {removed} only in the old one)");
        }
        if (old.MinSeverity != current.MinSeverity)
            warnings.Add($"the scans used different severity thresholds ({old.MinSeverity?.Lower() ?? "none"} → {current.MinSeverity?.Lower() ?? "none"})");
        return warnings;
    }

    private static string Join(IEnumerable<string> values) =>
        values.Any() ? string.Join(", ", values.Order(StringComparer.Ordinal)) : "none";
}
