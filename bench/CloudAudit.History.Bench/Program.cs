// The history store's targets on this machine: record a 20,000-finding report and diff two of them (≤ 1 s on
// SQLite, ≤ 2 s on PostgreSQL), and a trend over 1,000 stored scans (≤ 300 ms). PostgreSQL runs on a throw-away
// cluster the bench starts and stops itself.
// Usage: dotnet run -c Release --project bench/CloudAudit.History.Bench [--findings N] [--scans N] [--no-postgres]
using System.Diagnostics;
using System.Globalization;
using CloudAudit.Analysis;
using CloudAudit.Checks;
using CloudAudit.Checks.Framework;
using CloudAudit.History.Comparison;
using CloudAudit.History.Model;
using CloudAudit.History.Store;
using CloudAudit.History.Trends;
using CloudAudit.Testing;

int Arg(string name, int fallback) =>
    Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
var findings = Arg("--findings", 20_000);
var scans = Arg("--scans", 1_000);
var postgres = !args.Contains("--no-postgres");

var clock = Stopwatch.StartNew();
var first = Synthetic(findings, changed: 0);
var second = Synthetic(findings, changed: Math.Max(1, findings / 100));
Console.WriteLine($"two synthetic reports of {findings:N0} findings (1% differ), analysed in {clock.ElapsedMilliseconds} ms");

var folder = Directory.CreateTempSubdirectory("cloud-audit-history-bench-").FullName;
try
{
    Measure("SQLite", StoreLocation.Sqlite(Path.Combine(folder, "warm.db")), StoreLocation.Sqlite(Path.Combine(folder, "history.db")),
        StoreLocation.Sqlite(Path.Combine(folder, "trend.db")), recordTarget: 1.0);
    if (postgres && PostgresCluster.MissingReason is null)
    {
        clock.Restart();
        await using var cluster = await PostgresCluster.StartAsync();
        Console.WriteLine($"PostgreSQL cluster started in {clock.ElapsedMilliseconds} ms (initdb, server on 127.0.0.1:{cluster.Port})");
        Measure("PostgreSQL", StoreLocation.Parse(await cluster.CreateDatabaseAsync("warm")), StoreLocation.Parse(await cluster.CreateDatabaseAsync("history")),
            StoreLocation.Parse(await cluster.CreateDatabaseAsync("trend")), recordTarget: 2.0);
    }
    else if (postgres)
        Console.WriteLine($"PostgreSQL skipped: {PostgresCluster.MissingReason}");
}
finally
{
    Directory.Delete(folder, recursive: true);
}
Console.WriteLine($"load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]} on {Environment.ProcessorCount} cores (the machine is shared: wall time includes waiting for a core)");

void Measure(string name, StoreLocation warm, StoreLocation location, StoreLocation trendLocation, double recordTarget)
{
    // One small run first, so the figures below are not the JIT's.
    using (var store = HistoryStore.Open(warm))
        ScanComparer.Compare(store.Load(store.Record(ScanRecords.From(Synthetic(200, 0)))), store.Load(store.Record(ScanRecords.From(Synthetic(200, 2)))));

    using (var store = HistoryStore.Open(location))
    {
        var timer = Stopwatch.StartNew();
        var a = store.Record(ScanRecords.From(first));
        var recordA = timer.Elapsed;
        timer.Restart();
        var b = store.Record(ScanRecords.From(second));
        var recordB = timer.Elapsed;
        timer.Restart();
        var diff = ScanComparer.Compare(store.Load(a), store.Load(b));
        var compare = timer.Elapsed;
        Console.WriteLine($"{name}: record {findings:N0} findings {Seconds(recordA)} and {Seconds(recordB)} (target ≤ {recordTarget:0.0} s); "
            + $"diff of the two (load both, compare) {Seconds(compare)} (target ≤ {recordTarget:0.0} s): {diff.Counts.New} new, {diff.Counts.Fixed} fixed, {diff.Counts.Unchanged:N0} unchanged");
    }

    using (var store = HistoryStore.Open(trendLocation))
    {
        var timer = Stopwatch.StartNew();
        for (var i = 0; i < scans; i++)
            store.Record(ScanRecords.From(Synthetic(10, i % 3)) with { ScannedAt = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddHours(i) });
        var filled = timer.Elapsed;
        timer.Restart();
        var trend = PostureTrend.Of(store, null, scans);
        var elapsed = timer.Elapsed;
        Console.WriteLine($"{name}: trend over {scans:N0} stored scans ({trend.Count} account(s), {trend.Sum(t => t.Points.Count):N0} points) in {elapsed.TotalMilliseconds:0} ms (target ≤ 300 ms); "
            + $"recording them took {Seconds(filled)}");
    }
}

static string Seconds(TimeSpan t) => $"{t.TotalSeconds:0.000} s";

// A report of `count` findings of real checks over three accounts and five regions, analysed as a scan would be;
// `changed` of them name other resources, so two reports differ by that many new and fixed findings.
static ScanReport Synthetic(int count, int changed)
{
    var checks = CheckRegistry.All.Select(c => c.Info).ToList();
    string[] regions = ["us-east-1", "us-west-2", "eu-west-1", "eu-central-1", "ap-southeast-2"];
    string[] accounts = ["111111111111", "222222222222", "333333333333"];
    var list = Enumerable.Range(0, count).Select(i =>
    {
        var info = checks[i % checks.Count];
        var name = i < changed ? $"changed-{i:D6}" : $"bucket-{i:D6}";
        return new Finding
        {
            CheckId = info.Id,
            Title = info.Title,
            Severity = (Severity)(i / 3 % 5),
            Category = info.Category,
            ResourceType = info.ResourceType,
            ResourceId = $"arn:aws:s3:::{name}",
            Region = regions[i % regions.Length],
            AccountId = accounts[i / 7 % accounts.Length],
            Description = $"Resource {name} is finding {i} of a synthetic report.",
            Recommendation = info.Recommendation,
        };
    }).ToList();
    var byCheck = list.ToLookup(f => (f.AccountId, f.CheckId));
    var results = accounts.SelectMany(account => checks.Select(info =>
    {
        var own = byCheck[(account, info.Id)].ToList();
        return new CheckResult
        {
            CheckId = info.Id, CheckName = info.Title, AccountId = account, Findings = own,
            Status = own.Count > 0 ? CheckStatus.Fail : CheckStatus.Pass, ResourcesScanned = Math.Max(1, own.Count),
        };
    })).ToList();
    var (analyzed, summary, _) = ScanAnalyzer.Analyze(results, new AnalysisOptions());
    return new ScanReport
    {
        AccountIds = accounts, Regions = regions, Timestamp = DateTimeOffset.UtcNow, DurationSeconds = 1, Source = "snapshot",
        ToolVersion = "bench", Summary = summary, Results = analyzed,
    };
}
