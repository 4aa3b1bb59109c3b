using CloudAudit.Inventory.Catalog;

namespace CloudAudit.Collection.Bench;

/// <summary>
/// The shortest time any collector could take on the synthetic account: the largest of its longest chain of dependent
/// requests, all its requests spread over the requests allowed in flight, the busiest service's requests at its
/// allowed rate, and the reads of the CloudTrail event history, which AWS allows two a second per account and region.
/// </summary>
/// <param name="Critical">GetCallerIdentity, then the longest chain: the log groups' pages, trails → alarm pages → subscriptions, or the users' pages → a user's reads.</param>
/// <param name="Concurrency">Every request × latency ÷ requests in flight.</param>
/// <param name="Rate">The busiest (service, region)'s requests at the fake AWS's rate limit.</param>
/// <param name="EventHistory">The event-history reads of the busiest region, one page each, at their allowed pace.</param>
/// <param name="EventReads">How many event-history reads that region has.</param>
internal sealed record LowerBound(double Critical, double Concurrency, double Rate, double EventHistory, int EventReads)
{
    public double Seconds => Math.Max(WithoutEventHistory, EventHistory);

    /// <summary>The bound of everything but the paced event-history reads.</summary>
    public double WithoutEventHistory => Math.Max(Critical, Math.Max(Concurrency, Rate));

    public static LowerBound Of(FakeAccount account, int concurrency, long requests, IEnumerable<ApiCall> calls)
    {
        var latency = account.Latency.TotalSeconds;
        var logGroupPages = Math.Ceiling(account.LogGroupsPerRegion / (double)FakeAccount.LogGroupsPerPage);
        var alarmPages = Math.Ceiling(account.AlarmsPerRegion / (double)FakeAccount.AlarmsPerPage);
        var userPages = Math.Ceiling(account.Users / (double)FakeAccount.UsersPerPage);
        var critical = latency * (1 + Math.Max(Math.Max(logGroupPages, 1 + alarmPages + 1), userPages + (account.Users > 0 ? 1 : 0)));
        var throughput = requests * latency / concurrency;
        // The busiest (service, region), as the fake AWS counts them (by signing region): the trails' home-region reads
        // (status, selectors, insight selectors), the bucket reads (six a bucket, sent to the bucket's region, the trails'
        // buckets included), or IAM's, all signed for us-east-1 (three a user besides the user pages).
        var bucketsPerRegion = Math.Ceiling((account.Buckets + (double)account.Trails) / account.Regions.Count);
        var iam = account.Users > 0 ? 3.0 * account.Users + userPages : 0;
        var perServiceRegion = Math.Max(3.0 * account.TrailsPerRegion, Math.Max(6 * bucketsPerRegion, iam));
        var rate = account.RatePerSecond > 0 ? perServiceRegion / account.RatePerSecond : 0;
        var eventReads = calls.Where(c => c.Scope == CallScope.Windowed)
            .SelectMany(c => c.WindowRegions("aws", account.Regions))
            .GroupBy(r => r).Select(g => g.Count()).DefaultIfEmpty(0).Max();
        var eventHistory = eventReads == 0 ? 0 : latency + (eventReads - 1) / new CollectorOptions().EventPagesPerSecond + latency;
        return new LowerBound(critical, throughput, rate, eventHistory, eventReads);
    }

    public string Describe(string critical = "critical path", string concurrency = "concurrency", string rate = "rate") =>
        $"{critical} {Critical:0.00} s, {concurrency} {Concurrency:0.00} s, {rate} {Rate:0.00} s, "
        + $"event history {EventHistory:0.00} s ({EventReads} reads in one region at 2 a second)";
}
