using System.Collections.Concurrent;
using System.Diagnostics;

namespace CloudAudit.Collection.Bench;

/// <summary>
/// Measures every HTTP exchange of the organization mode: how many, and their summed duration, so the requests in
/// flight on average (summed duration ÷ wall time) and the mean exchange time (latency plus what a busy machine
/// adds) can be printed. Both keep their meaning on a loaded machine, where the wall time alone does not.
/// </summary>
internal sealed class ExchangeMeter : DelegatingHandler
{
    private long origin = Stopwatch.GetTimestamp();
    private readonly ConcurrentQueue<(long Sent, long Answered)> spans = new();
    private long exchanges;
    private long ticks;

    public ExchangeMeter(HttpMessageHandler inner) : base(inner)
    {
    }

    /// <summary>Times over time count from now (call it as the collection starts, before any exchange).</summary>
    public void StartClock() => origin = Stopwatch.GetTimestamp();

    public long Exchanges => Interlocked.Read(ref exchanges);

    public TimeSpan Busy => Stopwatch.GetElapsedTime(0, Interlocked.Read(ref ticks));

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var sent = Stopwatch.GetTimestamp();
        try
        {
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            var answered = Stopwatch.GetTimestamp();
            Interlocked.Add(ref ticks, answered - sent);
            Interlocked.Increment(ref exchanges);
            spans.Enqueue((sent - origin, answered - origin));
        }
    }

    /// <summary>"112.4 of 128 in flight on average; an exchange took 57 ms on average for 50 ms of latency".</summary>
    public string Describe(TimeSpan wall, int allowed, TimeSpan latency) =>
        $"{Busy / wall:0.0} of {allowed} in flight on average; an exchange took {(Exchanges == 0 ? 0 : Busy.TotalMilliseconds / Exchanges):0} ms on average "
        + $"for {latency.TotalMilliseconds:0} ms of latency";

    /// <summary>Requests in flight on average in each tenth of <paramref name="wall"/> from the meter's creation: "120 127 128 … 40".</summary>
    public string OverTime(TimeSpan wall)
    {
        const int Buckets = 10;
        var width = Stopwatch.Frequency * wall.TotalSeconds / Buckets;
        var busy = new double[Buckets];
        foreach (var (sent, answered) in spans)
            for (var b = (int)Math.Clamp(sent / width, 0, Buckets - 1); b < Buckets && b * width < answered; b++)
                busy[b] += Math.Max(0, Math.Min(answered, (b + 1) * width) - Math.Max(sent, b * width));
        return string.Join(" ", busy.Select(t => (t / width).ToString("0", System.Globalization.CultureInfo.InvariantCulture)));
    }
}
