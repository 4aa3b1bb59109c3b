using System.Text.Encodings.Web;
using System.Text.Json;
using CloudAudit.Analysis;
using CloudAudit.Analysis.Chains;
using CloudAudit.Analysis.Graph;
using CloudAudit.Checks.Framework;
using CloudAudit.Reports.Shared;

namespace CloudAudit.Reports.Json;

/// <summary>Writes the versioned JSON report.</summary>
public static class JsonReportWriter
{
    public const string SchemaVersion = "1.0";

    public static void Write(ScanReport report, Stream output)
    {
        var options = new JsonSerializerOptions(JsonReportContext.Default.Options)
        {
            // Keep <, >, & and quotes escaped so a report embedded in HTML stays inert.
            Encoder = JavaScriptEncoder.Default,
        };
        var context = new JsonReportContext(options);
        JsonSerializer.Serialize(output, ToModel(report), context.JsonReport);
    }

    public static JsonReport ToModel(ScanReport report) => new(
        SchemaVersion,
        new JsonTool("cloud-audit", report.ToolVersion),
        report.Provider,
        report.AccountId,
        report.AccountIds,
        report.Regions,
        report.Timestamp,
        report.DurationSeconds,
        report.Source,
        report.MinSeverity,
        Summary(report.Summary),
        report.Results.Select(Result).ToList(),
        report.ExpiredSuppressions.Select(Suppression).ToList(),
        report.ApiCalls?.ToDictionary(c => c.Service, c => new JsonApiCalls(c.Calls, c.Requests, c.Retries, c.Throttles, c.Denials, c.Failures)),
        AttackChains(report),
        report.AttackPaths.RootCauses,
        report.AttackPaths.EscalationPaths,
        report.AttackPaths.Agents,
        new JsonSecurityGraph(SecurityGraph.SchemaVersion, report.AttackPaths.Graph.Nodes, report.AttackPaths.Graph.Edges, report.AttackPaths.Graph.Gaps),
        report.AccountDetails.Select(Account).ToList(),
        report.Organization is { } organization ? new JsonOrganization(organization.Id, organization.ManagementAccountId) : null,
        report.Shard is { } shard ? new JsonShard(shard.Index, shard.Count, shard.AccountsTotal, shard.Balance, shard.SplitDigest, shard.Assignment) : null);

    private static JsonAccount Account(ScannedAccount a) => new(
        a.AccountId, a.Name, a.Alias, a.OuPathText, a.OuPath.Select(o => o.Id).ToList(),
        a.Assessed ? "ASSESSED" : "NOT_ASSESSED", a.NotAssessed, a.CollectionSeconds);

    /// <summary>The chains with their findings in full, as the report lists them (a chain's folded findings included).</summary>
    public static IReadOnlyList<JsonAttackChain> AttackChains(ScanReport report)
    {
        var findings = report.Results.SelectMany(r => r.Findings)
            .GroupBy(f => f.Fingerprint).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        return [.. report.AttackPaths.Chains.Select(c => Chain(c,
            [.. c.Findings.Select(f => findings.GetValueOrDefault(f.Fingerprint)).OfType<AnalyzedFinding>().Select(Finding)]))];
    }

    /// <summary>One chain as the report writes it, with its findings already in report form.</summary>
    public static JsonAttackChain Chain(AttackChain c, IReadOnlyList<JsonFinding> findings) => new(
        c.ChainId, c.Name, c.Severity, c.AccountId, c.Anchor, findings,
        c.AttackNarrative, c.PriorityFix.Title, c.PriorityFix, c.MitreRefs, c.Resources, c.VizSteps, c.Reference);

    private static JsonSummary Summary(ScanSummary s) => new(
        s.TotalFindings,
        s.BySeverity.ToDictionary(p => p.Key.Lower(), p => p.Value),
        s.ByCategory.ToDictionary(p => p.Key.Lower(), p => p.Value),
        s.ResourcesScanned, s.ChecksPassed, s.ChecksFailed, s.ChecksErrored, s.ChecksNotAssessed, s.ChecksNotApplicable,
        s.ChecksFailedHidden, s.CoverageGaps, s.FindingsSuppressed, s.FindingsBelowThreshold, s.FindingsFolded, s.Score,
        s.AttackChainsDetected, s.EscalationPathsDetected, s.AgentsDiscovered);

    private static JsonResult Result(AnalyzedResult r) => new(
        r.Result.CheckId,
        r.Result.CheckName,
        r.Result.AccountId,
        r.Result.Status,
        r.Result.Reason ?? (r.FoldedInto is { } root ? $"reported once under {root}, its root cause" : null),
        r.Info.Severity,
        r.Info.Service,
        r.Info.Category,
        r.Findings.Where(f => f.Disposition == FindingDisposition.Active).Select(Finding).ToList(),
        r.Result.ResourcesScanned,
        r.Result.Error,
        r.Result.Gaps.Select(g => g.ToString()).ToList(),
        r.Result.Gaps.Select(g => new JsonGap(g.Region, g.Service, g.Operation, g.Target, g.Cause, g.Code, g.Message)).ToList(),
        r.Result.RootCause,
        r.FoldedInto,
        r.Findings.Count(f => f.Disposition == FindingDisposition.Folded),
        r.Findings.Count(f => f.Disposition == FindingDisposition.BelowThreshold),
        r.Findings.Where(f => f.Disposition == FindingDisposition.Suppressed)
            .Select(f => new JsonSuppressedFinding(Finding(f), Suppression(f.Suppression!))).ToList(),
        r.Info.Compliance,
        r.Result.PassedResources,
        ScopeName(r.Result.Scope));

    /// <summary>"organization" for the organization's checks and findings; null (not written) for an account's.</summary>
    public static string? ScopeName(CheckScope scope) => scope == CheckScope.Organization ? "organization" : null;

    public static JsonFinding Finding(AnalyzedFinding analyzed) => Finding(analyzed.Finding, analyzed.Fingerprint);

    public static JsonFinding Finding(Finding f, string fingerprint) => new(
        f.CheckId, f.Title, f.Severity, f.Category, f.ResourceType, f.ResourceId, f.Region, f.AccountId,
        f.Description, f.Recommendation, f.Remediation,
        ComplianceRefs.For(f.CheckId),
        f.Compliance, f.ThreatPatternId, f.References, fingerprint, ScopeName(f.Scope));

    private static JsonSuppression Suppression(Suppression s) =>
        new(s.CheckId, s.ResourceId, s.Reason, s.AcceptedBy, s.Expires?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), s.Accounts);
}
