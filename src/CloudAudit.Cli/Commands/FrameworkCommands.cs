using System.CommandLine;
using System.Globalization;
using CloudAudit.Analysis.Compliance;
using CloudAudit.Cli.Output;
using CloudAudit.Reports.Compliance;
using Spectre.Console;

namespace CloudAudit.Cli.Commands;

/// <summary><c>list-frameworks</c> and <c>show-framework ID</c>: the compliance frameworks of this build, control by control.</summary>
public static class FrameworkCommands
{
    private static FrameworkCatalog Catalog => FrameworkCatalog.Default;

    public static Command List()
    {
        var format = FormatOption();
        var command = new Command("list-frameworks", "List the compliance frameworks: controls, and how many the checks evaluate") { format };
        command.SetAction(result =>
        {
            var output = result.InvocationConfiguration.Output;
            var rows = ComplianceJson.List(Catalog.Frameworks);
            if (IsJson(result.GetValue(format)))
            {
                output.WriteLine(ComplianceJson.Serialize(rows));
                return ExitCodes.Clean;
            }
            var table = new Table().Border(TableBorder.Rounded).AddColumns("ID", "Name", "Version", "Controls", "Automated", "Partial", "Manual", "Automated share");
            foreach (var r in rows)
                table.AddRow(Markup.Escape(r.Id), Markup.Escape(r.Name), Markup.Escape(r.Version), Number(r.Controls), Number(r.Automated),
                    Number(r.Partial), Number(r.Manual), r.AutomatedShare.ToString("P0", CultureInfo.InvariantCulture));
            Console(output).Write(table);
            Console(output).MarkupLine("[dim]Automated share: controls that checks evaluate, fully (automated) or in part (partial). `cloud-audit show-framework ID` lists the controls.[/]");
            return ExitCodes.Clean;
        });
        return command;
    }

    public static Command Show()
    {
        var id = new Argument<string>("framework-id") { Description = "A framework ID from list-frameworks, such as soc2_type2 or cis_aws_v5" };
        var format = FormatOption();
        var command = new Command("show-framework", "Show a framework's controls and the checks that evaluate each") { id, format };
        command.SetAction(result =>
        {
            var framework = Find(result.GetValue(id)!);
            var output = result.InvocationConfiguration.Output;
            if (IsJson(result.GetValue(format)))
            {
                output.WriteLine(ComplianceJson.Serialize(ComplianceJson.Describe(framework)));
                return ExitCodes.Clean;
            }
            var console = Console(output);
            var table = new Table().Border(TableBorder.Rounded).AddColumns("Control", "Level", "Assessment", "Title", "Checks");
            foreach (var c in framework.Controls)
            {
                var checks = c.Checks.Count == 0 ? "[dim]-[/]" : Markup.Escape(string.Join(", ", c.Checks));
                if (c.Uncovered.Count > 0) checks += $"\n[dim]not covered: {Markup.Escape(string.Join(", ", c.Uncovered))}[/]";
                table.AddRow(Markup.Escape(c.Id), Markup.Escape(c.Level), c.Assessment.Label(), Markup.Escape(c.Title), checks);
            }
            console.Write(table);
            console.MarkupLine(Markup.Escape($"{framework.Name} {framework.Version}: {framework.Controls.Count} controls, "
                + $"{framework.Count(ControlAssessment.Automated)} automated, {framework.Count(ControlAssessment.Partial)} partial, "
                + $"{framework.Count(ControlAssessment.Manual)} manual."));
            if (framework.Scope.Length > 0) console.MarkupLine($"[dim]{Markup.Escape(framework.Scope)}[/]");
            console.MarkupLine($"[dim]Controls: {Markup.Escape(framework.CountSource)}[/]");
            return ExitCodes.Clean;
        });
        return command;
    }

    /// <summary>An unknown ID is bad input: one line naming the IDs there are.</summary>
    public static ComplianceFramework Find(string id) => Catalog.Find(id)
        ?? throw new UsageException($"unknown framework '{id}'; available: {string.Join(", ", Catalog.Ids)}");

    private static Option<string> FormatOption() => new("--format", "-f") { Description = "table or json", DefaultValueFactory = _ => "table" };

    private static bool IsJson(string? format) => format?.ToLowerInvariant() switch
    {
        "json" => true,
        "table" => false,
        _ => throw new UsageException($"unknown format '{format}'; use table or json"),
    };

    private static IAnsiConsole Console(TextWriter output) =>
        Terminal.For(output, Terminal.StdoutIsTerminal && ReferenceEquals(output, System.Console.Out));

    private static string Number(int n) => n.ToString(CultureInfo.InvariantCulture);
}
