using CloudAudit.Transport.Configuration;
using CloudAudit.Transport.Credentials;

namespace CloudAudit.Transport.Tests.Credentials;

/// <summary>Keys, credential_process, role chains, MFA and web identity, each over the wire to a fake STS.</summary>
public sealed class CredentialChainTests : CredentialFixture
{
    [Fact]
    public async Task The_environment_keys_come_first_unless_a_profile_is_named()
    {
        Environment["AWS_ACCESS_KEY_ID"] = "AKIAENVIRONMENT";
        Environment["AWS_SECRET_ACCESS_KEY"] = "env-secret";
        Environment["AWS_SESSION_TOKEN"] = "env-token";
        Credentials("[default]\naws_access_key_id = AKIADEFAULT\naws_secret_access_key = d\n[audit]\naws_access_key_id = AKIAPROFILE\naws_secret_access_key = profile-secret\n");

        Assert.Equal(new AwsCredentials("AKIAENVIRONMENT", "env-secret", "env-token"), await Resolve());
        Assert.Equal(new AwsCredentials("AKIAPROFILE", "profile-secret"), await Resolve(profile: "audit"));
        Environment["AWS_PROFILE"] = "audit";
        Assert.Equal("AKIAENVIRONMENT", (await Resolve()).AccessKeyId);
        Environment.Remove("AWS_ACCESS_KEY_ID");
        Assert.Equal("AKIAPROFILE", (await Resolve()).AccessKeyId);
    }

    [Fact]
    public async Task Runs_credential_process_without_a_shell_and_reads_its_document()
    {
        var script = Path.Combine(Home, "creds script.sh");
        File.WriteAllText(script, """
            #!/bin/sh
            echo "{\"Version\": 1, \"AccessKeyId\": \"AKIAPROCESS\", \"SecretAccessKey\": \"$1\", \"SessionToken\": \"process-token\", \"Expiration\": \"2099-01-01T00:00:00Z\"}"
            """.Replace("\r\n", "\n", StringComparison.Ordinal));
        Config($"[profile proc]\ncredential_process = /bin/sh \"{script}\" 'secret with spaces'\n");

        var credentials = await Resolve(profile: "proc");

        Assert.Equal(new AwsCredentials("AKIAPROCESS", "secret with spaces", "process-token", new DateTimeOffset(2099, 1, 1, 0, 0, 0, TimeSpan.Zero)), credentials);
    }

    [Fact]
    public async Task A_failing_credential_process_says_why()
    {
        Config("[profile proc]\ncredential_process = /bin/sh -c 'echo token expired >&2; exit 3'\n");

        var error = await Assert.ThrowsAsync<NoCredentialsException>(() => Resolve(profile: "proc"));

        Assert.Equal("profile 'proc' (credential_process) exited with code 3: token expired", error.Message);
    }

    [Fact]
    public async Task A_source_profile_chain_assumes_each_role_with_the_credentials_before_it()
    {
        Credentials("[base]\naws_access_key_id = AKIABASE\naws_secret_access_key = base-secret\n");
        Config("""
            [profile hop]
            role_arn = arn:aws:iam::111111111111:role/Hop
            source_profile = base
            [profile audit]
            role_arn = arn:aws:iam::222222222222:role/Audit
            source_profile = hop
            external_id = ext-7
            role_session_name = auditor
            duration_seconds = 1800
            """);

        var credentials = await Resolve(profile: "audit");

        Assert.Equal("ASIAROLE1", credentials.AccessKeyId);
        var (hop, audit) = (StsRequests[0], StsRequests[1]);
        Assert.Equal("arn:aws:iam::111111111111:role/Hop", hop.Form("RoleArn"));
        Assert.Contains("Credential=AKIABASE/", hop.Header("Authorization"), StringComparison.Ordinal);
        Assert.Equal("arn:aws:iam::222222222222:role/Audit", audit.Form("RoleArn"));
        Assert.Contains("Credential=ASIAROLE0/", audit.Header("Authorization"), StringComparison.Ordinal);
        Assert.Equal("role-token-0", audit.Header("X-Amz-Security-Token"));
        Assert.Equal(("ext-7", "auditor", "1800"), (audit.Form("ExternalId"), audit.Form("RoleSessionName"), audit.Form("DurationSeconds")));
    }

    [Fact]
    public async Task Role_arn_goes_through_the_same_resolver_as_a_profiles_role()
    {
        Credentials("[base]\naws_access_key_id = AKIABASE\naws_secret_access_key = s\n");
        Config("[profile hop]\nrole_arn = arn:aws:iam::111111111111:role/Hop\nsource_profile = base\n");

        var credentials = await Resolve(profile: "hop", new CredentialOptions("arn:aws:iam::333333333333:role/Scan", "ext-9"));

        Assert.Equal("ASIAROLE1", credentials.AccessKeyId);
        Assert.Equal(["arn:aws:iam::111111111111:role/Hop", "arn:aws:iam::333333333333:role/Scan"], StsRequests.Select(r => r.Form("RoleArn")));
        Assert.Equal("ext-9", StsRequests[1].Form("ExternalId"));
        Assert.Equal("cloud-audit", StsRequests[1].Form("RoleSessionName"));
    }

    [Fact]
    public async Task Credential_source_takes_the_environment_keys()
    {
        Environment["AWS_ACCESS_KEY_ID"] = "AKIAENV";
        Environment["AWS_SECRET_ACCESS_KEY"] = "s";
        Config("[profile ci]\nrole_arn = arn:aws:iam::111111111111:role/Ci\ncredential_source = Environment\n");

        Assert.Equal("ASIAROLE0", (await Resolve(profile: "ci")).AccessKeyId);
        Assert.Contains("Credential=AKIAENV/", StsRequests[0].Header("Authorization"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_looping_source_profile_chain_is_refused()
    {
        Config("[profile a]\nrole_arn = arn:aws:iam::111111111111:role/A\nsource_profile = b\n[profile b]\nrole_arn = arn:aws:iam::111111111111:role/B\nsource_profile = a\n");

        var error = await Assert.ThrowsAsync<AwsConfigurationException>(() => Resolve(profile: "a"));

        Assert.Contains("source_profile loops (a → b → a)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_role_behind_mfa_sends_the_devices_code_or_asks_for_it()
    {
        Credentials("[base]\naws_access_key_id = AKIABASE\naws_secret_access_key = s\n");
        Config("[profile admin]\nrole_arn = arn:aws:iam::111111111111:role/Admin\nsource_profile = base\nmfa_serial = arn:aws:iam::111111111111:mfa/me\n");

        var asked = new List<string>();
        await Resolve(profile: "admin", new CredentialOptions(MfaCode: serial => { asked.Add(serial); return "123456"; }));
        var refused = await Assert.ThrowsAsync<NoCredentialsException>(() => Resolve(profile: "admin"));

        Assert.Equal(["arn:aws:iam::111111111111:mfa/me"], asked);
        Assert.Equal(("arn:aws:iam::111111111111:mfa/me", "123456"), (StsRequests[0].Form("SerialNumber"), StsRequests[0].Form("TokenCode")));
        Assert.Equal("profile 'admin' assumes arn:aws:iam::111111111111:role/Admin with the MFA device arn:aws:iam::111111111111:mfa/me: "
            + "pass its code with --mfa-code, or run on a terminal to be asked for it", refused.Message);
    }

    [Fact]
    public async Task Web_identity_from_the_environment_is_unsigned_and_reads_the_token_file()
    {
        var token = Path.Combine(Home, "token");
        File.WriteAllText(token, "eyJ.oidc.token\n");
        Environment["AWS_WEB_IDENTITY_TOKEN_FILE"] = token;
        Environment["AWS_ROLE_ARN"] = "arn:aws:iam::111111111111:role/GitHub";
        Environment["AWS_ROLE_SESSION_NAME"] = "run-42";

        var credentials = await Resolve();

        Assert.Equal("ASIAROLE0", credentials.AccessKeyId);
        var request = Assert.Single(StsRequests);
        Assert.Equal(("AssumeRoleWithWebIdentity", "eyJ.oidc.token", "run-42"), (request.Form("Action"), request.Form("WebIdentityToken"), request.Form("RoleSessionName")));
        Assert.Null(request.Header("Authorization"));
    }

    [Fact]
    public async Task Web_identity_from_a_profile()
    {
        File.WriteAllText(Path.Combine(Home, "token"), "profile-token");
        Config("[profile eks]\nweb_identity_token_file = ~/token\nrole_arn = arn:aws:iam::111111111111:role/Pod\n");

        await Resolve(profile: "eks");

        Assert.Equal("profile-token", Assert.Single(StsRequests).Form("WebIdentityToken"));
    }

    [Fact]
    public async Task A_refused_assume_role_names_the_role_and_the_code()
    {
        StsAnswer = _ => LoopbackServer.StsError(403, "AccessDenied", "not trusted");
        Credentials("[default]\naws_access_key_id = AKIABASE\naws_secret_access_key = s\n");

        var error = await Assert.ThrowsAsync<NoCredentialsException>(() => Resolve(options: new CredentialOptions("arn:aws:iam::111111111111:role/Audit")));

        Assert.Equal("sts:AssumeRole of arn:aws:iam::111111111111:role/Audit was refused: AccessDenied: not trusted", error.Message);
    }

    [Fact]
    public async Task A_throttled_assume_role_is_retried()
    {
        StsAnswer = request => Sts.Requests.Count <= 4 ? LoopbackServer.StsError(400, "Throttling", "Rate exceeded") : null;
        Credentials("[default]\naws_access_key_id = AKIABASE\naws_secret_access_key = s\n");

        var credentials = await Resolve(options: new CredentialOptions("arn:aws:iam::111111111111:role/Audit"));

        Assert.Equal("ASIAROLE4", credentials.AccessKeyId);
        Assert.Equal(5, StsRequests.Count);
    }

    [Fact]
    public void Sts_is_reached_in_the_home_region_or_globally_with_legacy_endpoints()
    {
        Environment.Remove("AWS_ENDPOINT_URL_STS");
        using (var regional = Http())
            Assert.Equal("https://sts.us-east-1.amazonaws.com/", StsCredentialCalls.Endpoint(regional).Url.ToString());
        Environment["AWS_STS_REGIONAL_ENDPOINTS"] = "legacy";
        using var global = Http();
        Assert.Equal("https://sts.amazonaws.com/", StsCredentialCalls.Endpoint(global).Url.ToString());
    }

    [Fact]
    public async Task Nothing_configured_and_a_missing_profile_are_said_plainly()
    {
        var nothing = await Assert.ThrowsAsync<NoCredentialsException>(() => Resolve());
        var missing = await Assert.ThrowsAsync<NoCredentialsException>(() => Resolve(profile: "nope"));
        Config("[profile bare]\nregion = eu-west-1\n");
        var bare = await Assert.ThrowsAsync<NoCredentialsException>(() => Resolve(profile: "bare"));

        Assert.True(nothing.NothingConfigured);
        Assert.StartsWith("No AWS credentials found", nothing.Message, StringComparison.Ordinal);
        Assert.StartsWith("AWS profile 'nope' was not found in ", missing.Message, StringComparison.Ordinal);
        Assert.StartsWith("AWS profile 'bare' has no credentials", bare.Message, StringComparison.Ordinal);
    }
}
