using System.Globalization;
using System.Net;
using System.Text.Json;

namespace CloudAudit.Transport.Credentials;

/// <summary>
/// The JSON credential documents of credential_process (Version 1, SessionToken) and of the container and instance
/// metadata endpoints (Code, Token): the same keys, expiry and checks.
/// </summary>
internal static class CredentialDocument
{
    /// <param name="tokenKey">"SessionToken" (credential_process) or "Token" (metadata endpoints).</param>
    /// <param name="requireVersion">credential_process documents must say "Version": 1.</param>
    public static AwsCredentials Parse(string body, string source, string tokenKey, bool requireVersion = false)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            string? Text(string name) => root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
            if (requireVersion && !(root.TryGetProperty("Version", out var version) && version.ValueKind == JsonValueKind.Number && version.GetInt32() == 1))
                throw new NoCredentialsException($"{source} gave a document without \"Version\": 1");
            if (Text("Code") is { } code && code != "Success")
                throw new NoCredentialsException($"{source} answered {code}: {Text("Message")}");
            DateTimeOffset? expiration = Text("Expiration") is { } when
                ? DateTimeOffset.Parse(when, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal) : null;
            return new AwsCredentials(
                Text("AccessKeyId") ?? throw new NoCredentialsException($"{source} gave no AccessKeyId"),
                Text("SecretAccessKey") ?? throw new NoCredentialsException($"{source} gave no SecretAccessKey"),
                Text(tokenKey), expiration);
        }
        catch (Exception e) when (e is JsonException or FormatException)
        {
            throw new NoCredentialsException($"{source} gave something that is not a credentials document ({e.Message})", e);
        }
    }
}

/// <summary>
/// Container credentials (ECS tasks, EKS Pod Identity): AWS_CONTAINER_CREDENTIALS_RELATIVE_URI on the ECS agent's
/// address, or AWS_CONTAINER_CREDENTIALS_FULL_URI, which must be HTTPS, loopback or one of the container
/// credential addresses; the Authorization header from AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE (read each time)
/// or AWS_CONTAINER_AUTHORIZATION_TOKEN.
/// </summary>
internal sealed class ContainerCredentialProvider(CredentialHttp http, Uri uri, string? token, string? tokenFile) : ICredentialProvider
{
    private static readonly HashSet<string> AllowedHosts = new(StringComparer.OrdinalIgnoreCase)
    {
        "169.254.170.2", "169.254.170.23", "[fd00:ec2::23]", "localhost",
    };

    public string Source => $"container credentials ({uri})";

    /// <summary>The provider the environment configures, or null when it configures none.</summary>
    public static ContainerCredentialProvider? FromEnvironment(CredentialHttp http)
    {
        var environment = http.Settings.Environment;
        if (environment.ContainerRelativeUri is { } relative)
            return new ContainerCredentialProvider(http, new Uri("http://169.254.170.2" + (relative.StartsWith('/') ? "" : "/") + relative),
                environment.ContainerAuthorizationToken, environment.ContainerAuthorizationTokenFile);
        if (environment.ContainerFullUri is not { } full)
            return null;
        if (!Uri.TryCreate(full, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            throw new NoCredentialsException($"AWS_CONTAINER_CREDENTIALS_FULL_URI is '{full}', not a URL");
        if (uri.Scheme == "http" && !uri.IsLoopback && !AllowedHosts.Contains(uri.Host))
            throw new NoCredentialsException($"AWS_CONTAINER_CREDENTIALS_FULL_URI {full} must use https, a loopback address or a container credentials address");
        return new ContainerCredentialProvider(http, uri, environment.ContainerAuthorizationToken, environment.ContainerAuthorizationTokenFile);
    }

    public async Task<AwsCredentials> FetchAsync(CancellationToken cancellation)
    {
        string? authorization = token;
        if (tokenFile is not null)
        {
            try
            {
                authorization = (await File.ReadAllTextAsync(tokenFile, cancellation).ConfigureAwait(false)).Trim();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new NoCredentialsException($"AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE {tokenFile} cannot be read: {e.Message}", e);
            }
        }
        var response = await http.SendAsync(() =>
        {
            var request = new HttpRequestMessage(HttpMethod.Get, uri);
            if (authorization is { Length: > 0 })
                request.Headers.TryAddWithoutValidation("Authorization", authorization);
            return request;
        }, Source, cancellation, timeout: TimeSpan.FromSeconds(2), attempts: 3).ConfigureAwait(false);
        if (!response.Succeeded)
            throw new NoCredentialsException($"{Source} answered HTTP {response.Status}");
        return CredentialDocument.Parse(response.Body, Source, "Token");
    }
}

/// <summary>
/// Instance metadata (IMDS) credentials of an EC2 instance's role, IMDSv2 first: a session token from
/// PUT /latest/api/token, then the role's name and its credentials; IMDSv1 only when the token request is not
/// understood and AWS_EC2_METADATA_V1_DISABLED does not forbid it.
/// </summary>
internal sealed class InstanceMetadataProvider(CredentialHttp http, Uri endpoint, TimeSpan timeout, int attempts, bool v1Disabled)
    : ICredentialProvider
{
    private const string CredentialsPath = "latest/meta-data/iam/security-credentials/";

    public string Source => $"instance metadata ({endpoint})";

    /// <summary>The provider the settings configure, or null when AWS_EC2_METADATA_DISABLED turns it off.</summary>
    public static InstanceMetadataProvider? FromSettings(CredentialHttp http)
    {
        var settings = http.Settings;
        var environment = settings.Environment;
        var profile = settings.Profile;
        if (string.Equals(environment.Ec2MetadataDisabled, "true", StringComparison.OrdinalIgnoreCase))
            return null;
        var mode = environment.Ec2MetadataServiceEndpointMode ?? profile?["ec2_metadata_service_endpoint_mode"];
        var address = environment.Ec2MetadataServiceEndpoint ?? profile?["ec2_metadata_service_endpoint"]
            ?? (string.Equals(mode, "IPv6", StringComparison.OrdinalIgnoreCase) ? "http://[fd00:ec2::254]" : "http://169.254.169.254");
        if (!Uri.TryCreate(address.TrimEnd('/') + "/", UriKind.Absolute, out var endpoint))
            throw new NoCredentialsException($"the instance metadata endpoint '{address}' is not a URL");
        var seconds = Number(environment.MetadataServiceTimeout ?? profile?["metadata_service_timeout"], 1);
        var tries = (int)Number(environment.MetadataServiceNumAttempts ?? profile?["metadata_service_num_attempts"], 1);
        var v1Disabled = string.Equals(environment.Ec2MetadataV1Disabled ?? profile?["ec2_metadata_v1_disabled"], "true", StringComparison.OrdinalIgnoreCase);
        return new InstanceMetadataProvider(http, endpoint, TimeSpan.FromSeconds(seconds), Math.Max(1, tries), v1Disabled);
    }

    private static double Number(string? text, double fallback) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : fallback;

    public async Task<AwsCredentials> FetchAsync(CancellationToken cancellation)
    {
        var token = await TokenAsync(cancellation).ConfigureAwait(false);
        var roles = await GetAsync(CredentialsPath, token, cancellation).ConfigureAwait(false);
        var role = roles.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault()
            ?? throw new NoCredentialsException($"{Source}: the instance has no IAM role");
        return CredentialDocument.Parse(await GetAsync(CredentialsPath + role, token, cancellation).ConfigureAwait(false), Source, "Token");
    }

    private async Task<string?> TokenAsync(CancellationToken cancellation)
    {
        var response = await http.SendAsync(() =>
        {
            var request = new HttpRequestMessage(HttpMethod.Put, new Uri(endpoint, "latest/api/token"));
            request.Headers.TryAddWithoutValidation("X-aws-ec2-metadata-token-ttl-seconds", "21600");
            return request;
        }, Source, cancellation, timeout, attempts).ConfigureAwait(false);
        if (response.Succeeded)
            return response.Body.Trim();
        // An endpoint that does not know the token request speaks IMDSv1 only.
        if (response.Status is (int)HttpStatusCode.NotFound or (int)HttpStatusCode.MethodNotAllowed && !v1Disabled)
            return null;
        throw new NoCredentialsException($"{Source} refused a session token (HTTP {response.Status})");
    }

    private async Task<string> GetAsync(string path, string? token, CancellationToken cancellation)
    {
        var response = await http.SendAsync(() =>
        {
            var request = new HttpRequestMessage(HttpMethod.Get, new Uri(endpoint, path));
            if (token is not null)
                request.Headers.TryAddWithoutValidation("X-aws-ec2-metadata-token", token);
            return request;
        }, Source, cancellation, timeout, attempts).ConfigureAwait(false);
        return response.Succeeded ? response.Body
            : throw new NoCredentialsException($"{Source} answered HTTP {response.Status} for /{path}");
    }
}
