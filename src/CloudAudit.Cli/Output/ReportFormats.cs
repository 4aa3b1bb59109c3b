namespace CloudAudit.Cli.Output;

public enum ReportFormat { Console, Json }

/// <summary>Report format names and inference from the output file's extension.</summary>
public static class ReportFormats
{
    private static readonly Dictionary<string, ReportFormat> ByName = new(StringComparer.OrdinalIgnoreCase)
    {
        ["console"] = ReportFormat.Console,
        ["json"] = ReportFormat.Json,
    };

    private static readonly Dictionary<string, ReportFormat> ByExtension = new(StringComparer.OrdinalIgnoreCase)
    {
        [".json"] = ReportFormat.Json,
        [".txt"] = ReportFormat.Console,
    };

    public static IEnumerable<string> Names => ByName.Keys;

    public static ReportFormat Resolve(string? name, string? outputPath)
    {
        if (name is not null)
            return ByName.TryGetValue(name, out var format) ? format
                : throw new UsageException($"unknown format '{name}'; use {string.Join(", ", Names)}");
        if (outputPath is null)
            return ReportFormat.Console;
        var extension = Path.GetExtension(outputPath);
        return ByExtension.TryGetValue(extension, out var inferred) ? inferred
            : throw new UsageException($"cannot infer the report format from '{extension}'; add --format ({string.Join(", ", Names)})");
    }
}
