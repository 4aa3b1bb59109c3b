using System.Diagnostics;

namespace CloudAudit.Collection.Organizations;

/// <summary>
/// <c>--account-timeout</c> for one account: its token is cancelled once the account's own collection has taken the
/// limit. The time it waits for a place among the accounts in flight is not counted (<see cref="Pause"/> …
/// <see cref="Resume"/>): with many slow accounts that wait is the other accounts' work, not this one's.
/// </summary>
internal sealed class AccountDeadline : IDisposable
{
    private readonly Lock gate = new();
    private readonly CancellationTokenSource source;
    private readonly Stopwatch own = Stopwatch.StartNew();
    private readonly TimeSpan limit;
    private int pauses;
    private bool disposed;

    public AccountDeadline(TimeSpan limit, CancellationToken cancellation)
    {
        this.limit = limit;
        source = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        source.CancelAfter(limit);
    }

    public CancellationToken Token => source.Token;

    /// <summary>The account's own collection time so far: since it started, less its waits for a place.</summary>
    public TimeSpan OwnTime
    {
        get
        {
            lock (gate)
                return own.Elapsed;
        }
    }

    /// <summary>Stops the clock (nested calls need as many <see cref="Resume"/>s).</summary>
    public void Pause()
    {
        lock (gate)
        {
            if (disposed || pauses++ > 0)
                return;
            own.Stop();
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
            own.Start();
            var left = limit - own.Elapsed;
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
            source.Dispose();
        }
    }
}
