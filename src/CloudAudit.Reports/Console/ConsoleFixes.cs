using CloudAudit.Analysis;
using CloudAudit.Checks.Framework;
using Spectre.Console;

namespace CloudAudit.Reports.Console;

/// <summary>
/// Fixes printed as plain text past Spectre, never wrapped or framed, so they paste as they are. The summary prints
/// the top findings' fixes and one per other failing check; <c>--details -R</c> prints every finding's.
/// </summary>
internal sealed class ConsoleFixes(IAnsiConsole console)
{
    public void Write(ScanReport report, IReadOnlyList<Finding> top)
    {
        var shown = new HashSet<Finding>(top);
        var others = FailingCheck.Of(report).Where(c => !top.Any(f => f.CheckId == c.CheckId)).Select(c => c.First).ToList();
        console.WriteLine();
        console.MarkupLine($"[bold]Fixes[/] [dim](the top findings', then one per other failing check: {others.Count}; --details -R prints every finding's)[/]");
        foreach (var finding in top.Concat(others.Where(shown.Add)))
        {
            console.WriteLine();
            console.MarkupLine($"  [bold]{Safe(finding.CheckId)}[/]  {Safe(finding.Region)}  {Safe(finding.ResourceId)}");
            if (finding.Remediation is { } fix) WriteFix(fix);
            else console.MarkupLine("      [dim]no scripted fix for this finding: see its check page[/]");
        }
    }

    public void WriteFix(RenderedRemediation fix)
    {
        console.MarkupLine($"      [bold]Fix[/] [dim](effort {fix.Effort.Lower()}; {Safe(fix.DocUrl)})[/]");
        console.MarkupLine("      [underline]AWS CLI[/]");
        WriteCode(fix.Cli);
        console.MarkupLine("      [underline]Terraform[/]");
        WriteCode(fix.Terraform);
    }

    private void WriteCode(string code)
    {
        var writer = console.Profile.Out.Writer;
        foreach (var line in code.Split('\n'))
            writer.WriteLine("        " + ConsoleReportWriter.Visible(line.TrimEnd('\r')));
        writer.Flush();
    }

    private static string Safe(string text) => Markup.Escape(ConsoleReportWriter.Visible(text));
}
