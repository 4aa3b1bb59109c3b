using CloudAudit.Collection;
using CloudAudit.Inventory.Catalog;
using static CloudAudit.Collection.Tests.FakeReader;

namespace CloudAudit.Collection.Tests;

/// <summary>
/// The budget of requests in flight that the accounts of a multi-account collection share: never more slots than its
/// capacity, waiters in arrival order, the paced event-history pages ahead of the rest, and a cancelled waiter loses
/// no slot.
/// </summary>
public class RequestBudgetTests
{
    [Fact]
    public async Task Slots_go_in_arrival_order_with_the_waiters_that_go_ahead_first()
    {
        using var budget = new RequestBudget(1);
        await budget.WaitAsync(CancellationToken.None);
        var first = budget.WaitAsync(CancellationToken.None);
        var second = budget.WaitAsync(CancellationToken.None);
        var paced = budget.WaitAsync(CancellationToken.None, goAhead: true);
        Assert.False(first.IsCompleted || second.IsCompleted || paced.IsCompleted);

        budget.Release();
        await paced.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.False(first.IsCompleted || second.IsCompleted);
        budget.Release();
        await first.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.False(second.IsCompleted);
        budget.Release();
        await second.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task A_waiter_cancelled_before_its_turn_leaves_the_queue_and_loses_no_slot()
    {
        using var budget = new RequestBudget(2);
        await budget.WaitAsync(CancellationToken.None);
        await budget.WaitAsync(CancellationToken.None);
        using var cancel = new CancellationTokenSource();
        var cancelled = budget.WaitAsync(cancel.Token);
        var next = budget.WaitAsync(CancellationToken.None);

        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        budget.Release();
        await next.WaitAsync(TimeSpan.FromSeconds(10));
        budget.Release();
        // Two slots are back in all: both are taken at once, a third waits.
        budget.Release();
        await budget.WaitAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        await budget.WaitAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.False(budget.WaitAsync(CancellationToken.None).IsCompleted);
    }

    [Fact]
    public async Task An_event_history_page_goes_ahead_of_other_accounts_requests_waiting_for_the_budget()
    {
        // Another account holds the only slot and has a request waiting; this account's event-history page, asking
        // later, gets the slot first when it is freed.
        using var budget = new RequestBudget(1);
        await budget.WaitAsync(CancellationToken.None);
        var otherAccountsRequest = budget.WaitAsync(CancellationToken.None);
        var pageSent = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var otherWaitingWhenPageSent = false;
        var reader = new FakeReader().On("cloudtrail", "LookupEvents", (_, _) =>
        {
            otherWaitingWhenPageSent = !otherAccountsRequest.IsCompleted;
            pageSent.TrySetResult();
            return Ok("""{"Events":[]}""");
        });

        var collection = new Collector(reader, new CollectorOptions { Budget = budget })
            .CollectAsync([CloudTrailEventCalls.StopLogging], new RegionSelection(["us-east-1"], false, "us-east-1"));
        for (var wait = 0; budget.Waiting < 2 && wait < 1000; wait++)
            await Task.Delay(10);
        Assert.Equal(2, budget.Waiting);
        Assert.False(pageSent.Task.IsCompleted);
        budget.Release();
        await pageSent.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await collection.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.True(otherWaitingWhenPageSent, "the other account's earlier request was served before the event-history page");
        await otherAccountsRequest.WaitAsync(TimeSpan.FromSeconds(10));
    }
}
