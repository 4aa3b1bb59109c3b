using CloudAudit.Collection;
using CloudAudit.Inventory;
using CloudAudit.Inventory.Catalog;
using CloudAudit.Transport.Http;
using static CloudAudit.Collection.Tests.FakeReader;

namespace CloudAudit.Collection.Tests;

/// <summary>The order in which a collection sends its reads, and what it readies before the first one.</summary>
public class SchedulingTests
{
    private const string Account = "111122223333";

    private static RegionSelection HomeOnly => new(["us-east-1"], false, "us-east-1");

    [Fact]
    public async Task Every_planned_service_is_readied_while_the_identity_call_is_the_only_request()
    {
        var identityAnswers = new TaskCompletionSource();
        var reader = new FakeReader(Account).OnAsync("sts", "GetCallerIdentity", async (_, _) =>
        {
            await identityAnswers.Task;
            return Ok($$"""{"Account":"{{Account}}"}""");
        });

        var collection = new Collector(reader).CollectAsync([CloudTrailCalls.GetTrailStatus, MonitoringCalls.DescribeHub], HomeOnly);
        // The plan is ready and its services' models loaded before the account has answered; nothing else was sent.
        for (var wait = 0; (reader.Prepared.IsEmpty || reader.Sent.IsEmpty) && wait < 3000; wait++)
            await Task.Delay(10);
        Assert.False(reader.Prepared.IsEmpty, "nothing was readied while the identity call was unanswered");
        Assert.Single(reader.Sent);
        identityAnswers.SetResult();
        await collection;

        var (services, sentBefore) = Assert.Single(reader.Prepared);
        Assert.Superset(new HashSet<string> { "cloudtrail", "securityhub" }, services.ToHashSet());
        Assert.True(sentBefore <= 1, $"{sentBefore} requests were sent before the services were readied");
        Assert.Equal("GetCallerIdentity", reader.Sent.First().Operation);
    }

    [Fact]
    public async Task Bucket_reads_queue_in_their_bucket_region_so_a_throttled_region_holds_back_only_its_buckets()
    {
        var listBuckets = ApiCall.Global("s3", "ListBuckets");
        var bucketPolicy = ApiCall.PerResource(listBuckets, "s3", "GetBucketPolicy", parent =>
            JsonParams.Items(parent.Response, "Buckets").Select(b => JsonParams.Target(AwsIds.GlobalRegion, ("Bucket", b.Str("Name")))));
        var buckets = string.Join(",", Enumerable.Range(0, 20).Select(i =>
            $$"""{"Name":"b{{i}}","BucketRegion":"{{(i % 2 == 0 ? "eu-west-1" : "us-east-1")}}"}"""));
        var inFlight = new System.Collections.Concurrent.ConcurrentDictionary<string, int>();
        var most = new System.Collections.Concurrent.ConcurrentDictionary<string, int>();
        var usEastStarted = 0;
        var twoUsEastAtOnce = new TaskCompletionSource();
        var reader = new FakeReader(Account)
            .On("s3", "ListBuckets", (_, _) => Ok($$"""{"Buckets":[{{buckets}}]}"""))
            .OnAsync("s3", "GetBucketPolicy", async (_, input) =>
            {
                var region = int.Parse(((string)input!["Bucket"]!)[1..], System.Globalization.CultureInfo.InvariantCulture) % 2 == 0 ? "eu-west-1" : "us-east-1";
                var now = inFlight.AddOrUpdate(region, 1, (_, n) => n + 1);
                most.AddOrUpdate(region, now, (_, n) => Math.Max(n, now));
                // us-east-1's reads wait until two of them are in flight at once: held to one, the collection fails.
                if (region == "us-east-1" && Interlocked.Increment(ref usEastStarted) >= 2)
                    twoUsEastAtOnce.TrySetResult();
                await (region == "us-east-1" ? twoUsEastAtOnce.Task.WaitAsync(TimeSpan.FromSeconds(30)) : Task.Delay(5));
                inFlight.AddOrUpdate(region, 0, (_, n) => n - 1);
                return Ok("{}");
            });
        // eu-west-1 throttles S3: one read at a time is all its rate lets through; us-east-1 does not.
        reader.UsefulInFlightOf = (service, region) => service == "s3" && region == "eu-west-1" ? 1 : int.MaxValue;

        await new Collector(reader, new CollectorOptions { MaxInFlight = 8, MaxInFlightPerService = 8 }).CollectAsync([listBuckets, bucketPolicy], HomeOnly);

        Assert.Equal(20, reader.Requests("s3", "GetBucketPolicy").Count);
        // Before, all twenty queued in one global lane, held to the global endpoint's limit, whatever their region's.
        Assert.Equal(1, most["eu-west-1"]);
        Assert.InRange(most["us-east-1"], 2, 8);
    }

    [Fact]
    public async Task A_paginated_listing_starts_before_single_page_reads_planned_earlier()
    {
        // Both are roots nothing depends on; the listing's pages come one after another, so it goes first.
        var paginated = new[] { "DescribeLogGroups" };
        var reader = new FakeReader(Account) { IsPaginatedOf = (_, operation) => paginated.Contains(operation) };
        var describeHub = MonitoringCalls.DescribeHub;
        var logGroups = ApiCall.Regional("logs", "DescribeLogGroups");

        await new Collector(reader, new CollectorOptions { MaxInFlight = 1 }).CollectAsync([describeHub, logGroups], HomeOnly);

        Assert.Equal(["DescribeLogGroups", "DescribeHub"], reader.Sent.Skip(1).Select(r => r.Operation));
    }
}
