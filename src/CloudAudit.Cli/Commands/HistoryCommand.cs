using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using CloudAudit.Checks.Framework;
using CloudAudit.Cli.Configuration;
using CloudAudit.Cli.Output;
using CloudAudit.History.Model;
using CloudAudit.History.Store;
using CloudAudit.Reports.Json;
using Spectre.Console;

namespace CloudAudit.Cli.Commands;

/// <summary><c>cloud-audit history list|show|prune|import</c>: see and bound the recorded scans.</summary>
public static class HistoryCommand
{
    public static Command Create() => new("history", "See and bound the recorded scans")
    {
        List(), Show(), Prune(), Import(),
    };

    private static Command List()
    {
        var account = new Option<string?>("--account", "-a") { Description = "Only scans covering this account" };
        var limit = new Option<int>("--limit", "-n") { Description = "How many recent scans", DefaultValueFactory = _ => 20 };
        var format = FormatOption();
        var history = new HistoryOptions();
        var command = new Command("list", "Recorded scans, most recent first") { account, limit, format };
        history.AddTo(command);
        command.SetAction(result =>
        {
            var json = IsJson(result.GetValue(format));
            using var store = history.OpenRequired(result);
            var entries = Guard(() => store.List(result.GetValue(account), Math.Max(1, result.GetValue(limit))));
            var stdout = result.InvocationConfiguration.Output;
            if (json)
                WriteJson(stdout, w =>
                {
                    w.WriteStartObject();
                    w.WriteString("store", store.Location.Display);
                    w.WriteStartArray("scans");
                    foreach (var entry in entries) ScanJson.WriteEntry(w, entry);
                    w.WriteEndArray();
                    w.WriteEndObject();
                });
            else if (entries.Count == 0)
                stdout.WriteLine($"no scans recorded in {store.Location.Display}");
            else
            {
                var table = new Table().Border(TableBorder.Simple).Title(Markup.Escape(store.Location.Display))
                    .AddColumns("id", "scanned (UTC)", "source", "version", "account", "score", "findings", "critical", "high", "medium", "low");
                foreach (var entry in entries)
                    foreach (var a in entry.Accounts)
                        table.AddRow($"{entry.Id}", Time(entry.ScannedAt), Markup.Escape(entry.ImportedFrom is null ? entry.Source : $"{entry.Source} (imported)"),
                            Markup.Escape(entry.ToolVersion), a.AccountId, $"{a.Score}", $"{a.Findings}", $"{a.Critical}", $"{a.High}", $"{a.Medium}", $"{a.Low}");
                Console(stdout).Write(table);
            }
            return ExitCodes.Clean;
        });
        return command;
    }

    private static Command Show()
    {
        var reference = new Argument<string>("SCAN") { Description = "last, previous, a scan ID or a date YYYY-MM-DD" };
        var format = FormatOption();
        var history = new HistoryOptions();
        var command = new Command("show", "One recorded scan: accounts, check results and findings") { reference, format };
        history.AddTo(command);
        command.SetAction(result =>
        {
            var json = IsJson(result.GetValue(format));
            using var store = history.OpenRequired(result);
            var scan = Guard(() => store.Load(store.Resolve(result.GetValue(reference)!)));
            var stdout = result.InvocationConfiguration.Output;
            if (json)
                WriteJson(stdout, w => ScanJson.WriteScan(w, scan));
            else
                ShowConsole(Console(stdout), scan);
            return ExitCodes.Clean;
        });
        return command;
    }

    private static Command Prune()
    {
        var keep = new Option<int?>("--keep") { Description = "Keep each account's newest N scans" };
        var olderThan = new Option<int?>("--older-than") { Description = "Delete scans older than DAYS days" };
        var history = new HistoryOptions();
        var command = new Command("prune", "Delete old scans: beyond each account's newest N, and/or older than DAYS") { keep, olderThan };
        history.AddTo(command);
        command.SetAction(result =>
        {
            var n = result.GetValue(keep);
            var days = result.GetValue(olderThan);
            if (n is null && days is null)
                throw new UsageException("say what to prune: --keep N and/or --older-than DAYS");
            if (n < 1) throw new UsageException("--keep must be at least 1");
            if (days < 0) throw new UsageException("--older-than must be 0 or more days");
            using var store = history.OpenRequired(result);
            var deleted = Guard(() => store.Prune(n, days is { } d ? DateTimeOffset.UtcNow.AddDays(-d) : null));
            result.InvocationConfiguration.Output.WriteLine(deleted.Count == 0
                ? $"nothing to prune in {store.Location.Display}"
                : $"deleted {deleted.Count} scan(s) from {store.Location.Display}: {string.Join(", ", deleted)}");
            return ExitCodes.Clean;
        });
        return command;
    }

    private static Command Import()
    {
        var files = new Argument<string[]>("FILES") { Description = "JSON reports (cloud-audit's, or the reference tool's ~/.cloud-audit/history/*/*.json)", Arity = ArgumentArity.OneOrMore };
        var history = new HistoryOptions();
        var command = new Command("import", "Record saved JSON reports in the history, as scans of their own time") { files };
        history.AddTo(command);
        command.SetAction(result =>
        {
            // Every file is read before anything is written: one bad file imports nothing.
            var scans = result.GetValue(files)!.Select(file =>
            {
                try
                {
                    var saved = JsonReportReader.Read(Path.Combine(CliEnvironment.WorkingDirectory, file));
                    return ScanRecords.From(saved) with { ImportedFrom = Path.GetFullPath(Path.Combine(CliEnvironment.WorkingDirectory, file)) };
                }
                catch (ReportReadException e)
                {
                    throw new UsageException(e.Message);
                }
            }).OrderBy(s => s.ScannedAt).ToList();
            using var store = history.OpenRequired(result, create: true);
            var ids = scans.Select(scan => Guard(() => store.Record(scan))).ToList();
            result.InvocationConfiguration.Output.WriteLine($"imported {ids.Count} scan(s) into {store.Location.Display}: {string.Join(", ", ids)}");
            return ExitCodes.Clean;
        });
        return command;
    }

    private static void ShowConsole(IAnsiConsole console, ScanRecord scan)
    {
        console.MarkupLine($"[bold]scan {scan.Id}[/]: {Time(scan.ScannedAt)} UTC, {Markup.Escape(scan.Source)}, cloud-audit {Markup.Escape(scan.ToolVersion)}, "
            + $"regions {Markup.Escape(string.Join(", ", scan.Regions))}" + (scan.ImportedFrom is { } from ? $", imported from {Markup.Escape(from)}" : ""));
        var accounts = new Table().Border(TableBorder.Simple)
            .AddColumns("account", "score", "findings", "critical", "high", "medium", "low", "suppressed", "passed", "failed", "errored", "not assessed", "n/a");
        foreach (var a in scan.Accounts)
            accounts.AddRow(a.AccountId, $"{a.Score}", $"{a.Findings}", $"{a.Critical}", $"{a.High}", $"{a.Medium}", $"{a.Low}", $"{a.Suppressed}",
                $"{a.ChecksPassed}", $"{a.ChecksFailed}", $"{a.ChecksErrored}", $"{a.ChecksNotAssessed}", $"{a.ChecksNotApplicable}");
        console.Write(accounts);
        var active = scan.Findings.Where(f => f.State == FindingState.Active)
            .OrderBy(f => f.Severity).ThenBy(f => f.AccountId, StringComparer.Ordinal).ThenBy(f => f.CheckId, StringComparer.Ordinal).ToList();
        if (active.Count == 0) return;
        var findings = new Table().Border(TableBorder.Simple).Title($"active findings ({active.Count})")
            .AddColumns("severity", "check", "account", "region", "resource", "finding");
        foreach (var f in active.Take(100))
            findings.AddRow(f.Severity.Upper(), Markup.Escape(f.CheckId), f.AccountId, Markup.Escape(f.Region), Markup.Escape(f.ResourceId), Markup.Escape(f.Title));
        console.Write(findings);
        if (active.Count > 100)
            console.MarkupLine($"… and {active.Count - 100} more (--format json lists them all)");
    }

    private static Option<string?> FormatOption() => new("--format", "-f") { Description = "console or json" };

    private static bool IsJson(string? format) => format?.ToLowerInvariant() switch
    {
        null or "console" or "text" => false,
        "json" => true,
        var other => throw new UsageException($"unknown format '{other}'; use console or json"),
    };

    private static T Guard<T>(Func<T> read)
    {
        try
        {
            return read();
        }
        catch (HistoryException e)
        {
            throw new UsageException(e.Message);
        }
    }

    private static void WriteJson(TextWriter stdout, Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Default }))
            write(json);
        stdout.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
        stdout.Flush();
    }

    private static IAnsiConsole Console(TextWriter stdout) =>
        Terminal.For(stdout, interactive: ReferenceEquals(stdout, System.Console.Out) && Terminal.StdoutIsTerminal);

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

}
