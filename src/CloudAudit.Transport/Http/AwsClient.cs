using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CloudAudit.Transport.Configuration;
using CloudAudit.Transport.Credentials;
using CloudAudit.Transport.Endpoints;
using CloudAudit.Transport.Models;

namespace CloudAudit.Transport.Http;

/// <summary>
/// Calls AWS read operations by name, for any embedded service, and returns their output in AWS CLI shape
/// with every page merged, or a classified failure. Refuses anything that is not a read (see ReadOnlyGuard).
/// Thread-safe; one instance serves a whole scan.
/// </summary>
public sealed partial class AwsClient : IDisposable
{
    private readonly AwsClientOptions options;
    private readonly RequestSender sender;
    private readonly ConcurrentDictionary<string, string> bucketRegions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Service, string Region), ResolvedEndpoint> endpoints = new();

    private readonly HttpMessageHandler? ownedHandler;

    public AwsClient(AwsClientOptions options)
    {
        if (options.Handler is null)
        {
            ownedHandler = HttpHandlers.Create(options.CaBundle);
            options = options with { Handler = ownedHandler };
        }
        this.options = options;
        sender = new RequestSender(options, Statistics);
    }

    /// <summary>The HTTP handler this client sends through (its own, or the one it was given).</summary>
    internal HttpMessageHandler Handler => options.Handler!;

    /// <summary>
    /// A client as the user configured it (<paramref name="settings"/>: retries, endpoints, CA bundle), with
    /// credentials from the profile or the default chain (<see cref="CredentialChain"/>), optionally assuming a role.
    /// Credential requests go through the same HTTP handler and retry settings as the reads.
    /// </summary>
    /// <exception cref="NoCredentialsException">No credentials are configured, or a named profile does not exist.</exception>
    /// <exception cref="AwsConfigurationException">A profile's credential settings cannot be used.</exception>
    public static AwsClient Create(AwsSettings settings, CredentialOptions credentials, string homeRegion,
        Func<AwsClientOptions, AwsClientOptions>? configure = null) =>
        Create(settings, homeRegion, configure, http => CredentialChain.Resolve(http, credentials));

    /// <summary>
    /// A client signing with <paramref name="role"/>, assumed with <paramref name="source"/>'s credentials (role
    /// chaining: an organization's member account reached from the hub role), configured as <see cref="Create"/> does.
    /// The source's credentials are resolved once and shared, so a profile's MFA prompt is not repeated per account.
    /// </summary>
    public static AwsClient Assuming(AwsClient source, AssumeRoleRequest role, string origin, AwsSettings settings, string homeRegion,
        Func<AwsClientOptions, AwsClientOptions>? configure = null)
    {
        var credentials = source.ResolvedCredentials ?? throw new InvalidOperationException("only a client made by Create can assume further roles");
        // The source's HTTP handler, unless configured otherwise: its connections (and TLS sessions) to each endpoint
        // serve every account, where a handler per account would open its own to every endpoint. The source must
        // outlive this client.
        AwsClientOptions SharingConnections(AwsClientOptions options)
        {
            var configured = configure?.Invoke(options) ?? options;
            return configured.Handler is null ? configured with { Handler = source.Handler } : configured;
        }
        return Create(settings, homeRegion, SharingConnections, http => CredentialChain.AssumeRole(http, credentials, role, origin));
    }

    private static AwsClient Create(AwsSettings settings, string homeRegion, Func<AwsClientOptions, AwsClientOptions>? configure,
        Func<CredentialHttp, CachedCredentials> resolve)
    {
        CachedCredentials? resolved = null;
        var options = new AwsClientOptions
        {
            Credentials = async cancellation => (await resolved!.CurrentAsync(cancellation).ConfigureAwait(false)).ForSigning(),
            HomeRegion = homeRegion,
            Endpoints = settings.Endpoints,
            CaBundle = settings.CaBundle,
            RetryMode = settings.Retry.Mode,
            MaxAttempts = settings.Retry.MaxAttempts,
        };
        options = configure?.Invoke(options) ?? options;
        var http = new CredentialHttp(settings, homeRegion, options.Handler, options.Clock) { RetryBaseDelay = options.RetryBaseDelay, AttemptTimeout = options.AttemptTimeout };
        try
        {
            resolved = resolve(http);
        }
        catch
        {
            http.Dispose();
            throw;
        }
        return new AwsClient(options) { CredentialHttp = http, ResolvedCredentials = resolved };
    }

    /// <summary>
    /// How credential requests are sent, for clients made by <see cref="Create"/>: with <see cref="ResolvedCredentials"/>,
    /// what <see cref="CredentialChain.AssumeRole"/> needs to assume further roles (another account of an organization).
    /// </summary>
    public CredentialHttp? CredentialHttp { get; private init; }

    /// <summary>The credentials a client made by <see cref="Create"/> signs with.</summary>
    public CachedCredentials? ResolvedCredentials { get; private init; }

    public CallStatistics Statistics { get; } = new();

    private static EndpointResolver Endpoints => EndpointResolver.Default;

    /// <summary>The region name that means a service's global endpoint.</summary>
    public const string GlobalRegion = EndpointResolver.Global;

    /// <summary>Whether the service runs in the region, as the endpoints data knows it (NOT APPLICABLE when it does not).</summary>
    public static RegionAvailability Availability(string service, string region) => Endpoints.Availability(service, region);

    /// <summary>
    /// How many reads of <paramref name="service"/> in <paramref name="region"/> are worth having in flight: any number
    /// until it throttles, then what its adaptive rate limiter lets through in two response times. A caller that
    /// keeps more waiting here holds slots its other reads could use.
    /// </summary>
    public int UsefulInFlight(string service, string region)
    {
        if (ModelStore.Find(service) is not { } model)
            return int.MaxValue;
        return sender.UsefulInFlight(service, EndpointOf(model, region, options.Endpoints.For(model.Metadata.ServiceId)).SigningRegion);
    }

    /// <summary>
    /// Where a service's requests in a region go, resolved once per client: the answer depends only on the service,
    /// the region and this client's settings, and every page of every read asks.
    /// </summary>
    private ResolvedEndpoint EndpointOf(ServiceModel model, string region, Uri? custom) =>
        endpoints.TryGetValue((model.Name, region), out var known) ? known
            : endpoints.GetOrAdd((model.Name, region), Endpoints.Resolve(model, region, options.HomeRegion, custom));

    /// <summary>
    /// Loads the endpoints data and the models of <paramref name="services"/> now, so that a caller can do it while
    /// it waits for something else (the first request's answer) rather than on its reads' path.
    /// </summary>
    public static void Prepare(IEnumerable<string> services)
    {
        _ = Endpoints.PartitionOf(GlobalRegion);
        foreach (var service in services)
            ModelStore.Find(service);
    }

    /// <summary>Whether a read follows a paginator (it may take several requests, one after another).</summary>
    public static bool IsPaginated(string service, string operation) =>
        ModelStore.Find(service)?.Paginators.ContainsKey(operation) == true;

    /// <summary>The partition (aws, aws-cn, aws-us-gov …) a region belongs to.</summary>
    public static string PartitionOf(string region) => Endpoints.PartitionOf(region);

    /// <summary>Whether ReadAsync can call this operation: it is embedded and the read-only guard lets it through.</summary>
    public static bool CanRead(string service, string operation) =>
        ModelStore.Find(service)?.Operations.GetValueOrDefault(operation) is { } op
        && ReadOnlyGuard.IsAllowed(service, operation, op.HttpMethod);

    /// <summary>
    /// Which embedded operations a REST request on the wire could be (by signing name, HTTP method and
    /// the path against each operation's URI template), for auditing what was sent.
    /// </summary>
    public static IReadOnlyList<(string Service, string Operation)> IdentifyRestRequest(string signingName, string method, string path)
    {
        var found = new List<(string, string)>();
        foreach (var name in ModelStore.EmbeddedServices)
        {
            if (ModelStore.Find(name) is not { } model || model.Metadata.SigningName != signingName)
                continue;
            foreach (var operation in model.Operations.Values)
                if (string.Equals(operation.HttpMethod, method, StringComparison.OrdinalIgnoreCase) && UriTemplateMatches(operation.RequestUri, path))
                    found.Add((name, operation.Name));
        }
        return found;
    }

    /// <summary>"/runtimes/{id}/?x=1" against "/runtimes/abc/": literal segments equal, {labels} match one segment, {label+} the rest.</summary>
    private static bool UriTemplateMatches(string template, string path)
    {
        static string[] Segments(string p) => p.Split('?')[0].Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        var expected = Segments(template);
        var actual = Segments(path);
        for (var i = 0; i < expected.Length; i++)
        {
            if (expected[i].StartsWith('{') && expected[i].EndsWith("+}", StringComparison.Ordinal))
                return actual.Length > i;
            if (i >= actual.Length)
                return false;
            if (!(expected[i].StartsWith('{') && expected[i].EndsWith('}')) && expected[i] != actual[i])
                return false;
        }
        return expected.Length == actual.Length;
    }

    /// <inheritdoc cref="ReadAsync(string, string, string, JsonObject?, CallOptions?, CancellationToken)"/>
    public Task<CallResult> ReadAsync(string service, string region, string operation, JsonObject? input, CancellationToken cancellation) =>
        ReadAsync(service, region, operation, input, null, cancellation);

    /// <summary>Calls one read operation, following its paginator to the last page.</summary>
    /// <param name="service">botocore service name (iam, logs, cloudwatch, s3control …).</param>
    /// <param name="region">A region, or "global" for the service's global endpoint (S3 bucket reads: the bucket's region).</param>
    /// <param name="operation">Operation name as in the model (DescribeTrails).</param>
    /// <param name="input">Request members named as in the model; null for none.</param>
    /// <exception cref="OperationRefusedException">The operation is not a read. No request is built.</exception>
    public async Task<CallResult> ReadAsync(string service, string region, string operation, JsonObject? input,
        CallOptions? callOptions, CancellationToken cancellation = default)
    {
        var method = ModelStore.Find(service)?.Operations.GetValueOrDefault(operation)?.HttpMethod
            ?? ModelStore.AllOperations.GetValueOrDefault(service)?.Operations.GetValueOrDefault(operation)
            ?? "POST";
        if (ReadOnlyGuard.RefusalReason(service, operation, method) is { } refusal)
            throw new OperationRefusedException(refusal);

        Statistics.Call(service);
        if (ModelStore.Find(service) is not { } model || !model.Operations.TryGetValue(operation, out var op))
            return Unsupported(service, $"{service}:{operation} is not in the embedded models; add it to tools/ModelTrimmer/operations.json and rerun the tool");

        input ??= [];
        var custom = options.Endpoints.For(model.Metadata.ServiceId);
        if (region != EndpointResolver.Global && custom is null && Availability(service, region) == RegionAvailability.NotAvailable)
            return Failed(service, new CallFailure(FailureKind.NotAvailableInRegion, "EndpointNotAvailable", $"{service} is not offered in {region}"));

        var target = region;
        if (IsBucketRead(model, op) && region == EndpointResolver.Global)
            target = callOptions?.RegionHint ?? await BucketRegionAsync((string?)input["Bucket"], cancellation).ConfigureAwait(false);

        var result = model.Paginators.TryGetValue(operation, out var paginator) && callOptions?.SinglePage != true
            ? await ReadPagesAsync(model, op, paginator, target, input, custom, cancellation).ConfigureAwait(false)
            : await ReadPageAsync(model, op, target, input, custom, cancellation).ConfigureAwait(false);
        if (service == "s3" && operation == "ListBuckets" && result.Response is { } buckets)
            RememberBucketRegions(buckets);
        return result;
    }

    /// <summary>
    /// Every page, merged. A read that cannot reach its last page (the page limit, a service handing back the token it
    /// was given, a later page failing after its retries) returns what it read, marked incomplete with the reason:
    /// a partial listing is never passed off as the whole one.
    /// </summary>
    private async Task<CallResult> ReadPagesAsync(ServiceModel model, OperationModel op, Paginator paginator, string region,
        JsonObject input, Uri? custom, CancellationToken cancellation)
    {
        var merger = new PageMerger(paginator);
        var pageInput = input.DeepClone().AsObject();
        string? previousTokens = null;
        for (var page = 0; ; page++)
        {
            if (page == options.MaxPages)
                return Truncated(model.Name, merger.Result, "PageLimit", $"stopped after {page} pages (the page limit); later pages were not read");
            var result = await ReadPageAsync(model, op, region, pageInput, custom, cancellation).ConfigureAwait(false);
            if (result.Response is not { } response)
            {
                if (page == 0 || result.Failure is not { } failure)
                    return result;
                return CallResult.Partial(merger.Result, failure with { Message = $"page {page + 1} failed after {page} page(s) were read: {failure.Message}" });
            }
            // The tokens first: adding the page moves its values into the merged result.
            var tokens = merger.NextTokens(response);
            merger.Add(response);
            if (tokens is null)
                return CallResult.Success(merger.Result);
            var tokenText = new JsonArray(tokens.Select(t => t?.DeepClone()).ToArray()).ToJsonString();
            // A service that hands back the token it was given would be paged forever.
            if (tokenText == previousTokens)
                return Truncated(model.Name, merger.Result, "RepeatedToken", $"page {page + 1} handed back the token it was given; later pages could not be read");
            previousTokens = tokenText;
            for (var i = 0; i < paginator.InputTokens.Count && i < tokens.Count; i++)
                PagePath.SetInput(pageInput, paginator.InputTokens[i], tokens[i]);
        }
    }

    private CallResult Truncated(string service, JsonObject read, string code, string message)
    {
        Statistics.Failure(service, FailureKind.Truncated);
        return CallResult.Partial(read, new CallFailure(FailureKind.Truncated, code, message));
    }

    private async Task<CallResult> ReadPageAsync(ServiceModel model, OperationModel op, string region, JsonObject input,
        Uri? custom, CancellationToken cancellation, bool redirected = false)
    {
        var endpoint = EndpointOf(model, region, custom);
        var wire = Protocols.Protocol.For(model.Metadata.Protocol).Serialize(model.Metadata, op, input);
        if (IsBucketRead(model, op) && !endpoint.IsCustom)
            S3Addressing.UseVirtualHost(wire, (string?)input["Bucket"]);
        var isHomeOrGlobal = region == EndpointResolver.Global || region == options.HomeRegion;
        var outcome = await sender.SendAsync(model, op, endpoint, wire, isHomeOrGlobal, cancellation).ConfigureAwait(false);
        // S3 names the bucket's region on a wrong-region answer; follow it once.
        if (outcome.Redirect is { } redirect && input["Bucket"] is { } bucket && !redirected)
        {
            bucketRegions[(string)bucket!] = redirect.Region;
            return await ReadPageAsync(model, op, redirect.Region, input, custom, cancellation, redirected: true).ConfigureAwait(false);
        }
        return outcome switch
        {
            { Failure: { } failure } => CallResult.Failed(failure),
            { Page: { } page } => CallResult.Success(page),
            _ => CallResult.Failed(new CallFailure(FailureKind.Other, "RedirectLoop", $"S3 redirected {input["Bucket"]} more than once")),
        };
    }

    private static bool IsBucketRead(ServiceModel model, OperationModel op) =>
        model.Name == "s3" && op.Input?.Target.FindMember("Bucket") is { Location: "uri" };

    /// <summary>Where a bucket lives: remembered from ListBuckets or a redirect, else asked with GetBucketLocation.</summary>
    private async Task<string> BucketRegionAsync(string? bucket, CancellationToken cancellation)
    {
        var fallback = Endpoints.GlobalRegionOf(Endpoints.PartitionOf(options.HomeRegion));
        if (bucket is null)
            return fallback;
        if (bucketRegions.TryGetValue(bucket, out var known))
            return known;
        var location = await ReadAsync("s3", EndpointResolver.Global, "GetBucketLocation", new JsonObject { ["Bucket"] = bucket },
            new CallOptions(RegionHint: fallback), cancellation).ConfigureAwait(false);
        if (location.Response is not { } response)
            return fallback; // A wrong guess is corrected by S3's redirect, which names the region.
        var region = (string?)response["LocationConstraint"] switch
        {
            null or "" => "us-east-1",
            "EU" => "eu-west-1",
            var named => named,
        };
        bucketRegions[bucket] = region;
        return region;
    }

    private void RememberBucketRegions(JsonObject listBuckets)
    {
        foreach (var bucket in listBuckets["Buckets"]?.AsArray().OfType<JsonObject>() ?? [])
            if ((string?)bucket["Name"] is { } name && (string?)bucket["BucketRegion"] is { Length: > 0 } region)
                bucketRegions[name] = region;
    }

    private CallResult Unsupported(string service, string message) =>
        Failed(service, new CallFailure(FailureKind.Unsupported, "OperationNotEmbedded", message));

    private CallResult Failed(string service, CallFailure failure)
    {
        Statistics.Failure(service, failure.Kind);
        return CallResult.Failed(failure);
    }

    public void Dispose()
    {
        sender.Dispose();
        CredentialHttp?.Dispose();
        ownedHandler?.Dispose();
    }
}

/// <summary>S3 addressing: virtual-hosted style on AWS endpoints, path style for custom endpoints and dotted names.</summary>
internal static partial class S3Addressing
{
    public static void UseVirtualHost(Protocols.WireRequest wire, string? bucket)
    {
        if (bucket is null || !DnsCompatible().IsMatch(bucket))
            return;
        var prefix = "/" + Protocols.Percent.Encode(bucket);
        if (!wire.Path.StartsWith(prefix, StringComparison.Ordinal))
            return;
        var rest = wire.Path[prefix.Length..];
        wire.Path = rest.Length == 0 ? "/" : rest;
        wire.HostPrefix = bucket + ".";
    }

    // No dots: a dotted name breaks the wildcard TLS certificate, so it stays path-style.
    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$")]
    private static partial Regex DnsCompatible();
}
