namespace CloudAudit.Transport.Configuration;

/// <summary>
/// Every environment variable the scanner honours, read here and nowhere else (the AWS CLI's names and meanings).
/// The CLI hands in its own lookup, so a test can give each run its own environment.
/// </summary>
public sealed class AwsEnvironment(Func<string, string?> lookup)
{
    /// <summary>The process environment.</summary>
    public static AwsEnvironment Process { get; } = new(System.Environment.GetEnvironmentVariable);

    /// <summary>No variables at all (tests, and clients configured entirely in code).</summary>
    public static AwsEnvironment None { get; } = new(_ => null);

    /// <summary>The names honoured, for the documentation and its test.</summary>
    public static readonly IReadOnlyList<string> Honoured =
    [
        "AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_REGION", "AWS_DEFAULT_REGION", "AWS_CONFIG_FILE", "AWS_SHARED_CREDENTIALS_FILE",
        "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_SECURITY_TOKEN", "AWS_CREDENTIAL_EXPIRATION",
        "AWS_MAX_ATTEMPTS", "AWS_RETRY_MODE",
        "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_<SERVICE>", "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS",
        "AWS_USE_FIPS_ENDPOINT", "AWS_USE_DUALSTACK_ENDPOINT", "AWS_STS_REGIONAL_ENDPOINTS", "AWS_CA_BUNDLE",
        "AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_ROLE_ARN", "AWS_ROLE_SESSION_NAME",
        "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "AWS_CONTAINER_CREDENTIALS_FULL_URI",
        "AWS_CONTAINER_AUTHORIZATION_TOKEN", "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE",
        "AWS_EC2_METADATA_DISABLED", "AWS_EC2_METADATA_SERVICE_ENDPOINT", "AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE",
        "AWS_EC2_METADATA_V1_DISABLED", "AWS_METADATA_SERVICE_TIMEOUT", "AWS_METADATA_SERVICE_NUM_ATTEMPTS",
        "HOME",
    ];

    /// <summary>A variable's value, or null when unset or blank.</summary>
    public string? this[string name] => lookup(name) is { } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    public string? Profile => this["AWS_PROFILE"] ?? this["AWS_DEFAULT_PROFILE"];
    public string? Region => this["AWS_REGION"] ?? this["AWS_DEFAULT_REGION"];

    public string Home => this["HOME"] ?? this["USERPROFILE"] ?? System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile);
    public string ConfigFile => Expand(this["AWS_CONFIG_FILE"]) ?? Path.Combine(Home, ".aws", "config");
    public string CredentialsFile => Expand(this["AWS_SHARED_CREDENTIALS_FILE"]) ?? Path.Combine(Home, ".aws", "credentials");

    /// <summary>The SSO token cache the AWS CLI writes (<c>aws sso login</c>).</summary>
    public string SsoCacheDirectory => Path.Combine(Home, ".aws", "sso", "cache");

    public string? AccessKeyId => this["AWS_ACCESS_KEY_ID"];
    public string? SecretAccessKey => this["AWS_SECRET_ACCESS_KEY"];
    public string? SessionToken => this["AWS_SESSION_TOKEN"] ?? this["AWS_SECURITY_TOKEN"];
    public string? CredentialExpiration => this["AWS_CREDENTIAL_EXPIRATION"];

    public string? MaxAttempts => this["AWS_MAX_ATTEMPTS"];
    public string? RetryMode => this["AWS_RETRY_MODE"];

    public string? EndpointUrl => this["AWS_ENDPOINT_URL"];
    /// <summary>AWS_ENDPOINT_URL_&lt;SERVICE&gt;: the service id upper-cased, spaces to underscores (AWS_ENDPOINT_URL_CLOUDWATCH_LOGS).</summary>
    public string? EndpointUrlFor(string serviceId) => this["AWS_ENDPOINT_URL_" + serviceId.ToUpperInvariant().Replace(' ', '_')];
    public string? IgnoreConfiguredEndpointUrls => this["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"];
    public string? UseFipsEndpoint => this["AWS_USE_FIPS_ENDPOINT"];
    public string? UseDualstackEndpoint => this["AWS_USE_DUALSTACK_ENDPOINT"];
    public string? StsRegionalEndpoints => this["AWS_STS_REGIONAL_ENDPOINTS"];
    public string? CaBundle => Expand(this["AWS_CA_BUNDLE"]);

    public string? WebIdentityTokenFile => Expand(this["AWS_WEB_IDENTITY_TOKEN_FILE"]);
    public string? RoleArn => this["AWS_ROLE_ARN"];
    public string? RoleSessionName => this["AWS_ROLE_SESSION_NAME"];

    public string? ContainerRelativeUri => this["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"];
    public string? ContainerFullUri => this["AWS_CONTAINER_CREDENTIALS_FULL_URI"];
    public string? ContainerAuthorizationToken => this["AWS_CONTAINER_AUTHORIZATION_TOKEN"];
    public string? ContainerAuthorizationTokenFile => Expand(this["AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"]);

    public string? Ec2MetadataDisabled => this["AWS_EC2_METADATA_DISABLED"];
    public string? Ec2MetadataServiceEndpoint => this["AWS_EC2_METADATA_SERVICE_ENDPOINT"];
    public string? Ec2MetadataServiceEndpointMode => this["AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE"];
    public string? Ec2MetadataV1Disabled => this["AWS_EC2_METADATA_V1_DISABLED"];
    public string? MetadataServiceTimeout => this["AWS_METADATA_SERVICE_TIMEOUT"];
    public string? MetadataServiceNumAttempts => this["AWS_METADATA_SERVICE_NUM_ATTEMPTS"];

    /// <summary>A leading ~ means the home directory, as the AWS CLI reads paths.</summary>
    public string? Expand(string? path) => path switch
    {
        null => null,
        "~" => Home,
        _ when path.StartsWith("~/", StringComparison.Ordinal) => Path.Combine(Home, path[2..]),
        _ => path,
    };
}
