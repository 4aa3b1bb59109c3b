namespace CloudAudit.Cli.Output;

public enum ReportFormat { Console, Json, Html, Sarif, Markdown, Csv, Ocsf, OcsfJsonl }

/// <summary>Report format names and inference from the output file's extension.</summary>
public static class ReportFormats
{
    private static readonly Dictionary<string, ReportFormat> ByName = new(StringComparer.OrdinalIgnoreCase)
    {
        ["console"] = ReportFormat.Console,
        ["json"] = ReportFormat.Json,
        ["html"] = ReportFormat.Html,
        ["sarif"] = ReportFormat.Sarif,
        ["markdown"] = ReportFormat.Markdown,
        ["csv"] = ReportFormat.Csv,
        ["ocsf"] = ReportFormat.Ocsf,
        ["ocsf-jsonl"] = ReportFormat.OcsfJsonl,
    };

    private static readonly Dictionary<string, ReportFormat> Aliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["md"] = ReportFormat.Markdown,
        ["text"] = ReportFormat.Console,
    };

    /// <summary>Longer suffixes first: report.sarif.json is SARIF, report.json is JSON.</summary>
    public static readonly IReadOnlyList<(string Suffix, ReportFormat Format)> ByExtension =
    [
        (".ocsf.jsonl", ReportFormat.OcsfJsonl),
        (".ocsf.json", ReportFormat.Ocsf),
        (".sarif.json", ReportFormat.Sarif),
        (".jsonl", ReportFormat.OcsfJsonl),
        (".ocsf", ReportFormat.Ocsf),
        (".sarif", ReportFormat.Sarif),
        (".json", ReportFormat.Json),
        (".html", ReportFormat.Html),
        (".htm", ReportFormat.Html),
        (".md", ReportFormat.Markdown),
        (".markdown", ReportFormat.Markdown),
        (".csv", ReportFormat.Csv),
        (".txt", ReportFormat.Console),
    ];

    public static IEnumerable<string> Names => ByName.Keys;

    public static string NameOf(ReportFormat format) => ByName.First(p => p.Value == format).Key;

    public static ReportFormat Resolve(string? name, string? outputPath)
    {
        if (name is not null)
            return ByName.TryGetValue(name, out var format) || Aliases.TryGetValue(name, out format) ? format
                : throw new UsageException($"unknown format '{name}'; use {string.Join(", ", Names)}");
        if (outputPath is null)
            return ReportFormat.Console;
        foreach (var (suffix, inferred) in ByExtension)
            if (outputPath.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
                return inferred;
        throw new UsageException($"cannot infer the report format from '{Path.GetExtension(outputPath)}'; add --format ({string.Join(", ", Names)})");
    }
}
