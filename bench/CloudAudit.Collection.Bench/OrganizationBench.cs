using System.Diagnostics;
using CloudAudit.Analysis;
using CloudAudit.Checks;
using CloudAudit.Collection.Organizations;
using CloudAudit.Transport.Configuration;
using CloudAudit.Transport.Http;
using CloudAudit.Transport.Signing;

namespace CloudAudit.Collection.Bench;

/// <summary>
/// The organization mode (<c>--accounts N</c>): N synthetic accounts collected by the real multi-account collector,
/// each through its own client (its own credentials and adaptive rate limiters), under one budget of requests in
/// flight; the fake AWS throttles each account apart. With --evaluate each account is evaluated as it arrives and
/// dropped, as <c>scan --organization</c> does, so the peak memory is the scan's.
/// </summary>
internal static class OrganizationBench
{
    private static string AccountsOverTime(IEnumerable<(TimeSpan At, int Open)> samples, TimeSpan wall)
    {
        var most = new int[10];
        foreach (var (at, open) in samples)
        {
            var bucket = (int)Math.Min(9, at / wall * 10);
            most[bucket] = Math.Max(most[bucket], open);
        }
        return string.Join(" ", most);
    }

    public static async Task<int> RunAsync(Settings settings, string[] args)
    {
        var account = settings.Account;
        using var server = FakeAwsProcess.Start(args);
        var ids = Enumerable.Range(0, settings.Accounts).Select(i => (100_000_000_000L + i).ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var statistics = new List<CallStatistics>();
        // One HTTP handler for every account, as `scan --organization` shares the caller's (AwsClient.Assuming).
        using var connections = new ExchangeMeter(new SocketsHttpHandler { AutomaticDecompression = System.Net.DecompressionMethods.All, UseCookies = false });
        AccountConnection Connect(OrganizationAccount target)
        {
            var client = new AwsClient(new AwsClientOptions
            {
                Handler = connections,
                Credentials = _ => Task.FromResult(new SigningCredentials(FakeAccount.AccessKeyOf(target.Id), "secret")),
                EndpointUrl = server.Endpoint,
                MaxConcurrency = settings.Concurrency,
                RetryBaseDelay = TimeSpan.FromMilliseconds(100),
                RetryMode = settings.FixedRetriesOnly ? RetryMode.Standard : RetryMode.Adaptive,
            });
            lock (statistics) statistics.Add(client.Statistics);
            return new AccountConnection(new AwsClientReader(client), client);
        }
        // Accounts started and not yet ended, sampled as they change, for the accounts-over-time line.
        var accountsOpen = 0;
        var accountsSamples = new System.Collections.Concurrent.ConcurrentQueue<(TimeSpan At, int Open)>();
        var sampling = Stopwatch.StartNew();
        void Track(AccountProgress progress)
        {
            if (progress.Call is not null) return;
            var open = progress.State == AccountState.Collecting ? Interlocked.Increment(ref accountsOpen) : Interlocked.Decrement(ref accountsOpen);
            accountsSamples.Enqueue((sampling.Elapsed, open));
        }
        var options = new MultiAccountOptions
        {
            OnProgress = Track,
            MaxAccountsInFlight = settings.AccountsInFlight, MaxRequestsInFlight = settings.OrganizationInFlight, MaxAccountsInMemory = settings.AccountsInMemory,
        };
        var collector = new MultiAccountCollector(Connect,
            new CollectorOptions { MaxInFlight = settings.Concurrency, MaxInFlightPerService = Math.Max(1, settings.Concurrency * 3 / 4) }, options);
        var calls = Settings.ScanReads();
        var scan = settings.Evaluate ? new ScanAccumulator(CheckRegistry.All, DateTimeOffset.UtcNow, new AnalysisOptions()) : null;

        Console.WriteLine($"synthetic organization: {ids.Count} accounts × {account.Regions.Count} regions, {account.Resources:N0} resources each; "
            + $"latency {account.Latency.TotalMilliseconds} ms, rate limit {(account.RatePerSecond > 0 ? $"{account.RatePerSecond}/s per account, service and region" : "none")}; "
            + $"{options.MaxRequestsInFlight} requests in flight in all, {options.MaxAccountsInFlight} accounts at once "
            + $"({options.AccountsHeldAtMost} held at most), {settings.Concurrency} per account"
            + (scan is null ? "" : "; each account evaluated as it arrives"));
        connections.StartClock();
        sampling.Restart();
        var clock = Stopwatch.StartNew();
        long records = 0, unassessed = 0;
        await collector.CollectAsync(ids.Select(OrganizationAccount.Listed).ToList(), calls, new RegionSelection(account.Regions, false, account.Regions[0]),
            inventory =>
            {
                records += inventory.Calls.Count;
                if (inventory.NotAssessed is not null) unassessed++;
                scan?.Add(inventory);
                return Task.CompletedTask;
            });
        var collected = clock.Elapsed;
        var report = scan?.Finish("live", "bench", DateTimeOffset.UtcNow, collected);
        var wall = clock.Elapsed;
        var peak = Process.GetCurrentProcess().PeakWorkingSet64;
        var served = server.Stop();

        var stats = statistics.SelectMany(s => s.Snapshot().Values).ToList();
        var requests = stats.Sum(s => s.Requests);
        var bound = LowerBound.Of(account, options.MaxRequestsInFlight, requests, calls);
        Console.WriteLine($"wall time              {wall.TotalSeconds:0.00} s  (collection {collected.TotalSeconds:0.00} s{(report is null ? "" : $", analysis of the whole {(wall - collected).TotalSeconds:0.00} s")})");
        Console.WriteLine($"lower bound            {bound.Seconds:0.00} s  ({bound.Describe("one account's critical path", $"{options.MaxRequestsInFlight} in flight", "per-account rate")})");
        Console.WriteLine($"ratio to lower bound   {collected.TotalSeconds / bound.Seconds:0.00}  (collection)");
        Console.WriteLine($"accounts               {ids.Count - unassessed} collected, {unassessed} not assessed; {records:N0} records");
        Console.WriteLine($"HTTP requests          {requests:N0}  (fake AWS served {served[0]:N0}, throttled {served[1]:N0}); {requests / (double)ids.Count:N0} per account");
        Console.WriteLine($"HTTP in flight         {connections.Describe(collected, options.MaxRequestsInFlight, account.Latency)}");
        Console.WriteLine($"  over time            {connections.OverTime(collected)}  (each a tenth of the collection)");
        Console.WriteLine($"accounts collecting    {AccountsOverTime(accountsSamples, collected)}  (most at once in each tenth; at most {options.AccountsHeldAtMost} held)");
        Console.WriteLine($"retries, throttles     {stats.Sum(s => s.Retries):N0}, {stats.Sum(s => s.Throttles):N0}; failed calls {stats.Sum(s => s.Failures):N0}");
        Console.WriteLine($"CPU                    {ProcessCost.PerRequest(requests, served[4])}");
        Console.WriteLine($"memory                 peak working set {peak / 1048576.0:N0} MB");
        if (report is not null)
            Console.WriteLine($"report                 {report.Results.Count:N0} results, {report.Summary.TotalFindings:N0} findings, {report.AttackPaths.Chains.Count:N0} attack chains");
        // Collection time grows with the requests under one budget: linear in the accounts, divided by the shards.
        var perAccount = collected.TotalSeconds / ids.Count;
        Console.WriteLine($"projected, 1,000 accounts: {perAccount * 1000 / 60:0.0} min on one machine, {perAccount * 1000 / 4 / 60:0.0} min on 4 shards, {perAccount * 1000 / 10 / 60:0.0} min on 10 (linear in accounts at this run's pace)");
        return 0;
    }
}
