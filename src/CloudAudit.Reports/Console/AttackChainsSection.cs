using System.Globalization;
using CloudAudit.Analysis;
using CloudAudit.Checks.Framework;
using Spectre.Console;

namespace CloudAudit.Reports.Console;

/// <summary>
/// The terminal's attack-path part: the chains that fired (severity, name, the resources they run through, the story,
/// the fix), the remediation plan ("fix N things, break M chains") and its quick wins.
/// </summary>
internal static class AttackChainsSection
{
    private const int ChainsShown = 10;

    public static void Write(IAnsiConsole console, ScanReport report)
    {
        var paths = report.AttackPaths;
        if (paths.Chains.Count == 0) return;
        var graph = paths.Graph;
        console.WriteLine();
        console.Write(new Rule($"[bold red]Attack Chains ({paths.Chains.Count})[/]").LeftJustified());
        foreach (var chain in paths.Chains.Take(ChainsShown))
        {
            var resources = chain.Resources.Take(3).Select(id => graph.Find(id)?.Label ?? id);
            console.MarkupLine($"  [{Color(chain.Severity)}]{chain.Severity.Upper()}[/] [bold]{Safe(chain.ChainId)} {Safe(chain.Name)}[/] [dim]{Safe(string.Join(" → ", resources))}[/]");
            console.MarkupLine($"      {Safe(chain.AttackNarrative)}");
            console.MarkupLine($"      [green]Fix:[/] {Safe(chain.PriorityFix.Title)}{(chain.PriorityFix.CheckId is { } check ? $" [dim]({Safe(check)})[/]" : "")}");
        }
        if (paths.Chains.Count > ChainsShown)
            console.MarkupLine($"  [dim]… and {paths.Chains.Count - ChainsShown} more (all of them in the JSON and HTML reports)[/]");
        if (paths.RootCauses.Count == 0) return;

        console.WriteLine();
        console.MarkupLine($"[bold]Remediation plan: fix {paths.RootCauses.Count} thing{(paths.RootCauses.Count == 1 ? "" : "s")}, break {paths.ChainsBrokenByPlan} chain{(paths.ChainsBrokenByPlan == 1 ? "" : "s")}[/]");
        var plan = new Table().Border(TableBorder.Rounded)
            .AddColumn("#").AddColumn("Fix").AddColumn("Effort").AddColumn("Chains").AddColumn("Findings");
        var rank = 0;
        foreach (var cause in paths.RootCauses)
            plan.AddRow(Text(++rank), $"{Safe(cause.FixTitle)} [dim]({Safe(cause.CheckId)})[/]", cause.Effort.Lower(),
                Safe(string.Join(", ", cause.ChainsBroken.Distinct())), Text(cause.FindingsClosed));
        console.Write(plan);
        foreach (var win in paths.QuickWins)
        {
            var command = win.Remediation?.Cli.Split('\n').FirstOrDefault(l => l.Trim().Length > 0 && !l.TrimStart().StartsWith('#'));
            console.MarkupLine($"  [green]Quick win:[/] {Safe(win.FixTitle)} [dim]breaks {Safe(string.Join(", ", win.ChainsBroken.Distinct()))}[/]");
            if (command is not null) console.WriteLine($"      {ConsoleReportWriter.Visible(command.Trim())}");
        }
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Safe(string text) => Markup.Escape(ConsoleReportWriter.Visible(text));

    private static string Color(Severity severity) => severity switch
    {
        Severity.Critical => "bold red",
        Severity.High => "red",
        Severity.Medium => "yellow",
        _ => "dim",
    };
}
