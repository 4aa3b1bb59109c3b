using System.Collections.Concurrent;
using CloudAudit.Analysis;
using CloudAudit.Collection;
using Spectre.Console;

namespace CloudAudit.Cli.Output;

/// <summary>Counts requests per service as the collector reports them, and draws them as progress bars on stderr.</summary>
public sealed class CollectionProgress
{
    private readonly ConcurrentDictionary<string, Counts> byService = new(StringComparer.Ordinal);

    public void Add(CallProgress progress)
    {
        var counts = byService.GetOrAdd(progress.Service, _ => new Counts());
        counts.Regions.TryAdd(progress.Region, 0);
        switch (progress.State)
        {
            case CallState.Planned: Interlocked.Increment(ref counts.Planned); break;
            case CallState.Done: Interlocked.Increment(ref counts.Done); break;
            default: Interlocked.Increment(ref counts.Failed); break;
        }
    }

    /// <summary>Redraws the bars until <paramref name="collection"/> ends, then clears them; returns its result or rethrows.</summary>
    public T ShowUntilDone<T>(TextWriter stderr, Task<T> collection)
    {
        Terminal.For(stderr, interactive: true).Progress().AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn())
            .Start(context =>
            {
                var bars = new Dictionary<string, ProgressTask>(StringComparer.Ordinal);
                do
                {
                    foreach (var (service, counts) in byService.OrderBy(p => p.Key, StringComparer.Ordinal))
                    {
                        if (!bars.TryGetValue(service, out var bar))
                            bars[service] = bar = context.AddTask(service);
                        var failed = Interlocked.Read(ref counts.Failed);
                        bar.Description = $"{service,-14} {counts.Regions.Count,2} region(s){(failed > 0 ? $", [yellow]{failed} failed[/]" : "")}";
                        bar.MaxValue = Math.Max(1, Interlocked.Read(ref counts.Planned));
                        bar.Value = Interlocked.Read(ref counts.Done) + failed;
                    }
                    context.Refresh();
                }
                while (Task.WaitAny([collection], TimeSpan.FromMilliseconds(100)) < 0);
            });
        return collection.GetAwaiter().GetResult();
    }

    /// <summary>The end-of-scan table: calls, retries, throttles and denials per service.</summary>
    public static void WriteSummary(TextWriter stderr, IReadOnlyList<ServiceApiCalls> calls, TimeSpan elapsed)
    {
        var table = new Table().Border(TableBorder.Simple).Title($"API calls ({calls.Sum(c => c.Calls)} in {elapsed.TotalSeconds:0.0} s)")
            .AddColumns("service", "calls", "requests", "retries", "throttles", "denials", "failures");
        foreach (var c in calls)
            table.AddRow(c.Service, $"{c.Calls}", $"{c.Requests}", $"{c.Retries}", $"{c.Throttles}", $"{c.Denials}", $"{c.Failures}");
        var console = Terminal.For(stderr, interactive: Terminal.StderrIsTerminal && ReferenceEquals(stderr, Console.Error));
        console.Write(table);
        stderr.Flush();
    }

    private sealed class Counts
    {
        public readonly ConcurrentDictionary<string, byte> Regions = new(StringComparer.Ordinal);
        public long Planned;
        public long Done;
        public long Failed;
    }
}
