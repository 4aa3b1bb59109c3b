using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml;
using CloudAudit.Transport.Endpoints;
using CloudAudit.Transport.Models;
using CloudAudit.Transport.Protocols;
using CloudAudit.Transport.Signing;

namespace CloudAudit.Transport.Http;

/// <summary>One page of one operation: sign, send, retry (standard mode), rate-limit, parse.</summary>
internal sealed class RequestSender : IDisposable
{
    private readonly AwsClientOptions options;
    private readonly HttpClient http;
    private readonly SemaphoreSlim inFlight;
    private readonly RetryPolicy retries;
    private readonly ServiceBreaker breaker;
    private readonly ConcurrentDictionary<(string Service, string Region), AdaptiveRateLimiter> limiters = new();
    private readonly Stopwatch clock = Stopwatch.StartNew();

    public RequestSender(AwsClientOptions options, CallStatistics statistics)
    {
        this.options = options;
        Statistics = statistics;
        // The client that made this sender owns the handler (it may be shared by several clients).
        http = new HttpClient(options.Handler ?? throw new ArgumentException("a handler is required", nameof(options)), disposeHandler: false)
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
        inFlight = new SemaphoreSlim(options.MaxConcurrency, options.MaxConcurrency);
        retries = new RetryPolicy(options);
        breaker = new ServiceBreaker(options.BreakerThreshold);
    }

    public CallStatistics Statistics { get; }

    /// <summary>Requests to a service in a signing region worth having in flight (see <see cref="AdaptiveRateLimiter.UsefulInFlight"/>).</summary>
    public int UsefulInFlight(string service, string signingRegion) =>
        limiters.TryGetValue((service, signingRegion), out var limiter) ? limiter.UsefulInFlight : int.MaxValue;

    internal RetryQuota Quota => retries.Quota;

    /// <summary>A redirect S3 asked for: the bucket lives in another region.</summary>
    public sealed record Redirect(string Region);

    public sealed record PageOutcome(JsonObject? Page, CallFailure? Failure, Redirect? Redirect = null);

    public async Task<PageOutcome> SendAsync(ServiceModel service, OperationModel operation, ResolvedEndpoint endpoint,
        WireRequest wire, bool isHomeOrGlobal, CancellationToken cancellation)
    {
        var protocol = Protocol.For(service.Metadata.Protocol);
        var limiter = retries.UsesRateLimiter
            ? limiters.GetOrAdd((service.Name, endpoint.SigningRegion), _ => new AdaptiveRateLimiter(() => clock.Elapsed.TotalSeconds))
            : null;
        var key = (Service: service.Name, Region: endpoint.SigningRegion);
        var attempts = new RetryPolicy.Attempts(options.Clock.GetUtcNow());
        while (true)
        {
            // Checked before every attempt: calls already retrying stop too once the breaker opens.
            if (breaker.Refusal(key.Service, key.Region) is { } refusal)
            {
                Statistics.Failure(service.Name, refusal.Kind);
                return new PageOutcome(null, refusal);
            }
            if (attempts.Count > 0)
                Statistics.Retry(service.Name);
            attempts.Count++;
            if (limiter is not null)
                while (!limiter.TryAcquire(out var wait))
                    await Task.Delay(wait, cancellation).ConfigureAwait(false);
            var sentAt = clock.Elapsed.TotalSeconds;

            Statistics.Request(service.Name);
            var (response, transportFailure, isTimeout) = await ExchangeAsync(service, operation, endpoint, wire, cancellation).ConfigureAwait(false);
            var throttled = false;
            bool retryable;
            CallFailure failure;
            if (response is not null && response.StatusCode is >= 200 and < 300)
            {
                limiter?.OnResponse(throttled: false, sentAt);
                var parsed = Parse(service.Name, protocol, operation, response);
                if (parsed.Failure is null)
                {
                    retries.Succeeded(attempts);
                    breaker.Answered(key.Service, key.Region);
                    return parsed;
                }
                // A success whose body cannot be read was cut short or garbled on the way: asking again is worth it.
                failure = parsed.Failure;
                retryable = true;
            }
            else if (response is not null)
            {
                var error = protocol.ParseError(response);
                throttled = FailureClassifier.IsThrottling(error.Code, response.StatusCode);
                limiter?.OnResponse(throttled, sentAt);
                if (throttled)
                    Statistics.Throttle(service.Name);
                if (service.Name == "s3" && response.Header("x-amz-bucket-region") is { Length: > 0 } bucketRegion
                    && bucketRegion != endpoint.SigningRegion && !endpoint.IsCustom)
                    return new PageOutcome(null, null, new Redirect(bucketRegion));
                failure = new CallFailure(FailureClassifier.Classify(error.Code, response.StatusCode, !isHomeOrGlobal),
                    error.Code, error.Message, response.StatusCode, error.RequestId);
                retryable = throttled || FailureClassifier.IsTransient(error.Code, response.StatusCode);
            }
            else
            {
                failure = transportFailure!;
                retryable = failure.Kind is FailureKind.Timeout || failure.Code is "ConnectionError" or "TruncatedResponse";
            }

            if (retries.NextDelay(attempts, retryable, throttled, isTimeout, options.Clock.GetUtcNow()) is not { } delay)
            {
                Statistics.Failure(service.Name, failure.Kind);
                if (ServiceBreaker.Counts(failure))
                    breaker.Failed(key.Service, key.Region, failure);
                else if (response is not null && !throttled)
                    breaker.Answered(key.Service, key.Region);
                return new PageOutcome(null, failure);
            }
            await Task.Delay(delay, cancellation).ConfigureAwait(false);
        }
    }

    private static PageOutcome Parse(string service, Protocol protocol, OperationModel operation, WireResponse response)
    {
        try
        {
            var page = protocol.Parse(operation, response);
            OutputCustomizations.Apply(service, operation, page);
            return new PageOutcome(page, null);
        }
        catch (Exception e) when (e is XmlException or JsonException or FormatException or InvalidOperationException or OverflowException)
        {
            return new PageOutcome(null, new CallFailure(FailureKind.Other, "MalformedResponse",
                $"the response could not be parsed: {e.Message}", response.StatusCode,
                response.Header("x-amzn-RequestId") ?? response.Header("x-amz-request-id")));
        }
    }

    private async Task<(WireResponse? Response, CallFailure? Failure, bool IsTimeout)> ExchangeAsync(
        ServiceModel service, OperationModel operation, ResolvedEndpoint endpoint, WireRequest wire, CancellationToken cancellation)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        timeout.CancelAfter(options.AttemptTimeout);
        await inFlight.WaitAsync(cancellation).ConfigureAwait(false);
        try
        {
            using var request = await BuildAsync(service, operation, endpoint, wire, timeout.Token).ConfigureAwait(false);
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, timeout.Token).ConfigureAwait(false);
            var body = await response.Content.ReadAsByteArrayAsync(timeout.Token).ConfigureAwait(false);
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            CollectHeaders(response.Headers.NonValidated, headers);
            CollectHeaders(response.Content.Headers.NonValidated, headers);
            return (new WireResponse((int)response.StatusCode, headers, body), null, false);
        }
        catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
        {
            return (null, new CallFailure(FailureKind.Timeout, "RequestTimeout", $"no response within {options.AttemptTimeout.TotalSeconds:0.#} s"), true);
        }
        catch (HttpRequestException e) when (e.HttpRequestError == HttpRequestError.NameResolutionError)
        {
            return (null, new CallFailure(FailureKind.NotAvailableInRegion, "EndpointNotFound", $"{endpoint.Url.Host} does not resolve: the service is not offered there"), false);
        }
        catch (HttpRequestException e) when (e.HttpRequestError == HttpRequestError.ResponseEnded)
        {
            return (null, new CallFailure(FailureKind.Other, "TruncatedResponse", $"the response ended early: {e.Message}"), false);
        }
        catch (HttpRequestException e)
        {
            return (null, new CallFailure(FailureKind.Other, "ConnectionError", e.Message), false);
        }
        catch (IOException e)
        {
            // The connection closed before the body's announced length arrived.
            return (null, new CallFailure(FailureKind.Other, "TruncatedResponse", $"the response ended early: {e.Message}"), false);
        }
        finally
        {
            inFlight.Release();
        }
    }

    /// <summary>
    /// Headers as received, repeated names joined with ", ". The non-validated view skips parsing every header into
    /// typed values (and the locks that guard it), which the parsers never look at.
    /// </summary>
    private static void CollectHeaders(HttpHeadersNonValidated received, Dictionary<string, string> into)
    {
        foreach (var (name, values) in received)
        {
            var value = values.ToString();
            into[name] = into.TryGetValue(name, out var earlier) ? $"{earlier}, {value}" : value;
        }
    }

    private async Task<HttpRequestMessage> BuildAsync(ServiceModel service, OperationModel operation, ResolvedEndpoint endpoint,
        WireRequest wire, CancellationToken cancellation)
    {
        var uri = RequestTarget.Build(endpoint.Url, wire, applyHostPrefix: !endpoint.IsCustom);
        var request = new HttpRequestMessage(new HttpMethod(wire.Method), uri);
        request.Headers.TryAddWithoutValidation("User-Agent", options.UserAgent);
        var signed = new List<KeyValuePair<string, string>> { new("Host", uri.IsDefaultPort ? uri.Host : uri.Authority) };
        signed.AddRange(wire.Headers);

        if (!operation.IsUnsigned)
        {
            var credentials = await options.Credentials(cancellation).ConfigureAwait(false);
            var isS3 = service.Metadata.SignatureVersion == "s3v4" || endpoint.SigningName == "s3";
            var signing = SigV4Signer.Sign(
                new SigningRequest { Method = wire.Method, Path = uri.AbsolutePath, Query = wire.Query, Headers = signed, Body = wire.Body },
                credentials,
                new SigningOptions(endpoint.SigningRegion, endpoint.SigningName, IsS3: isS3,
                    UnsignedPayload: isS3 && uri.Scheme == "https" && wire.Body.Length > 0),
                DateTimeOffset.UtcNow);
            signed.AddRange(signing.HeadersToAdd);
        }

        if (wire.Body.Length > 0 || wire.Method is "POST" or "PUT")
            request.Content = new ByteArrayContent(wire.Body);
        // The first header is Host, which HttpClient writes from the URI. Values go on as signed, unparsed.
        for (var i = 1; i < signed.Count; i++)
        {
            var (name, value) = signed[i];
            if (name.StartsWith("Content-", StringComparison.OrdinalIgnoreCase) && request.Content is not null)
                request.Content.Headers.TryAddWithoutValidation(name, value);
            else
                request.Headers.TryAddWithoutValidation(name, value);
        }
        return request;
    }

    public void Dispose()
    {
        http.Dispose();
        inFlight.Dispose();
    }
}
