using System.CommandLine;
using CloudAudit.Cli.Configuration;
using CloudAudit.Cli.Output;
using CloudAudit.History.Comparison;
using CloudAudit.History.Model;
using CloudAudit.History.Store;
using CloudAudit.Reports.Json;

namespace CloudAudit.Cli.Commands;

/// <summary>
/// <c>cloud-audit diff OLD NEW</c>: what changed between two scans, each a JSON report file (ours or the reference
/// tool's) or a recorded scan. Exit 1 when anything is new, 0 otherwise, 2 on bad input.
/// </summary>
public static class DiffCommand
{
    private const string SideHelp = "a JSON report file, or a recorded scan: last, previous, a scan ID, a date YYYY-MM-DD";

    public static Command Create()
    {
        var older = new Argument<string>("OLD") { Description = $"The earlier scan: {SideHelp}" };
        var newer = new Argument<string>("NEW") { Description = $"The later scan: {SideHelp}" };
        var format = new Option<string?>("--format", "-f") { Description = "console, json or markdown (default console, or from --output's extension)" };
        var output = new Option<string?>("--output", "-o") { Description = "Write the diff to this file (atomically)" };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "No output; the exit code tells whether anything is new" };
        var account = new Option<string?>("--account", "-a") { Description = "Compare only this account" };
        var history = new HistoryOptions();
        var command = new Command("diff", "Compare two scans: new, fixed, changed and unchanged findings (exit 1 when anything is new)")
        {
            older, newer, format, output, quiet, account,
        };
        history.AddTo(command);
        command.SetAction(result =>
        {
            var path = result.GetValue(output);
            var chosen = DiffFormats.Resolve(result.GetValue(format), path);
            var (before, after) = Sides(result.GetValue(older)!, result.GetValue(newer)!, result.GetValue(account), () => history.OpenRequired(result));
            var diff = ScanComparer.Compare(before, after, result.GetValue(account));
            var stdout = result.InvocationConfiguration.Output;
            if (path is not null)
                SafeFile.WriteAtomic(path, stream => Write(diff, chosen, stream));
            else if (!result.GetValue(quiet))
                WriteTo(diff, chosen, stdout);
            return diff.HasRegression ? ExitCodes.Findings : ExitCodes.Clean;
        });
        return command;
    }

    /// <summary>Both sides loaded; two recorded scans are compared earlier → later whichever order they were named in.</summary>
    internal static (ScanRecord Old, ScanRecord New) Sides(string olderName, string newerName, string? account, Func<HistoryStore> open)
    {
        HistoryStore? store = null;
        try
        {
            HistoryStore Store() => store ??= open();
            var olderFile = ReportFile(olderName, "OLD");
            var newerFile = ReportFile(newerName, "NEW");
            long? olderId = null, newerId = null;
            // "previous" is the scan before the other side's, when the other side is a recorded scan too.
            if (olderFile is null && !IsPrevious(olderName)) olderId = Resolve(Store(), olderName, account, null);
            if (newerFile is null) newerId = Resolve(Store(), newerName, account, IsPrevious(newerName) ? olderId : null);
            if (olderFile is null && olderId is null) olderId = Resolve(Store(), olderName, account, newerId);
            if (olderId is { } a && newerId is { } b && a > b)
                (olderId, newerId) = (b, a);
            var old = olderFile is not null ? ScanRecords.From(olderFile) : Load(Store(), olderId!.Value);
            var current = newerFile is not null ? ScanRecords.From(newerFile) : Load(Store(), newerId!.Value);
            return (old, current);
        }
        finally
        {
            store?.Dispose();
        }
    }

    private static bool IsPrevious(string name) => name is "previous" or "prev";

    private static SavedReport? ReportFile(string name, string side)
    {
        var path = Path.Combine(CliEnvironment.WorkingDirectory, name);
        if (!File.Exists(path))
            return ScanHistory.IsReference(name) ? null
                : throw new UsageException($"{side}: {name}: no such report file (nor a scan reference: last, previous, a scan ID, a date YYYY-MM-DD)");
        try
        {
            return JsonReportReader.Read(path) with { Path = name };
        }
        catch (ReportReadException e)
        {
            throw new UsageException(e.Message);
        }
    }

    private static long Resolve(HistoryStore store, string reference, string? account, long? before)
    {
        try
        {
            return store.Resolve(reference, account, IsPrevious(reference) ? before : null);
        }
        catch (HistoryException e)
        {
            throw new UsageException(e.Message);
        }
    }

    private static ScanRecord Load(HistoryStore store, long id)
    {
        try
        {
            return store.Load(id);
        }
        catch (HistoryException e)
        {
            throw new UsageException(e.Message);
        }
    }

    private static void Write(ScanDiff diff, DiffFormat format, Stream stream)
    {
        switch (format)
        {
            case DiffFormat.Json: DiffJson.Write(diff, stream); break;
            case DiffFormat.Markdown: DiffMarkdown.Write(diff, stream); break;
            default:
                using (var writer = new StreamWriter(stream, leaveOpen: true))
                    DiffConsole.Write(diff, Terminal.For(writer, interactive: false));
                break;
        }
    }

    private static void WriteTo(ScanDiff diff, DiffFormat format, TextWriter stdout)
    {
        if (format == DiffFormat.Console)
        {
            DiffConsole.Write(diff, Terminal.For(stdout, interactive: ReferenceEquals(stdout, Console.Out) && Terminal.StdoutIsTerminal));
            stdout.Flush();
            return;
        }
        using var buffer = new MemoryStream();
        Write(diff, format, buffer);
        stdout.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
        stdout.Flush();
    }
}

public enum DiffFormat { Console, Json, Markdown }

/// <summary>The formats of <c>diff</c>, by name or by the output file's extension.</summary>
public static class DiffFormats
{
    public static DiffFormat Resolve(string? name, string? outputPath)
    {
        if (name is not null)
            return name.ToLowerInvariant() switch
            {
                "console" or "text" => DiffFormat.Console,
                "json" => DiffFormat.Json,
                "markdown" or "md" => DiffFormat.Markdown,
                _ => throw new UsageException($"unknown format '{name}'; use console, json or markdown"),
            };
        if (outputPath is null) return DiffFormat.Console;
        if (outputPath.EndsWith(".json", StringComparison.OrdinalIgnoreCase)) return DiffFormat.Json;
        if (outputPath.EndsWith(".md", StringComparison.OrdinalIgnoreCase) || outputPath.EndsWith(".markdown", StringComparison.OrdinalIgnoreCase)) return DiffFormat.Markdown;
        if (outputPath.EndsWith(".txt", StringComparison.OrdinalIgnoreCase)) return DiffFormat.Console;
        throw new UsageException($"cannot infer the diff format from '{Path.GetExtension(outputPath)}'; add --format (console, json or markdown)");
    }
}
