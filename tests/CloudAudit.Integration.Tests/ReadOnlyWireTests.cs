using CloudAudit.Integration.Tests.Moto;
using CloudAudit.Transport.Http;
using static CloudAudit.Integration.Tests.Scenarios;

namespace CloudAudit.Integration.Tests;

/// <summary>Every request a live scan and a collection put on the wire, seen by a proxy, was a read.</summary>
[Collection(nameof(MotoCollection))]
public sealed class ReadOnlyWireTests(MotoServer moto)
{
    /// <summary>SigV4 signing names that differ from the service names of the models.</summary>
    private static readonly Dictionary<string, string> ModelNames = new() { ["monitoring"] = "cloudwatch" };

    [MotoFact]
    public void Every_request_of_a_scan_and_a_collection_is_a_read()
    {
        using var proxy = new FaultProxy(moto.Endpoint);
        var inventory = Path.Combine(Path.GetTempPath(), $"cloud-audit-{Guid.NewGuid():N}.json");
        try
        {
            var scan = moto.Scan("monitored", "--endpoint-url", proxy.Endpoint.ToString());
            var collect = CliRunner.Run("collect", "--role-arn", moto.RoleArn("monitored"), "--regions", Regions,
                "--endpoint-url", proxy.Endpoint.ToString(), "--output", inventory);
            Assert.Equal(0, scan.ExitCode);
            Assert.Equal(0, collect.ExitCode);
        }
        finally
        {
            File.Delete(inventory);
        }

        var requests = proxy.Requests.ToList();
        // The one write: the credential provider's sts:AssumeRole for --role-arn, once per command. It creates a session, no resource.
        Assert.Equal(2, requests.Count(r => r is { Service: "sts", Operation: "AssumeRole" }));
        var rpc = requests.Where(r => r.Operation is not null && r.Operation != "AssumeRole").ToList();
        var rest = requests.Where(r => r.Operation is null).ToList();
        Assert.True(rpc.Count > 20, string.Join("\n", requests));
        Assert.Contains(rest, r => r.Service == "s3");
        Assert.All(rpc, r => Assert.True(AwsClient.CanRead(ModelNames.GetValueOrDefault(r.Service, r.Service), r.Operation!), $"not a read: {r}"));
        // REST operations are not named on the wire; none of them may use a write method.
        Assert.All(rest, r => Assert.True(r.Method is "GET" or "HEAD", $"not a read: {r}"));
    }
}
