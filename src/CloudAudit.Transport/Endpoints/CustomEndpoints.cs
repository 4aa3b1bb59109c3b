namespace CloudAudit.Transport.Endpoints;

/// <summary>
/// User-configured endpoint URLs, in the AWS SDKs' order: an explicit endpoint-url option, then
/// AWS_ENDPOINT_URL_&lt;SERVICE_ID&gt; (service id upper-cased, spaces to underscores), then AWS_ENDPOINT_URL.
/// AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true turns the environment variables off.
/// </summary>
internal sealed class CustomEndpoints(Uri? explicitEndpoint, Func<string, string?> environment)
{
    public static CustomEndpoints FromEnvironment(Uri? explicitEndpoint = null) =>
        new(explicitEndpoint, Environment.GetEnvironmentVariable);

    public Uri? For(string serviceId)
    {
        if (explicitEndpoint is not null)
            return explicitEndpoint;
        if (string.Equals(environment("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"), "true", StringComparison.OrdinalIgnoreCase))
            return null;
        var value = environment("AWS_ENDPOINT_URL_" + EnvironmentKey(serviceId)) ?? environment("AWS_ENDPOINT_URL");
        return string.IsNullOrWhiteSpace(value) ? null : new Uri(value.Trim());
    }

    public static string EnvironmentKey(string serviceId) =>
        serviceId.ToUpperInvariant().Replace(' ', '_');
}
