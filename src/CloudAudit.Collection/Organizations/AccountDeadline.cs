namespace CloudAudit.Collection.Organizations;

/// <summary>
/// <c>--account-timeout</c> for one account: its token is cancelled once the account's own collection has taken the
/// limit. The time it waits for a place among the accounts in flight is not counted (<see cref="Pause"/> …
/// <see cref="Resume"/>): with many slow accounts that wait is the other accounts' work, not this one's. Time is read
/// from a <see cref="TimeProvider"/>, so tests move the clock themselves.
/// </summary>
internal sealed class AccountDeadline : IDisposable
{
    private readonly Lock gate = new();
    private readonly TimeProvider time;
    private readonly CancellationTokenSource source;
    private readonly CancellationTokenRegistration outer;
    private readonly TimeSpan limit;
    private TimeSpan counted;
    private long runningSince;
    private int pauses;
    private bool disposed;

    public AccountDeadline(TimeSpan limit, CancellationToken cancellation, TimeProvider? time = null)
    {
        this.limit = limit;
        this.time = time ?? TimeProvider.System;
        // A source of this provider (a linked source would time itself by the system clock), cancelled with the run too.
        source = new CancellationTokenSource(Timeout.InfiniteTimeSpan, this.time);
        outer = cancellation.Register(static s => ((CancellationTokenSource)s!).Cancel(), source);
        runningSince = this.time.GetTimestamp();
        source.CancelAfter(limit);
    }

    public CancellationToken Token => source.Token;

    /// <summary>The account's own collection time so far: since it started, less its waits for a place.</summary>
    public TimeSpan OwnTime
    {
        get
        {
            lock (gate)
                return pauses > 0 ? counted : counted + time.GetElapsedTime(runningSince);
        }
    }

    /// <summary>Stops the clock (nested calls need as many <see cref="Resume"/>s).</summary>
    public void Pause()
    {
        lock (gate)
        {
            if (disposed || pauses++ > 0)
                return;
            counted += time.GetElapsedTime(runningSince);
            if (!source.IsCancellationRequested)
                source.CancelAfter(Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>Starts the clock again with what is left of the limit.</summary>
    public void Resume()
    {
        lock (gate)
        {
            if (disposed || --pauses > 0)
                return;
            runningSince = time.GetTimestamp();
            var left = limit - counted;
            if (!source.IsCancellationRequested)
                source.CancelAfter(left > TimeSpan.Zero ? left : TimeSpan.Zero);
        }
    }

    /// <summary>Waits for <paramref name="wait"/> with the clock stopped.</summary>
    public async Task Excluding(Func<CancellationToken, Task> wait, CancellationToken cancellation)
    {
        Pause();
        try
        {
            await wait(cancellation).ConfigureAwait(false);
        }
        finally
        {
            Resume();
        }
    }

    public void Dispose()
    {
        lock (gate)
        {
            disposed = true;
            outer.Dispose();
            source.Dispose();
        }
    }
}
