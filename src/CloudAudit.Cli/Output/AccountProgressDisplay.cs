using System.Collections.Concurrent;
using CloudAudit.Collection;
using CloudAudit.Collection.Organizations;
using CloudAudit.Inventory.Snapshot;
using Spectre.Console;

namespace CloudAudit.Cli.Output;

/// <summary>
/// Progress of a multi-account collection on stderr: on a terminal, a bar for the accounts and one per account in
/// flight (requests done of those planned, failures), at most <see cref="MostAccountBars"/> at once so the display fits
/// a terminal when a hundred accounts are in flight (the total line counts those collecting); nothing when stderr is
/// not a terminal (the report names every account, NOT ASSESSED ones with their cause).
/// </summary>
public sealed class AccountProgressDisplay(int accounts, IReadOnlyDictionary<string, string?> names, TextWriter stderr, bool bars)
{
    /// <summary>Accounts given a bar of their own at once; an account without one is still counted as collecting.</summary>
    public const int MostAccountBars = 12;

    private readonly ConcurrentDictionary<string, Counts> byAccount = new(StringComparer.Ordinal);
    private long collected;
    private long notAssessed;

    public void Add(AccountProgress progress)
    {
        var counts = byAccount.GetOrAdd(progress.AccountId, _ => new Counts());
        if (progress.Call is { } call)
        {
            switch (call.State)
            {
                case CallState.Planned: Interlocked.Increment(ref counts.Planned); break;
                case CallState.Done: Interlocked.Increment(ref counts.Done); break;
                default: Interlocked.Increment(ref counts.Failed); break;
            }
            return;
        }
        counts.State = progress.State;
        if (progress.State == AccountState.Collected)
            Interlocked.Increment(ref collected);
        else if (progress.State == AccountState.NotAssessed)
            Interlocked.Increment(ref notAssessed);
    }

    /// <summary>Draws the bars until <paramref name="collection"/> ends, then clears them; rethrows its failure.</summary>
    public void ShowUntilDone(Task collection)
    {
        if (!bars)
        {
            collection.GetAwaiter().GetResult();
            return;
        }
        Terminal.For(stderr, interactive: true).Progress().AutoClear(true).HideCompleted(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn())
            .Start(context =>
            {
                var total = context.AddTask("accounts", maxValue: Math.Max(1, accounts));
                var bars = new Dictionary<string, ProgressTask>(StringComparer.Ordinal);
                var stopped = new HashSet<string>(StringComparer.Ordinal);
                do
                {
                    var done = Interlocked.Read(ref collected);
                    var failed = Interlocked.Read(ref notAssessed);
                    var collecting = byAccount.Values.Count(c => c.State == AccountState.Collecting);
                    total.Description = $"accounts {done + failed}/{accounts}, {collecting} collecting{(failed > 0 ? $", [yellow]{failed} not assessed[/]" : "")}";
                    total.Value = done + failed;
                    var shown = bars.Count - stopped.Count;
                    foreach (var (account, counts) in byAccount)
                    {
                        var ended = counts.State is AccountState.Collected or AccountState.NotAssessed;
                        if (!bars.TryGetValue(account, out var bar))
                        {
                            if (ended || shown >= MostAccountBars)
                                continue;
                            bars[account] = bar = context.AddTask(account);
                            shown++;
                        }
                        var failures = Interlocked.Read(ref counts.Failed);
                        bar.Description = $"  {Markup.Escape(Label(account)),-40}{(failures > 0 ? $" [yellow]{failures} failed[/]" : "")}";
                        bar.MaxValue = Math.Max(1, Interlocked.Read(ref counts.Planned));
                        bar.Value = Interlocked.Read(ref counts.Done) + failures;
                        if (ended && stopped.Add(account))
                        {
                            bar.StopTask();
                            shown--;
                        }
                    }
                    context.Refresh();
                }
                while (Task.WaitAny([collection], TimeSpan.FromMilliseconds(150)) < 0);
            });
        collection.GetAwaiter().GetResult();
    }

    private string Label(string account) => names.GetValueOrDefault(account) is { } name ? $"{account} ({name})" : account;

    private sealed class Counts
    {
        public long Planned;
        public long Done;
        public long Failed;
        public volatile AccountState State;
    }
}
