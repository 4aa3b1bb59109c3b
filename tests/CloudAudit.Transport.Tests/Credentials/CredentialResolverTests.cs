using System.Net;
using Amazon.Runtime;
using Amazon.SecurityToken;
using CloudAudit.Transport.Credentials;
using CloudAudit.Transport.Tests.Http;

namespace CloudAudit.Transport.Tests.Credentials;

/// <summary>Tests that change the process environment; they run one at a time.</summary>
[CollectionDefinition(nameof(ProcessEnvironment), DisableParallelization = true)]
public sealed class ProcessEnvironment;

[Collection(nameof(ProcessEnvironment))]
public sealed class CredentialResolverTests : IDisposable
{
    private static readonly string[] Variables =
    [
        "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE", "AWS_DEFAULT_PROFILE",
        "AWS_SHARED_CREDENTIALS_FILE", "AWS_CONFIG_FILE", "AWS_EC2_METADATA_DISABLED", "AWS_WEB_IDENTITY_TOKEN_FILE",
        "AWS_ROLE_ARN", "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "AWS_CONTAINER_CREDENTIALS_FULL_URI",
    ];

    // One home for the whole run: AWSSDK.Core remembers the config and credentials file paths it first saw.
    private static readonly string home = Directory.CreateTempSubdirectory("cloud-audit-creds").FullName;

    private readonly Dictionary<string, string?> saved = Variables.ToDictionary(v => v, Environment.GetEnvironmentVariable);

    public CredentialResolverTests()
    {
        foreach (var variable in Variables)
            Environment.SetEnvironmentVariable(variable, null);
        // An empty home: no stray profile from the machine, and no waiting on instance metadata.
        Environment.SetEnvironmentVariable("AWS_SHARED_CREDENTIALS_FILE", Path.Combine(home, "credentials"));
        Environment.SetEnvironmentVariable("AWS_CONFIG_FILE", Path.Combine(home, "config"));
        Environment.SetEnvironmentVariable("AWS_EC2_METADATA_DISABLED", "true");
        File.WriteAllText(Path.Combine(home, "credentials"), "");
        File.WriteAllText(Path.Combine(home, "config"), "");
    }

    public void Dispose()
    {
        foreach (var (variable, value) in saved)
            Environment.SetEnvironmentVariable(variable, value);
    }

    [Fact]
    public async Task Reads_keys_from_the_environment()
    {
        Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", "AKIAENVIRONMENT");
        Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", "env-secret");
        Environment.SetEnvironmentVariable("AWS_SESSION_TOKEN", "env-token");

        var current = await CredentialResolver.CurrentAsync(CredentialResolver.Resolve(CloudAudit.Transport.Configuration.AwsSettings.Defaults, new CredentialOptions(), "us-east-1"));

        Assert.Equal(new("AKIAENVIRONMENT", "env-secret", "env-token"), current);
    }

    [Fact]
    public async Task Reads_a_named_profile_from_the_shared_credentials_file()
    {
        File.WriteAllText(Path.Combine(home, "credentials"), "[audit]\naws_access_key_id = AKIAPROFILE\naws_secret_access_key = profile-secret\n");

        var current = await CredentialResolver.CurrentAsync(CredentialResolver.Resolve(CloudAudit.Transport.Configuration.AwsSettings.Defaults, new CredentialOptions(Profile: "audit"), "us-east-1"));

        Assert.Equal(new("AKIAPROFILE", "profile-secret", null), current);
    }

    [Fact]
    public async Task Runs_credential_process_from_the_config_file()
    {
        var script = Path.Combine(home, "creds.sh");
        File.WriteAllText(script, """
            #!/bin/sh
            echo '{"Version": 1, "AccessKeyId": "AKIAPROCESS", "SecretAccessKey": "process-secret", "SessionToken": "process-token", "Expiration": "2099-01-01T00:00:00Z"}'
            """.Replace("\r\n", "\n", StringComparison.Ordinal));
        File.WriteAllText(Path.Combine(home, "config"), $"[profile proc]\ncredential_process = /bin/sh {script}\n");

        var current = await CredentialResolver.CurrentAsync(CredentialResolver.Resolve(CloudAudit.Transport.Configuration.AwsSettings.Defaults, new CredentialOptions(Profile: "proc"), "us-east-1"));

        Assert.Equal(new("AKIAPROCESS", "process-secret", "process-token"), current);
    }

    [Fact]
    public void A_missing_profile_is_a_clear_error()
    {
        var error = Assert.Throws<NoCredentialsException>(() => CredentialResolver.Resolve(CloudAudit.Transport.Configuration.AwsSettings.Defaults, new CredentialOptions(Profile: "nope"), "us-east-1"));

        Assert.Contains("'nope'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_credentials_anywhere_is_a_clear_error()
    {
        var error = await Record.ExceptionAsync(async () =>
            await CredentialResolver.CurrentAsync(CredentialResolver.Resolve(CloudAudit.Transport.Configuration.AwsSettings.Defaults, new CredentialOptions(), "us-east-1")));

        Assert.IsType<NoCredentialsException>(error);
    }

    [Fact]
    public async Task Assumes_a_role_with_an_external_id_and_renews_before_expiry()
    {
        Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", "AKIASOURCE");
        Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", "source-secret");
        var options = new CredentialOptions(RoleArn: "arn:aws:iam::111122223333:role/Audit", ExternalId: "ext-42");

        var clock = new FakeClock();
        var handler = new FakeHandler((_, _, i) => FakeHandler.Respond(HttpStatusCode.OK, AssumeRoleResponse(i, clock.CorrectedUtcNow.AddHours(1))));
        var source = CredentialResolver.Resolve(CloudAudit.Transport.Configuration.AwsSettings.Defaults, new CredentialOptions(), "us-east-1");
        var credentials = new AssumeRoleCredentials(FakeSts(source, handler), options.RoleArn!, options.RoleSessionName, options.ExternalId, clock);

        var first = await CredentialResolver.CurrentAsync(credentials);
        clock.CorrectedUtcNow = clock.CorrectedUtcNow.AddMinutes(30);
        var stillFirst = await CredentialResolver.CurrentAsync(credentials);
        clock.CorrectedUtcNow = clock.CorrectedUtcNow.AddMinutes(29.5);
        var renewed = await CredentialResolver.CurrentAsync(credentials);

        Assert.Equal(new("ASIAROLE0", "role-secret-0", "role-token-0"), first);
        Assert.Equal("ASIAROLE0", stillFirst.AccessKeyId);
        // Half a minute before expiry is inside the SDK's renewal margin.
        Assert.Equal("ASIAROLE1", renewed.AccessKeyId);
        Assert.Equal(2, handler.Requests.Count);
        var body = handler.Requests[0].Body;
        Assert.Contains("Action=AssumeRole", body, StringComparison.Ordinal);
        Assert.Contains("ExternalId=ext-42", body, StringComparison.Ordinal);
        Assert.Contains("RoleArn=arn%3Aaws%3Aiam%3A%3A111122223333%3Arole%2FAudit", body, StringComparison.Ordinal);
        Assert.Contains("Credential=AKIASOURCE/", FakeHandler.Authorization(handler.Requests[0].Request), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_assume_role_is_a_clear_error()
    {
        var handler = new FakeHandler((_, _, _) => FakeHandler.Respond(HttpStatusCode.Forbidden,
            "<ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>not trusted</Message></Error></ErrorResponse>"));
        Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", "AKIASOURCE");
        Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", "source-secret");

        var credentials = CredentialResolver.Resolve(CloudAudit.Transport.Configuration.AwsSettings.Defaults, new CredentialOptions(RoleArn: "arn:aws:iam::111122223333:role/Audit"), "us-east-1",
            source => FakeSts(source, handler));
        var error = await Assert.ThrowsAsync<NoCredentialsException>(() => CredentialResolver.CurrentAsync(credentials));

        Assert.Contains("AccessDenied", error.Message, StringComparison.Ordinal);
    }

    private static AmazonSecurityTokenServiceClient FakeSts(AWSCredentials source, HttpMessageHandler handler) =>
        new(source, new AmazonSecurityTokenServiceConfig
        {
            ServiceURL = "https://sts.us-east-1.amazonaws.com",
            AuthenticationRegion = "us-east-1",
            HttpClientFactory = new FixedHttpClientFactory(handler),
            MaxErrorRetry = 0,
        });

    private static string AssumeRoleResponse(int index, DateTime expiration) => $"""
        <AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
          <AssumeRoleResult>
            <Credentials>
              <AccessKeyId>ASIAROLE{index}</AccessKeyId><SecretAccessKey>role-secret-{index}</SecretAccessKey>
              <SessionToken>role-token-{index}</SessionToken><Expiration>{expiration:yyyy-MM-ddTHH:mm:ssZ}</Expiration>
            </Credentials>
            <AssumedRoleUser><Arn>arn:aws:sts::111122223333:assumed-role/Audit/cloud-audit</Arn><AssumedRoleId>AROA:cloud-audit</AssumedRoleId></AssumedRoleUser>
          </AssumeRoleResult>
          <ResponseMetadata><RequestId>r-sts</RequestId></ResponseMetadata>
        </AssumeRoleResponse>
        """;

    private sealed class FakeClock : Amazon.Util.Internal.ITimeProvider
    {
        public DateTime CorrectedUtcNow { get; set; } = DateTime.UtcNow;
    }

    private sealed class FixedHttpClientFactory(HttpMessageHandler handler) : HttpClientFactory
    {
        public override HttpClient CreateHttpClient(IClientConfig clientConfig) => new(handler, disposeHandler: false);

        public override bool UseSDKHttpClientCaching(IClientConfig clientConfig) => false;

        public override bool DisposeHttpClientsAfterUse(IClientConfig clientConfig) => true;
    }
}
