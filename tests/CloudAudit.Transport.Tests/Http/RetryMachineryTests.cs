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
}
