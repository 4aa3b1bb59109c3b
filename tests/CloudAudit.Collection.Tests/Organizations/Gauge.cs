namespace CloudAudit.Collection.Tests.Organizations;

/// <summary>Counts what is open at once: requests, or connections (one per account being collected).</summary>
internal sealed class Gauge
{
    private int now;
    private int max;

    public int Max => Volatile.Read(ref max);

    public IDisposable Enter()
    {
        var current = Interlocked.Increment(ref now);
        int seen;
        while ((seen = Volatile.Read(ref max)) < current && Interlocked.CompareExchange(ref max, current, seen) != seen)
        {
        }
        return new Exit(this);
    }

    private sealed class Exit(Gauge gauge) : IDisposable
    {
        public void Dispose() => Interlocked.Decrement(ref gauge.now);
    }
}
