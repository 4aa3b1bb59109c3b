using System.Collections.Concurrent;
using CloudAudit.Collection.Organizations;
using CloudAudit.Inventory.Catalog;
using CloudAudit.Inventory.Snapshot;
using static CloudAudit.Collection.Tests.FakeReader;

namespace CloudAudit.Collection.Tests.Organizations;

/// <summary>
/// How accounts share a multi-account collection: an account whose only reads left are the paced event history gives
/// its place to the next account, memory stays bounded by the accounts held, the request budget holds throughout,
/// and an account that throttles keeps to its own limits without holding the others back.
/// </summary>
public class AccountPlacesTests
{
    private static readonly RegionSelection OneRegion = new(["us-east-1"], false, "us-east-1");
    private static readonly IReadOnlyList<ApiCall> TrailsAndEvents = [CloudTrailCalls.DescribeTrails, CloudTrailEventCalls.StopLogging];

    private static List<OrganizationAccount> Accounts(int count) =>
        Enumerable.Range(1, count).Select(i => OrganizationAccount.Listed($"4000000000{i:00}")).ToList();

    private static async Task<List<AccountInventory>> Collect(IReadOnlyList<OrganizationAccount> accounts, Func<OrganizationAccount, AccountConnection> connect,
        MultiAccountOptions options, IReadOnlyList<ApiCall>? calls = null)
    {
        var collected = new ConcurrentQueue<AccountInventory>();
        await new MultiAccountCollector(connect, new CollectorOptions(), options).CollectAsync(accounts, calls ?? TrailsAndEvents, OneRegion, inventory =>
        {
            collected.Enqueue(inventory);
            return Task.CompletedTask;
        }).WaitAsync(TimeSpan.FromSeconds(60));
        return [.. collected];
    }

    [Fact]
    public async Task An_account_with_only_its_event_history_left_lets_the_next_account_start()
    {
        // One account at a time, and each account's event history is answered only once every account's trails were
        // read: an account that kept its place until its event history ended would stop the others, and time out.
        var trailsRead = 0;
        var everyAccountsTrailsRead = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var trailReaders = new Gauge();
        FakeReader Account(string id) => new FakeReader(id)
            .OnAsync("cloudtrail", "DescribeTrails", async (_, _) =>
            {
                using (trailReaders.Enter())
                    await Task.Delay(20);
                if (Interlocked.Increment(ref trailsRead) == 3)
                    everyAccountsTrailsRead.TrySetResult();
                return Ok("""{"trailList":[]}""");
            })
            .OnAsync("cloudtrail", "LookupEvents", async (_, _) =>
            {
                await everyAccountsTrailsRead.Task.WaitAsync(TimeSpan.FromSeconds(10));
                return Ok("""{"Events":[]}""");
            });

        var inventories = await Collect(Accounts(3), account => new AccountConnection(Account(account.Id)),
            new MultiAccountOptions { MaxAccountsInFlight = 1, MaxAccountsInMemory = 3 });

        Assert.Equal(3, inventories.Count(i => i.NotAssessed is null));
        Assert.All(inventories, i => Assert.Contains(i.Calls, c => c.Operation == "LookupEvents" && c.Response is not null));
        // Their other reads still went one account at a time.
        Assert.Equal(1, trailReaders.Max);
    }

    [Fact]
    public async Task An_account_s_event_history_starts_while_it_waits_for_its_place_and_its_other_reads_wait()
    {
        // One account at a time: the first account's trails are answered only once the second account's event history
        // was sent. Had the second account waited for a place before starting at all, the first would time out.
        var secondsEventsSent = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var trailReaders = new Gauge();
        FakeReader Account(string id) => new FakeReader(id)
            .OnAsync("cloudtrail", "DescribeTrails", async (_, _) =>
            {
                using (trailReaders.Enter())
                {
                    if (id.EndsWith('1'))
                        await secondsEventsSent.Task.WaitAsync(TimeSpan.FromSeconds(10));
                }
                return Ok("""{"trailList":[]}""");
            })
            .On("cloudtrail", "LookupEvents", (_, _) =>
            {
                if (id.EndsWith('2'))
                    secondsEventsSent.TrySetResult();
                return Ok("""{"Events":[]}""");
            });

        var inventories = await Collect(Accounts(2), account => new AccountConnection(Account(account.Id)),
            new MultiAccountOptions { MaxAccountsInFlight = 1 });

        Assert.Equal(2, inventories.Count(i => i.NotAssessed is null));
        // The second account's trails were read only after the first account's: its other reads waited for the place.
        Assert.Equal(1, trailReaders.Max);
    }

    [Fact]
    public async Task Accounts_held_in_memory_and_requests_in_flight_stay_within_their_bounds()
    {
        var requests = new Gauge();
        var held = new Gauge();
        FakeReader Account(string id) => new FakeReader(id)
            .OnAsync("cloudtrail", "DescribeTrails", async (_, _) =>
            {
                using (requests.Enter())
                    await Task.Delay(10);
                return Ok("""{"trailList":[]}""");
            })
            .OnAsync("cloudtrail", "LookupEvents", async (_, _) =>
            {
                using (requests.Enter())
                    await Task.Delay(60);
                return Ok("""{"Events":[]}""");
            });

        var inventories = await Collect(Accounts(8), account => new AccountConnection(Account(account.Id), held.Enter()),
            new MultiAccountOptions { MaxAccountsInFlight = 1, MaxAccountsInMemory = 2, MaxRequestsInFlight = 2 });

        Assert.Equal(8, inventories.Count(i => i.NotAssessed is null));
        Assert.InRange(held.Max, 1, 2);
        Assert.InRange(requests.Max, 1, 2);
    }

    [Fact]
    public async Task By_default_twice_as_many_accounts_are_held_as_are_in_flight()
    {
        var held = new Gauge();
        var threeHeld = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var heldNow = 0;
        FakeReader Account(string id) => new FakeReader(id).OnAsync("cloudtrail", "LookupEvents", async (_, _) =>
        {
            // Each account's event history waits a little for a third account to be held at once; it never is.
            await Task.WhenAny(threeHeld.Task, Task.Delay(300));
            return Ok("""{"Events":[]}""");
        });
        AccountConnection Connect(OrganizationAccount account)
        {
            if (Interlocked.Increment(ref heldNow) >= 3)
                threeHeld.TrySetResult();
            var exit = held.Enter();
            return new AccountConnection(Account(account.Id), new Exit(() =>
            {
                Interlocked.Decrement(ref heldNow);
                exit.Dispose();
            }));
        }

        var inventories = await Collect(Accounts(6), Connect, new MultiAccountOptions { MaxAccountsInFlight = 1 });

        Assert.Equal(6, inventories.Count(i => i.NotAssessed is null));
        Assert.Equal(2, held.Max);
    }

    [Fact]
    public async Task An_account_that_throttles_keeps_to_its_own_limit_and_the_others_do_not()
    {
        static string Trails(string id) => string.Join(",", Enumerable.Range(0, 12).Select(i =>
            $$"""{"Name":"t{{i}}","TrailARN":"arn:aws:cloudtrail:us-east-1:{{id}}:trail/t{{i}}","HomeRegion":"us-east-1"}"""));
        var readers = new ConcurrentDictionary<string, FakeReader>();
        var twoAtOnce = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var calmInFlight = 0;
        FakeReader Account(string id)
        {
            var throttled = id == "400000000001";
            var reader = new FakeReader(id)
                .On("cloudtrail", "DescribeTrails", (_, _) => Ok($$"""{"trailList":[{{Trails(id)}}]}"""))
                .OnAsync("cloudtrail", "GetTrailStatus", async (_, _) =>
                {
                    if (throttled)
                    {
                        await Task.Delay(5);
                        return Ok("{}");
                    }
                    // The account that does not throttle gets two reads in flight at once, or fails here.
                    if (Interlocked.Increment(ref calmInFlight) >= 2)
                        twoAtOnce.TrySetResult();
                    await twoAtOnce.Task.WaitAsync(TimeSpan.FromSeconds(10));
                    return Ok("{}");
                });
            // What its transport's adaptive limiter says after throttles: one read at a time is all its rate lets through.
            if (throttled)
                reader.UsefulInFlightOf = (service, _) => service == "cloudtrail" ? 1 : int.MaxValue;
            return readers[id] = reader;
        }

        var inventories = await Collect(Accounts(2), account => new AccountConnection(Account(account.Id)),
            new MultiAccountOptions(), [CloudTrailCalls.GetTrailStatus]);

        Assert.Equal(2, inventories.Count(i => i.NotAssessed is null));
        Assert.Equal(12, readers["400000000001"].Requests("cloudtrail", "GetTrailStatus").Count);
        Assert.Equal(1, readers["400000000001"].MaxInFlightByService["cloudtrail"]);
        Assert.InRange(readers["400000000002"].MaxInFlightByService["cloudtrail"], 2, 32);
    }

    private sealed class Exit(Action action) : IDisposable
    {
        public void Dispose() => action();
    }
}
