using CloudAudit.Checks.Framework;
using CloudAudit.History.Model;
using CloudAudit.History.Store;

namespace CloudAudit.History.Tests;

/// <summary>The same store behaviour on SQLite and on a real PostgreSQL server.</summary>
[Collection(nameof(StoreCollection))]
public sealed class StoreTests(StoreFixture stores)
{
    [Theory, BothStores]
    public async Task A_recorded_scan_loads_back_whole(Database database)
    {
        using var store = HistoryStore.Open(await stores.NewAsync(database));
        var findings = new List<FindingRecord>
        {
            Scans.Finding("open-bucket", severity: Severity.High),
            Scans.Finding("accepted-bucket", state: FindingState.Suppressed),
            Scans.Finding("quiet-bucket", severity: Severity.Info, state: FindingState.BelowThreshold),
            Scans.Finding("trail", check: "aws-cw-004", account: "222222222222", region: "eu-west-1", severity: Severity.Medium, state: FindingState.Folded),
            Scans.Finding("unicode-bücket \"quoted\" 'x'", account: "222222222222"),
        };
        var results = new List<CheckRecord>
        {
            new("111111111111", "aws-s3-003", CheckStatus.Fail, 12, "2 finding(s); 1 part(s) not assessed", ["eu-west-1"]),
            new("111111111111", "aws-ct-002", CheckStatus.NotAssessed, 0, "cloudtrail DescribeTrails denied", ["global", "us-east-1"]),
            new("222222222222", "aws-s3-003", CheckStatus.Fail, 3, null, []),
            new("222222222222", "aws-cw-004", CheckStatus.Fail, 1, null, []),
        };
        var scan = Scans.Of(findings, new DateTimeOffset(2026, 11, 28, 10, 30, 15, 123, TimeSpan.Zero), results: results) with { MinSeverity = Severity.Low };

        var id = store.Record(scan);
        var loaded = store.Load(id);

        Assert.Equal(id, loaded.Id);
        Assert.Equal($"scan {id}", loaded.Label);
        Assert.Equal(scan.ScannedAt, loaded.ScannedAt);
        Assert.Equal(scan.Source, loaded.Source);
        Assert.Equal(scan.Regions, loaded.Regions);
        Assert.Equal(scan.DurationSeconds, loaded.DurationSeconds);
        Assert.Equal(Severity.Low, loaded.MinSeverity);
        Assert.Equal(scan.Accounts, loaded.Accounts);
        Assert.Equal(results.OrderBy(c => c.AccountId).ThenBy(c => c.CheckId, StringComparer.Ordinal).Select(Flat),
            loaded.Checks.Select(Flat));
        Assert.Equal(findings.OrderBy(f => f.Fingerprint), loaded.Findings.OrderBy(f => f.Fingerprint));
    }

    private static string Flat(CheckRecord c) => $"{c.AccountId} {c.CheckId} {c.Status} {c.ResourcesScanned} {c.Reason} [{string.Join(",", c.GapRegions)}]";

    [Theory, BothStores]
    public async Task Scans_list_newest_first_and_by_account(Database database)
    {
        using var store = HistoryStore.Open(await stores.NewAsync(database));
        var a1 = store.Record(Scans.Of([Scans.Finding("x")], Scans.Start));
        var b1 = store.Record(Scans.Of([], Scans.Start.AddHours(1), accounts: ["222222222222"]));
        var both = store.Record(Scans.Of([], Scans.Start.AddHours(2), accounts: ["111111111111", "222222222222"]));

        Assert.Equal([both, b1, a1], store.List().Select(e => e.Id));
        Assert.Equal([both, a1], store.List(account: "111111111111").Select(e => e.Id));
        Assert.Equal([both], store.List(limit: 1).Select(e => e.Id));
        Assert.Equal(["111111111111", "222222222222"], store.List(limit: 1)[0].Accounts.Select(a => a.AccountId));
        Assert.Equal(1, store.List(account: "111111111111")[1].Accounts.Single().Findings);
        Assert.Equal(["111111111111", "222222222222"], store.Accounts());
    }

    [Theory, BothStores]
    public async Task References_name_scans(Database database)
    {
        using var store = HistoryStore.Open(await stores.NewAsync(database));
        var error = Assert.Throws<HistoryException>(() => store.Resolve("last"));
        Assert.Contains("no scans recorded in", error.Message);

        var a1 = store.Record(Scans.Of([], new DateTimeOffset(2026, 11, 1, 23, 59, 0, TimeSpan.Zero)));
        var b1 = store.Record(Scans.Of([], new DateTimeOffset(2026, 11, 2, 0, 1, 0, TimeSpan.Zero), accounts: ["222222222222"]));
        var a2 = store.Record(Scans.Of([], new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero)));

        Assert.Equal(a2, store.Resolve("last"));
        Assert.Equal(a1, store.Resolve("previous")); // the scan before the last that shares its account
        Assert.Equal(b1, store.Resolve("last", account: "222222222222"));
        Assert.Equal(a1, store.Resolve("previous", before: a2));
        Assert.Equal(b1, store.Resolve($"{b1}"));
        Assert.Equal(a1, store.Resolve("2026-11-01"));
        Assert.Equal(a2, store.Resolve("2026-11-02"));
        Assert.Contains("no scan on 2026-10-31 (UTC)", Assert.Throws<HistoryException>(() => store.Resolve("2026-10-31")).Message);
        Assert.Contains("no scan 999", Assert.Throws<HistoryException>(() => store.Resolve("999")).Message);
        Assert.Contains("no scan recorded before scan", Assert.Throws<HistoryException>(() => store.Resolve("previous", account: "222222222222")).Message);
        var unknown = Assert.Throws<HistoryException>(() => store.Resolve("yesterday"));
        Assert.Equal(HistoryFailure.Invalid, unknown.Failure);
        Assert.StartsWith("unknown scan reference 'yesterday'", unknown.Message);
    }

    [Theory, BothStores]
    public async Task The_trend_is_an_accounts_newest_scans_oldest_first(Database database)
    {
        using var store = HistoryStore.Open(await stores.NewAsync(database));
        for (var i = 0; i < 5; i++)
            store.Record(Scans.Of(Scans.Many(i), Scans.Start.AddDays(i)));
        store.Record(Scans.Of([], Scans.Start.AddDays(10), accounts: ["222222222222"]));

        var trend = store.Trend("111111111111", 3);
        Assert.Equal([2, 3, 4], trend.Select(p => p.Findings));
        Assert.Equal([Scans.Start.AddDays(2), Scans.Start.AddDays(3), Scans.Start.AddDays(4)], trend.Select(p => p.ScannedAt));
        Assert.Equal(100 - 20 - 10 - 5 - 2, trend[^1].Score);
        Assert.Equal([1, 1, 1, 1, 0], new[] { trend[^1].Critical, trend[^1].High, trend[^1].Medium, trend[^1].Low, trend[^1].Info });
    }

    [Theory, BothStores]
    public async Task Pruning_keeps_each_accounts_newest_scans_and_drops_old_ones(Database database)
    {
        using var store = HistoryStore.Open(await stores.NewAsync(database));
        var a = Enumerable.Range(0, 4).Select(i => store.Record(Scans.Of(Scans.Many(3), Scans.Start.AddDays(i)))).ToList();
        var b = store.Record(Scans.Of(Scans.Many(2, account: "222222222222"), Scans.Start));

        Assert.Equal([a[0], a[1]], store.Prune(keep: 2, before: null));
        Assert.Equal([a[2], a[3], b], store.List().Select(e => e.Id).Order());
        Assert.Equal([a[2], b], store.Prune(keep: null, before: Scans.Start.AddDays(3)));
        Assert.Equal([a[3]], store.List().Select(e => e.Id));
        Assert.Equal(3, store.Load(a[3]).Findings.Count);
        Assert.Contains($"no scan {a[0]}", Assert.Throws<HistoryException>(() => store.Load(a[0])).Message);
    }

    [Theory, BothStores]
    public async Task Parallel_writers_lose_nothing(Database database)
    {
        var location = await stores.NewAsync(database);
        using (HistoryStore.Open(location)) { }
        const int writers = 6, scansEach = 4, findingsEach = 300;
        await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(() =>
        {
            for (var s = 0; s < scansEach; s++)
            {
                // Each scan opens its own connection, as separate cloud-audit processes do.
                using var store = HistoryStore.Open(location, new StoreOptions { LockTimeout = TimeSpan.FromSeconds(60) });
                store.Record(Scans.Of(Scans.Many(findingsEach, account: $"{w + 1:D12}", offset: s * findingsEach), Scans.Start.AddMinutes(s)));
            }
        })));

        using var check = HistoryStore.Open(location);
        var entries = check.List();
        Assert.Equal(writers * scansEach, entries.Count);
        Assert.Equal(writers * scansEach, entries.Select(e => e.Id).Distinct().Count());
        Assert.All(entries, e => Assert.Equal(findingsEach, check.Load(e.Id).Findings.Count));
    }

    [Theory, BothStores]
    public async Task Writers_racing_to_create_a_fresh_store_migrate_it_once(Database database)
    {
        var location = await stores.NewAsync(database);
        var ids = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => Task.Run(() =>
        {
            using var store = HistoryStore.Open(location, new StoreOptions { LockTimeout = TimeSpan.FromSeconds(60) });
            return store.Record(Scans.Of(Scans.Many(50, account: $"{i + 1:D12}")));
        })));
        Assert.Equal(4, ids.Distinct().Count());
        using var raw = RawConnection.Open(location);
        Assert.Equal(HistoryStore.LatestSchemaVersion, Convert.ToInt32(raw.Scalar("SELECT count(*) FROM schema_migrations"), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory, BothStores]
    public async Task A_store_of_an_older_schema_is_migrated_and_keeps_its_scans(Database database)
    {
        var location = await stores.NewAsync(database);
        // A scan as version 1 wrote it: no check_gaps table yet.
        RawConnection.WriteOldScan(location, 1);
        using (var raw = RawConnection.Open(location))
        {
            var f = Scans.Finding("legacy-bucket");
            raw.Execute($"INSERT INTO findings VALUES (1, '{f.Fingerprint}', '111111111111', 'aws-s3-003', 'us-east-1', 'AWS::S3::Bucket', 'legacy-bucket', 'low', 't', 'd', 'active')");
        }

        using var store = HistoryStore.Open(location);
        Assert.Equal(HistoryStore.LatestSchemaVersion, store.SchemaVersion);
        var migrated = store.Load(1);
        Assert.Equal("legacy-bucket", migrated.Findings.Single().ResourceId);
        Assert.Empty(migrated.Checks.Single().GapRegions);
        var next = store.Record(Scans.Of([Scans.Finding("new-bucket")], results:
            [new CheckRecord("111111111111", "aws-s3-003", CheckStatus.Fail, 5, null, ["eu-west-1"])]));
        Assert.Equal(["eu-west-1"], store.Load(next).Checks.Single().GapRegions);
    }

    [Theory, BothStores]
    public async Task A_store_of_a_newer_schema_is_refused_and_left_as_it_was(Database database)
    {
        var location = await stores.NewAsync(database);
        using (var store = HistoryStore.Open(location))
            store.Record(Scans.Of([Scans.Finding("x")]));
        using (var raw = RawConnection.Open(location))
            raw.Execute($"INSERT INTO schema_migrations VALUES (99, 'from the future', {raw.Time("2030-01-01T00:00:00Z")})");
        var before = RawConnection.Fingerprint(location);

        var error = Assert.Throws<HistoryException>(() => HistoryStore.Open(location));
        Assert.Equal(HistoryFailure.Invalid, error.Failure);
        Assert.Equal($"{location.Display} has history schema version 99, newer than this cloud-audit knows ({HistoryStore.LatestSchemaVersion}); upgrade cloud-audit to use it", error.Message);
        Assert.Equal(before, RawConnection.Fingerprint(location));
    }
}
