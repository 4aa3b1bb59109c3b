using CloudAudit.Access.Verification;
using CloudAudit.Analysis;
using CloudAudit.Inventory.Snapshot;

namespace CloudAudit.Mcp;

/// <summary>A scan the server holds for the query tools, with the number that ties cursors to it (and AWS's evaluator, for a live scan).</summary>
public sealed record HeldScan(long Sequence, ScanReport Report, InventorySnapshot Inventory, DateTimeOffset FinishedAt, Func<IPolicySimulator>? Simulator = null);

/// <summary>
/// The scans of this server's life: the last one of every account (a scan of several accounts counts for each), and
/// the most recent one, which the query tools read when no account is named. One scan runs at a time.
/// </summary>
public sealed class ScanSession
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, HeldScan> byAccount = new(StringComparer.Ordinal);
    private HeldScan? latest;
    private long sequence;
    private RunningScan? running;

    public const string NoScanYet = "No scan results available. Run scan_aws (a live account), scan_snapshot (a saved inventory) or demo_scan first.";

    /// <summary>How long a scan waits for a cancelled one to stop (its reads aborted, its checks finishing) before giving up.</summary>
    public static readonly TimeSpan WindDown = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Marks a scan as running; a second one while it runs is refused with what is running. A scan whose request was
    /// cancelled is still unwinding for a moment: the next scan waits for it to end instead of being refused.
    /// </summary>
    public async Task<IDisposable> BeginScanAsync(string what, CancellationToken cancel)
    {
        while (true)
        {
            Task ended;
            lock (gate)
            {
                if (running is null)
                {
                    running = new RunningScan($"{what}, started {DateTimeOffset.UtcNow:HH:mm:ss} UTC", cancel);
                    return new EndScan(this, running);
                }
                if (!running.Cancel.IsCancellationRequested)
                    throw new ToolInputException($"a scan is already running ({running.What}); wait for it to finish, then call again");
                ended = running.Ended.Task;
            }
            try
            {
                await ended.WaitAsync(WindDown, cancel).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                throw new ToolInputException($"a cancelled scan is still stopping after {WindDown.TotalSeconds:0} s; call again later");
            }
        }
    }

    public HeldScan Hold(ScanOutcome outcome)
    {
        lock (gate)
        {
            var held = new HeldScan(++sequence, outcome.Report, outcome.Inventory, DateTimeOffset.UtcNow, outcome.Simulator);
            foreach (var account in outcome.Report.AccountIds)
                byAccount[account] = held;
            latest = held;
            return held;
        }
    }

    /// <summary>The last scan of <paramref name="account"/>, or the most recent scan when none is named.</summary>
    public HeldScan Current(string? account)
    {
        lock (gate)
        {
            if (latest is null) throw new ToolInputException(NoScanYet);
            if (string.IsNullOrWhiteSpace(account)) return latest;
            return byAccount.TryGetValue(account.Trim(), out var held) ? held
                : throw new ToolInputException($"no scan of account '{account.Trim()}' in this session; scanned accounts: {string.Join(", ", byAccount.Keys.Order(StringComparer.Ordinal))}");
        }
    }

    private sealed record RunningScan(string What, CancellationToken Cancel)
    {
        public TaskCompletionSource Ended { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private sealed class EndScan(ScanSession session, RunningScan scan) : IDisposable
    {
        public void Dispose()
        {
            lock (session.gate)
            {
                if (ReferenceEquals(session.running, scan)) session.running = null;
            }
            scan.Ended.TrySetResult();
        }
    }
}
