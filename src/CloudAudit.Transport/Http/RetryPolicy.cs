using CloudAudit.Transport.Configuration;

namespace CloudAudit.Transport.Http;

/// <summary>
/// Decides whether a failed attempt is tried again and after how long, per the configured retry mode:
/// throttling and transient failures (5xx, timeouts, connection resets, a body cut short or garbled) are retried
/// up to the attempt limit with capped, jittered exponential backoff; standard and adaptive modes pay retries from
/// the retry quota, which a failing service drains so the client stops piling on. In adaptive mode a throttled
/// service is paced by its rate limiter instead, so throttling retries cost no quota: a throttle storm slows the
/// scan down but does not end it. Server errors, timeouts and broken connections are also bounded in time
/// (<see cref="AwsClientOptions.RetryTimeBudget"/>): a service that keeps failing is not waited on for minutes.
/// </summary>
internal sealed class RetryPolicy(AwsClientOptions options)
{
    private readonly RetryQuota quota = new();

    public RetryQuota Quota => quota;

    public bool UsesRateLimiter => options.RetryMode == RetryMode.Adaptive;

    /// <summary>What a call has spent from the quota so far; refunded when it succeeds.</summary>
    public sealed class Attempts(DateTimeOffset startedAt)
    {
        public DateTimeOffset StartedAt { get; } = startedAt;
        public int Count { get; set; }
        public int? QuotaTaken { get; set; }
    }

    /// <summary>The pause before the next attempt, or null when this failure is final.</summary>
    /// <param name="now">The time on <see cref="AwsClientOptions.Clock"/>, against the call's <see cref="Attempts.StartedAt"/>.</param>
    public TimeSpan? NextDelay(Attempts attempts, bool retryable, bool throttled, bool isTimeout, DateTimeOffset now)
    {
        if (!retryable || attempts.Count >= options.MaxAttempts)
            return null;
        var delay = Backoff.Delay(attempts.Count - 1, options.RetryBaseDelay, options.Random);
        if (!throttled && now - attempts.StartedAt + delay >= options.RetryTimeBudget)
            return null;
        var paysQuota = options.RetryMode != RetryMode.Legacy && !(throttled && UsesRateLimiter);
        if (paysQuota)
        {
            if (quota.TryAcquire(isTimeout) is not { } taken)
                return null;
            attempts.QuotaTaken = (attempts.QuotaTaken ?? 0) + taken;
        }
        return delay;
    }

    public void Succeeded(Attempts attempts)
    {
        if (options.RetryMode != RetryMode.Legacy)
            quota.Release(attempts.QuotaTaken);
    }
}
