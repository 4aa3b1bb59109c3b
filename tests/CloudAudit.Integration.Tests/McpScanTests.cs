using System.Text.Json;
using CloudAudit.Integration.Tests.Moto;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using static CloudAudit.Integration.Tests.Scenarios;

namespace CloudAudit.Integration.Tests;

/// <summary>
/// <c>scan_aws</c> of the MCP server against a moto account, through the proxy that sees every request: the server
/// is the real <c>cloud-audit mcp</c> process, reaching moto through <c>--endpoint-url</c> with the environment's
/// credentials (AWS_ENDPOINT_URL and the keys the moto fixture sets) and <c>--role-arn</c>, as a client would start it.
/// </summary>
[Collection(nameof(MotoCollection))]
public sealed class McpScanTests(MotoServer moto)
{
    [MotoFact]
    public async Task Scan_aws_over_mcp_finds_what_the_cli_finds_with_reads_only()
    {
        using var proxy = new FaultProxy(moto.Endpoint);
        var home = Directory.CreateTempSubdirectory("cloud-audit-mcp-moto-").FullName;
        var transport = new StdioClientTransport(new StdioClientTransportOptions
        {
            Command = "dotnet",
            Arguments = [Path.Combine(AppContext.BaseDirectory, "cloud-audit.dll"), "mcp", "--history", Path.Combine(home, "history.db"),
                "--role-arn", moto.RoleArn("exposed"), "--endpoint-url", proxy.Endpoint.ToString()],
            WorkingDirectory = home,
        });
        await using (var client = await McpClient.CreateAsync(transport))
        {
            var progress = 0;
            var scan = await client.CallToolAsync("scan_aws", new Dictionary<string, object?> { ["regions"] = Regions },
                new Progress<ProgressNotificationValue>(_ => Interlocked.Increment(ref progress)));
            Assert.False(scan.IsError == true, string.Join("\n", scan.Content.OfType<ModelContextProtocol.Protocol.TextContentBlock>().Select(b => b.Text)));
            var summary = Assert.IsType<JsonElement>(scan.StructuredContent);
            Assert.Equal("live", summary.GetProperty("source").GetString());
            Assert.Equal(moto.Accounts["exposed"], summary.GetProperty("account_id").GetString());
            Assert.Contains(summary.GetProperty("notes").EnumerateArray(), n => n.GetString()!.StartsWith("recorded as scan", StringComparison.Ordinal));
            Assert.True(progress > 0, "scan_aws sends progress notifications");

            var found = new List<string>();
            var cursor = "";
            do
            {
                var page = (JsonElement)(await client.CallToolAsync("get_findings", new Dictionary<string, object?> { ["limit"] = 100, ["cursor"] = cursor })).StructuredContent!;
                found.AddRange(page.GetProperty("findings").EnumerateArray().Select(Key));
                cursor = page.GetProperty("page").GetProperty("next_cursor").GetString() ?? "";
            }
            while (cursor.Length > 0);

            // The CLI's scan of the same account and regions finds the same.
            var cli = moto.ScanAll("exposed");
            var expected = cli.Report.GetProperty("results").EnumerateArray().SelectMany(r => r.GetProperty("findings").EnumerateArray()).Select(Key);
            Assert.NotEmpty(found);
            Assert.Equal(expected.Order(), found.Order());
        }

        var requests = proxy.Requests.ToList();
        Assert.Single(requests, r => r is { Service: "sts", Operation: "AssumeRole" });
        var (rpc, _) = ReadOnlyWireTests.AssertReads(requests);
        Assert.True(rpc.Count > 20, string.Join("\n", requests));
        Directory.Delete(home, recursive: true);
    }

    private static string Key(JsonElement finding) =>
        $"{finding.GetProperty("check_id").GetString()} {finding.GetProperty("region").GetString()} {finding.GetProperty("resource_id").GetString()}";
}
