using System.Globalization;
using CloudAudit.Checks.Framework;
using CloudAudit.History.Comparison;
using Spectre.Console;

namespace CloudAudit.Cli.Output;

/// <summary><c>diff</c> in the terminal: the two sides, the counts, the checks that moved, then the findings by kind.</summary>
public static class DiffConsole
{
    private const int ListedPerKind = 50;

    public static void Write(ScanDiff diff, IAnsiConsole console)
    {
        var c = diff.Counts;
        var verdict = diff.HasRegression ? $"[red]{c.New} new[/]" : "[green]nothing new[/]";
        console.MarkupLine($"[bold]cloud-audit diff[/]: {verdict}, {c.Fixed} fixed, {c.Changed} changed, {c.Unchanged} unchanged"
            + (c.Unverified > 0 ? $", [yellow]{c.Unverified} unverified[/]" : "") + (c.Hidden > 0 ? $", {c.Hidden} no longer reported" : ""));
        var sides = new Table().Border(TableBorder.Simple).AddColumns("", "old", "new");
        sides.AddRow("scan", Markup.Escape(Side(diff.Old)), Markup.Escape(Side(diff.New)));
        sides.AddRow("accounts", Markup.Escape(string.Join(", ", diff.Old.Accounts)), Markup.Escape(string.Join(", ", diff.New.Accounts)));
        sides.AddRow("health score", $"{diff.Old.Score}/100", $"{diff.New.Score}/100 ({diff.ScoreChange.ToString("+0;-0;±0", CultureInfo.InvariantCulture)})");
        sides.AddRow("active findings", $"{diff.Old.ActiveFindings}", $"{diff.New.ActiveFindings}");
        console.Write(sides);
        foreach (var warning in diff.ScopeWarnings)
            console.MarkupLine($"[yellow]scope:[/] {Markup.Escape(warning)}");

        var moved = diff.ByCheck.Where(k => k.Counts.AnyChange).ToList();
        if (moved.Count > 0)
        {
            var table = new Table().Border(TableBorder.Simple).Title("by account and check")
                .AddColumns("account", "check", "new", "fixed", "changed", "unchanged", "unverified", "hidden");
            foreach (var k in moved)
                table.AddRow(k.AccountId, k.CheckId, $"{k.Counts.New}", $"{k.Counts.Fixed}", $"{k.Counts.Changed}", $"{k.Counts.Unchanged}", $"{k.Counts.Unverified}", $"{k.Counts.Hidden}");
            console.Write(table);
        }

        foreach (var (kind, title) in new[] { (ChangeKind.New, "New"), (ChangeKind.Fixed, "Fixed"), (ChangeKind.Changed, "Changed"), (ChangeKind.Unverified, "Unverified (could not be assessed again; not counted as fixed)"), (ChangeKind.Hidden, "No longer reported (suppressed, below the threshold or under a root cause)") })
        {
            var changes = diff.Of(kind).ToList();
            if (changes.Count == 0) continue;
            var table = new Table().Border(TableBorder.Simple).Title($"{title} ({changes.Count})")
                .AddColumns("severity", "check", "account", "region", "resource", "finding");
            foreach (var change in changes.Take(ListedPerKind))
            {
                var f = change.Finding;
                var severity = kind == ChangeKind.Changed && change.Old!.Severity != f.Severity
                    ? $"{change.Old.Severity.Upper()} → {f.Severity.Upper()}" : f.Severity.Upper();
                table.AddRow(Markup.Escape(severity), Markup.Escape(f.CheckId), Markup.Escape(f.AccountId), Markup.Escape(f.Region),
                    Markup.Escape(f.ResourceId), Markup.Escape(f.Title));
            }
            console.Write(table);
            if (changes.Count > ListedPerKind)
                console.MarkupLine($"… and {changes.Count - ListedPerKind} more (--format json lists them all)");
        }
    }

    private static string Side(DiffSide side) =>
        $"{side.Label} ({side.ScannedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC)";
}
