using CloudAudit.Analysis;
using CloudAudit.Inventory.Snapshot;

namespace CloudAudit.Mcp;

/// <summary>A scan the server holds for the query tools, with the number that ties cursors to it.</summary>
public sealed record HeldScan(long Sequence, ScanReport Report, InventorySnapshot Inventory, DateTimeOffset FinishedAt);

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
    private string? running;

    public const string NoScanYet = "No scan results available. Run scan_aws (a live account), scan_snapshot (a saved inventory) or demo_scan first.";

    /// <summary>Marks a scan as running; a second one while it runs is refused with what is running.</summary>
    public IDisposable BeginScan(string what)
    {
        lock (gate)
        {
            if (running is not null)
                throw new ToolInputException($"a scan is already running ({running}); wait for it to finish, then call again");
            running = $"{what}, started {DateTimeOffset.UtcNow:HH:mm:ss} UTC";
        }
        return new EndScan(this);
    }

    public HeldScan Hold(ScanOutcome outcome)
    {
        lock (gate)
        {
            var held = new HeldScan(++sequence, outcome.Report, outcome.Inventory, DateTimeOffset.UtcNow);
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

    private sealed class EndScan(ScanSession session) : IDisposable
    {
        public void Dispose()
        {
            lock (session.gate) session.running = null;
        }
    }
}
