namespace CloudAudit.Collection;

/// <summary>
/// Requests in flight across every account of a multi-account collection: each request waits for a slot before it
/// is sent, and waiters are served in arrival order, so accounts share the budget fairly, except that pages of the
/// paced event-history reads go ahead of the others. Those pages are few (two a second per account and region at most)
/// and each account's collection lasts at least as long as its chain of them, so a page that queued behind thousands of
/// other accounts' requests would stretch every account's collection (and its place among the accounts in flight) by
/// that wait, page after page. Per-account limits (<see cref="CollectorOptions.MaxInFlight"/>) still apply underneath.
/// </summary>
public sealed class RequestBudget(int capacity) : IDisposable
{
    private readonly Lock gate = new();
    private readonly LinkedList<Waiter> ahead = new();
    private readonly LinkedList<Waiter> inTurn = new();
    private int free = capacity;

    public int Capacity { get; } = capacity;

    /// <summary>Waiters queued for a slot now.</summary>
    internal int Waiting
    {
        get
        {
            lock (gate)
                return ahead.Count + inTurn.Count;
        }
    }

    /// <summary>Waits for a slot; <paramref name="goAhead"/>: before every waiter that did not ask so (the paced pages).</summary>
    internal Task WaitAsync(CancellationToken cancellation, bool goAhead = false)
    {
        cancellation.ThrowIfCancellationRequested();
        Waiter waiter;
        lock (gate)
        {
            if (free > 0)
            {
                free--;
                return Task.CompletedTask;
            }
            waiter = new Waiter();
            waiter.Node = (goAhead ? ahead : inTurn).AddLast(waiter);
        }
        if (cancellation.CanBeCanceled)
            waiter.Registration = cancellation.Register(() => Abandon(waiter, cancellation));
        return waiter.Granted.Task;
    }

    internal void Release()
    {
        Waiter? next;
        lock (gate)
        {
            var queue = ahead.Count > 0 ? ahead : inTurn;
            next = queue.First?.Value;
            if (next is null)
            {
                free++;
                return;
            }
            queue.RemoveFirst();
            next.Node = null;
        }
        next.Registration.Unregister();
        next.Granted.TrySetResult();
    }

    /// <summary>A waiter cancelled before its turn leaves the queue; one whose slot was granted already keeps it.</summary>
    private void Abandon(Waiter waiter, CancellationToken cancellation)
    {
        lock (gate)
        {
            if (waiter.Node is not { } node)
                return;
            node.List!.Remove(node);
            waiter.Node = null;
        }
        waiter.Granted.TrySetCanceled(cancellation);
    }

    /// <summary>Nothing to free: waiters still queued are ended by their own cancellation.</summary>
    public void Dispose()
    {
    }

    private sealed class Waiter
    {
        public TaskCompletionSource Granted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public LinkedListNode<Waiter>? Node { get; set; }
        public CancellationTokenRegistration Registration { get; set; }
    }
}
