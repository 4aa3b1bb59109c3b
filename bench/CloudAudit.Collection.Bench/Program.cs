using System.Diagnostics;
using System.Globalization;
using CloudAudit.Analysis;
using CloudAudit.Checks;
using CloudAudit.Collection;
using CloudAudit.Collection.Bench;
using CloudAudit.Transport.Configuration;
using CloudAudit.Transport.Http;
using CloudAudit.Transport.Signing;

// Collects a large synthetic account from a fake AWS (a child process serving loopback HTTP) through the real
// engine, and prints wall time against the critical-path lower bound, calls against the minimum, duplicates and memory.
//   dotnet run -c Release --project bench/CloudAudit.Collection.Bench -- [--regions 3] [--trails 1000] [--log-groups 10000]
//       [--alarms 10000] [--filters 15] [--buckets 0] [--users 0] [--latency-ms 20] [--rate 0] [--concurrency 32] [--evaluate]
//       [--no-adaptive: the transport's adaptive rate limiter off, throttles only retried]
//   --evaluate also scans the collected inventory with every check and measures the attack-path analysis on it.
//   --timeline prints where the collection's time went: waits by stage and service, and the critical path of requests.
//   --preset account: the issue's single account (2 regions, 1,140 resources, about 1,600 requests, 30 ms); --preset organization: 200
//       accounts' worth (4 regions each, 50 ms, 20 requests a second per account, service and region); flags given override it.
// Organization mode: --accounts N synthetic accounts (each with the sizes above) through the multi-account collector,
//       [--org-in-flight 128] requests in flight in all, [--accounts-in-flight 64] accounts at once, [--accounts-in-memory 128]
//       accounts held (those that only wait for their event history count here, not in flight); --rate is per account.
if (FakeAwsProcess.NestedLaunchError(args) is { } nested)
{
    Console.Error.WriteLine($"error: {nested}");
    return 2;
}
var settings = Settings.Parse(args);
var account = settings.Account;
if (FakeAwsProcess.IsServeRequest(args))
{
    FakeAwsProcess.Serve(args, account);
    return 0;
}

if (settings.Accounts > 0)
    return await OrganizationBench.RunAsync(settings, args);

using var server = FakeAwsProcess.Start(args);

var timeline = settings.Timeline ? new RequestTimeline() : null;
using var client = new AwsClient(new AwsClientOptions
{
    Credentials = _ => Task.FromResult(new SigningCredentials("AKIDBENCH", "secret")),
    EndpointUrl = server.Endpoint,
    MaxConcurrency = settings.Concurrency,
    RetryBaseDelay = TimeSpan.FromMilliseconds(100),
    RetryMode = settings.FixedRetriesOnly ? RetryMode.Standard : RetryMode.Adaptive,
    Handler = timeline?.Handler(new SocketsHttpHandler { AutomaticDecompression = System.Net.DecompressionMethods.All }),
});
var calls = Settings.ScanReads();
var collector = new Collector(new AwsClientReader(client), new CollectorOptions
{
    MaxInFlight = settings.Concurrency,
    MaxInFlightPerService = Math.Max(1, settings.Concurrency * 3 / 4),
    Trace = timeline is null ? null : timeline.Record,
});

Console.WriteLine($"synthetic account: {account.Regions.Count} regions, {account.Trails} trails, {account.Resources:N0} resources; "
    + $"latency {account.Latency.TotalMilliseconds} ms, rate limit {(account.RatePerSecond > 0 ? $"{account.RatePerSecond}/s per service and region" : "none")}, "
    + $"{settings.Concurrency} in flight");
var clock = Stopwatch.StartNew();
var snapshot = await collector.CollectAsync(calls, new RegionSelection(account.Regions, false, account.Regions[0]));
var wall = clock.Elapsed;
var managed = GC.GetTotalMemory(forceFullCollection: true);
var peak = Process.GetCurrentProcess().PeakWorkingSet64;

var served = server.Stop();

var stats = client.Statistics.Snapshot();
var callsMade = stats.Values.Sum(s => s.Calls);
var requests = stats.Values.Sum(s => s.Requests);
var records = snapshot.Accounts[0].Calls.Count;
var bound = LowerBound.Of(account, settings.Concurrency, requests, calls);

Console.WriteLine($"wall time              {wall.TotalSeconds:0.00} s");
Console.WriteLine($"lower bound            {bound.Seconds:0.00} s  ({bound.Describe()})");
Console.WriteLine($"ratio to lower bound   {wall.TotalSeconds / bound.Seconds:0.00}");
Console.WriteLine($"without event history  bound {bound.WithoutEventHistory:0.00} s; the other reads' last answer is in the timeline (--timeline)");
// ListBuckets names every bucket's region (the fake's, as AWS's does), so no call goes to looking one up.
Console.WriteLine($"calls made             {callsMade:N0}  (minimum the checks need: {records:N0} records)");
Console.WriteLine($"HTTP requests          {requests:N0}  (pages and retries included; fake AWS served {served[0]:N0}, throttled {served[1]:N0})");
Console.WriteLine($"duplicate requests     {served[3]:N0}  (distinct requests sent more than once: {served[2]:N0})");
Console.WriteLine($"retries, throttles     {stats.Values.Sum(s => s.Retries):N0}, {stats.Values.Sum(s => s.Throttles):N0}; failed calls {stats.Values.Sum(s => s.Failures):N0}");
if (stats.Where(s => s.Value.Failures > 0).Select(s => $"{s.Key} {s.Value.Failures:N0}").ToList() is { Count: > 0 } failedBy)
    Console.WriteLine($"failed calls by service {string.Join(", ", failedBy)}");
var clientCpu = Process.GetCurrentProcess().TotalProcessorTime.TotalMilliseconds;
Console.WriteLine($"CPU                    {ProcessCost.PerRequest(requests, served[4])}: "
    + $"{(clientCpu + served[4]) / 1000 / Environment.ProcessorCount:0.00} s of the wall time is CPU-bound at best");
Console.WriteLine($"memory                 peak working set {peak / 1048576.0:N0} MB; managed heap holding the inventory {managed / 1048576.0:N0} MB");
timeline?.Print(Console.Out, settings.Concurrency, account.Latency);

if (settings.Evaluate)
{
    clock.Restart();
    var report = ScanPipeline.Evaluate(snapshot, CheckRegistry.All, new AnalysisOptions(), "live", "bench");
    Console.WriteLine($"evaluation             {clock.Elapsed.TotalSeconds:0.00} s for {report.Results.Count} checks, {report.Summary.ResourcesScanned:N0} resources examined");
    Console.WriteLine($"peak working set       {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:N0} MB after evaluation");
    // The attack-path stages of that evaluation, measured one by one on contexts of their own.
    CloudAudit.Bench.AttackPathFigures.Print([.. snapshot.Accounts.Select(a => new CloudAudit.Checks.Framework.CheckContext(new CloudAudit.Inventory.AccountData(a), snapshot.CollectedAt))],
        report.Results);
}

return 0;

internal sealed record Settings(FakeAccount Account, int Concurrency, bool Evaluate, bool FixedRetriesOnly,
    int Accounts = 0, int OrganizationInFlight = 128, int AccountsInFlight = 16, bool Timeline = false, int? AccountsInMemory = null)
{
    /// <summary>The cases the issue measures: flags a preset sets, which flags given on the command line override.</summary>
    private static readonly Dictionary<string, Dictionary<string, int>> Presets = new(StringComparer.Ordinal)
    {
        // The issue's account: 2 × (10 trails + 214 log groups + 150 alarms + 50 metric filters) + 20 topics + 120 buckets
        // + 152 IAM users = 1,140 resources, read in about 1,600 requests (each bucket six ways, each user three).
        ["account"] = new()
        {
            ["--regions"] = 2, ["--trails"] = 10, ["--log-groups"] = 214, ["--alarms"] = 150, ["--filters"] = 5, ["--buckets"] = 120, ["--users"] = 152,
            ["--latency-ms"] = 30,
        },
        ["organization"] = new()
        {
            ["--accounts"] = 200, ["--regions"] = 4, ["--trails"] = 1, ["--log-groups"] = 100, ["--alarms"] = 100, ["--filters"] = 5,
            ["--latency-ms"] = 50, ["--rate"] = 20,
        },
    };

    /// <summary>What <c>scan</c> reads for the whole catalogue: the checks' reads and the security graph's that extend them.</summary>
    public static IReadOnlyList<CloudAudit.Inventory.Catalog.ApiCall> ScanReads()
    {
        var checkReads = CheckRunner.RequiredCalls(CheckRegistry.All);
        return [.. checkReads, .. CloudAudit.Analysis.Graph.Build.GraphReads.Extending(checkReads)];
    }

    private static readonly CloudAudit.Collection.Organizations.MultiAccountOptions OrganizationDefaults = new();

    public static Settings Parse(string[] args)
    {
        string? Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        var preset = Value("--preset") is { } name
            ? Presets.GetValueOrDefault(name) ?? throw new ArgumentException($"unknown --preset {name}; known: {string.Join(", ", Presets.Keys)}")
            : [];
        int Int(string name, int fallback) => Value(name) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : preset.GetValueOrDefault(name, fallback);
        var regions = new[] { "us-east-1", "eu-west-1", "ap-southeast-2", "eu-central-1", "us-west-2", "sa-east-1" }.Take(Int("--regions", 3)).ToList();
        var account = new FakeAccount(regions, Int("--trails", 1000), Int("--log-groups", 10000), Int("--alarms", 10000), Int("--filters", 15),
            TimeSpan.FromMilliseconds(Int("--latency-ms", 20)), Int("--rate", 0), Int("--buckets", 0), Int("--users", 0));
        return new Settings(account, Int("--concurrency", 32), args.Contains("--evaluate"), args.Contains("--no-adaptive"),
            Int("--accounts", 0), Int("--org-in-flight", OrganizationDefaults.MaxRequestsInFlight),
            Int("--accounts-in-flight", OrganizationDefaults.MaxAccountsInFlight), args.Contains("--timeline"),
            Value("--accounts-in-memory") is { } held ? int.Parse(held, CultureInfo.InvariantCulture) : null);
    }
}
