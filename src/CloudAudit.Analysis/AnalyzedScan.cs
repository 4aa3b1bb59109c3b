using CloudAudit.Analysis.Remediation;
using CloudAudit.Analysis.Simulation;
using CloudAudit.Checks.Framework;

namespace CloudAudit.Analysis;

/// <summary>
/// What the offline attack-path commands (simulate, exposure, blast-radius) need of a scan, whether it was just run
/// over a snapshot or read back from a saved report: the analysis, the active findings, and each check's fix.
/// </summary>
public sealed record AnalyzedScan(AttackPathAnalysis AttackPaths, IReadOnlyList<ActiveFinding> Active, Func<string, CheckFix?> FixOf)
{
    /// <summary>
    /// The fix of one finding, by its fingerprint, with that finding's own resource IDs; null when it has none. What a
    /// command shows for one resource: <see cref="FixOf"/> is the fix of the check's first finding, whichever resource that is.
    /// </summary>
    public Func<string, RenderedRemediation?> RemediationOf { get; init; } = _ => null;

    public static AnalyzedScan From(ScanReport report)
    {
        var withFix = report.Results.SelectMany(r => r.Findings)
            .Where(f => f.Disposition is FindingDisposition.Active or FindingDisposition.Folded && f.Finding.Remediation is not null).ToList();
        var fixes = withFix.GroupBy(f => f.Finding.CheckId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => new CheckFix(g.First().Finding.Remediation!.Effort, g.First().Finding.Remediation), StringComparer.Ordinal);
        var byFinding = withFix.DistinctBy(f => f.Fingerprint).ToDictionary(f => f.Fingerprint, f => f.Finding.Remediation, StringComparer.Ordinal);
        return new AnalyzedScan(report.AttackPaths, [.. report.ActiveFindings.Select(f => new ActiveFinding(f.CheckId, f.Severity))],
            fixes.GetValueOrDefault) { RemediationOf = byFinding.GetValueOrDefault };
    }
}
