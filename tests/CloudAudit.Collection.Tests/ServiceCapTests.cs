using CloudAudit.Collection;
using CloudAudit.Inventory.Catalog;
using static CloudAudit.Collection.Tests.FakeReader;

namespace CloudAudit.Collection.Tests;

/// <summary>
/// How the collection's slots are shared between services: each service keeps to its cap while another service has
/// requests waiting, takes the idle slots when none has, and a throttling region never gets more than its share.
/// </summary>
public class ServiceCapTests
{
    private const string Account = "111122223333";
    private static readonly string[] TwelveRegions = [.. Enumerable.Range(1, 12).Select(i => $"eu-test-{i}")];

    private static async Task WaitFor(Func<bool> condition, string what)
    {
        for (var wait = 0; !condition() && wait < 1000; wait++)
            await Task.Delay(10);
        Assert.True(condition(), $"timed out waiting until {what}");
    }

    [Fact]
    public async Task A_service_keeps_to_its_cap_while_another_waits_and_takes_the_idle_slots_once_it_is_the_only_one_queued()
    {
        var flowLogsGo = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var fourLogReadsAtOnce = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var logReads = 0;
        var reader = new FakeReader(Account)
            .OnAsync("logs", "DescribeLogGroups", async (_, _) =>
            {
                // Held until four are in flight at once: with the cap (3) always applied, the collection fails here.
                if (Interlocked.Increment(ref logReads) >= 4)
                    fourLogReadsAtOnce.TrySetResult();
                await fourLogReadsAtOnce.Task.WaitAsync(TimeSpan.FromSeconds(10));
                Interlocked.Decrement(ref logReads);
                return Ok("{}");
            })
            .OnAsync("ec2", "DescribeFlowLogs", async (_, _) =>
            {
                await flowLogsGo.Task.WaitAsync(TimeSpan.FromSeconds(10));
                return Ok("{}");
            });

        var collection = new Collector(reader, new CollectorOptions { MaxInFlight = 8, MaxInFlightPerService = 3 })
            .CollectAsync([MonitoringCalls.DescribeLogGroups, MonitoringCalls.DescribeFlowLogs], new RegionSelection(TwelveRegions, false, "us-east-1"));
        // Both services have twelve requests queued: three of each go, and two slots stay free rather than let one
        // service (it could be a throttled one) take them from the other.
        await WaitFor(() => reader.Sent.Count == 1 + 6, "six requests were sent");
        await Task.Delay(100);
        Assert.Equal(1 + 6, reader.Sent.Count);
        Assert.Equal(3, reader.MaxInFlightByService["logs"]);
        Assert.Equal(3, reader.MaxInFlightByService["ec2"]);

        flowLogsGo.SetResult();
        await collection.WaitAsync(TimeSpan.FromSeconds(30));

        // Once ec2 had nothing queued, the log reads took the idle slots, up to the collection's eight.
        Assert.InRange(reader.MaxInFlightByService["logs"], 4, 8);
        Assert.Equal(12, reader.Requests("logs", "DescribeLogGroups").Count);
    }

    [Fact]
    public async Task A_throttling_region_keeps_to_its_useful_share_even_when_no_other_service_waits()
    {
        var trails = string.Join(",", Enumerable.Range(0, 20).Select(i =>
            $$"""{"Name":"t{{i}}","TrailARN":"arn:aws:cloudtrail:us-east-1:{{Account}}:trail/t{{i}}","HomeRegion":"us-east-1"}"""));
        var reader = new FakeReader(Account)
            .On("cloudtrail", "DescribeTrails", (_, _) => Ok($$"""{"trailList":[{{trails}}]}"""))
            .OnAsync("cloudtrail", "GetTrailStatus", async (_, _) =>
            {
                await Task.Delay(5);
                return Ok("{}");
            });
        reader.UsefulInFlightOf = (service, region) => service == "cloudtrail" && region == "us-east-1" ? 2 : int.MaxValue;

        await new Collector(reader, new CollectorOptions { MaxInFlight = 8, MaxInFlightPerService = 6 })
            .CollectAsync([CloudTrailCalls.GetTrailStatus], new RegionSelection(["us-east-1"], false, "us-east-1"));

        Assert.Equal(20, reader.Requests("cloudtrail", "GetTrailStatus").Count);
        Assert.InRange(reader.MaxInFlightByService["cloudtrail"], 1, 2);
    }

    [Fact]
    public async Task The_caller_is_told_once_when_only_paced_event_history_reads_are_left()
    {
        var trailsGo = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var eventsGo = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var told = 0;
        var toldWhileEventsPending = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var reader = new FakeReader(Account)
            .OnAsync("cloudtrail", "DescribeTrails", async (_, _) =>
            {
                await trailsGo.Task.WaitAsync(TimeSpan.FromSeconds(10));
                return Ok("""{"trailList":[]}""");
            })
            .OnAsync("cloudtrail", "LookupEvents", async (_, _) =>
            {
                await eventsGo.Task.WaitAsync(TimeSpan.FromSeconds(10));
                return Ok("""{"Events":[]}""");
            });
        var options = new CollectorOptions
        {
            OnlyPacedReadsLeft = () =>
            {
                Interlocked.Increment(ref told);
                toldWhileEventsPending.TrySetResult();
            },
        };

        var collection = new Collector(reader, options).CollectAsync([CloudTrailCalls.DescribeTrails, CloudTrailEventCalls.StopLogging],
            new RegionSelection(["us-east-1"], false, "us-east-1"));
        await WaitFor(() => reader.Requests("cloudtrail", "DescribeTrails").Count == 1 && reader.Requests("cloudtrail", "LookupEvents").Count == 1,
            "both reads were sent");
        await Task.Delay(50);
        Assert.Equal(0, Volatile.Read(ref told));

        trailsGo.SetResult();
        await toldWhileEventsPending.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.False(collection.IsCompleted);
        eventsGo.SetResult();
        await collection;

        Assert.Equal(1, told);
    }

    [Fact]
    public async Task A_collection_without_event_history_reads_never_says_only_paced_reads_are_left()
    {
        var told = 0;

        await new Collector(new FakeReader(Account), new CollectorOptions { OnlyPacedReadsLeft = () => Interlocked.Increment(ref told) })
            .CollectAsync([CloudTrailCalls.DescribeTrails], new RegionSelection(["us-east-1"], false, "us-east-1"));

        Assert.Equal(0, told);
    }
}
