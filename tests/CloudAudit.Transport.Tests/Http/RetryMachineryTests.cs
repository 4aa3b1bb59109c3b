using CloudAudit.Transport.Http;

namespace CloudAudit.Transport.Tests.Http;

public sealed class RetryMachineryTests
{
    [Fact]
    public void The_retry_quota_runs_dry_and_successes_refill_it()
    {
        var quota = new RetryQuota();
        var retries = 0;
        while (quota.TryAcquire(isTimeout: false) is not null)
            retries++;

        Assert.Equal(RetryQuota.InitialTokens / RetryQuota.RetryCost, retries);
        quota.Release(RetryQuota.RetryCost);
        Assert.Equal(RetryQuota.RetryCost, quota.TryAcquire(isTimeout: false));
        Assert.Null(quota.TryAcquire(isTimeout: true));
    }

    [Fact]
    public void A_success_without_retries_adds_one_token_up_to_the_cap()
    {
        var quota = new RetryQuota();
        quota.TryAcquire(isTimeout: true);
        quota.Release(null);
        Assert.Equal(RetryQuota.InitialTokens - RetryQuota.TimeoutRetryCost + 1, quota.Available);
        for (var i = 0; i < 20; i++)
            quota.Release(null);
        Assert.Equal(RetryQuota.InitialTokens, quota.Available);
    }

    [Theory]
    [InlineData(0, 1.0, 1000)]
    [InlineData(3, 1.0, 8000)]
    [InlineData(10, 1.0, 20000)]
    [InlineData(3, 0.25, 2000)]
    [InlineData(2, 0.0, 0)]
    public void Backoff_is_full_jitter_over_an_exponential_capped_at_twenty_seconds(int retry, double random, double expectedMs) =>
        Assert.Equal(expectedMs, Backoff.Delay(retry, TimeSpan.FromSeconds(1), () => random).TotalMilliseconds, precision: 6);

    [Fact]
    public void The_rate_limiter_stays_off_until_a_throttle_then_slows_and_recovers()
    {
        var now = 0.0;
        var limiter = new AdaptiveRateLimiter(() => now);
        for (var i = 0; i < 40; i++)
        {
            Assert.True(limiter.TryAcquire(out var none));
            Assert.Equal(TimeSpan.Zero, none);
            limiter.OnResponse(throttled: false);
            now += 0.05; // 20 requests a second
        }
        Assert.False(limiter.Enabled);

        limiter.OnResponse(throttled: true);
        Assert.True(limiter.Enabled);
        var throttledRate = limiter.FillRate;
        Assert.InRange(throttledRate, 0.5, 20 * 0.7 + 1);

        // Sending faster than the reduced rate has to wait for tokens, and never sleeps long before asking again.
        var refused = Enumerable.Range(0, 30).Select(_ => limiter.TryAcquire(out var wait) ? TimeSpan.Zero : wait).Where(w => w > TimeSpan.Zero).ToList();
        Assert.NotEmpty(refused);
        Assert.All(refused, w => Assert.True(w <= AdaptiveRateLimiter.MaxRecheck));

        for (var i = 0; i < 200; i++)
        {
            now += 0.05;
            limiter.OnResponse(throttled: false);
        }
        Assert.True(limiter.FillRate > throttledRate, $"recovered to {limiter.FillRate}, from {throttledRate}");
    }

    [Fact]
    public void A_throttle_in_the_first_half_second_uses_the_rate_actually_sent()
    {
        var now = 0.0;
        var limiter = new AdaptiveRateLimiter(() => now);
        for (var i = 0; i < 40; i++) // 40 responses in 0.2 s: about 200 a second
        {
            limiter.OnResponse(throttled: false);
            now += 0.005;
        }
        limiter.OnResponse(throttled: true);
        Assert.True(limiter.FillRate > 100, $"rate after an early throttle: {limiter.FillRate}");
    }

    [Fact]
    public void Waiting_senders_get_tokens_as_the_rate_recovers()
    {
        var now = 0.0;
        var limiter = new AdaptiveRateLimiter(() => now);
        for (var i = 0; i < 20; i++)
        {
            limiter.OnResponse(throttled: false);
            now += 0.05;
        }
        limiter.OnResponse(throttled: true);
        while (limiter.TryAcquire(out _)) { }
        Assert.False(limiter.TryAcquire(out var first));
        for (var i = 0; i < 100; i++) // the rate grows back while the sender waits
        {
            now += 0.05;
            limiter.OnResponse(throttled: false);
        }
        Assert.True(limiter.TryAcquire(out _), $"still refused at rate {limiter.FillRate} after waiting {first}");
    }
    [Theory]
    [InlineData(50, 24, 0.03)]
    [InlineData(20, 24, 0.05)]
    [InlineData(50, 4, 0.03)]
    public void Under_a_rate_limit_the_limiter_keeps_close_to_the_allowed_rate(double allowed, int senders, double latency)
    {
        var served = SimulateThrottledService(allowed, senders, latency, seconds: 60);

        // A token bucket of one second's requests at the allowed rate: over a minute at most 61 seconds' worth can pass.
        Assert.True(served >= 0.8 * allowed * 60, $"{served} requests answered in 60 s at {allowed}/s allowed ({served / 60.0:0.0}/s)");
    }

    [Fact]
    public void A_burst_of_throttles_to_requests_sent_before_the_cut_cuts_the_rate_once()
    {
        var now = 0.0;
        var limiter = new AdaptiveRateLimiter(() => now);
        for (var i = 0; i < 40; i++)
        {
            limiter.OnResponse(throttled: false, sentAt: now);
            now += 0.025; // 40 a second
        }
        var sentTogether = now;
        now += 0.03;
        limiter.OnResponse(throttled: true, sentAt: sentTogether);
        var once = limiter.FillRate;
        for (var i = 0; i < 23; i++) // the rest of the burst, sent with the first, answered just after it
            limiter.OnResponse(throttled: true, sentAt: sentTogether);

        Assert.Equal(once, limiter.FillRate, precision: 6);
        // A throttle to a request sent after the cut says the cut rate is still too high: it cuts again.
        var sentAfter = now;
        now += 0.03;
        limiter.OnResponse(throttled: true, sentAt: sentAfter);
        Assert.True(limiter.FillRate < once, $"{limiter.FillRate} after a second cut from {once}");
    }

    /// <summary>
    /// <paramref name="senders"/> callers sending back to back through one limiter to a service that allows
    /// <paramref name="allowed"/> requests a second (a token bucket holding one second's worth, as AWS's), each answer
    /// <paramref name="latency"/> seconds after it was sent; a throttled request is sent again. Simulated time, one
    /// thread: returns the requests answered without throttling in <paramref name="seconds"/>.
    /// </summary>
    private static int SimulateThrottledService(double allowed, int senders, double latency, double seconds)
    {
        var now = 0.0;
        var limiter = new AdaptiveRateLimiter(() => now);
        var events = new PriorityQueue<Action, double>();
        var (tokens, refilled, served) = (allowed, 0.0, 0);
        void Send()
        {
            if (!limiter.TryAcquire(out var wait))
            {
                events.Enqueue(Send, now + Math.Max(wait.TotalSeconds, 0.001)); // a timer's resolution: time always passes
                return;
            }
            var sentAt = now;
            tokens = Math.Min(allowed, tokens + (now - refilled) * allowed);
            refilled = now;
            var throttled = tokens < 1;
            if (!throttled) tokens--;
            events.Enqueue(() =>
            {
                limiter.OnResponse(throttled, sentAt);
                if (!throttled) served++;
                Send();
            }, now + latency);
        }
        for (var i = 0; i < senders; i++)
            events.Enqueue(Send, 0);
        while (events.TryDequeue(out var next, out var at) && at < seconds)
        {
            now = at;
            next();
        }
        return served;
    }
}
