namespace CloudAudit.Transport.Http;

/// <summary>
/// The AWS SDKs' adaptive retry mode rate limiter for one (service, region): off until the first throttling
/// response, then a token bucket whose rate follows CUBIC (cut by β on a throttle, grown back along a cubic
/// curve on success), never above twice the measured sending rate. Unlike a debt-taking bucket, a sender
/// that finds no token waits a bounded time and asks again, so queued senders speed up as the rate recovers.
/// A burst of throttles cuts the rate once: the answers to requests sent before the last cut speak of the rate
/// before it (as TCP cuts its window once per round trip), where the SDKs' limiter cuts on each of them and a
/// burst of 24 throttles would leave 0.7^24 of the rate.
/// </summary>
internal sealed class AdaptiveRateLimiter(Func<double> clockSeconds)
{
    private const double MinFillRate = 0.5;
    private const double Beta = 0.7;
    private const double ScaleConstant = 0.4;
    private const double Smoothing = 0.8;
    private const double TimeBucketRange = 0.5;

    private readonly Lock gate = new();
    private bool enabled;
    // Token bucket.
    private double fillRate = MinFillRate;
    private double maxCapacity = 1;
    private double capacity;
    private double lastRefill = -1;
    // Cubic rate adjustment.
    private double lastMaxRate;
    private double lastThrottle = double.NegativeInfinity;
    private double timeWindow;
    // Measured sending rate.
    private double measuredRate;
    private double lastTxBucket = Math.Floor(clockSeconds() / TimeBucketRange) * TimeBucketRange;
    private int requestCount;
    // Smoothed time from a request's token to its answer, to size how many requests are worth having in flight.
    private double responseTime;

    public bool Enabled
    {
        get
        {
            lock (gate)
                return enabled;
        }
    }

    public double FillRate
    {
        get
        {
            lock (gate)
                return fillRate;
        }
    }

    /// <summary>
    /// How many requests are worth having in flight: any number until the first throttle, then what the current rate
    /// lets through in two response times. More would only wait here for tokens, holding their callers' slots.
    /// </summary>
    public int UsefulInFlight
    {
        get
        {
            lock (gate)
                return enabled ? (int)Math.Clamp(Math.Ceiling(2 * fillRate * responseTime), 1, int.MaxValue) : int.MaxValue;
        }
    }

    /// <summary>The longest a sender sleeps before asking for a token again.</summary>
    public static readonly TimeSpan MaxRecheck = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// Takes a token when the limiter is off or one is there (true); otherwise says how long to wait
    /// before asking again (the time to the next token, at most <see cref="MaxRecheck"/>).
    /// </summary>
    public bool TryAcquire(out TimeSpan wait)
    {
        lock (gate)
        {
            wait = TimeSpan.Zero;
            if (!enabled)
                return true;
            Refill();
            if (capacity >= 1)
            {
                capacity -= 1;
                return true;
            }
            var untilNextToken = TimeSpan.FromSeconds((1 - capacity) / fillRate);
            wait = untilNextToken < MaxRecheck ? untilNextToken : MaxRecheck;
            return false;
        }
    }

    /// <param name="sentAt">When the request answered was sent (this limiter's clock); null for now.</param>
    public void OnResponse(bool throttled, double? sentAt = null)
    {
        lock (gate)
        {
            var now = clockSeconds();
            UpdateMeasuredRate(now);
            if (sentAt is { } sent)
                responseTime = responseTime == 0 ? now - sent : Smoothing * responseTime + (1 - Smoothing) * (now - sent);
            // Sent before the last cut: that cut already answered the rate this request was sent at.
            if (throttled && enabled && sentAt < lastThrottle)
                return;
            // Before the first full measuring bucket the smoothed rate is still 0; use what was observed so far.
            var observed = measuredRate > 0 ? measuredRate : PartialBucketRate(now);
            double newRate;
            if (throttled)
            {
                var rateToUse = enabled ? Math.Min(observed, fillRate) : observed;
                lastMaxRate = rateToUse;
                timeWindow = Math.Cbrt(lastMaxRate * (1 - Beta) / ScaleConstant);
                lastThrottle = now;
                newRate = rateToUse * Beta;
                enabled = true;
            }
            else if (!enabled)
            {
                return; // off until the first throttle: nothing to pace
            }
            else
            {
                newRate = ScaleConstant * Math.Pow(now - lastThrottle - timeWindow, 3) + lastMaxRate;
            }
            SetRate(Math.Min(newRate, 2 * observed));
        }
    }

    private void SetRate(double rate)
    {
        Refill();
        fillRate = Math.Max(rate, MinFillRate);
        maxCapacity = Math.Max(rate, 1);
        capacity = Math.Min(capacity, maxCapacity);
    }

    private void Refill()
    {
        var now = clockSeconds();
        if (lastRefill < 0)
        {
            lastRefill = now;
            return;
        }
        capacity = Math.Min(maxCapacity, capacity + (now - lastRefill) * fillRate);
        lastRefill = now;
    }

    private double PartialBucketRate(double now) =>
        now - lastTxBucket > 0 ? requestCount / (now - lastTxBucket) : requestCount / TimeBucketRange;

    private void UpdateMeasuredRate(double now)
    {
        var bucket = Math.Floor(now / TimeBucketRange) * TimeBucketRange;
        requestCount++;
        if (bucket > lastTxBucket)
        {
            var currentRate = requestCount / (bucket - lastTxBucket);
            measuredRate = currentRate * Smoothing + measuredRate * (1 - Smoothing);
            requestCount = 0;
            lastTxBucket = bucket;
        }
    }
}
