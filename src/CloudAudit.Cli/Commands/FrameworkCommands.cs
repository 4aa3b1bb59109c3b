using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Serialization;
using CloudAudit.Checks;
using CloudAudit.Checks.Compliance;
using CloudAudit.Checks.Framework;
using CloudAudit.Cli.Output;
using Spectre.Console;

namespace CloudAudit.Cli.Commands;

/// <summary><c>list-frameworks</c> and <c>show-framework ID</c>: the compliance frameworks checks map to, control by control.</summary>
public static class FrameworkCommands
{
    /// <summary>Framework IDs: ours ("cis-aws-5.0") and the reference tool's ("cis_aws_v3").</summary>
    private static string? VersionOf(string id)
    {
        var match = System.Text.RegularExpressions.Regex.Match(id.ToLowerInvariant(), @"^cis[-_]aws[-_]v?(\d)(?:\.0(?:\.0)?)?$");
        var version = match.Success ? $"{match.Groups[1].Value}.0" : null;
        return version is not null && CisAwsFoundations.Versions.ContainsKey(version) ? version : null;
    }

    public static Command List()
    {
        var command = new Command("list-frameworks", "List the compliance frameworks checks are mapped to");
        command.SetAction(result =>
        {
            var console = Terminal.For(result.InvocationConfiguration.Output, Terminal.StdoutIsTerminal && ReferenceEquals(result.InvocationConfiguration.Output, Console.Out));
            var table = new Table().Border(TableBorder.Rounded).AddColumns("ID", "Name", "Version", "Controls", "Automated", "Covered");
            foreach (var (version, controls) in CisAwsFoundations.Versions)
                table.AddRow($"cis-aws-{version}", ComplianceRef.CisAws, $"v{version}.0", controls.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    controls.Count(c => c.Automated).ToString(System.Globalization.CultureInfo.InvariantCulture),
                    controls.Count(c => ChecksFor(version, c.Id).Count > 0).ToString(System.Globalization.CultureInfo.InvariantCulture));
            console.Write(table);
            return ExitCodes.Clean;
        });
        return command;
    }

    public static Command Show()
    {
        var id = new Argument<string>("framework-id") { Description = "A framework ID from list-frameworks, such as cis-aws-5.0" };
        var format = new Option<string>("--format", "-f") { Description = "table or json", DefaultValueFactory = _ => "table" };
        var command = new Command("show-framework", "Show a framework's controls and the checks that evaluate each") { id, format };
        command.SetAction(result =>
        {
            var name = result.GetValue(id)!;
            var version = VersionOf(name) ?? throw new UsageException(
                $"unknown framework '{name}'; known: {string.Join(", ", CisAwsFoundations.Versions.Keys.Select(v => $"cis-aws-{v}"))}");
            var rows = CisAwsFoundations.Versions[version].Select(c => new FrameworkControl(c.Id, c.Title, c.Level, c.Automated, ChecksFor(version, c.Id))).ToList();
            var output = result.InvocationConfiguration.Output;
            switch (result.GetValue(format)?.ToLowerInvariant())
            {
                case "json":
                    output.WriteLine(JsonSerializer.Serialize(rows, FrameworkJson.Default.ListFrameworkControl));
                    break;
                case "table":
                    var console = Terminal.For(output, Terminal.StdoutIsTerminal && ReferenceEquals(output, Console.Out));
                    var table = new Table().Border(TableBorder.Rounded).AddColumns("Control", "Level", "Assessment", "Title", "Checks");
                    foreach (var row in rows)
                        table.AddRow(row.Control, $"L{row.Level}", row.Automated ? "Automated" : "Manual", Markup.Escape(row.Title),
                            row.Checks.Count == 0 ? "[dim]-[/]" : Markup.Escape(string.Join(", ", row.Checks)));
                    console.Write(table);
                    console.MarkupLine($"CIS AWS Foundations Benchmark v{version}.0: {rows.Count} controls, {rows.Count(r => r.Checks.Count > 0)} evaluated by cloud-audit");
                    break;
                default:
                    throw new UsageException($"unknown format '{result.GetValue(format)}'; use table or json");
            }
            return ExitCodes.Clean;
        });
        return command;
    }

    private static IReadOnlyList<string> ChecksFor(string version, string control) => CheckRegistry.All
        .Where(c => c.Info.Compliance.Any(r => r.Framework == ComplianceRef.CisAws && r.Version == version && r.Control == control))
        .Select(c => c.Info.Id).ToList();
}

public sealed record FrameworkControl(
    [property: JsonPropertyName("control")] string Control,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("level")] int Level,
    [property: JsonPropertyName("automated")] bool Automated,
    [property: JsonPropertyName("checks")] IReadOnlyList<string> Checks);

[JsonSourceGenerationOptions(WriteIndented = true)]
[JsonSerializable(typeof(List<FrameworkControl>), TypeInfoPropertyName = "ListFrameworkControl")]
internal sealed partial class FrameworkJson : JsonSerializerContext;
