using CloudAudit.Transport.Configuration;
using CloudAudit.Transport.Credentials;

namespace CloudAudit.Transport.Tests.Credentials;

/// <summary>
/// A fresh home (shared config and credentials files, the SSO cache), an environment of the test's own, and a fake
/// STS on loopback that hands out numbered credentials; instance metadata is off unless a test points it somewhere.
/// </summary>
public abstract class CredentialFixture : IDisposable
{
    protected CredentialFixture()
    {
        Home = Directory.CreateTempSubdirectory("cloud-audit-creds").FullName;
        Directory.CreateDirectory(Path.Combine(Home, ".aws"));
        Environment["HOME"] = Home;
        Environment["AWS_EC2_METADATA_DISABLED"] = "true";
        Sts = new LoopbackServer(request =>
        {
            var operation = request.Form("Action")!;
            return StsAnswer?.Invoke(request) ?? LoopbackServer.StsCredentials(operation, Sts!.Requests.Count - 1, Clock.Now.AddHours(1));
        });
        Environment["AWS_ENDPOINT_URL_STS"] = Sts.Url.ToString();
    }

    protected string Home { get; }
    protected Dictionary<string, string> Environment { get; } = [];
    protected LoopbackServer Sts { get; }
    protected ManualClock Clock { get; } = new();

    /// <summary>Replaces the fake STS's answer (null keeps the default).</summary>
    protected Func<LoopbackRequest, LoopbackResponse?>? StsAnswer { get; set; }

    protected void Config(string text) => File.WriteAllText(Path.Combine(Home, ".aws", "config"), text);
    protected void Credentials(string text) => File.WriteAllText(Path.Combine(Home, ".aws", "credentials"), text);

    protected CredentialHttp Http(string? profile = null) =>
        new(AwsSettings.Load(new AwsEnvironment(Environment.GetValueOrDefault), profile), "us-east-1", clock: Clock) { RetryBaseDelay = TimeSpan.Zero };

    protected async Task<AwsCredentials> Resolve(string? profile = null, CredentialOptions? options = null)
    {
        using var http = Http(profile);
        return await CredentialChain.Resolve(http, options ?? new CredentialOptions()).CurrentAsync();
    }

    protected List<LoopbackRequest> StsRequests => Sts.Requests.ToList();

    /// <summary>Stops the test's own fakes.</summary>
    protected virtual void Dispose(bool disposing)
    {
    }

    public void Dispose()
    {
        Dispose(true);
        Sts.Dispose();
        Directory.Delete(Home, recursive: true);
        GC.SuppressFinalize(this);
    }
}
