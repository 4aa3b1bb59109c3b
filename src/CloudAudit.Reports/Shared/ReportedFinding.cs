using CloudAudit.Analysis;
using CloudAudit.Checks.Framework;

namespace CloudAudit.Reports.Shared;

/// <summary>
/// A finding as the file formats list it: active or suppressed (findings below --min-severity or folded
/// into a root cause are counted, not listed), with its check's metadata and, where it applies, the
/// suppression that hides it or the expired one that no longer does.
/// </summary>
public sealed record ReportedFinding(Finding Finding, CheckInfo Check, Suppression? Suppression, Suppression? ExpiredSuppression, string Fingerprint)
{
    public bool IsSuppressed => Suppression is not null;

    /// <summary>"active" or "suppressed", as every format spells it.</summary>
    public string Status => IsSuppressed ? "suppressed" : "active";

    /// <summary>Active and suppressed findings, most severe first, then by check, account, region and resource.</summary>
    public static IReadOnlyList<ReportedFinding> From(ScanReport report) =>
        report.Results
            .SelectMany(r => r.Findings
                .Where(f => f.Disposition is FindingDisposition.Active or FindingDisposition.Suppressed)
                .Select(f => new ReportedFinding(f.Finding, r.Info, f.Suppression,
                    f.Disposition == FindingDisposition.Active ? ExpiredMatch(report, f.Finding) : null, f.Fingerprint)))
            .OrderBy(f => f.Finding.Severity)
            .ThenBy(f => f.Finding.CheckId, StringComparer.Ordinal)
            .ThenBy(f => f.Finding.AccountId, StringComparer.Ordinal)
            .ThenBy(f => f.Finding.Region, StringComparer.Ordinal)
            .ThenBy(f => f.Finding.ResourceId, StringComparer.Ordinal)
            .ToList();

    /// <summary>The findings of <paramref name="all"/> that are not in the report's baseline (all of them without one).</summary>
    public static IReadOnlyList<ReportedFinding> New(ScanReport report, IReadOnlyList<ReportedFinding> all) =>
        report.Baseline is { } baseline ? all.Where(f => !baseline.Fingerprints.Contains(f.Fingerprint)).ToList() : all;

    private static Suppression? ExpiredMatch(ScanReport report, Finding finding) =>
        report.ExpiredSuppressions.Count == 0 ? null : report.ExpiredSuppressions.FirstOrDefault(s => s.Matches(finding));
}

/// <summary>How each format names dates and the fix-priority buckets.</summary>
public static class ReportText
{
    public static string Date(DateOnly? date) =>
        date?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "";

    /// <summary>Only http(s) links are ever written as links; anything else stays text.</summary>
    public static bool IsHttpUrl(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);

    /// <summary>The three action buckets reports group findings into.</summary>
    public static string Priority(Severity severity) => severity switch
    {
        Severity.Critical or Severity.High => "Fix now",
        Severity.Medium => "Fix this week",
        _ => "Plan",
    };

    /// <summary>"1 critical, 3 high, 10 medium" (only non-zero counts), or "none".</summary>
    public static string SeverityCounts(ScanSummary summary)
    {
        var parts = summary.BySeverity.Where(p => p.Value > 0).OrderBy(p => p.Key).Select(p => $"{p.Value} {p.Key.Lower()}").ToList();
        return parts.Count == 0 ? "none" : string.Join(", ", parts);
    }

    /// <summary>
    /// Two or three sentences for a reader who will read nothing else: what was scanned, how bad it is,
    /// and the single most urgent finding.
    /// </summary>
    public static string ExecutiveSummary(ScanReport report, IReadOnlyList<ReportedFinding> findings)
    {
        var s = report.Summary;
        var scope = report.AccountIds.Count == 1 ? $"AWS account {report.AccountIds[0]}" : $"{report.AccountIds.Count} AWS accounts";
        var regions = report.Regions.Count == 1 ? "1 region" : $"{report.Regions.Count} regions";
        var unassessed = s.ChecksNotAssessed + s.ChecksErrored;
        var gapSentence = unassessed > 0
            ? $" {unassessed} check(s) could not be fully assessed because data was missing; they are listed with their reasons."
            : "";
        if (s.TotalFindings == 0)
            return $"The scan of {scope} in {regions} found no active findings ({s.ChecksPassed} checks passed; health score {s.Score}/100).{gapSentence}";
        var urgent = findings.First(f => !f.IsSuppressed).Finding;
        return $"The scan of {scope} in {regions} found {s.TotalFindings} active finding(s) ({SeverityCounts(s)}); health score {s.Score}/100. "
            + $"Most urgent: {urgent.Title} ({urgent.Severity.Lower()}) on {urgent.ResourceId} in {urgent.Region}: {urgent.Description}"
            + gapSentence;
    }
}
