using CloudAudit.Cli.Commands;
using CloudAudit.Collection.Organizations;
using CloudAudit.History.Model;
using CloudAudit.History.Store;

namespace CloudAudit.Cli.Tests;

/// <summary>
/// <c>scan --shard K/N --shard-balance history --shard-basis TIME</c>: the split by each account's time in the
/// history's scans that started before the basis, the same for every shard of a run given the same basis, whenever
/// each shard started and whichever of them recorded first.
/// </summary>
public sealed class ShardHistoryTests : IDisposable
{
    private static readonly string[] Accounts = ["111111111111", "222222222222", "333333333333", "444444444444", "555555555555"];
    private static readonly DateTimeOffset Now = new(2026, 12, 8, 3, 0, 0, TimeSpan.Zero);
    private readonly string folder = Directory.CreateTempSubdirectory("cloud-audit-shard-history-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private HistoryStore Store() => HistoryStore.Open(StoreLocation.Sqlite(Path.Combine(folder, "history.db")));

    private static ScanRecord Timed(DateTimeOffset at, IReadOnlyDictionary<string, double> seconds) => new()
    {
        Label = "scan",
        ScannedAt = at,
        Source = "live",
        ToolVersion = "0.1.0",
        Accounts = seconds.Select(p => new AccountRecord(p.Key, 100, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, p.Value)).ToList(),
        Checks = [],
        Findings = [],
    };

    private static List<List<string>> Split(HistoryStore store, int count, DateTimeOffset basis)
    {
        using var history = new ScanHistory(store, true, null, null, TextWriter.Null, quiet: true);
        return Enumerable.Range(1, count).Select(k => new Shard(k, count).Select(Accounts, a => a, history.ShardBalance(basis)).ToList()).ToList();
    }

    [Fact]
    public void Shards_given_the_same_basis_agree_although_one_of_them_recorded_first()
    {
        // Hourly runs: the previous run at 02:00:20; this run's basis is its scheduled time, 03:00.
        using (var store = Store())
            store.Record(Timed(Now.AddHours(-1).AddSeconds(20), new Dictionary<string, double> { [Accounts[2]] = 100, [Accounts[0]] = 30, [Accounts[1]] = 20, [Accounts[3]] = 10 }));
        List<List<string>> before;
        using (var store = Store())
            before = Split(store, 2, Now);
        // Shard 1 of this run, started at 03:00:05, records times that would split the accounts otherwise.
        using (var store = Store())
            store.Record(Timed(Now.AddSeconds(5), Accounts.ToDictionary(a => a, a => a == Accounts[4] ? 500.0 : 1.0)));
        List<List<string>> after;
        using (var store = Store())
            after = Split(store, 2, Now);

        // The slowest account alone; the others (the untimed one as the median, 30 s) together: 100 s against 90 s.
        Assert.Equal([[Accounts[2]], [Accounts[0], Accounts[1], Accounts[3], Accounts[4]]], before);
        Assert.Equal(before, after);
    }

    [Fact]
    public void The_basis_not_the_time_a_shard_starts_decides_which_scans_count()
    {
        using var store = Store();
        // A scan one minute before the basis counts, however recent: the former "an hour before the shard" rule left it out.
        store.Record(Timed(Now.AddMinutes(-1), Accounts.ToDictionary(a => a, a => a == Accounts[4] ? 500.0 : 1.0)));
        using var history = new ScanHistory(store, true, null, null, TextWriter.Null, quiet: true);

        Assert.Equal(500, history.ShardBalance(Now)[Accounts[4]]);
        Assert.Empty(history.ShardBalance(Now.AddMinutes(-1)));
    }

    [Fact]
    public void Without_a_timed_scan_before_the_basis_the_shards_split_by_account_id()
    {
        using var store = Store();
        store.Record(Timed(Now.AddSeconds(1), Accounts.ToDictionary(a => a, _ => 1.0)));

        Assert.Equal([[Accounts[0], Accounts[2], Accounts[4]], [Accounts[1], Accounts[3]]], Split(store, 2, Now));
    }

    [Fact]
    public void A_scan_that_records_nothing_still_balances_by_the_store_its_baseline_opened()
    {
        using (var store = Store())
            store.Record(Timed(Now.AddHours(-3), Accounts.ToDictionary(a => a, a => a == Accounts[0] ? 100.0 : 1.0)));
        using var history = new ScanHistory(Store(), false, "last", null, TextWriter.Null, quiet: true);

        Assert.Equal(100, history.ShardBalance(Now)[Accounts[0]]);
    }

    [Fact]
    public void A_history_out_of_reach_or_not_opened_stops_a_sharded_scan_rather_than_split_otherwise_than_the_others()
    {
        using var history = new ScanHistory(null, false, null, null, TextWriter.Null, quiet: true) { OutOfReach = "cannot connect to db.internal:5432" };
        using var off = new ScanHistory(null, false, null, null, TextWriter.Null, quiet: true);

        var error = Assert.Throws<UsageException>(() => history.ShardBalance(Now));
        Assert.StartsWith("--shard-balance history: the history is out of reach (cannot connect to db.internal:5432)", error.Message);
        Assert.Equal("--shard-balance history needs the history store: it cannot be used with --no-history",
            Assert.Throws<UsageException>(() => off.ShardBalance(Now)).Message);
    }
}
