using CloudAudit.Analysis;
using CloudAudit.Checks.Framework;
using CloudAudit.Reports.Shared;
using Spectre.Console;

namespace CloudAudit.Reports.Console;

/// <summary>
/// The whole terminal report (<c>--details</c>; the default is <see cref="ConsoleSummaryWriter"/>): health score,
/// summary, what could not be assessed and why, then every finding by severity. Data is always escaped before it meets Spectre markup; remediation is printed as plain
/// text without borders so it can be copied as is. Suppressed findings are counted, and listed with
/// their reason, accepter and expiry when <paramref name="showSuppressed"/> is set.
/// </summary>
public sealed class ConsoleReportWriter(IAnsiConsole console, bool showRemediation, bool showSuppressed = false, bool details = true)
{
    public void Write(ScanReport report)
    {
        if (!details)
        {
            new ConsoleSummaryWriter(console, showRemediation).Write(report);
            WriteSuppressed(report);
            return;
        }
        WriteScore(report.Summary.Score);
        WriteSummary(report);
        WriteAccounts(report);
        WriteUnassessed(report);
        WriteRootCauses(report);
        AttackChainsSection.Write(console, report);
        WriteFindings(report);
        WriteSuppressed(report);
    }

    private void WriteScore(int score)
    {
        var color = score >= 80 ? "green" : score >= 50 ? "yellow" : "red";
        console.Write(new Panel(new Markup($"[bold {color}]{score}/100[/]").Centered())
            .Header(" Health Score ").Border(BoxBorder.Rounded).Padding(12, 0));
    }

    private void WriteSummary(ScanReport report)
    {
        var s = report.Summary;
        var table = new Table().Border(TableBorder.Rounded).HideHeaders().AddColumn("").AddColumn("");
        void Row(string label, string value) => table.AddRow(Safe(label), Safe(value));
        Row("Provider", report.Provider);
        Row(report.AccountIds.Count == 1 ? "Account" : "Accounts", report.AccountId);
        Row("Regions", string.Join(", ", report.Regions));
        Row("Source", report.Source);
        Row("Duration", $"{report.DurationSeconds:0.##}s");
        Row("Resources scanned", s.ResourcesScanned.ToString(System.Globalization.CultureInfo.InvariantCulture));
        table.AddRow(new Text("Checks"), new Markup(
            $"[green]{s.ChecksPassed} passed[/] · [red]{s.ChecksFailed} failed[/] · {s.ChecksErrored} errored · "
            + $"[yellow]{s.ChecksNotAssessed} not assessed[/] · {s.ChecksNotApplicable} not applicable"
            + (s.ChecksFailedHidden > 0 ? $" · {s.ChecksFailedHidden} failed below threshold or suppressed" : "")));
        Row("Findings", $"{s.TotalFindings} ({string.Join(", ", s.BySeverity.Where(p => p.Value > 0).Select(p => $"{p.Value} {p.Key.Lower()}"))})");
        if (s.CoverageGaps > 0) Row("Coverage gaps", $"{s.CoverageGaps} reads missing (access denied, throttled or out of reach; not assessed)");
        if (s.FindingsSuppressed > 0) Row("Findings suppressed", s.FindingsSuppressed.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (s.FindingsBelowThreshold > 0) Row("Below --min-severity", s.FindingsBelowThreshold.ToString(System.Globalization.CultureInfo.InvariantCulture));
        foreach (var expired in report.ExpiredSuppressions)
            Row("Expired suppression", $"{expired.CheckId} {expired.ResourceId ?? "*"} (expired {expired.Expires:yyyy-MM-dd}: findings shown again)");
        console.Write(table);
    }

    /// <summary>A multi-account scan: one row per account, so each account's state is seen at a glance.</summary>
    private void WriteAccounts(ScanReport report)
    {
        if (report.AccountDetails.Count < 2 && report.AccountDetails.All(a => a.Assessed))
            return;
        var findings = report.ActiveFindings.GroupBy(f => Owner.Of(f, report.Organization)).ToDictionary(g => g.Key, g => g.ToList());
        var table = new Table().Border(TableBorder.Rounded).AddColumns("Account", "Name", "OU", "Score", "Findings", "Status");
        // What was evaluated once for the organization is its own row, not counted under the member whose data it read.
        if (report.Results.Any(r => r.Result.Scope == CheckScope.Organization))
        {
            var own = findings.GetValueOrDefault(Owner.Organization(report.Organization)) ?? [];
            table.AddRow(new Text(Owner.Organization(report.Organization)), new Text(""), new Text(""),
                new Text(HealthScore.Of(own).ToString(System.Globalization.CultureInfo.InvariantCulture)),
                new Text(own.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)), new Markup("[green]evaluated once[/]"));
        }
        foreach (var account in report.AccountDetails)
        {
            var active = findings.GetValueOrDefault(account.AccountId) ?? [];
            table.AddRow(
                new Text(account.AccountId),
                new Text(Visible(account.Name ?? account.Alias ?? "")),
                new Text(Visible(account.OuPathText ?? "")),
                new Text(account.Assessed ? HealthScore.Of(active).ToString(System.Globalization.CultureInfo.InvariantCulture) : "-"),
                new Text(account.Assessed ? active.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) : "-"),
                account.Assessed ? new Markup("[green]assessed[/]") : new Markup($"[yellow]NOT ASSESSED[/] [dim]{Safe(account.NotAssessed!)}[/]"));
        }
        console.WriteLine();
        var organization = report.Organization is { } o ? $" of {o.Id} (management account {o.ManagementAccountId})" : "";
        var unassessed = report.AccountDetails.Count(a => !a.Assessed);
        console.Write(new Rule($"Accounts{Safe(organization)}: {report.AccountDetails.Count - unassessed} assessed"
            + (unassessed > 0 ? $", [yellow]{unassessed} not assessed[/]" : "")).LeftJustified());
        console.Write(table);
    }

    private void WriteUnassessed(ScanReport report)
    {
        var multiAccount = report.AccountIds.Count > 1;
        var unassessed = report.Results.Where(r => r.Result.Status is CheckStatus.Error or CheckStatus.NotAssessed).ToList();
        if (unassessed.Count > 0)
        {
            console.WriteLine();
            console.Write(new Rule("[yellow]Not assessed[/]").LeftJustified());
            foreach (var r in unassessed)
            {
                var status = r.Result.Status == CheckStatus.Error ? "[red]ERROR[/]" : "[yellow]NOT ASSESSED[/]";
                var account = multiAccount || r.Result.Scope == CheckScope.Organization ? $" [dim]({Safe(Owner.Of(r.Result, report.Organization))})[/]" : "";
                console.MarkupLine($"  {status} {Safe(r.Result.CheckId)} {Safe(r.Info.Title)}{account}");
                console.MarkupLine($"      [dim]{Safe(r.Result.Error ?? r.Result.Reason ?? "")}[/]");
            }
        }
        // Checks that reached a verdict on part of their data still say what they could not read.
        var partial = report.Results.Where(r => r.Result.Status is CheckStatus.Pass or CheckStatus.Fail && r.Result.Gaps.Count > 0)
            .SelectMany(r => r.Result.Gaps.Select(g => (Gap: g.ToString(), r.Result.CheckId, r.Result.AccountId)))
            .GroupBy(x => (x.Gap, x.AccountId)).ToList();
        if (partial.Count == 0) return;
        console.WriteLine();
        console.Write(new Rule("[yellow]Partly assessed (some reads missing)[/]").LeftJustified());
        foreach (var gap in partial)
        {
            var account = multiAccount ? $"{gap.Key.AccountId} " : "";
            console.MarkupLine($"  [dim]{Safe(account + gap.Key.Gap)}[/]");
            console.MarkupLine($"      [dim]affects {Safe(string.Join(", ", gap.Select(x => x.CheckId).Distinct()))}[/]");
        }
    }

    private void WriteRootCauses(ScanReport report)
    {
        foreach (var group in report.Results.Where(r => r.FoldedInto is not null).GroupBy(r => r.FoldedInto!))
        {
            console.WriteLine();
            console.MarkupLine($"[bold]{group.Count()} check(s) fail because of {Safe(group.Key)}[/]: "
                + Safe(string.Join(", ", group.Select(r => r.Result.CheckId)))
                + " [dim](their findings are reported once, under the root cause)[/]");
        }
    }

    private void WriteFindings(ScanReport report)
    {
        var findings = report.ActiveFindings.OrderBy(f => f.Severity).ThenBy(f => f.CheckId, StringComparer.Ordinal)
            .ThenBy(f => f.ResourceId, StringComparer.Ordinal).ToList();
        if (findings.Count == 0)
        {
            console.WriteLine();
            console.MarkupLine("[green]No findings.[/]");
            return;
        }
        foreach (var group in findings.GroupBy(f => f.Severity))
        {
            console.WriteLine();
            console.Write(new Rule($"[{Color(group.Key)}]{group.Key.Upper()} ({group.Count()})[/]").LeftJustified());
            foreach (var finding in group)
                WriteFinding(finding, report.AccountIds.Count > 1 || finding.Scope == CheckScope.Organization, report.Organization);
        }
        if (!showRemediation)
        {
            console.WriteLine();
            console.MarkupLine("[dim]Run with -R to print each finding's fix (AWS CLI and Terraform).[/]");
        }
    }

    private void WriteSuppressed(ScanReport report)
    {
        var suppressed = report.Results.SelectMany(r => r.Findings).Where(f => f.Disposition == FindingDisposition.Suppressed)
            .OrderBy(f => f.Finding.Severity).ThenBy(f => f.Finding.CheckId, StringComparer.Ordinal)
            .ThenBy(f => f.Finding.ResourceId, StringComparer.Ordinal).ToList();
        if (suppressed.Count == 0) return;
        console.WriteLine();
        if (!showSuppressed)
        {
            console.MarkupLine($"[dim]{suppressed.Count} finding(s) suppressed by the configuration; --show-suppressed lists them.[/]");
            return;
        }
        console.Write(new Rule($"[dim]SUPPRESSED ({suppressed.Count})[/]").LeftJustified());
        foreach (var item in suppressed)
        {
            var f = item.Finding;
            var s = item.Suppression!;
            console.MarkupLine($"  [dim]SUPPRESSED[/] [bold]{Safe(f.CheckId)}[/]  {Safe(Owner.Of(f, report.Organization))}  {Safe(f.Region)}  {Safe(f.ResourceId)}  [dim]({f.Severity.Lower()})[/]");
            console.MarkupLine($"      {Safe(f.Title)}");
            var accepted = s.AcceptedBy.Length > 0 ? $"; accepted by {s.AcceptedBy}" : "";
            var expires = s.Expires is { } date ? $"; expires {date:yyyy-MM-dd}" : "; no expiry";
            console.MarkupLine($"      [dim]reason: {Safe(s.Reason + accepted + expires)}[/]");
        }
    }

    private void WriteFinding(Finding f, bool showAccount, ScanOrganization? organization)
    {
        var account = showAccount ? $"{Safe(Owner.Of(f, organization))}  " : "";
        var head = $"  [bold]{Safe(f.CheckId)}[/]  {account}{Safe(f.Region)}";
        if (Markup.Remove(head).Length + 2 + Visible(f.ResourceId).Length <= console.Profile.Width)
            console.MarkupLine($"{head}  {Safe(f.ResourceId)}");
        else
        {
            // Longer than the line: written past Spectre on a line of its own, so it is never cut in two.
            console.MarkupLine(head);
            var writer = console.Profile.Out.Writer;
            writer.WriteLine("      " + Visible(f.ResourceId));
            writer.Flush();
        }
        console.MarkupLine($"      {Safe(f.Title)}");
        console.MarkupLine($"      [dim]{Safe(f.Description)}[/]");
        // Every framework's controls with -R; the check's own CIS references otherwise, to keep the list readable.
        var refs = showRemediation ? string.Join(" · ", ComplianceRefs.Grouped(f.CheckId)) : string.Join(", ", f.Compliance.Select(c => c.ToString()));
        if (refs.Length > 0) console.MarkupLine($"      [dim]{Safe(refs)}[/]");
        if (showRemediation && f.Remediation is not null)
            new ConsoleFixes(console).WriteFix(f.Remediation);
    }

    /// <summary>Scanned text made safe for Spectre markup and for the terminal.</summary>
    private static string Safe(string text) => Markup.Escape(Visible(text));

    /// <summary>
    /// Control characters shown as \uXXXX: a resource name must not clear the screen, recolour it or
    /// plant a hyperlink through terminal escape sequences.
    /// </summary>
    public static string Visible(string text)
    {
        if (!text.Any(c => (char.IsControl(c) && c != '\t') || c is '\u2028' or '\u2029'))
            return text;
        var visible = new System.Text.StringBuilder(text.Length + 16);
        foreach (var c in text)
            if ((char.IsControl(c) && c != '\t') || c is '\u2028' or '\u2029') visible.Append($"\\u{(int)c:X4}");
            else visible.Append(c);
        return visible.ToString();
    }

    private static string Color(Severity severity) => ConsoleSummaryWriter.Color(severity);
}
