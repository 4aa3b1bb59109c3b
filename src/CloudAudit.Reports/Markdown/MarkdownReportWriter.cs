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
        var all = ReportedFinding.From(report);
        // With a baseline, the comment is about what this change brought: findings the baseline already had are counted, not listed.
        var findings = ReportedFinding.New(report, all);
        var text = new StringBuilder();
        WriteSummary(text, report, all);
        WriteBaseline(text, report, all, findings);
        WriteAccounts(text, report, all);
        WriteChains(text, report);
        WriteUnassessed(text, report);
        var active = findings.Where(f => !f.IsSuppressed).ToList();
        WriteFailedChecks(text, active, report.Organization);
        WriteFindings(text, active, limit, report.Organization);
        WriteSuppressed(text, findings.Where(f => f.IsSuppressed).ToList(), limit);
        WriteCompliance(text, active.Select(f => f.Finding.CheckId).Distinct().ToList(), limit);
        return text.ToString();
    }

    private static void WriteBaseline(StringBuilder text, ScanReport report, IReadOnlyList<ReportedFinding> all, IReadOnlyList<ReportedFinding> listed)
    {
        if (report.Baseline is not { } baseline) return;
        var fresh = listed.Count(f => !f.IsSuppressed);
        var known = all.Count(f => !f.IsSuppressed) - fresh;
        text.Append(CultureInfo.InvariantCulture, $"**Baseline** {MarkdownText.Escape(baseline.Source)}: {fresh} new finding(s) not in the baseline; {known} known finding(s) in it are not listed.\n\n");
    }

    /// <summary>Every failing check once, most severe first, however many findings it has: the part of the comment that is never cut.</summary>
    private static void WriteFailedChecks(StringBuilder text, IReadOnlyList<ReportedFinding> findings, ScanOrganization? organization)
    {
        if (findings.Count == 0) return;
        var checks = findings.GroupBy(f => f.Finding.CheckId)
            .Select(g => (Check: g.First().Check, Findings: g.ToList(), Worst: g.Min(f => f.Finding.Severity)))
            .OrderBy(c => c.Worst).ThenByDescending(c => c.Findings.Count).ThenBy(c => c.Check.Id, StringComparer.Ordinal)
            .ToList();
        text.Append(CultureInfo.InvariantCulture, $"### Failed checks ({checks.Count})\n\n| Check | Worst severity | Title | Findings | Accounts |\n|---|---|---|---|---|\n");
        foreach (var (check, list, worst) in checks)
            text.Append(CultureInfo.InvariantCulture,
                $"| {MarkdownText.Escape(check.Id)} | {worst.Upper()} | {MarkdownText.Escape(check.Title, 120)} | {list.Count} | {list.Select(f => Owner.Of(f.Finding, organization)).Distinct().Count()} |\n");
        text.Append('\n');
    }

    private static void WriteSummary(StringBuilder text, ScanReport report, IReadOnlyList<ReportedFinding> findings)
    {
        var s = report.Summary;
        var counted = report.Baseline is null ? $"{s.TotalFindings} finding(s)" : $"{report.NewActiveCount} new finding(s)";
        text.Append(CultureInfo.InvariantCulture, $"## cloud-audit: {counted}, health score {s.Score}/100\n\n");
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
        var active = findings.Where(f => !f.IsSuppressed).GroupBy(f => Owner.Of(f.Finding, report.Organization)).ToDictionary(g => g.Key, g => g.Count());
        text.Append(CultureInfo.InvariantCulture, $"### Accounts ({accounts.Count(a => a.Assessed)} assessed, {accounts.Count(a => !a.Assessed)} not assessed)\n\n");
        text.Append("| Account | Name | OU | Findings | Status |\n|---|---|---|---|---|\n");
        // What was evaluated once for the organization is its own row, not counted under the member whose data it read.
        if (report.Results.Any(r => r.Result.Scope == CheckScope.Organization))
            text.Append(CultureInfo.InvariantCulture, $"| {MarkdownText.Escape(Owner.Organization(report.Organization))} | | | ")
                .Append(active.GetValueOrDefault(Owner.Organization(report.Organization)).ToString(CultureInfo.InvariantCulture))
                .Append(" | evaluated once at the organization |\n");
        foreach (var a in accounts.OrderBy(a => a.Assessed).Take(ListedGaps * 5))
            text.Append(CultureInfo.InvariantCulture, $"| {MarkdownText.Escape(a.AccountId)} | {MarkdownText.Escape(a.Name ?? a.Alias ?? "")} | {MarkdownText.Escape(a.OuPathText ?? "")} | ")
                .Append(a.Assessed ? active.GetValueOrDefault(a.AccountId).ToString(CultureInfo.InvariantCulture) : "-").Append(" | ")
                .Append(a.Assessed ? "assessed" : "**NOT ASSESSED**: " + MarkdownText.Escape(a.NotAssessed!)).Append(" |\n");
        if (accounts.Count > ListedGaps * 5)
            text.Append(CultureInfo.InvariantCulture, $"\n_{accounts.Count - ListedGaps * 5} more account(s) in the full report._\n");
        text.Append('\n');
    }

    private const int ListedChains = 15;

    /// <summary>The attack chains, most severe first, each on one row (rows start with the chain ID), then the plan in a line.</summary>
    private static void WriteChains(StringBuilder text, ScanReport report)
    {
        var paths = report.AttackPaths;
        if (paths.Chains.Count == 0) return;
        text.Append(CultureInfo.InvariantCulture, $"### Attack chains ({paths.Chains.Count})\n\n");
        text.Append("| chain | severity | name | runs through | fix first |\n|---|---|---|---|---|\n");
        foreach (var chain in paths.Chains.Take(ListedChains))
        {
            var through = string.Join(" → ", chain.Resources.Take(3).Select(id => paths.Graph.Find(id)?.Label ?? id));
            var fix = chain.PriorityFix.Title + (chain.PriorityFix.CheckId is { } check ? $" ({check})" : "");
            text.Append(CultureInfo.InvariantCulture, $"| {MarkdownText.Escape(chain.ChainId)} | {chain.Severity.Lower()} | {MarkdownText.Escape(chain.Name)} | {MarkdownText.Escape(through)} | {MarkdownText.Escape(fix)} |\n");
        }
        text.Append('\n');
        if (paths.Chains.Count > ListedChains)
            text.Append(CultureInfo.InvariantCulture, $"_{paths.Chains.Count - ListedChains} more chain(s) in the JSON and HTML reports._\n\n");
        if (paths.RootCauses.Count > 0)
            text.Append(CultureInfo.InvariantCulture, $"**Remediation plan: fix {paths.RootCauses.Count} thing(s), break {paths.ChainsBrokenByPlan} chain(s).** First: ")
                .Append(MarkdownText.Escape($"{paths.RootCauses[0].FixTitle} ({paths.RootCauses[0].CheckId})")).Append("\n\n");
    }

    private static void WriteUnassessed(StringBuilder text, ScanReport report)
    {
        var unassessed = report.Results.Where(r => r.Result.Status is CheckStatus.Error or CheckStatus.NotAssessed).ToList();
        if (unassessed.Count == 0) return;
        text.Append(CultureInfo.InvariantCulture, $"### Not assessed ({unassessed.Count})\n\n");
        foreach (var r in unassessed.Take(ListedGaps))
            text.Append("- **").Append(r.Result.Status.Label()).Append("** ")
                .Append(MarkdownText.Escape(r.Result.CheckId)).Append(' ').Append(MarkdownText.Escape(r.Info.Title))
                .Append(" (").Append(MarkdownText.Escape(Owner.Of(r.Result, report.Organization))).Append("): ")
                .Append(MarkdownText.Escape(r.Result.Error ?? r.Result.Reason ?? "")).Append('\n');
        if (unassessed.Count > ListedGaps)
            text.Append(CultureInfo.InvariantCulture, $"- … and {unassessed.Count - ListedGaps} more (see the full report)\n");
        text.Append('\n');
    }

    private static void WriteFindings(StringBuilder text, IReadOnlyList<ReportedFinding> findings, int limit, ScanOrganization? organization)
    {
        if (findings.Count == 0)
        {
            text.Append("No active findings.\n\n");
            return;
        }
        text.Append(CultureInfo.InvariantCulture, $"### Findings ({findings.Count}), most severe first\n\n");
        text.Append("| Severity | Check | Account | Region | Resource | Finding |\n|---|---|---|---|---|---|\n");
        var written = WriteRows(text, findings, limit, f => $"| {f.Finding.Severity.Upper()} | {MarkdownText.Escape(f.Finding.CheckId)} | {MarkdownText.Escape(Owner.Of(f.Finding, organization))} | {MarkdownText.Escape(f.Finding.Region)} | {MarkdownText.Escape(f.Finding.ResourceId)} | {MarkdownText.Escape(f.Finding.Title)}: {MarkdownText.Escape(f.Finding.Description)} |\n");
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

    /// <summary>The compliance references of each failing check, once per check (after the findings, as room allows).</summary>
    private static void WriteCompliance(StringBuilder text, IReadOnlyList<string> checks, int limit)
    {
        if (checks.Count == 0) return;
        var rows = checks.Select(id => $"| {MarkdownText.Escape(id)} | {MarkdownText.Escape(string.Join(" · ", ComplianceRefs.Grouped(id)), 4000)} |\n").ToList();
        if (text.Length + NoteReserve * 2 + rows[0].Length > limit)
        {
            text.Append("\n_Compliance references not listed to fit a GitHub comment; the JSON, SARIF and CSV reports carry them._\n");
            return;
        }
        text.Append(CultureInfo.InvariantCulture, $"\n### Compliance of the failing checks ({checks.Count})\n\n| Check | Controls |\n|---|---|\n");
        var written = 0;
        foreach (var row in rows.TakeWhile(r => text.Length + r.Length <= limit - NoteReserve))
        {
            text.Append(row);
            written++;
        }
        if (written < rows.Count)
            text.Append(CultureInfo.InvariantCulture, $"\n_{rows.Count - written} more check(s) omitted; the JSON, SARIF and CSV reports carry every reference._\n");
    }

    /// <summary>Appends rows while they fit under <paramref name="limit"/>, keeping room for the omission note; returns how many were written.</summary>
    public static int WriteRows<T>(StringBuilder text, IReadOnlyList<T> rows, int limit, Func<T, string> render)
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
