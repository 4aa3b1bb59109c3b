using System.Text;
using System.Text.Json.Nodes;
using CloudAudit.Inventory.Catalog;
using CloudAudit.Inventory.Snapshot;
using CloudAudit.Inventory.Views;

namespace CloudAudit.Inventory.Tests;

/// <summary>
/// Windowed reads in the inventory: found whatever window they were collected over, read back with the window they
/// cover, part-read answers kept with the gap of the rest, and CloudTrail's event records read into typed events.
/// </summary>
public class EventHistoryTests
{
    private const string Account = "123456789012";

    private static readonly string GetCallerIdentityEvent = """
        {"EventId":"ev-1","EventName":"GetCallerIdentity","ReadOnly":"true","AccessKeyId":"AKIAEXAMPLEKEY000001",
         "EventTime":"2026-10-31T22:14:05+00:00","EventSource":"sts.amazonaws.com","Username":"ci-deployer",
         "CloudTrailEvent":"{\"eventVersion\":\"1.08\",\"userIdentity\":{\"type\":\"IAMUser\",\"principalId\":\"AIDAEXAMPLE\",\"arn\":\"arn:aws:iam::123456789012:user/ci-deployer\",\"accountId\":\"123456789012\",\"accessKeyId\":\"AKIAEXAMPLEKEY000001\",\"userName\":\"ci-deployer\"},\"eventTime\":\"2026-10-31T22:14:05Z\",\"eventSource\":\"sts.amazonaws.com\",\"eventName\":\"GetCallerIdentity\",\"awsRegion\":\"us-east-1\",\"sourceIPAddress\":\"203.0.113.7\",\"userAgent\":\"TruffleHog\",\"requestParameters\":null,\"responseElements\":null,\"eventID\":\"ev-1\",\"readOnly\":true}"}
        """;

    private static ApiRecord Record(string region, ApiCall call, string start, string end, string events, ApiError? incomplete = null) => new()
    {
        Region = region, Service = call.Service, Operation = call.Operation,
        Params = call.WindowParameters(DateTimeOffset.Parse(start), DateTimeOffset.Parse(end)),
        Response = JsonNode.Parse($$"""{"Events":[{{events}}]}"""), Incomplete = incomplete,
    };

    private static AccountData Account1(params ApiRecord[] records) =>
        new(new AccountInventory { AccountId = Account, Regions = ["eu-west-1"], Calls = records.ToList() });

    [Fact]
    public void A_windowed_read_is_found_with_the_window_it_was_collected_over()
    {
        var data = Account1(Record("eu-west-1", CloudTrailEventCalls.GetCallerIdentity, "2026-10-01T00:00:00Z", "2026-11-01T00:00:00Z", ""));

        var stored = data.InWindow(CloudTrailEventCalls.GetCallerIdentity, "eu-west-1");

        Assert.True(stored.Result.IsOk);
        Assert.Equal(new DateTimeOffset(2026, 10, 1, 0, 0, 0, TimeSpan.Zero), stored.Start);
        Assert.Equal(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero), stored.End);
        Assert.Null(data.InWindow(CloudTrailEventCalls.StopLogging, "eu-west-1").Start);
        Assert.Equal("not collected", data.InWindow(CloudTrailEventCalls.StopLogging, "eu-west-1").Result.Gap!.Cause);
    }

    [Fact]
    public void Events_are_read_in_every_region_the_call_is_made_in_with_who_when_and_from_where()
    {
        var data = Account1(
            Record("eu-west-1", CloudTrailEventCalls.GetCallerIdentity, "2026-10-31T00:00:00Z", "2026-11-01T00:00:00Z", ""),
            Record("us-east-1", CloudTrailEventCalls.GetCallerIdentity, "2026-10-31T00:00:00Z", "2026-11-01T00:00:00Z", GetCallerIdentityEvent));

        var history = data.CloudTrailEvents().Read(CloudTrailEventCalls.GetCallerIdentity);

        Assert.Equal(["eu-west-1", "us-east-1"], history.Reads.Select(r => r.Region));
        var e = Assert.Single(history.Events);
        Assert.Equal(("us-east-1", "GetCallerIdentity", "TruffleHog", "203.0.113.7"), (e.Region, e.EventName, e.UserAgent, e.SourceIp));
        Assert.Equal(new DateTimeOffset(2026, 10, 31, 22, 14, 5, TimeSpan.Zero), e.Time);
        Assert.Equal(("IAMUser", "AKIAEXAMPLEKEY000001", "user ci-deployer"), (e.Actor.Type, e.Actor.AccessKeyId, e.Actor.Label));
        Assert.Equal("2026-10-31 00:00 UTC to 2026-11-01 00:00 UTC", history.Window);
        Assert.Empty(history.Gaps);
    }

    [Fact]
    public void A_part_read_window_keeps_its_events_beside_the_gap_and_other_views_see_only_the_gap()
    {
        var record = Record("eu-west-1", CloudTrailEventCalls.StopLogging, "2026-10-31T00:00:00Z", "2026-11-01T00:00:00Z",
            GetCallerIdentityEvent, new ApiError("PageLimit", "stopped after 50 pages", ErrorKind.Truncated));
        var data = Account1(record);

        var history = data.CloudTrailEvents().Read(CloudTrailEventCalls.StopLogging);

        Assert.Single(history.Events);
        var gap = Assert.Single(history.Gaps);
        Assert.Equal(("read only in part", "PageLimit"), (gap.Cause, gap.Code));
        Assert.Empty(history.CompleteRegions);
        var plain = AccountData.Result(record);
        Assert.NotNull(plain.Response);
        Assert.False(plain.IsOk);
    }

    [Fact]
    public void An_event_whose_full_record_is_unreadable_keeps_what_the_listing_says()
    {
        var listed = JsonNode.Parse("""{"EventId":"ev-2","EventName":"StopLogging","EventTime":"2026-10-31T10:00:00+00:00","Username":"mallory","CloudTrailEvent":"{not json"}""")!.AsObject();

        var e = CloudTrailEventsView.Parse("eu-west-1", listed);

        Assert.Equal(("StopLogging", "mallory", "eu-west-1"), (e.EventName, e.Actor.UserName, e.Region));
        Assert.Null(e.UserAgent);
    }

    [Fact]
    public void A_snapshot_record_marked_incomplete_without_a_response_is_refused()
    {
        var text = $$$"""
            {"format":"cloud-audit-inventory","version":1,"collected_at":"2026-11-01T00:00:00+00:00","accounts":[{"account_id":"{{{Account}}}","regions":["us-east-1"],
             "calls":[{"region":"us-east-1","service":"cloudtrail","operation":"LookupEvents","error":{"code":"X","message":"x","kind":"Throttled"},
               "incomplete":{"code":"PageLimit","message":"stopped","kind":"Truncated"}}]}]}
            """;

        var e = Assert.Throws<SnapshotException>(() => SnapshotFile.Read(new MemoryStream(Encoding.UTF8.GetBytes(text))));

        Assert.Contains("marked incomplete but holds no response", e.Message);
    }
}
