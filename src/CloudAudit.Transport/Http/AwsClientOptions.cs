using System.Security.Cryptography.X509Certificates;
using CloudAudit.Transport.Configuration;
using CloudAudit.Transport.Signing;

namespace CloudAudit.Transport.Http;

/// <summary>
/// Settings of an <see cref="AwsClient"/>, all given in code: the client reads no environment variable and no file
/// (<see cref="AwsClient.Create"/> fills them from <see cref="AwsSettings"/>). Retries default to the adaptive mode
/// with ten attempts (<see cref="RetrySettings.Default"/>).
/// </summary>
public sealed record AwsClientOptions
{
    /// <summary>The current credentials; called before every request so refreshing credentials stay fresh.</summary>
    public required Func<CancellationToken, Task<SigningCredentials>> Credentials { get; init; }

    /// <summary>Picks the partition of "global" calls and is where credentials are known to work.</summary>
    public string HomeRegion { get; init; } = "us-east-1";

    /// <summary>Custom endpoint URLs, FIPS and dual-stack variants, STS regional endpoints.</summary>
    public EndpointSettings Endpoints { get; init; } = EndpointSettings.None;

    /// <summary>One endpoint URL for every service (an emulator, a proxy): shorthand for <see cref="Endpoints"/>' Explicit.</summary>
    public Uri? EndpointUrl
    {
        get => Endpoints.Explicit;
        init => Endpoints = Endpoints with { Explicit = value };
    }

    /// <summary>Certificates to trust instead of the system's (AWS_CA_BUNDLE); null for the system store.</summary>
    public X509Certificate2Collection? CaBundle { get; init; }

    /// <summary>The HTTP handler; a fake one in tests. Null uses a SocketsHttpHandler.</summary>
    public HttpMessageHandler? Handler { get; init; }

    /// <summary>Standard (retry quota), adaptive (quota and a rate limiter per service and region once throttled) or legacy (neither).</summary>
    public RetryMode RetryMode { get; init; } = RetrySettings.Default.Mode;

    /// <summary>Attempts per request, the first included.</summary>
    public int MaxAttempts { get; init; } = RetrySettings.Default.MaxAttempts;

    /// <summary>Base of the exponential backoff (standard mode: 1 s; the cap is 20 s).</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Time allowed for one HTTP attempt, response body included.</summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Time one call may spend retrying server errors, timeouts and broken connections: no such retry starts when the
    /// call has been running this long or its backoff would take it past this, so a call ends within about this plus one
    /// <see cref="AttemptTimeout"/>. Throttling retries are paced by the rate limiter instead and bounded by
    /// <see cref="MaxAttempts"/> only.
    /// </summary>
    public TimeSpan RetryTimeBudget { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Calls in a row to one service in one region that may fail with a server error, timeout or broken connection (after
    /// their retries, with no answer in between) before this client stops calling it and fails its later calls at once
    /// (see <see cref="ServiceBreaker"/>); 0 never stops.
    /// </summary>
    public int BreakerThreshold { get; init; } = 5;

    /// <summary>Requests in flight at once across all services and regions.</summary>
    public int MaxConcurrency { get; init; } = 32;

    /// <summary>Upper bound on pages fetched for one call.</summary>
    public int MaxPages { get; init; } = 10_000;

    /// <summary>The time temporary credentials expire against; tests move it to reach expiry without waiting.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>Random numbers for backoff jitter; replaceable in tests.</summary>
    public Func<double> Random { get; init; } = System.Random.Shared.NextDouble;

    public string UserAgent { get; init; } = "cloud-audit/0.1.0";
}
