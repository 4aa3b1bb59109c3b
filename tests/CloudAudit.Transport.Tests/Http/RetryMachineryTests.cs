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
            Assert.Equal(TimeSpan.Zero, limiter.Acquire());
            limiter.OnResponse(throttled: false);
            now += 0.05; // 20 requests a second
        }
        Assert.False(limiter.Enabled);

        limiter.OnResponse(throttled: true);
        Assert.True(limiter.Enabled);
        var throttledRate = limiter.FillRate;
        Assert.InRange(throttledRate, 0.5, 20 * 0.7 + 1);

        // Sending faster than the reduced rate has to wait for tokens.
        var waits = Enumerable.Range(0, 30).Select(_ => limiter.Acquire()).ToList();
        Assert.Contains(waits, w => w > TimeSpan.Zero);

        for (var i = 0; i < 200; i++)
        {
            now += 0.05;
            limiter.OnResponse(throttled: false);
        }
        Assert.True(limiter.FillRate > throttledRate, $"recovered to {limiter.FillRate}, from {throttledRate}");
    }
}
