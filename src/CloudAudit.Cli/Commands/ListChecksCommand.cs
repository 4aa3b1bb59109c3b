using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Serialization;
using CloudAudit.Checks;
using CloudAudit.Checks.Framework;
using CloudAudit.Cli.Output;
using CloudAudit.Reports.Shared;
using Spectre.Console;

namespace CloudAudit.Cli.Commands;

/// <summary><c>cloud-audit list-checks</c>: the catalogue, filtered, as a table or JSON.</summary>
public static class ListChecksCommand
{
    public static Command Create()
    {
        var categories = new Option<string[]>("--categories", "-c") { Description = "Only these categories", Arity = ArgumentArity.OneOrMore };
        var services = new Option<string[]>("--services") { Description = "Only these services", Arity = ArgumentArity.OneOrMore };
        var minSeverity = new Option<string?>("--min-severity") { Description = "Only checks at or above this severity" };
        var format = new Option<string>("--format", "-f") { Description = "table or json", DefaultValueFactory = _ => "table" };
        var provider = new Option<string>("--provider", "-p") { Description = "Cloud provider (only aws)", DefaultValueFactory = _ => "aws" };
        var command = new Command("list-checks", "List the checks cloud-audit runs") { categories, services, minSeverity, format, provider };
        command.SetAction(result =>
        {
            if (!string.Equals(result.GetValue(provider), "aws", StringComparison.OrdinalIgnoreCase))
                throw new UsageException($"unsupported provider '{result.GetValue(provider)}'; only aws is supported");
            var selection = new CheckSelection
            {
                Categories = ScanOptions.Split(result.GetValue(categories)).Select(c => EnumText.TryParseCategory(c, out var v) ? v
                    : throw new UsageException($"unknown category '{c}'")).ToList(),
                Services = ScanOptions.Split(result.GetValue(services)),
            };
            Severity? floor = result.GetValue(minSeverity) is { } s
                ? EnumText.TryParseSeverity(s, out var sev) ? sev : throw new UsageException($"invalid --min-severity '{s}'")
                : null;
            var checks = selection.Apply(CheckRegistry.All).Where(c => floor is null || c.Info.Severity <= floor).Select(c => c.Info).ToList();
            var output = result.InvocationConfiguration.Output;
            switch (result.GetValue(format)?.ToLowerInvariant())
            {
                case "json":
                    output.WriteLine(JsonSerializer.Serialize(checks.Select(Describe).ToList(), ListJsonContext.Default.CheckList));
                    break;
                case "table":
                    WriteTable(checks, output);
                    break;
                default:
                    throw new UsageException($"unknown format '{result.GetValue(format)}'; use table or json");
            }
            return ExitCodes.Clean;
        });
        return command;
    }

    private static void WriteTable(IReadOnlyList<CheckInfo> checks, TextWriter output)
    {
        var console = Terminal.For(output, Terminal.StdoutIsTerminal && ReferenceEquals(output, Console.Out));
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumns("ID", "Severity", "Service", "Category", "Title", "CIS");
        foreach (var c in checks)
            table.AddRow(Markup.Escape(c.Id), c.Severity.Upper(), Markup.Escape(c.Service), c.Category.Lower(), Markup.Escape(c.Title),
                Markup.Escape(string.Join(" ", c.Compliance.Where(r => r.Version == "5.0").Select(r => r.Control))));
        console.Write(table);
        console.MarkupLine($"{checks.Count} checks");
    }

    private static ListCheckEntry Describe(CheckInfo c) => new(c.Id, c.Title, c.Service, c.Severity, c.Category, c.Description,
        ComplianceRefs.For(c), c.Compliance, c.Remediation.Effort, c.Remediation.DocUrl);
}

public sealed record ListCheckEntry(
    [property: JsonPropertyName("check_id")] string CheckId,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("service")] string Service,
    [property: JsonPropertyName("severity")] Severity Severity,
    [property: JsonPropertyName("category")] Category Category,
    [property: JsonPropertyName("description")] string Description,
    [property: JsonPropertyName("compliance_refs")] IReadOnlyList<string> ComplianceRefs,
    [property: JsonPropertyName("compliance")] IReadOnlyList<ComplianceRef> Compliance,
    [property: JsonPropertyName("effort")] Effort Effort,
    [property: JsonPropertyName("doc_url")] string DocUrl);

[JsonSourceGenerationOptions(WriteIndented = true)]
[JsonSerializable(typeof(List<ListCheckEntry>), TypeInfoPropertyName = "CheckList")]
internal sealed partial class ListJsonContext : JsonSerializerContext;
