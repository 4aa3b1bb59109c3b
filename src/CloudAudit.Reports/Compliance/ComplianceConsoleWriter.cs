using System.Globalization;
using CloudAudit.Analysis;
using CloudAudit.Analysis.Compliance;
using CloudAudit.Checks.Framework;
using Spectre.Console;

namespace CloudAudit.Reports.Compliance;

/// <summary>
/// The terminal form of a compliance report: readiness, the count of controls per status, one row per
/// control with its evidence, why controls could not be assessed, and the disclaimer. Scanned text is
/// escaped before it meets Spectre markup.
/// </summary>
public sealed class ComplianceConsoleWriter(IAnsiConsole console)
{
    public void Write(ScanReport scan)
    {
        var report = scan.Compliance ?? throw new ArgumentException("the scan report has no compliance assessment");
        WriteHeader(scan, report);
        WriteControls(report);
        WriteNotAssessed(report);
        WriteChains(report);
        console.WriteLine();
        console.MarkupLine($"[dim]{Markup.Escape(ComplianceText.Disclaimer)}[/]");
        console.MarkupLine("[dim]For the evidence, the fixes and what a person must verify, write the report as HTML or Markdown (--format html|markdown --output FILE).[/]");
    }

    private void WriteHeader(ScanReport scan, ComplianceReport report)
    {
        var f = report.Framework;
        var s = report.Summary;
        var color = s.ReadinessPercent >= 80 ? "green" : s.ReadinessPercent >= 50 ? "yellow" : "red";
        var grid = new Grid().AddColumn().AddColumn();
        grid.AddRow(new Markup("[bold]Readiness[/]"), new Markup(
            $"[bold {color}]{s.ReadinessPercent}%[/]  {s.Passing} of {s.Assessable} controls with automated evidence pass it"));
        grid.AddRow(new Markup("[bold]Controls[/]"), new Markup(
            $"{s.Controls}: [green]{s.Passed} pass[/] · [red]{s.Failed} fail[/] · [cyan]{s.Partial} partial[/] · "
            + $"[yellow]{s.NotAssessed} not assessed[/] · {s.NotApplicable} not applicable · {s.Manual} manual"));
        grid.AddRow(new Markup("[bold]Need a person[/]"), new Text(
            $"{s.NeedPerson} controls ({report.Controls.Count(c => c.Control.Assessment == ControlAssessment.Manual)} manual, "
            + $"{report.Controls.Count(c => c.Control.Assessment == ControlAssessment.Partial)} only partly covered by checks)"));
        grid.AddRow(new Markup(scan.AccountIds.Count == 1 ? "[bold]Account[/]" : "[bold]Accounts[/]"), new Text(scan.AccountId));
        grid.AddRow(new Markup("[bold]Regions[/]"), new Text(string.Join(", ", scan.Regions)));
        grid.AddRow(new Markup("[bold]Scanned[/]"), new Text($"{scan.Timestamp.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC ({scan.Source})"));
        console.Write(new Panel(grid).Header($" {Markup.Escape($"{f.Name} {f.Version}")} ").Border(BoxBorder.Rounded));
    }

    private void WriteControls(ComplianceReport report)
    {
        var table = new Table().Border(TableBorder.Rounded).AddColumns("Control", "Status", "Title", "Evidence");
        foreach (var c in report.Controls)
        {
            var chains = c.ViolatedByChains.Count > 0 ? " [red]![/]" : "";
            table.AddRow(new Markup(Markup.Escape(c.Control.Id) + chains), new Markup(Status(c.Status)), new Text(c.Control.Title), new Text(ComplianceView.Evidence(c)));
        }
        console.Write(table);
    }

    private void WriteNotAssessed(ComplianceReport report)
    {
        var unassessed = report.Controls.Where(c => c.Status == ControlStatus.NotAssessed).ToList();
        if (unassessed.Count == 0) return;
        console.WriteLine();
        console.Write(new Rule("[yellow]Not assessed: a mapped check could not read its data[/]").LeftJustified());
        foreach (var c in unassessed)
            console.MarkupLine($"  [yellow]{Markup.Escape(c.Control.Id)}[/] {Markup.Escape(c.Reason)}");
    }

    private void WriteChains(ComplianceReport report)
    {
        var violations = ComplianceView.ChainViolations(report);
        if (violations.Count == 0) return;
        console.WriteLine();
        console.Write(new Rule("[red]Attack chains and the controls they violate[/]").LeftJustified());
        foreach (var (chain, controls) in violations)
            console.MarkupLine($"  [red]![/] {Markup.Escape(ComplianceView.Chain(chain))} [dim]{chain.Severity.Lower()}[/]: {Markup.Escape(string.Join(", ", controls))}");
    }

    private static string Status(ControlStatus status) => status switch
    {
        ControlStatus.Pass => "[green]PASS[/]",
        ControlStatus.Fail => "[red]FAIL[/]",
        ControlStatus.Partial => "[cyan]PARTIAL[/]",
        ControlStatus.NotAssessed => "[yellow]NOT ASSESSED[/]",
        ControlStatus.NotApplicable => "[dim]N/A[/]",
        _ => "[dim]MANUAL[/]",
    };
}
