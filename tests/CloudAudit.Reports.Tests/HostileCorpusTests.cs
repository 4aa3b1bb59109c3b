using System.Text.Json;
using CloudAudit.Analysis;
using CloudAudit.Reports.Console;
using CloudAudit.Reports.Csv;
using CloudAudit.Reports.Json;
using CloudAudit.Reports.Markdown;
using CloudAudit.Reports.Ocsf;
using CloudAudit.Reports.Sarif;
using CloudAudit.Reports.Tests.Support;
using Spectre.Console;

namespace CloudAudit.Reports.Tests;

/// <summary>
/// The hostile corpus through every text writer (the HTML report in a browser and the fix script under
/// bash have their own tests): each value is neutralized for its format and still readable.
/// </summary>
public class HostileCorpusTests
{
    private static readonly ScanReport Report = Hostile.Report();

    [Fact]
    public void The_corpus_has_active_and_suppressed_findings()
    {
        Assert.Equal(Hostile.Values.Count - 2, Report.Summary.TotalFindings);
        Assert.Equal(2, Report.Summary.FindingsSuppressed);
    }

    [Fact]
    public void Console_escapes_markup_and_terminal_control_characters()
    {
        var text = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(text), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors, Interactive = InteractionSupport.No,
        });
        console.Profile.Width = 4000;
        new ConsoleReportWriter(console, showRemediation: true, showSuppressed: true).Write(Report);
        var output = text.ToString();
        Assert.DoesNotContain('\u001b', output);
        Assert.DoesNotContain('\u0007', output);
        Assert.DoesNotContain('\0', output);
        Assert.Contains("[bold]markup[/] [/]", output);
        Assert.Contains("\\u001B[2J", output);
        Assert.Contains("<script>window.__pwned='PWNED'</script>", output);
        Assert.Contains("SUPPRESSED", output);
    }

    [Fact]
    public void Json_round_trips_every_value_and_keeps_html_characters_escaped()
    {
        var text = Render.ToText(JsonReportWriter.Write, Report);
        Assert.DoesNotContain("<", text);
        Assert.DoesNotContain("\u2028", text);
        using var json = JsonDocument.Parse(text);
        var results = json.RootElement.GetProperty("results").EnumerateArray().ToList();
        var active = results.SelectMany(r => r.GetProperty("findings").EnumerateArray()).Select(f => f.GetProperty("resource_id").GetString());
        var suppressed = results.SelectMany(r => r.GetProperty("suppressed_findings").EnumerateArray())
            .Select(f => f.GetProperty("finding").GetProperty("resource_id").GetString());
        Assert.Equal(Hostile.Values.Order(StringComparer.Ordinal), active.Concat(suppressed).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Sarif_and_ocsf_round_trip_every_value()
    {
        using var sarif = JsonDocument.Parse(Render.ToText(SarifReportWriter.Write, Report));
        var sarifIds = sarif.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray()
            .Select(r => r.GetProperty("properties").GetProperty("resource_id").GetString());
        Assert.Equal(Hostile.Values.Order(StringComparer.Ordinal), sarifIds.Order(StringComparer.Ordinal));

        var lines = Render.ToText((r, s) => OcsfReportWriter.Write(r, s, jsonLines: true), Report).TrimEnd('\n').Split('\n');
        Assert.Equal(Hostile.Values.Count, lines.Length);
        var ocsfIds = lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("resources")[0].GetProperty("uid").GetString());
        Assert.Equal(Hostile.Values.Order(StringComparer.Ordinal), ocsfIds.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Markdown_rows_stay_rows_and_nothing_renders_as_markup()
    {
        var text = MarkdownReportWriter.Render(Report);
        var rows = text.Split('\n').Where(l => l.StartsWith("| ", StringComparison.Ordinal)).ToList();
        Assert.All(rows, row => Assert.EndsWith(" |", row));
        var findingRows = rows.Where(r => r.StartsWith("| HIGH", StringComparison.Ordinal) || r.StartsWith("| MEDIUM", StringComparison.Ordinal)).ToList();
        Assert.Equal(Hostile.Values.Count - 2, findingRows.Count);
        // Six cells per finding row (eight pieces around seven pipes): no value added a column.
        Assert.All(findingRows, row => Assert.Equal(8, System.Text.RegularExpressions.Regex.Split(row, @"(?<!\\)\|").Length));
        // Every character that means something to Markdown or HTML is backslash-escaped where a value put it.
        Assert.All(findingRows, row => Assert.DoesNotMatch(@"(?<!\\)[<>\[\]()`*_&!~$]", row));
        foreach (var forbidden in new[] { "@octocat", "://", "\u001b" })
            Assert.DoesNotContain(forbidden, text);
    }

    [Fact]
    public void Csv_fields_parse_back_and_none_starts_a_formula()
    {
        var text = Render.ToText(CsvReportWriter.Write, Report);
        var rows = Rfc4180.Parse(text[..^2]);
        Assert.Equal(Hostile.Values.Count + 1, rows.Count);
        var header = rows[0];
        Assert.All(rows.Skip(1), row =>
        {
            Assert.Equal(header.Count, row.Count);
            Assert.All(row, field => Assert.False(field.Length > 0 && "=+-@\t\r".Contains(field[0]), field));
        });
        var ids = rows.Skip(1).Select(r => r[header.IndexOf("resource_id")]).Select(id => id.StartsWith('\'') && !Hostile.Values.Contains(id) ? id[1..] : id);
        Assert.Equal(Hostile.Values.Order(StringComparer.Ordinal), ids.Order(StringComparer.Ordinal));
    }
}
