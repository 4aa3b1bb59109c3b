namespace CloudAudit.Transport.Http;

/// <summary>
/// The standard retry mode's retry quota (AWS SDKs' token bucket): a retry spends tokens, a success refunds
/// them, and when the bucket runs dry the client stops retrying instead of piling load on a failing service.
/// </summary>
internal sealed class RetryQuota
{
    public const int InitialTokens = 500;
    public const int RetryCost = 5;
    public const int TimeoutRetryCost = 10;
    public const int NoRetryIncrement = 1;

    private readonly Lock gate = new();
    private int available = InitialTokens;

    public int Available
    {
        get
        {
            lock (gate)
                return available;
        }
    }

    /// <summary>Takes the cost of one retry; returns the amount taken, or null when the quota cannot pay it.</summary>
    public int? TryAcquire(bool isTimeout)
    {
        var cost = isTimeout ? TimeoutRetryCost : RetryCost;
        lock (gate)
        {
            if (available < cost)
                return null;
            available -= cost;
            return cost;
        }
    }

    /// <summary>On success: refunds what the call's retry took, or a small increment when it needed none.</summary>
    public void Release(int? acquired)
    {
        lock (gate)
            available = Math.Min(InitialTokens, available + (acquired ?? NoRetryIncrement));
    }
}

/// <summary>Exponential backoff with full jitter, capped: random(0,1) × min(base × 2^attempt, 20 s).</summary>
internal static class Backoff
{
    public static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(20);

    public static TimeSpan Delay(int retryIndex, TimeSpan baseDelay, Func<double> random)
    {
        var ceiling = Math.Min(baseDelay.TotalMilliseconds * Math.Pow(2, retryIndex), MaxBackoff.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(random() * ceiling);
    }
}
