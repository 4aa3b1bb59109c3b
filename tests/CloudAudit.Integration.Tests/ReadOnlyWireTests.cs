using CloudAudit.Integration.Tests.Moto;
using CloudAudit.Transport.Http;
using static CloudAudit.Integration.Tests.Scenarios;

namespace CloudAudit.Integration.Tests;

/// <summary>Every request a live scan and a collection put on the wire, seen by a proxy, was a read.</summary>
[Collection(nameof(MotoCollection))]
public sealed class ReadOnlyWireTests(MotoServer moto)
{
    /// <summary>SigV4 signing names that differ from the service names of the models.</summary>
    // Signing names on the wire that differ from the botocore service name.
    private static readonly Dictionary<string, string> ModelNames = new() { ["monitoring"] = "cloudwatch", ["elasticloadbalancing"] = "elbv2" };

    /// <param name="scenario">monitored: the CIS monitoring chain; exposed: resources in every catalogued service, so
    /// that every per-resource read (key rotation, continuous backups, function URLs, task definitions …) is sent.</param>
    [MotoTheory]
    [InlineData("monitored")]
    [InlineData("exposed")]
    public void Every_request_of_a_scan_and_a_collection_is_a_read(string scenario)
    {
        using var proxy = new FaultProxy(moto.Endpoint);
        var inventory = Path.Combine(Path.GetTempPath(), $"cloud-audit-{Guid.NewGuid():N}.json");
        try
        {
            // Every check, so every declared read goes over the wire; the account has findings outside the monitoring family.
            var scan = moto.ScanAll(scenario, "--endpoint-url", proxy.Endpoint.ToString());
            var collect = CliRunner.Run("collect", "--role-arn", moto.RoleArn(scenario), "--regions", Regions,
                "--endpoint-url", proxy.Endpoint.ToString(), "--output", inventory);
            Assert.True(scan.ExitCode is 0 or 1, scan.Stderr);
            Assert.Equal(0, collect.ExitCode);
        }
        finally
        {
            File.Delete(inventory);
        }

        var requests = proxy.Requests.ToList();
        // The one write: the credential provider's sts:AssumeRole for --role-arn, once per command. It creates a session, no resource.
        Assert.Equal(2, requests.Count(r => r is { Service: "sts", Operation: "AssumeRole" }));
        var (rpc, rest) = AssertReads(requests);
        Assert.True(rpc.Count > 20, string.Join("\n", requests));
        Assert.Contains(rest, r => r.Service == "s3");
        if (scenario == "exposed")
            foreach (var perResource in new[] { "DescribeContinuousBackups", "DescribeInstanceAttribute", "DescribeTaskDefinition", "GetKeyRotationStatus" })
                Assert.Contains(rpc, r => r.Operation == perResource);
    }

    /// <summary>
    /// Every request but sts:AssumeRole is a read: RPC operations by name, REST ones by method and path against the
    /// models' URI templates. Returns the RPC and REST requests.
    /// </summary>
    internal static (List<WireRequest> Rpc, List<WireRequest> RestCalls) AssertReads(IReadOnlyList<WireRequest> requests)
    {
        var rpc = requests.Where(r => r.Operation is not null && r.Operation != "AssumeRole").ToList();
        var rest = requests.Where(r => r.Operation is null).ToList();
        Assert.All(rpc, r => Assert.True(AwsClient.CanRead(ModelNames.GetValueOrDefault(r.Service, r.Service), r.Operation!), $"not a read: {r}"));
        // REST operations are not named on the wire: identify them by method and path against the models' URI templates.
        // GET and HEAD are reads; a POST (some services list with POST) must be one of the embedded, allowed operations.
        Assert.All(rest, r => Assert.True(r.Method is "GET" or "HEAD"
            || AwsClient.IdentifyRestRequest(r.Service, r.Method, r.Path) is { Count: > 0 } candidates && candidates.All(c => AwsClient.CanRead(c.Service, c.Operation)),
            $"not a read: {r}"));
        return (rpc, rest);
    }
}
