namespace CloudAudit.Collection;

/// <summary>
/// Requests in flight across every account of a multi-account collection: each request waits for a slot before it
/// is sent, and waiters are served in arrival order, so accounts share the budget fairly. Per-account limits
/// (<see cref="CollectorOptions.MaxInFlight"/>) still apply underneath.
/// </summary>
public sealed class RequestBudget(int capacity) : IDisposable
{
    private readonly SemaphoreSlim slots = new(capacity, capacity);

    public int Capacity { get; } = capacity;

    internal Task WaitAsync(CancellationToken cancellation) => slots.WaitAsync(cancellation);

    internal void Release() => slots.Release();

    public void Dispose() => slots.Dispose();
}
