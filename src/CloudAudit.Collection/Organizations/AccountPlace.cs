namespace CloudAudit.Collection.Organizations;

/// <summary>
/// One account's place among the accounts whose reads other than the event history are under way
/// (<see cref="MultiAccountOptions.MaxAccountsInFlight"/>): taken when its collection is ready for them, given back
/// once, when only its paced reads are left or when it ends, whichever comes first; a wait still pending when the
/// account ends is cancelled, and a place granted after that is given back at once.
/// </summary>
internal sealed class AccountPlace(SemaphoreSlim places, CancellationToken stop) : IDisposable
{
    private const int NotTaken = 0, Taken = 1, Done = 2;
    private readonly CancellationTokenSource ended = CancellationTokenSource.CreateLinkedTokenSource(stop);
    private int state;
    private Task waiting = Task.CompletedTask;

    /// <summary>Waits for a place (the collector's <see cref="CollectorOptions.BeforeOtherReads"/>).</summary>
    public Task TakeAsync(CancellationToken cancellation) => waiting = TakeCoreAsync(cancellation);

    private async Task TakeCoreAsync(CancellationToken cancellation)
    {
        using var either = CancellationTokenSource.CreateLinkedTokenSource(cancellation, ended.Token);
        await places.WaitAsync(either.Token).ConfigureAwait(false);
        if (Interlocked.CompareExchange(ref state, Taken, NotTaken) != NotTaken)
            places.Release();
    }

    /// <summary>Gives the place back if it holds one; later calls do nothing.</summary>
    public void Free()
    {
        if (Interlocked.Exchange(ref state, Done) == Taken)
            places.Release();
    }

    /// <summary>The account ended: gives the place back, and ends a wait for one still pending.</summary>
    public async Task EndAsync()
    {
        Free();
        await ended.CancelAsync().ConfigureAwait(false);
#pragma warning disable CA1031 // the wait ends cancelled, or with a place already given back
        try
        {
            await waiting.ConfigureAwait(false);
        }
        catch (Exception)
        {
        }
#pragma warning restore CA1031
    }

    public void Dispose() => ended.Dispose();
}
