using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using CloudAudit.Transport.Configuration;

namespace CloudAudit.Transport.Tests.Credentials;

/// <summary>SSO profiles against fakes of the SSO portal and SSO OIDC, with the token cache `aws sso login` writes.</summary>
public sealed class SsoCredentialTests : CredentialFixture
{
    private readonly LoopbackServer portal;
    private readonly LoopbackServer oidc;

    public SsoCredentialTests()
    {
        portal = new LoopbackServer(request => request.Header("x-amz-sso_bearer_token") == "revoked"
            ? new LoopbackResponse(401, """{"message":"Session token not found or invalid"}""")
            : new LoopbackResponse(200, new JsonObject
            {
                ["roleCredentials"] = new JsonObject
                {
                    ["accessKeyId"] = "ASIASSO", ["secretAccessKey"] = "sso-secret", ["sessionToken"] = "sso-token",
                    ["expiration"] = Clock.Now.AddHours(1).ToUnixTimeMilliseconds(),
                },
            }.ToJsonString()));
        oidc = new LoopbackServer(_ => new LoopbackResponse(200, """{"accessToken":"refreshed-token","expiresIn":28800,"refreshToken":"refresh-2","tokenType":"Bearer"}"""));
        Environment["AWS_ENDPOINT_URL_SSO"] = portal.Url.ToString();
        Environment["AWS_ENDPOINT_URL_SSO_OIDC"] = oidc.Url.ToString();
        Config("""
            [sso-session corp]
            sso_start_url = https://corp.awsapps.com/start
            sso_region = eu-west-1
            [profile dev]
            sso_session = corp
            sso_account_id = 111122223333
            sso_role_name = SecurityAudit
            [profile legacy]
            sso_start_url = https://old.awsapps.com/start
            sso_region = us-east-1
            sso_account_id = 111122223333
            sso_role_name = ReadOnly
            """);
    }

    private string CacheFile(string key)
    {
        var directory = Path.Combine(Home, ".aws", "sso", "cache");
        Directory.CreateDirectory(directory);
        return Path.Combine(directory, Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(key))) + ".json");
    }

    private void Cache(string key, string accessToken, DateTimeOffset expiresAt, bool refreshable = true) =>
        File.WriteAllText(CacheFile(key), new JsonObject
        {
            ["startUrl"] = "https://corp.awsapps.com/start", ["region"] = "eu-west-1", ["accessToken"] = accessToken,
            ["expiresAt"] = expiresAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ"),
            ["clientId"] = refreshable ? "client-1" : null, ["clientSecret"] = refreshable ? "client-secret" : null,
            ["refreshToken"] = refreshable ? "refresh-1" : null,
            ["registrationExpiresAt"] = Clock.Now.AddDays(30).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ"),
        }.ToJsonString());

    [Fact]
    public async Task An_sso_session_profile_reads_the_cached_token_and_the_portal_gives_the_role()
    {
        Cache("corp", "cached-token", Clock.Now.AddHours(4));

        var credentials = await Resolve(profile: "dev");

        Assert.Equal(("ASIASSO", "sso-secret", "sso-token"), (credentials.AccessKeyId, credentials.SecretAccessKey, credentials.SessionToken));
        var request = Assert.Single(portal.Requests);
        Assert.Equal(("GET", "/federation/credentials?account_id=111122223333&role_name=SecurityAudit", "cached-token"),
            (request.Method, request.PathAndQuery, request.Header("x-amz-sso_bearer_token")));
        Assert.Empty(oidc.Requests);
    }

    [Fact]
    public async Task A_token_near_expiry_is_refreshed_through_sso_oidc_and_written_back()
    {
        Cache("corp", "old-token", Clock.Now.AddMinutes(2));

        await Resolve(profile: "dev");

        var refresh = JsonNode.Parse(Assert.Single(oidc.Requests).Body)!;
        Assert.Equal(("refresh_token", "refresh-1", "client-1"), ((string?)refresh["grantType"], (string?)refresh["refreshToken"], (string?)refresh["clientId"]));
        Assert.Equal("refreshed-token", Assert.Single(portal.Requests).Header("x-amz-sso_bearer_token"));
        var cache = JsonNode.Parse(File.ReadAllText(CacheFile("corp")))!;
        Assert.Equal(("refreshed-token", "refresh-2"), ((string?)cache["accessToken"], (string?)cache["refreshToken"]));
        Assert.Equal(Clock.Now.AddHours(8).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ"), (string?)cache["expiresAt"]);
    }

    [Fact]
    public async Task An_expired_token_that_cannot_be_refreshed_names_the_file_and_aws_sso_login()
    {
        Cache("corp", "old-token", Clock.Now.AddMinutes(-1), refreshable: false);

        var error = await Assert.ThrowsAsync<AwsConfigurationException>(() => Resolve(profile: "dev"));

        Assert.Equal($"the SSO token in {CacheFile("corp")} expired at {Clock.Now.AddMinutes(-1).UtcDateTime:yyyy-MM-dd HH:mm:ss}Z: run `aws sso login --sso-session corp`",
            error.Message);
        Assert.Empty(portal.Requests);
    }

    [Fact]
    public async Task A_corrupt_or_missing_cache_names_the_file_and_aws_sso_login()
    {
        var missing = await Assert.ThrowsAsync<AwsConfigurationException>(() => Resolve(profile: "legacy"));
        File.WriteAllText(CacheFile("corp"), "{\"accessToken\": ");
        var corrupt = await Assert.ThrowsAsync<AwsConfigurationException>(() => Resolve(profile: "dev"));

        Assert.Equal($"no SSO token is cached for https://old.awsapps.com/start ({CacheFile("https://old.awsapps.com/start")} does not exist): run `aws sso login --profile legacy`",
            missing.Message);
        Assert.StartsWith($"the SSO token cache {CacheFile("corp")} is corrupt (", corrupt.Message, StringComparison.Ordinal);
        Assert.EndsWith("): run `aws sso login --sso-session corp`", corrupt.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_legacy_profile_uses_the_start_url_cache_and_a_refused_token_says_to_log_in()
    {
        Cache("https://old.awsapps.com/start", "revoked", Clock.Now.AddHours(1));

        var error = await Assert.ThrowsAsync<AwsConfigurationException>(() => Resolve(profile: "legacy"));

        Assert.Contains("was refused", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("run `aws sso login --profile legacy`", error.Message, StringComparison.Ordinal);
        Assert.Equal("/federation/credentials?account_id=111122223333&role_name=ReadOnly", Assert.Single(portal.Requests).PathAndQuery);
    }

    [Fact]
    public async Task A_profile_naming_a_missing_sso_session_is_refused()
    {
        Config("[profile dev]\nsso_session = gone\nsso_account_id = 1\nsso_role_name = r\n");

        var error = await Assert.ThrowsAsync<AwsConfigurationException>(() => Resolve(profile: "dev"));

        Assert.Contains("add an [sso-session gone] section", error.Message, StringComparison.Ordinal);
    }

    protected override void Dispose(bool disposing)
    {
        portal.Dispose();
        oidc.Dispose();
    }
}
