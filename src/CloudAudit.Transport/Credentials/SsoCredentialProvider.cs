using System.Globalization;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CloudAudit.Transport.Configuration;

namespace CloudAudit.Transport.Credentials;

/// <summary>
/// IAM Identity Center (SSO) credentials from the token `aws sso login` cached: an <c>sso_session</c> profile
/// (the cache file named by the SHA-1 of the session's name, its token refreshed through SSO OIDC when it nears
/// expiry and written back) or a legacy profile with <c>sso_start_url</c> (named by the start URL's SHA-1, never
/// refreshed); then the role's credentials from the SSO portal's GetRoleCredentials. A missing, corrupt or
/// expired cache says which file and to run <c>aws sso login</c>.
/// </summary>
internal sealed class SsoCredentialProvider : ICredentialProvider
{
    private static readonly TimeSpan RefreshWindow = TimeSpan.FromMinutes(5);

    private readonly CredentialHttp http;
    private readonly string? sessionName;
    private readonly string startUrl;
    private readonly string region;
    private readonly string accountId;
    private readonly string roleName;
    private readonly string cacheFile;
    private readonly string login;

    private SsoCredentialProvider(CredentialHttp http, string profile, string? sessionName, string startUrl, string region, string accountId, string roleName)
    {
        this.http = http;
        this.sessionName = sessionName;
        this.startUrl = startUrl;
        this.region = region;
        this.accountId = accountId;
        this.roleName = roleName;
        var key = Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(sessionName ?? startUrl)));
        cacheFile = Path.Combine(http.Settings.Environment.SsoCacheDirectory, key + ".json");
        login = sessionName is null ? $"aws sso login --profile {profile}" : $"aws sso login --sso-session {sessionName}";
        Source = $"profile '{profile}' (SSO {(sessionName is null ? startUrl : $"session '{sessionName}'")})";
    }

    public string Source { get; }

    /// <summary>The provider a profile configures, or null when it has no SSO settings.</summary>
    public static SsoCredentialProvider? FromProfile(CredentialHttp http, string name, ConfigSection profile)
    {
        string Required(ConfigSection section, string key, string where) =>
            section[key] ?? throw new AwsConfigurationException($"{where} in {section.File} has no {key}: add it, or run `aws configure sso`");
        if (profile["sso_session"] is { } session)
        {
            var section = http.Settings.Files.SsoSession(session)
                ?? throw new AwsConfigurationException($"profile '{name}' names sso_session '{session}', which {profile.File} does not define: add an [sso-session {session}] section");
            return new SsoCredentialProvider(http, name, session, Required(section, "sso_start_url", $"[sso-session {session}]"),
                Required(section, "sso_region", $"[sso-session {session}]"), Required(profile, "sso_account_id", $"profile '{name}'"),
                Required(profile, "sso_role_name", $"profile '{name}'"));
        }
        if (profile["sso_start_url"] is not { } startUrl)
            return null;
        return new SsoCredentialProvider(http, name, null, startUrl, Required(profile, "sso_region", $"profile '{name}'"),
            Required(profile, "sso_account_id", $"profile '{name}'"), Required(profile, "sso_role_name", $"profile '{name}'"));
    }

    public async Task<AwsCredentials> FetchAsync(CancellationToken cancellation)
    {
        var token = await AccessTokenAsync(cancellation).ConfigureAwait(false);
        var portal = http.Settings.Endpoints.For("SSO") ?? new Uri($"https://portal.sso.{region}.amazonaws.com");
        var query = $"federation/credentials?account_id={Uri.EscapeDataString(accountId)}&role_name={Uri.EscapeDataString(roleName)}";
        var response = await http.SendAsync(() =>
        {
            var request = new HttpRequestMessage(HttpMethod.Get, new Uri(WithSlash(portal), query));
            request.Headers.TryAddWithoutValidation("x-amz-sso_bearer_token", token);
            return request;
        }, $"sso:GetRoleCredentials for {roleName} in {accountId}", cancellation).ConfigureAwait(false);
        if (response.Status is 401 or 403)
            throw new AwsConfigurationException($"the SSO token in {cacheFile} was refused ({CredentialHttp.ErrorCode(response.Body)}): run `{login}`");
        if (!response.Succeeded)
            throw new NoCredentialsException($"sso:GetRoleCredentials for {roleName} in {accountId} failed: HTTP {response.Status} {CredentialHttp.ErrorCode(response.Body)}");
        var role = JsonNode.Parse(response.Body)?["roleCredentials"]
            ?? throw new NoCredentialsException($"sso:GetRoleCredentials for {roleName} in {accountId} answered without roleCredentials");
        return new AwsCredentials((string)role["accessKeyId"]!, (string)role["secretAccessKey"]!, (string?)role["sessionToken"],
            DateTimeOffset.FromUnixTimeMilliseconds((long)role["expiration"]!));
    }

    private static Uri WithSlash(Uri uri) => uri.AbsoluteUri.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");

    /// <summary>The cached access token, refreshed first when it nears expiry and the session allows it.</summary>
    private async Task<string> AccessTokenAsync(CancellationToken cancellation)
    {
        var cache = ReadCache();
        var accessToken = (string?)cache["accessToken"];
        var expiresAt = Instant(cache, "expiresAt");
        if (accessToken is null || expiresAt is null)
            throw new AwsConfigurationException($"the SSO token cache {cacheFile} has no accessToken or expiresAt: run `{login}`");
        var now = http.Clock.GetUtcNow();
        if (expiresAt - now > RefreshWindow)
            return accessToken;
        if (sessionName is not null && await RefreshAsync(cache, cancellation).ConfigureAwait(false) is { } refreshed)
            return refreshed;
        if (expiresAt > now)
            return accessToken;
        throw new AwsConfigurationException($"the SSO token in {cacheFile} expired at {expiresAt:yyyy-MM-dd HH:mm:ss}Z: run `{login}`");
    }

    private JsonObject ReadCache()
    {
        string text;
        try
        {
            text = File.ReadAllText(cacheFile);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new AwsConfigurationException($"no SSO token is cached for {startUrl} ({cacheFile} does not exist): run `{login}`");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new AwsConfigurationException($"the SSO token cache {cacheFile} cannot be read ({e.Message}): run `{login}`");
        }
        try
        {
            return JsonNode.Parse(text) as JsonObject ?? throw new JsonException("not an object");
        }
        catch (JsonException e)
        {
            throw new AwsConfigurationException($"the SSO token cache {cacheFile} is corrupt ({e.Message}): run `{login}`");
        }
    }

    /// <summary>SSO OIDC CreateToken with the cached refresh token; the new token written back as the AWS CLI does. Null when it cannot.</summary>
    private async Task<string?> RefreshAsync(JsonObject cache, CancellationToken cancellation)
    {
        if ((string?)cache["refreshToken"] is not { } refreshToken || (string?)cache["clientId"] is not { } clientId
            || (string?)cache["clientSecret"] is not { } clientSecret
            || (Instant(cache, "registrationExpiresAt") is { } registrationEnd && registrationEnd <= http.Clock.GetUtcNow()))
            return null;
        var oidc = http.Settings.Endpoints.For("SSO OIDC") ?? new Uri($"https://oidc.{region}.amazonaws.com");
        CredentialResponse response;
        try
        {
            response = await http.SendAsync(() => new HttpRequestMessage(HttpMethod.Post, new Uri(WithSlash(oidc), "token"))
            {
                Content = JsonContent.Create(new JsonObject
                {
                    ["clientId"] = clientId, ["clientSecret"] = clientSecret, ["grantType"] = "refresh_token", ["refreshToken"] = refreshToken,
                }),
            }, "sso-oidc:CreateToken", cancellation).ConfigureAwait(false);
        }
        catch (NoCredentialsException)
        {
            return null;
        }
        if (!response.Succeeded || JsonNode.Parse(response.Body) is not JsonObject answer || (string?)answer["accessToken"] is not { } accessToken)
            return null;
        var expiresIn = (int?)answer["expiresIn"] ?? 3600;
        cache["accessToken"] = accessToken;
        cache["expiresAt"] = http.Clock.GetUtcNow().AddSeconds(expiresIn).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        if ((string?)answer["refreshToken"] is { } newRefresh)
            cache["refreshToken"] = newRefresh;
        WriteCache(cache);
        return accessToken;
    }

    private void WriteCache(JsonObject cache)
    {
        var temporary = cacheFile + ".tmp-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        try
        {
            File.WriteAllText(temporary, cache.ToJsonString());
            File.Move(temporary, cacheFile, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The refreshed token still serves this scan; the next `aws` command refreshes again.
            _ = e;
            if (File.Exists(temporary))
                try { File.Delete(temporary); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    private static DateTimeOffset? Instant(JsonObject cache, string key) =>
        (string?)cache[key] is { } text && DateTimeOffset.TryParse(text.Replace("UTC", "Z", StringComparison.Ordinal), CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal, out var value) ? value : null;
}
