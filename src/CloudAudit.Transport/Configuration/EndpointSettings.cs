using CloudAudit.Transport.Models;

namespace CloudAudit.Transport.Configuration;

/// <summary>
/// Where requests go, as configured: custom endpoint URLs in the AWS SDKs' order (the --endpoint-url flag,
/// AWS_ENDPOINT_URL_&lt;SERVICE&gt;, AWS_ENDPOINT_URL, the profile's <c>services</c> section, the profile's
/// <c>endpoint_url</c>; AWS_IGNORE_CONFIGURED_ENDPOINT_URLS or <c>ignore_configured_endpoint_urls</c> keep only the
/// flag), FIPS and dual-stack endpoint variants, and whether STS is reached in the home region or globally.
/// </summary>
public sealed record EndpointSettings
{
    private IReadOnlyDictionary<string, Uri> FromEnvironment { get; init; } = new Dictionary<string, Uri>();
    private IReadOnlyDictionary<string, Uri> FromServicesSection { get; init; } = new Dictionary<string, Uri>();
    private Uri? ProfileUrl { get; init; }

    /// <summary>The --endpoint-url flag: every service, whatever else is configured.</summary>
    public Uri? Explicit { get; init; }

    /// <summary>AWS_ENDPOINT_URL.</summary>
    private Uri? EnvironmentUrl { get; init; }

    /// <summary>use_fips_endpoint / AWS_USE_FIPS_ENDPOINT.</summary>
    public bool UseFips { get; init; }

    /// <summary>use_dualstack_endpoint / AWS_USE_DUALSTACK_ENDPOINT.</summary>
    public bool UseDualStack { get; init; }

    /// <summary>
    /// sts_regional_endpoints / AWS_STS_REGIONAL_ENDPOINTS: "regional" (the default, as in the AWS CLI v2) sends STS
    /// requests to the home region's endpoint; "legacy" to the global sts.amazonaws.com.
    /// </summary>
    public bool StsRegional { get; init; } = true;

    public static EndpointSettings None { get; } = new();

    /// <summary>Only the given URL, for every service (the --endpoint-url flag, an emulator in tests).</summary>
    public static EndpointSettings Only(Uri? url) => new() { Explicit = url };

    /// <summary>The custom endpoint for a service (by its model's serviceId: "CloudWatch Logs", "STS"), or null.</summary>
    public Uri? For(string serviceId)
    {
        var key = ServiceKey(serviceId);
        return Explicit ?? FromEnvironment.GetValueOrDefault(key) ?? EnvironmentUrl ?? FromServicesSection.GetValueOrDefault(key) ?? ProfileUrl;
    }

    /// <summary>The services-section key of a service id: lower case, spaces to underscores ("cloudwatch_logs").</summary>
    public static string ServiceKey(string serviceId) => serviceId.ToLowerInvariant().Replace(' ', '_');

    /// <summary>Service ids of the credential services, which are not among the scanned models.</summary>
    private static readonly string[] CredentialServiceIds = ["SSO", "SSO OIDC"];

    internal static EndpointSettings Load(AwsEnvironment environment, SharedConfigFile files, ConfigSection? profile, string profileName,
        Uri? explicitUrl, AwsSettings.SettingReader read)
    {
        var settings = new EndpointSettings
        {
            Explicit = explicitUrl,
            UseFips = read.Flag("AWS_USE_FIPS_ENDPOINT", "use_fips_endpoint"),
            UseDualStack = read.Flag("AWS_USE_DUALSTACK_ENDPOINT", "use_dualstack_endpoint"),
            StsRegional = StsRegionalSetting(read),
        };
        if (read.Flag("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "ignore_configured_endpoint_urls"))
            return settings;

        var fromSection = new Dictionary<string, Uri>(StringComparer.Ordinal);
        if (profile?["services"] is { } servicesName)
        {
            var section = files.Services(servicesName)
                ?? throw new AwsConfigurationException($"profile '{profileName}' names services '{servicesName}', which {profile.File} does not define: add a [services {servicesName}] section or remove the setting");
            foreach (var (service, group) in section.Groups)
                if (group.GetValueOrDefault("endpoint_url") is { Length: > 0 } url)
                    fromSection[service.ToLowerInvariant()] = Parse(url, $"endpoint_url of {service} in [services {servicesName}] of {section.File}");
        }
        var fromEnvironment = new Dictionary<string, Uri>(StringComparer.Ordinal);
        foreach (var serviceId in ModelStore.AllOperations.Values.Select(e => e.ServiceId).Concat(CredentialServiceIds).Distinct())
            if (environment.EndpointUrlFor(serviceId) is { } serviceUrl)
                fromEnvironment[ServiceKey(serviceId)] = Parse(serviceUrl, "AWS_ENDPOINT_URL_" + serviceId.ToUpperInvariant().Replace(' ', '_'));

        return settings with
        {
            FromEnvironment = fromEnvironment,
            EnvironmentUrl = environment.EndpointUrl is { } global ? Parse(global, "AWS_ENDPOINT_URL") : null,
            FromServicesSection = fromSection,
            ProfileUrl = profile?["endpoint_url"] is { } profileUrl ? Parse(profileUrl, $"endpoint_url in profile '{profileName}' of {profile.File}") : null,
        };
    }

    private static bool StsRegionalSetting(AwsSettings.SettingReader read)
    {
        if (read.Get("AWS_STS_REGIONAL_ENDPOINTS", "sts_regional_endpoints") is not var (value, source))
            return true;
        return value.ToLowerInvariant() switch
        {
            "regional" => true,
            "legacy" => false,
            _ => throw new AwsConfigurationException($"{source} is '{value}': use regional or legacy"),
        };
    }

    private static Uri Parse(string value, string source) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? uri
            : throw new AwsConfigurationException($"{source} is '{value}', not an endpoint URL: give http:// or https:// and a host");
}
