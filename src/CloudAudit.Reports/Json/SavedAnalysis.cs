using CloudAudit.Analysis;
using CloudAudit.Analysis.Graph;
using CloudAudit.Analysis.Remediation;
using CloudAudit.Analysis.Simulation;

namespace CloudAudit.Reports.Json;

/// <summary>A saved report's attack-path analysis, rebuilt from its security graph for the offline commands.</summary>
public static class SavedAnalysis
{
    /// <summary>
    /// The graph as saved, with chains and remediation plan decided again by this version's rules on it (the same
    /// code path as a scan), and the report's findings, fixes, escalation paths and agents.
    /// </summary>
    public static AnalyzedScan From(SavedReport saved)
    {
        var report = saved.Report;
        if (saved.Origin != ReportOrigin.CloudAudit || report.SecurityGraph is not { } stored)
            throw new ReportReadException($"{saved.Path}: this report has no security graph; scan again with this version of cloud-audit");
        if (stored.SchemaVersion != SecurityGraph.SchemaVersion)
            throw new ReportReadException($"{saved.Path}: security graph schema {stored.SchemaVersion} is not the one this version reads ({SecurityGraph.SchemaVersion}); scan again with this version");
        var graph = new SecurityGraph(stored.Nodes, stored.Edges, stored.Gaps);
        var findings = report.Results.SelectMany(r => r.Findings).ToList();
        var fixes = findings.Where(f => f.Remediation is not null).GroupBy(f => f.CheckId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => new CheckFix(g.First().Remediation!.Effort, g.First().Remediation), StringComparer.Ordinal);
        var analysis = AttackPathAnalyzer.Analyze(graph, report.EscalationPaths ?? [], fixes.GetValueOrDefault) with { Agents = report.Agents ?? [] };
        var byFinding = findings.Where(f => f.Remediation is not null).DistinctBy(f => f.Fingerprint)
            .ToDictionary(f => f.Fingerprint, f => f.Remediation, StringComparer.Ordinal);
        return new AnalyzedScan(analysis, [.. findings.Select(f => new ActiveFinding(f.CheckId, f.Severity))], fixes.GetValueOrDefault)
        {
            RemediationOf = byFinding.GetValueOrDefault,
        };
    }
}
