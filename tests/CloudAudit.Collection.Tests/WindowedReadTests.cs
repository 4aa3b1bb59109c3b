using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using CloudAudit.Collection;
using CloudAudit.Inventory;
using CloudAudit.Inventory.Catalog;
using CloudAudit.Inventory.Snapshot;
using CloudAudit.Transport.Http;
using static CloudAudit.Collection.Tests.FakeReader;

namespace CloudAudit.Collection.Tests;

/// <summary>
/// Reads of recent activity (CloudTrail's LookupEvents over the collection window): the window written into the
/// request and the stored key, paging one page at a time within two pages a second per region, and a window not read
/// in full kept with the events read and the reason the rest is missing.
/// </summary>
public class WindowedReadTests
{
    private const string Account = "111122223333";
    private static readonly DateTimeOffset CollectedAt = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);

    /// <summary>A clock that only moves when the collector waits, so pacing is seen without waiting.</summary>
    /// <summary>
    /// A clock that jumps forward when waited on. Each flow of work (one region's read) keeps its own time, so regions
    /// waiting side by side do not move each other's clock and a page's time is exactly the slot it was paced to.
    /// </summary>
    private sealed class FakeTime
    {
        private readonly AsyncLocal<DateTimeOffset?> flowNow = new();

        public DateTimeOffset Now => flowNow.Value ?? CollectedAt;

        public Task Delay(TimeSpan wait, CancellationToken cancellation)
        {
            flowNow.Value = Now + wait;
            return Task.CompletedTask;
        }
    }

    private static CollectorOptions Options(FakeTime time, int pageLimit = 50) => new()
    {
        Clock = () => time.Now,
        Delay = time.Delay,
        EventWindow = TimeSpan.FromHours(6),
        EventPageLimit = pageLimit,
    };

    private static string Event(int n) =>
        $$"""{"EventId":"e{{n}}","EventName":"StopLogging","EventTime":"2026-11-01T11:{{59 - n:00}}:00+00:00",""" +
        """ "CloudTrailEvent":"{\"eventName\":\"StopLogging\",\"userIdentity\":{\"type\":\"IAMUser\",\"userName\":\"mallory\"}}"}""";

    /// <summary>LookupEvents answering <paramref name="pages"/> pages of two events each, the next page named by its token.</summary>
    private static FakeReader Paged(int pages, ConcurrentQueue<(string Region, DateTimeOffset At, string? Token)>? log = null, FakeTime? time = null,
        Func<int, CallResult?>? failure = null) =>
        new FakeReader(Account).On("cloudtrail", "LookupEvents", (region, input) =>
        {
            var token = (string?)input?["NextToken"];
            log?.Enqueue((region, time?.Now ?? default, token));
            var page = token is null ? 0 : int.Parse(token[1..]);
            if (failure?.Invoke(page) is { } failed) return failed;
            var next = page + 1 < pages ? $",\"NextToken\":\"t{page + 1}\"" : "";
            return Ok($$"""{"Events":[{{Event(2 * page)}},{{Event(2 * page + 1)}}]{{next}}}""");
        });

    private static async Task<AccountInventory> Collect(FakeReader reader, CollectorOptions options, params string[] regions) =>
        (await new Collector(reader, options).CollectAsync([CloudTrailEventCalls.StopLogging, CloudTrailEventCalls.CreateAccessKey],
            new RegionSelection(regions, false, "us-east-1"))).Accounts.Single();

    [Fact]
    public async Task A_read_waiting_for_its_pace_holds_no_slot_of_the_shared_budget()
    {
        // One slot for two regions' reads of two pages each; each region's second page is paced until both first pages
        // were sent. A read that kept its slot while paced would leave the other region none: neither would finish.
        var firstPages = 0;
        var bothFirstPagesSent = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var reader = new FakeReader(Account).On("cloudtrail", "LookupEvents", (_, input) =>
        {
            if (input?["NextToken"] is not null)
                return Ok("""{"Events":[]}""");
            if (Interlocked.Increment(ref firstPages) == 2)
                bothFirstPagesSent.TrySetResult();
            return Ok("""{"Events":[],"NextToken":"t1"}""");
        });
        using var budget = new RequestBudget(1);
        var options = new CollectorOptions { Budget = budget, Delay = (_, _) => bothFirstPagesSent.Task };

        var collection = new Collector(reader, options).CollectAsync([CloudTrailEventCalls.StopLogging],
            new RegionSelection(["us-east-1", "eu-west-1"], false, "us-east-1"));

        await collection.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(4, reader.Sent.Count(r => r.Operation == "LookupEvents"));
    }

    [Fact]
    public async Task The_window_ends_at_the_collection_time_and_is_part_of_the_request_and_its_key()
    {
        var time = new FakeTime();
        var reader = Paged(1);

        var account = await Collect(reader, Options(time), "eu-west-1");

        var sent = Assert.Single(reader.Requests("cloudtrail", "LookupEvents"), r => r.Region == "eu-west-1");
        Assert.Equal("""{"EndTime":"2026-11-01T12:00:00Z","LookupAttributes":[{"AttributeKey":"EventName","AttributeValue":"StopLogging"}],"StartTime":"2026-11-01T06:00:00Z"}""", sent.Params);
        Assert.True(sent.Options?.SinglePage);
        var stored = new AccountData(account).InWindow(CloudTrailEventCalls.StopLogging, "eu-west-1");
        Assert.True(stored.Result.IsOk);
        Assert.Equal(CollectedAt.AddHours(-6), stored.Start);
        Assert.Equal(CollectedAt, stored.End);
    }

    [Fact]
    public async Task Global_events_are_read_in_us_east_1_whatever_regions_are_scanned()
    {
        var reader = Paged(1);

        await Collect(reader, Options(new FakeTime()), "eu-west-1", "eu-central-1");

        var createAccessKey = reader.Requests("cloudtrail", "LookupEvents").Where(r => r.Params.Contains("CreateAccessKey")).ToList();
        Assert.Equal(["us-east-1"], createAccessKey.Select(r => r.Region));
        var stopLogging = reader.Requests("cloudtrail", "LookupEvents").Where(r => r.Params.Contains("StopLogging")).Select(r => r.Region).Order();
        Assert.Equal(["eu-central-1", "eu-west-1"], stopLogging);
    }

    [Fact]
    public async Task Pages_are_followed_by_token_and_merged()
    {
        var reader = Paged(3);

        var account = await Collect(reader, Options(new FakeTime()), "us-east-1");

        var tokens = reader.Requests("cloudtrail", "LookupEvents").Where(r => r.Params.Contains("StopLogging"))
            .Select(r => (string?)JsonNode.Parse(r.Params)!["NextToken"]).ToList();
        Assert.Equal([null, "t1", "t2"], tokens);
        var record = account.Calls.Single(c => c.Operation == "LookupEvents" && c.Params!.ToJsonString().Contains("StopLogging"));
        Assert.Null(record.Incomplete);
        Assert.Equal(6, record.Response!["Events"]!.AsArray().Count);
        Assert.Null(record.Response["NextToken"]);
    }

    [Fact]
    public async Task Pages_in_one_region_are_spaced_at_two_a_second()
    {
        var time = new FakeTime();
        var log = new ConcurrentQueue<(string Region, DateTimeOffset At, string? Token)>();
        var reader = Paged(3, log, time);

        await Collect(reader, Options(time), "eu-west-1");

        // us-east-1 reads CreateAccessKey, eu-west-1 StopLogging: three pages each.
        foreach (var region in new[] { "us-east-1", "eu-west-1" })
        {
            var times = log.Where(l => l.Region == region).Select(l => l.At).Order().ToList();
            Assert.Equal(3, times.Count);
            Assert.All(times.Zip(times.Skip(1)), pair => Assert.True(pair.Second - pair.First >= TimeSpan.FromMilliseconds(500),
                $"{region}: pages {pair.First:HH:mm:ss.fff} and {pair.Second:HH:mm:ss.fff} are closer than 0.5 s"));
        }
    }

    [Fact]
    public async Task Regions_are_read_side_by_side()
    {
        var euWestAsked = new TaskCompletionSource();
        var reader = new FakeReader(Account).OnAsync("cloudtrail", "LookupEvents", async (region, _) =>
        {
            if (region == "eu-west-1") euWestAsked.TrySetResult();
            else await euWestAsked.Task.WaitAsync(TimeSpan.FromSeconds(5)); // us-east-1 waits for eu-west-1: one after the other would time out
            return Ok("""{"Events":[]}""");
        });

        await Collect(reader, Options(new FakeTime()), "eu-west-1");

        Assert.Equal(2, reader.Requests("cloudtrail", "LookupEvents").Count);
    }

    [Fact]
    public async Task A_read_stopped_at_the_page_limit_keeps_the_events_read_and_is_not_complete()
    {
        var reader = Paged(5);

        var account = await Collect(reader, Options(new FakeTime(), pageLimit: 2), "us-east-1");

        var record = account.Calls.Single(c => c.Operation == "LookupEvents" && c.Params!.ToJsonString().Contains("StopLogging"));
        Assert.Equal(4, record.Response!["Events"]!.AsArray().Count);
        Assert.Equal(ErrorKind.Truncated, record.Incomplete!.Kind);
        Assert.Contains("stopped after 2 pages (4 events), reaching back to", record.Incomplete.Message);
        var stored = new AccountData(account).InWindow(CloudTrailEventCalls.StopLogging, "us-east-1");
        Assert.NotNull(stored.Result.Response);
        Assert.Equal("read only in part", stored.Result.Gap!.Cause);
        Assert.Equal(2, reader.Requests("cloudtrail", "LookupEvents").Count(r => r.Params.Contains("StopLogging")));
    }

    [Fact]
    public async Task A_later_page_throttled_after_the_retries_keeps_the_pages_read_with_the_cause()
    {
        var reader = Paged(3, failure: page => page == 1 ? Fail(FailureKind.Throttled, "ThrottlingException") : null);

        var account = await Collect(reader, Options(new FakeTime()), "us-east-1");

        var record = account.Calls.Single(c => c.Operation == "LookupEvents" && c.Params!.ToJsonString().Contains("StopLogging"));
        Assert.Equal(2, record.Response!["Events"]!.AsArray().Count);
        Assert.Equal(new ApiError("ThrottlingException", record.Incomplete!.Message, ErrorKind.Throttled, 400), record.Incomplete);
        Assert.StartsWith("page 2 failed", record.Incomplete.Message);
        Assert.Equal("throttled", new AccountData(account).InWindow(CloudTrailEventCalls.StopLogging, "us-east-1").Result.Gap!.Cause);
    }

    [Fact]
    public async Task A_first_page_that_fails_is_stored_as_the_read_error()
    {
        var reader = Paged(3, failure: page => page == 0 ? Fail(FailureKind.AccessDenied, "AccessDeniedException") : null);

        var account = await Collect(reader, Options(new FakeTime()), "us-east-1");

        var record = account.Calls.Single(c => c.Operation == "LookupEvents" && c.Params!.ToJsonString().Contains("StopLogging"));
        Assert.Null(record.Response);
        Assert.Equal(ErrorKind.AccessDenied, record.Error!.Kind);
    }

    [Fact]
    public async Task A_token_handed_back_unchanged_ends_the_read_as_not_complete()
    {
        var reader = new FakeReader(Account).On("cloudtrail", "LookupEvents", (_, input) =>
            Ok($$"""{"Events":[{{Event(1)}}],"NextToken":"same"}"""));

        var account = await Collect(reader, Options(new FakeTime()), "us-east-1");

        Assert.Equal(2, reader.Requests("cloudtrail", "LookupEvents").Count(r => r.Params.Contains("StopLogging")));
        var record = account.Calls.Single(c => c.Operation == "LookupEvents" && c.Params!.ToJsonString().Contains("StopLogging"));
        Assert.Equal(2, record.Response!["Events"]!.AsArray().Count);
        Assert.Equal(("RepeatedToken", ErrorKind.Truncated), (record.Incomplete!.Code, record.Incomplete.Kind));
        Assert.StartsWith("page 2 handed back the token it was given after 2 events", record.Incomplete.Message);
        Assert.Equal("read only in part", new AccountData(account).InWindow(CloudTrailEventCalls.StopLogging, "us-east-1").Result.Gap!.Cause);
    }

    [Fact]
    public async Task Paced_reads_do_not_hold_the_collection_s_in_flight_slots()
    {
        var release = new TaskCompletionSource<CallResult>();
        var reader = new FakeReader(Account)
            .OnAsync("cloudtrail", "LookupEvents", (_, _) => release.Task)
            .On("cloudtrail", "DescribeTrails", (_, _) => Ok("""{"trailList":[]}"""));
        var options = Options(new FakeTime()) with { MaxInFlight = 1, MaxInFlightPerService = 1 };

        var collection = new Collector(reader, options).CollectAsync([CloudTrailEventCalls.StopLogging, CloudTrailCalls.DescribeTrails],
            new RegionSelection(["us-east-1"], false, "us-east-1"));
        await WaitUntil(() => reader.Requests("cloudtrail", "DescribeTrails").Count == 1);
        release.SetResult(Ok("""{"Events":[]}"""));
        var account = (await collection).Accounts.Single();

        Assert.Contains(account.Calls, c => c.Operation == "DescribeTrails");
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        for (var i = 0; i < 500 && !condition(); i++)
            await Task.Delay(10);
        Assert.True(condition(), "the condition did not come true within 5 s");
    }
}
