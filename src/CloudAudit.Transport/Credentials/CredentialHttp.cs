using System.Text;
using CloudAudit.Transport.Configuration;
using CloudAudit.Transport.Http;

namespace CloudAudit.Transport.Credentials;

/// <summary>A response to a credential request: status, body, and the error code the service gave.</summary>
internal sealed record CredentialResponse(int Status, string Body)
{
    public bool Succeeded => Status is >= 200 and < 300;
}

/// <summary>
/// How credential requests are sent (STS, SSO, container and instance metadata endpoints): through the scan's HTTP
/// handler (its CA bundle), retried on throttling and transient failures like the scan's own requests, so a throttle
/// storm does not cost the credentials either. This path is apart from the read engine and its guard on purpose:
/// it makes the few calls that issue the scanner's own credentials and nothing else.
/// </summary>
public sealed class CredentialHttp : IDisposable
{
    private readonly HttpClient http;

    /// <param name="handler">The HTTP handler; null builds one trusting <paramref name="settings"/>' CA bundle.</param>
    public CredentialHttp(AwsSettings settings, string homeRegion, HttpMessageHandler? handler = null, TimeProvider? clock = null)
    {
        Settings = settings;
        HomeRegion = homeRegion;
        Clock = clock ?? TimeProvider.System;
        http = new HttpClient(handler ?? HttpHandlers.Create(settings.CaBundle), disposeHandler: handler is null) { Timeout = Timeout.InfiniteTimeSpan };
    }

    public AwsSettings Settings { get; }
    public string HomeRegion { get; }
    public TimeProvider Clock { get; }

    /// <summary>Base of the backoff between attempts (tests shorten it).</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Time allowed for one attempt at an AWS endpoint (metadata endpoints set their own).</summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Sends a request built afresh for each attempt, retrying throttling, 5xx and connection failures up to the
    /// configured attempts; other answers are returned as they are.
    /// </summary>
    /// <exception cref="NoCredentialsException">The endpoint could not be reached, after the retries.</exception>
    internal async Task<CredentialResponse> SendAsync(Func<HttpRequestMessage> build, string what, CancellationToken cancellation,
        TimeSpan? timeout = null, int? attempts = null)
    {
        var maxAttempts = attempts ?? Settings.Retry.MaxAttempts;
        for (var attempt = 1; ; attempt++)
        {
            string failure;
            try
            {
                using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
                limit.CancelAfter(timeout ?? AttemptTimeout);
                using var request = build();
                using var response = await http.SendAsync(request, limit.Token).ConfigureAwait(false);
                var body = await response.Content.ReadAsStringAsync(limit.Token).ConfigureAwait(false);
                var status = (int)response.StatusCode;
                var code = ErrorCode(body);
                if (!(FailureClassifier.IsThrottling(code, status) || FailureClassifier.IsTransient(code, status)) || attempt >= maxAttempts)
                    return new CredentialResponse(status, body);
                failure = $"HTTP {status} {code}";
            }
            catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
            {
                failure = "no answer in time";
            }
            catch (HttpRequestException e)
            {
                failure = e.Message;
            }
            if (attempt >= maxAttempts)
                throw new NoCredentialsException($"{what} failed: {failure}");
            var ceiling = Math.Min(RetryBaseDelay.TotalMilliseconds * Math.Pow(2, attempt - 1), 20_000);
            await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * ceiling), cancellation).ConfigureAwait(false);
        }
    }

    /// <summary>The error code of an AWS error body, XML (&lt;Code&gt;) or JSON (__type, code, error); "" when none.</summary>
    internal static string ErrorCode(string body)
    {
        var start = body.IndexOf("<Code>", StringComparison.Ordinal);
        if (start >= 0 && body.IndexOf("</Code>", start, StringComparison.Ordinal) is var end and > 0)
            return body[(start + 6)..end].Trim();
        try
        {
            if (System.Text.Json.Nodes.JsonNode.Parse(body) is System.Text.Json.Nodes.JsonObject json)
                foreach (var key in new[] { "__type", "code", "error", "Code" })
                    if (json[key] is System.Text.Json.Nodes.JsonValue value && value.TryGetValue<string>(out var code))
                        return code[(code.LastIndexOf('#') + 1)..];
        }
        catch (System.Text.Json.JsonException)
        {
        }
        return "";
    }

    internal static StringContent Form(IEnumerable<(string Key, string? Value)> fields) =>
        new(string.Join('&', fields.Where(f => f.Value is not null).Select(f => $"{Uri.EscapeDataString(f.Key)}={Uri.EscapeDataString(f.Value!)}")),
            Encoding.UTF8, "application/x-www-form-urlencoded");

    public void Dispose() => http.Dispose();
}
