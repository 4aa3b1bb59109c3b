using CloudAudit.History.Model;
using CloudAudit.History.Store;

namespace CloudAudit.History.Tests;

/// <summary>
/// Each account's collection time (and NOT ASSESSED cause) in the store, which <c>--shard</c> balances by: written,
/// read back, the newest before a time, and an older store upgraded in place.
/// </summary>
[Collection(nameof(StoreCollection))]
public sealed class CollectionTimeTests(StoreFixture stores)
{
    private static ScanRecord Timed(DateTimeOffset at, params (string Account, double? Seconds, string? NotAssessed)[] accounts)
    {
        var scan = Scans.Of([], at, accounts.Select(a => a.Account).ToList());
        return scan with
        {
            Accounts = scan.Accounts.Select(r => accounts.Single(a => a.Account == r.AccountId) is var a
                ? r with { CollectionSeconds = a.Seconds, NotAssessed = a.NotAssessed } : r).ToList(),
        };
    }

    [Theory, BothStores]
    public async Task Each_account_s_collection_time_and_not_assessed_cause_load_back(Database database)
    {
        using var store = HistoryStore.Open(await stores.NewAsync(database));
        var scan = Timed(Scans.Start, ("111111111111", 12.5, null), ("222222222222", 0.4, "Could not assume role: AccessDenied"), ("333333333333", null, null));

        var loaded = store.Load(store.Record(scan));

        Assert.Equal(scan.Accounts, loaded.Accounts);
        Assert.Equal([12.5, 0.4, null], loaded.Accounts.Select(a => a.CollectionSeconds));
        Assert.Equal("Could not assume role: AccessDenied", loaded.Accounts[1].NotAssessed);
        Assert.Equal(scan.Accounts, store.List().Single().Accounts);
    }

    [Fact]
    public void The_scan_s_JSON_carries_an_account_s_time_and_cause_when_it_has_them()
    {
        var scan = Timed(Scans.Start, ("111111111111", 12.5, null), ("222222222222", 0.4, "Could not assume role: AccessDenied"), ("333333333333", null, null));
        using var buffer = new MemoryStream();
        using (var w = new System.Text.Json.Utf8JsonWriter(buffer))
            ScanJson.WriteScan(w, scan);

        var accounts = System.Text.Json.Nodes.JsonNode.Parse(buffer.ToArray())!["accounts"]!.AsArray().Select(a => a!.AsObject()).ToList();
        Assert.Equal([12.5, 0.4, null], accounts.Select(a => (double?)a["collection_seconds"]));
        Assert.Equal([null, "Could not assume role: AccessDenied", null], accounts.Select(a => (string?)a["not_assessed"]));
        Assert.False(accounts[2].ContainsKey("collection_seconds"));
    }

    [Theory, BothStores]
    public async Task Each_account_s_time_is_from_its_newest_timed_scan_that_started_before_the_cutoff(Database database)
    {
        using var store = HistoryStore.Open(await stores.NewAsync(database));
        var day = Scans.Start;
        store.Record(Timed(day, ("111111111111", 10, null), ("222222222222", 20, null)));
        store.Record(Timed(day.AddDays(1), ("111111111111", 11, null), ("222222222222", null, null)));
        // This run's own shards, recorded after the cutoff: never counted, whenever they were recorded.
        store.Record(Timed(day.AddDays(2), ("111111111111", 99, null), ("333333333333", 99, null)));

        var seconds = store.CollectionSeconds(day.AddDays(2).AddMinutes(-60));

        Assert.Equal(new Dictionary<string, double> { ["111111111111"] = 11, ["222222222222"] = 20 }, seconds);
        Assert.Empty(store.CollectionSeconds(day));
        Assert.Equal(99, store.CollectionSeconds(day.AddDays(2).AddSeconds(1))["333333333333"]);
    }

    [Theory, BothStores]
    public async Task A_not_assessed_account_s_time_is_skipped_for_its_newest_assessed_one(Database database)
    {
        using var store = HistoryStore.Open(await stores.NewAsync(database));
        var day = Scans.Start;
        store.Record(Timed(day, ("111111111111", 40, null), ("222222222222", 30, null)));
        // Its role failed at once: 0.2 s says nothing of what reading it costs.
        store.Record(Timed(day.AddDays(1), ("111111111111", 0.2, "Could not assume role: AccessDenied"), ("222222222222", 31, null)));

        Assert.Equal(new Dictionary<string, double> { ["111111111111"] = 40, ["222222222222"] = 31 }, store.CollectionSeconds(day.AddDays(2)));
        Assert.Equal(40, store.CollectionSeconds(day.AddDays(1).AddSeconds(1))["111111111111"]);
    }

    [Theory, BothStores]
    public async Task A_store_of_schema_2_is_upgraded_in_place_its_accounts_untimed_and_new_scans_timed(Database database)
    {
        var location = await stores.NewAsync(database);
        // A scan as version 2 wrote it: scan_accounts without the two columns.
        RawConnection.WriteOldScan(location, 2);

        using var store = HistoryStore.Open(location);
        Assert.Equal(3, store.SchemaVersion);
        var migrated = store.Load(1).Accounts.Single();
        Assert.Equal(98, migrated.Score);
        Assert.Null(migrated.CollectionSeconds);
        Assert.Null(migrated.NotAssessed);
        Assert.Empty(store.CollectionSeconds(DateTimeOffset.MaxValue.AddDays(-1)));
        store.Record(Timed(new DateTimeOffset(2026, 10, 2, 8, 0, 0, TimeSpan.Zero), ("111111111111", 7.5, null)));
        Assert.Equal(7.5, store.CollectionSeconds(new DateTimeOffset(2026, 10, 3, 0, 0, 0, TimeSpan.Zero))["111111111111"]);
    }

    [Theory, BothStores]
    public async Task A_failing_step_3_rolls_back_leaving_the_store_at_version_2_with_its_data(Database database)
    {
        var location = await stores.NewAsync(database);
        RawConnection.WriteOldScan(location, 2);
        // A column of step 3 already there: its first ALTER succeeds, its second fails.
        using (var raw = RawConnection.Open(location))
            raw.Execute("ALTER TABLE scan_accounts ADD COLUMN not_assessed TEXT NULL");

        Assert.Throws<HistoryException>(() => HistoryStore.Open(location).Dispose());

        using var after = RawConnection.Open(location);
        Assert.Equal(2L, Convert.ToInt64(after.Scalar("SELECT MAX(version) FROM schema_migrations"), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(98L, Convert.ToInt64(after.Scalar("SELECT score FROM scan_accounts WHERE scan_id = 1"), System.Globalization.CultureInfo.InvariantCulture));
        var columns = database == Database.Sqlite
            ? "SELECT COUNT(*) FROM pragma_table_info('scan_accounts') WHERE name = 'collection_seconds'"
            : $"SELECT COUNT(*) FROM information_schema.columns WHERE table_schema = '{StoreLocation.PostgresSchema}' AND table_name = 'scan_accounts' AND column_name = 'collection_seconds'";
        Assert.Equal(0L, Convert.ToInt64(after.Scalar(columns), System.Globalization.CultureInfo.InvariantCulture));
    }
}
