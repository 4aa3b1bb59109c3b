using CloudAudit.Analysis.Remediation;
using CloudAudit.Analysis.Simulation;

namespace CloudAudit.Analysis;

/// <summary>
/// What the offline attack-path commands (simulate, exposure, blast-radius) need of a scan, whether it was just run
/// over a snapshot or read back from a saved report: the analysis, the active findings, and each check's fix.
/// </summary>
public sealed record AnalyzedScan(AttackPathAnalysis AttackPaths, IReadOnlyList<ActiveFinding> Active, Func<string, CheckFix?> FixOf)
{
    public static AnalyzedScan From(ScanReport report)
    {
        var fixes = report.Results.SelectMany(r => r.Findings)
            .Where(f => f.Disposition is FindingDisposition.Active or FindingDisposition.Folded && f.Finding.Remediation is not null)
            .GroupBy(f => f.Finding.CheckId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => new CheckFix(g.First().Finding.Remediation!.Effort, g.First().Finding.Remediation), StringComparer.Ordinal);
        return new AnalyzedScan(report.AttackPaths, [.. report.ActiveFindings.Select(f => new ActiveFinding(f.CheckId, f.Severity))],
            fixes.GetValueOrDefault);
    }
}
