using System.CommandLine;
using System.Globalization;
using CloudAudit.Cli.Output;
using CloudAudit.History.Trends;
using Spectre.Console;

namespace CloudAudit.Cli.Commands;

/// <summary><c>cloud-audit trend</c>: score and findings per severity over an account's recent recorded scans.</summary>
public static class TrendCommand
{
    public static Command Create()
    {
        var account = new Option<string?>("--account", "-a") { Description = "Only this account (default: every account in the history)" };
        var limit = new Option<int>("--limit", "-n") { Description = "How many recent scans per account", DefaultValueFactory = _ => PostureTrend.DefaultScans };
        var format = new Option<string?>("--format", "-f") { Description = "console or json" };
        var history = new HistoryOptions();
        var command = new Command("trend", "Posture over the recorded scans: health score and findings per severity, as sparklines or JSON") { account, limit, format };
        history.AddTo(command);
        command.SetAction(result =>
        {
            var scans = result.GetValue(limit);
            if (scans < 1)
                throw new UsageException("--limit must be at least 1");
            var json = result.GetValue(format)?.ToLowerInvariant() switch
            {
                null or "console" or "text" => false,
                "json" => true,
                var other => throw new UsageException($"unknown format '{other}'; use console or json"),
            };
            using var store = history.OpenRequired(result);
            var only = result.GetValue(account);
            IReadOnlyList<AccountTrend> trends;
            try
            {
                trends = PostureTrend.Of(store, only, scans);
            }
            catch (History.Store.HistoryException e)
            {
                throw new UsageException(e.Message);
            }
            if (trends.Count == 0)
                throw new UsageException(only is null ? $"no scans recorded in {store.Location.Display}" : $"no recorded scans of account {only} in {store.Location.Display}");
            var stdout = result.InvocationConfiguration.Output;
            if (json)
            {
                using var buffer = new MemoryStream();
                TrendJson.Write(trends, buffer);
                stdout.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
            }
            else
                Write(trends, Terminal.For(stdout, interactive: ReferenceEquals(stdout, Console.Out) && Terminal.StdoutIsTerminal));
            stdout.Flush();
            return ExitCodes.Clean;
        });
        return command;
    }

    private static void Write(IReadOnlyList<AccountTrend> trends, IAnsiConsole console)
    {
        foreach (var trend in trends)
        {
            var points = trend.Points;
            var first = points[0];
            var last = points[^1];
            console.MarkupLine($"[bold]account {Markup.Escape(trend.AccountId)}[/]: {points.Count} scan(s), {Day(first.ScannedAt)} → {Day(last.ScannedAt)}");
            if (points.Count < 2)
            {
                console.MarkupLine($"  score {last.Score}/100, {last.Findings} finding(s); need at least 2 scans for a trend");
                continue;
            }
            var table = new Table().Border(TableBorder.None).HideHeaders().AddColumns("series", "spark", "from", "to");
            void Row(string name, Func<Analysis.Trends.PosturePoint, int> value, int? floor = null, int? ceiling = null) =>
                table.AddRow(name, Sparkline.Of(points.Select(value).ToList(), floor, ceiling), $"{value(first)}", $"→ {value(last)}");
            Row("score", p => p.Score, 0, 100);
            Row("findings", p => p.Findings);
            Row("critical", p => p.Critical);
            Row("high", p => p.High);
            Row("medium", p => p.Medium);
            Row("low", p => p.Low);
            console.Write(table);
            foreach (var change in trend.KeyChanges)
                console.MarkupLine($"  {Day(change.To.ScannedAt)} scan {change.To.ScanId}: score {change.ScoreChange.ToString("+0;-0;0", CultureInfo.InvariantCulture)} "
                    + $"({change.From.Score} → {change.To.Score}), findings {change.FindingsChange.ToString("+0;-0;0", CultureInfo.InvariantCulture)}"
                    + (change.To.Critical > change.From.Critical ? $", [red]{change.To.Critical - change.From.Critical} new critical[/]" : ""));
            console.WriteLine();
        }
    }

    private static string Day(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
