using CloudAudit.Transport.Signing;

namespace CloudAudit.Transport.Http;

/// <summary>Settings of an <see cref="AwsClient"/>. Defaults follow the AWS SDKs' standard retry mode.</summary>
public sealed record AwsClientOptions
{
    /// <summary>The current credentials; called before every request so refreshing credentials stay fresh.</summary>
    public required Func<CancellationToken, Task<SigningCredentials>> Credentials { get; init; }

    /// <summary>Picks the partition of "global" calls and is where credentials are known to work.</summary>
    public string HomeRegion { get; init; } = "us-east-1";

    /// <summary>An endpoint URL for every service (the CLI's endpoint-url option); wins over the environment.</summary>
    public Uri? EndpointUrl { get; init; }

    /// <summary>Reads environment variables (AWS_ENDPOINT_URL …); replaceable in tests.</summary>
    public Func<string, string?> Environment { get; init; } = System.Environment.GetEnvironmentVariable;

    /// <summary>The HTTP handler; a fake one in tests. Null uses a SocketsHttpHandler.</summary>
    public HttpMessageHandler? Handler { get; init; }

    /// <summary>Attempts per request, the first included (standard mode: 3).</summary>
    public int MaxAttempts { get; init; } = 3;

    /// <summary>Base of the exponential backoff (standard mode: 1 s; the cap is 20 s).</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Time allowed for one HTTP attempt, response body included.</summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Requests in flight at once across all services and regions.</summary>
    public int MaxConcurrency { get; init; } = 32;

    /// <summary>Client-side rate limiting per (service, region) after throttling (the SDKs' adaptive mode).</summary>
    public bool AdaptiveRateLimiting { get; init; } = true;

    /// <summary>Upper bound on pages fetched for one call.</summary>
    public int MaxPages { get; init; } = 10_000;

    /// <summary>Random numbers for backoff jitter; replaceable in tests.</summary>
    public Func<double> Random { get; init; } = System.Random.Shared.NextDouble;

    public string UserAgent { get; init; } = "cloud-audit/0.1.0";
}
