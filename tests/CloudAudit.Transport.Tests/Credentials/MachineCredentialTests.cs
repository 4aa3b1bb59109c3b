using System.Text.Json.Nodes;
using CloudAudit.Transport.Configuration;
using CloudAudit.Transport.Credentials;
using CloudAudit.Transport.Http;

namespace CloudAudit.Transport.Tests.Credentials;

/// <summary>Container and instance metadata credentials against loopback fakes, and renewal in the middle of a scan.</summary>
public sealed class MachineCredentialTests : CredentialFixture
{
    private string MetadataDocument(string key) => new JsonObject
    {
        ["Code"] = "Success", ["AccessKeyId"] = key, ["SecretAccessKey"] = "machine-secret", ["Token"] = "machine-token",
        ["Expiration"] = Clock.Now.AddHours(6).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ"),
    }.ToJsonString();

    [Fact]
    public async Task Container_credentials_send_the_token_read_from_its_file()
    {
        using var agent = new LoopbackServer(request => new LoopbackResponse(200, MetadataDocument("ASIACONTAINER")));
        File.WriteAllText(Path.Combine(Home, "pod-token"), "pod-identity-token\n");
        Environment["AWS_CONTAINER_CREDENTIALS_FULL_URI"] = new Uri(agent.Url, "v1/credentials").ToString();
        Environment["AWS_CONTAINER_AUTHORIZATION_TOKEN"] = "ignored-when-a-file-is-given";
        Environment["AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"] = Path.Combine(Home, "pod-token");

        var credentials = await Resolve();

        Assert.Equal(("ASIACONTAINER", "machine-token"), (credentials.AccessKeyId, credentials.SessionToken));
        var request = Assert.Single(agent.Requests);
        Assert.Equal(("GET", "/v1/credentials", "pod-identity-token"), (request.Method, request.PathAndQuery, request.Header("Authorization")));
    }

    [Fact]
    public async Task A_container_uri_that_is_neither_https_nor_a_container_address_is_refused()
    {
        Environment["AWS_CONTAINER_CREDENTIALS_FULL_URI"] = "http://metadata.example.com/creds";

        var error = await Assert.ThrowsAsync<NoCredentialsException>(() => Resolve());

        Assert.Contains("must use https, a loopback address or a container credentials address", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Instance_metadata_takes_an_imdsv2_token_then_the_roles_credentials()
    {
        using var imds = new LoopbackServer(request => (request.Method, request.PathAndQuery) switch
        {
            ("PUT", "/latest/api/token") => new LoopbackResponse(200, "imds-session-token", "text/plain"),
            (_, _) when request.Header("X-aws-ec2-metadata-token") != "imds-session-token" => new LoopbackResponse(401, "", "text/plain"),
            ("GET", "/latest/meta-data/iam/security-credentials/") => new LoopbackResponse(200, "web-server-role\n", "text/plain"),
            ("GET", "/latest/meta-data/iam/security-credentials/web-server-role") => new LoopbackResponse(200, MetadataDocument("ASIAINSTANCE")),
            _ => new LoopbackResponse(404, "", "text/plain"),
        });
        Environment.Remove("AWS_EC2_METADATA_DISABLED");
        Environment["AWS_EC2_METADATA_SERVICE_ENDPOINT"] = imds.Url.ToString();

        var credentials = await Resolve();

        Assert.Equal("ASIAINSTANCE", credentials.AccessKeyId);
        var requests = imds.Requests.ToList();
        Assert.Equal("21600", requests[0].Header("X-aws-ec2-metadata-token-ttl-seconds"));
        Assert.Equal(3, requests.Count);
    }

    [Fact]
    public async Task Instance_metadata_falls_back_to_imdsv1_only_when_allowed()
    {
        using var imds = new LoopbackServer(request => (request.Method, request.PathAndQuery) switch
        {
            ("GET", "/latest/meta-data/iam/security-credentials/") => new LoopbackResponse(200, "legacy-role", "text/plain"),
            ("GET", "/latest/meta-data/iam/security-credentials/legacy-role") => new LoopbackResponse(200, MetadataDocument("ASIAV1")),
            _ => new LoopbackResponse(404, "", "text/plain"),
        });
        Environment.Remove("AWS_EC2_METADATA_DISABLED");
        Environment["AWS_EC2_METADATA_SERVICE_ENDPOINT"] = imds.Url.ToString();

        Assert.Equal("ASIAV1", (await Resolve()).AccessKeyId);
        Assert.Null(imds.Requests.Last().Header("X-aws-ec2-metadata-token"));
        Environment["AWS_EC2_METADATA_V1_DISABLED"] = "true";
        var error = await Assert.ThrowsAsync<NoCredentialsException>(() => Resolve());
        Assert.Contains("refused a session token (HTTP 404)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Credentials_expiring_during_a_scan_are_renewed_and_the_next_requests_use_the_new_ones()
    {
        // One fake for STS and the scanned service: AssumeRole hands out credentials for 20 minutes.
        var signedWith = new List<string>();
        using var aws = new LoopbackServer(request =>
        {
            if (request.Form("Action") == "AssumeRole")
            {
                var answer = LoopbackServer.StsCredentials("AssumeRole", signedWith.Count(k => k == "assume"), Clock.Now.AddMinutes(20));
                signedWith.Add("assume");
                return answer;
            }
            signedWith.Add(request.Header("Authorization")!.Split("Credential=")[1].Split('/')[0]);
            return new LoopbackResponse(200, """{"Attributes":{}}""", "application/x-amz-json-1.0");
        });
        Credentials("[default]\naws_access_key_id = AKIABASE\naws_secret_access_key = s\n");
        Environment["AWS_ENDPOINT_URL"] = aws.Url.ToString();
        Environment.Remove("AWS_ENDPOINT_URL_STS");
        var settings = AwsSettings.Load(new AwsEnvironment(Environment.GetValueOrDefault));

        using var client = AwsClient.Create(settings, new CredentialOptions("arn:aws:iam::111111111111:role/Audit"), "us-east-1",
            o => o with { Clock = Clock, RetryBaseDelay = TimeSpan.Zero });
        async Task Read() => Assert.True((await client.ReadAsync("sqs", "us-east-1", "GetQueueAttributes",
            new JsonObject { ["QueueUrl"] = "https://sqs.us-east-1.amazonaws.com/111111111111/q" }, CancellationToken.None)).Succeeded);

        await Read();
        Clock.Now = Clock.Now.AddMinutes(10);
        await Read();
        Clock.Now = Clock.Now.AddMinutes(6); // four minutes before expiry: inside the renewal margin
        await Read();
        await Read();

        Assert.Equal(["assume", "ASIAROLE0", "ASIAROLE0", "assume", "ASIAROLE1", "ASIAROLE1"], signedWith);
    }
}
