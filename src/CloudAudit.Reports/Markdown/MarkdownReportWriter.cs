using System.Globalization;
using System.Text;
using CloudAudit.Analysis;
using CloudAudit.Checks.Framework;
using CloudAudit.Reports.Shared;

namespace CloudAudit.Reports.Markdown;

/// <summary>
/// A GitHub pull-request comment: summary first, then what could not be assessed, then the findings
/// table, then suppressions. It stays under GitHub's 65,536-character comment limit: when the findings do
/// not fit, the table stops and says how many were left out. Every scanned value goes through
/// <see cref="MarkdownText.Escape"/>.
/// </summary>
public static class MarkdownReportWriter
{
    /// <summary>GitHub rejects comments longer than 65,536 characters; keep a margin.</summary>
    public const int DefaultLimit = 65_000;
    private const int ListedGaps = 20;
    /// <summary>Room kept for the note that says what was left out.</summary>
    private const int NoteReserve = 300;

    public static void Write(ScanReport report, Stream output)
    {
        using var writer = new StreamWriter(output, new UTF8Encoding(false), leaveOpen: true);
        writer.Write(Render(report));
    }

    public static string Render(ScanReport report, int limit = DefaultLimit)
    {
        var findings = ReportedFinding.From(report);
        var text = new StringBuilder();
        WriteSummary(text, report, findings);
        WriteAccounts(text, report, findings);
        WriteUnassessed(text, report);
        WriteFindings(text, findings.Where(f => !f.IsSuppressed).ToList(), limit);
        WriteSuppressed(text, findings.Where(f => f.IsSuppressed).ToList(), limit);
        return text.ToString();
    }

    private static void WriteSummary(StringBuilder text, ScanReport report, IReadOnlyList<ReportedFinding> findings)
    {
        var s = report.Summary;
        text.Append(CultureInfo.InvariantCulture, $"## cloud-audit: {s.TotalFindings} finding(s), health score {s.Score}/100\n\n");
        text.Append("> ").Append(MarkdownText.Escape(ReportText.ExecutiveSummary(report, findings))).Append("\n\n");
        text.Append("| | |\n|---|---|\n");
        void Row(string label, string value) => text.Append("| ").Append(label).Append(" | ").Append(value).Append(" |\n");
        Row(report.AccountIds.Count == 1 ? "Account" : "Accounts", MarkdownText.Escape(string.Join(", ", report.AccountIds)));
        Row("Regions", MarkdownText.Escape(string.Join(", ", report.Regions)));
        Row("Findings", $"{s.TotalFindings} ({ReportText.SeverityCounts(s)})");
        Row("Checks", $"{s.ChecksPassed} passed · {s.ChecksFailed} failed · {s.ChecksErrored} errored · {s.ChecksNotAssessed} not assessed · {s.ChecksNotApplicable} not applicable");
        Row("Resources scanned", s.ResourcesScanned.ToString(CultureInfo.InvariantCulture));
        if (s.CoverageGaps > 0) Row("Coverage gaps (reads denied, not assessed)", s.CoverageGaps.ToString(CultureInfo.InvariantCulture));
        if (s.FindingsSuppressed > 0) Row("Suppressed (accepted risks)", s.FindingsSuppressed.ToString(CultureInfo.InvariantCulture));
        if (s.FindingsBelowThreshold > 0) Row("Below the severity threshold", s.FindingsBelowThreshold.ToString(CultureInfo.InvariantCulture));
        foreach (var expired in report.ExpiredSuppressions)
            Row("Expired suppression", $"{MarkdownText.Escape(expired.CheckId)} {MarkdownText.Escape(expired.ResourceId ?? "*")} (expired {ReportText.Date(expired.Expires)}; its findings are shown again)");
        text.Append('\n');
    }

    /// <summary>Accounts of a multi-account scan: those not assessed first, with why, then findings per account.</summary>
    private static void WriteAccounts(StringBuilder text, ScanReport report, IReadOnlyList<ReportedFinding> findings)
    {
        var accounts = report.AccountDetails;
        if (accounts.Count < 2 && accounts.All(a => a.Assessed)) return;
        var active = findings.Where(f => !f.IsSuppressed).GroupBy(f => f.Finding.AccountId).ToDictionary(g => g.Key, g => g.Count());
        text.Append(CultureInfo.InvariantCulture, $"### Accounts ({accounts.Count(a => a.Assessed)} assessed, {accounts.Count(a => !a.Assessed)} not assessed)\n\n");
        text.Append("| Account | Name | OU | Findings | Status |\n|---|---|---|---|---|\n");
        foreach (var a in accounts.OrderBy(a => a.Assessed).Take(ListedGaps * 5))
            text.Append(CultureInfo.InvariantCulture, $"| {MarkdownText.Escape(a.AccountId)} | {MarkdownText.Escape(a.Name ?? a.Alias ?? "")} | {MarkdownText.Escape(a.OuPathText ?? "")} | ")
                .Append(a.Assessed ? active.GetValueOrDefault(a.AccountId).ToString(CultureInfo.InvariantCulture) : "-").Append(" | ")
                .Append(a.Assessed ? "assessed" : "**NOT ASSESSED**: " + MarkdownText.Escape(a.NotAssessed!)).Append(" |\n");
        if (accounts.Count > ListedGaps * 5)
            text.Append(CultureInfo.InvariantCulture, $"\n_{accounts.Count - ListedGaps * 5} more account(s) in the full report._\n");
        text.Append('\n');
    }

    private static void WriteUnassessed(StringBuilder text, ScanReport report)
    {
        var unassessed = report.Results.Where(r => r.Result.Status is CheckStatus.Error or CheckStatus.NotAssessed).ToList();
        if (unassessed.Count == 0) return;
        text.Append(CultureInfo.InvariantCulture, $"### Not assessed ({unassessed.Count})\n\n");
        foreach (var r in unassessed.Take(ListedGaps))
            text.Append("- **").Append(r.Result.Status.Label()).Append("** ")
                .Append(MarkdownText.Escape(r.Result.CheckId)).Append(' ').Append(MarkdownText.Escape(r.Info.Title))
                .Append(" (").Append(MarkdownText.Escape(r.Result.AccountId)).Append("): ")
                .Append(MarkdownText.Escape(r.Result.Error ?? r.Result.Reason ?? "")).Append('\n');
        if (unassessed.Count > ListedGaps)
            text.Append(CultureInfo.InvariantCulture, $"- … and {unassessed.Count - ListedGaps} more (see the full report)\n");
        text.Append('\n');
    }

    private static void WriteFindings(StringBuilder text, IReadOnlyList<ReportedFinding> findings, int limit)
    {
        if (findings.Count == 0)
        {
            text.Append("No active findings.\n\n");
            return;
        }
        text.Append(CultureInfo.InvariantCulture, $"### Findings ({findings.Count})\n\n");
        text.Append("| Severity | Check | Account | Region | Resource | Finding |\n|---|---|---|---|---|---|\n");
        var written = WriteRows(text, findings, limit, f => $"| {f.Finding.Severity.Upper()} | {MarkdownText.Escape(f.Finding.CheckId)} | {MarkdownText.Escape(f.Finding.AccountId)} | {MarkdownText.Escape(f.Finding.Region)} | {MarkdownText.Escape(f.Finding.ResourceId)} | {MarkdownText.Escape(f.Finding.Title)}: {MarkdownText.Escape(f.Finding.Description)} |\n");
        if (written < findings.Count)
            text.Append(CultureInfo.InvariantCulture, $"\n_{findings.Count - written} more finding(s) omitted to fit a GitHub comment; see the full report (HTML, JSON or SARIF)._\n");
        text.Append('\n');
    }

    private static void WriteSuppressed(StringBuilder text, IReadOnlyList<ReportedFinding> suppressed, int limit)
    {
        if (suppressed.Count == 0) return;
        if (text.Length + NoteReserve * 2 > limit)
        {
            text.Append(CultureInfo.InvariantCulture, $"_{suppressed.Count} suppressed finding(s) not listed to fit a GitHub comment._\n");
            return;
        }
        text.Append(CultureInfo.InvariantCulture, $"### Suppressed ({suppressed.Count})\n\n");
        text.Append("| Check | Resource | Reason | Accepted by | Expires |\n|---|---|---|---|---|\n");
        var written = WriteRows(text, suppressed, limit, f => $"| {MarkdownText.Escape(f.Finding.CheckId)} | {MarkdownText.Escape(f.Finding.ResourceId)} | {MarkdownText.Escape(f.Suppression!.Reason)} | {MarkdownText.Escape(f.Suppression.AcceptedBy)} | {ReportText.Date(f.Suppression.Expires)} |\n");
        if (written < suppressed.Count)
            text.Append(CultureInfo.InvariantCulture, $"\n_{suppressed.Count - written} more suppressed finding(s) omitted._\n");
    }

    /// <summary>Appends rows while they fit, keeping room for the omission note; returns how many were written.</summary>
    private static int WriteRows(StringBuilder text, IReadOnlyList<ReportedFinding> rows, int limit, Func<ReportedFinding, string> render)
    {
        var written = 0;
        foreach (var row in rows)
        {
            var line = render(row);
            if (text.Length + line.Length > limit - NoteReserve) break;
            text.Append(line);
            written++;
        }
        return written;
    }
}
