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
        using var proxy = new FaultProxy(moto.Endpoint).WithEmptyEventHistory();
        var home = Directory.CreateTempSubdirectory("cloud-audit-mcp-moto-").FullName;
        await using (var client = await StartAsync("exposed", proxy, home))
        {
            var progress = 0;
            var scan = await client.CallToolAsync("scan_aws", new Dictionary<string, object?> { ["regions"] = Regions },
                new Progress<ProgressNotificationValue>(_ => Interlocked.Increment(ref progress)));
            Assert.False(scan.IsError == true, Text(scan));
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

    /// <summary>
    /// verify on the access tools asks AWS's evaluator through the scan's own role and endpoint, as <c>access --verify</c>
    /// does: recorded SimulatePrincipalPolicy answers (moto has none) confirm one answer and contradict another.
    /// </summary>
    [MotoFact]
    public async Task Verify_over_mcp_asks_AWS_s_evaluator_with_the_scan_s_credentials()
    {
        var account = moto.Accounts["access"];
        var analyst = $"arn:aws:iam::{account}:user/analyst";
        var admin = $"arn:aws:iam::{account}:user/managed-admin";
        var objectArn = $"arn:aws:s3:::reports-{account}/q1.csv";
        // The other principals who_can verifies (moto has no SimulatePrincipalPolicy) get a refusal.
        using var proxy = new FaultProxy(moto.Endpoint).WithEmptyEventHistory().RefusingSimulations(account)
            .Answer(r => FaultProxy.Simulates(r, analyst), Recorded.Xml("iam/SimulatePrincipalPolicy-allowed.xml",
                ("action", "s3:GetObject"), ("resource", objectArn), ("policy", "read")))
            .Answer(r => FaultProxy.Simulates(r, admin), Recorded.Xml("iam/SimulatePrincipalPolicy-boundary-denies.xml",
                ("action", "iam:CreateUser"), ("resource", "*")));
        var home = Directory.CreateTempSubdirectory("cloud-audit-mcp-verify-").FullName;
        await using (var client = await StartAsync("access", proxy, home))
        {
            var scan = await client.CallToolAsync("scan_aws", new Dictionary<string, object?> { ["regions"] = "us-east-1" });
            Assert.False(scan.IsError == true, Text(scan));

            var read = await client.CallToolAsync("can_i", new Dictionary<string, object?>
            {
                ["principal"] = analyst, ["action"] = "s3:GetObject", ["resource"] = objectArn, ["verify"] = true,
                ["context"] = new Dictionary<string, string> { ["aws:SourceIp"] = "203.0.113.9" },
            });
            var answer = Assert.IsType<JsonElement>(read.StructuredContent).GetProperty("answer");
            Assert.True(answer.GetProperty("verified").GetBoolean(), Text(read));
            Assert.StartsWith("AWS's evaluator agrees: allowed", answer.GetProperty("verification").GetString());
            var asked = FaultProxy.Form(Assert.Single(proxy.Requests, r => FaultProxy.Simulates(r, analyst)));
            Assert.Contains($"ResourceArns.member.1={objectArn}&", asked);
            Assert.Contains("ContextKeyValues.member.1=203.0.113.9&", asked);

            var create = await client.CallToolAsync("can_i", new Dictionary<string, object?> { ["principal"] = admin, ["action"] = "iam:CreateUser", ["verify"] = true });
            answer = Assert.IsType<JsonElement>(create.StructuredContent).GetProperty("answer");
            Assert.False(answer.GetProperty("verified").GetBoolean(), Text(create));
            Assert.Equal("the permissions boundary", answer.GetProperty("denied_by").GetString());
            Assert.Contains("Proof Mode: AWS and cloud-audit disagree", Text(create));

            // who_can verifies the page's principals; the partner account a bucket policy admits cannot be asked about.
            var who = await client.CallToolAsync("who_can", new Dictionary<string, object?> { ["action"] = "s3:GetObject", ["resource"] = objectArn, ["verify"] = true });
            var parties = Assert.IsType<JsonElement>(who.StructuredContent).GetProperty("principals").EnumerateArray().ToList();
            Assert.True(parties.Single(p => p.GetProperty("principal").GetString() == analyst).GetProperty("verified").GetBoolean());
            var partner = parties.First(p => p.GetProperty("principal").GetString()!.Contains("444455556666", StringComparison.Ordinal));
            Assert.Equal(JsonValueKind.Null, partner.GetProperty("verified").ValueKind);
            Assert.StartsWith("an outside party", partner.GetProperty("verification").GetString());
        }
        var simulations = proxy.Requests.Where(FaultProxy.IsSimulation).ToList();
        Assert.True(simulations.Count >= 3, string.Join("\n", simulations));
        Directory.Delete(home, recursive: true);
    }

    /// <summary>The real <c>cloud-audit mcp</c> reaching the scenario's account through the proxy, with the fixture's credentials.</summary>
    private async Task<McpClient> StartAsync(string scenario, FaultProxy proxy, string home) =>
        await McpClient.CreateAsync(new StdioClientTransport(new StdioClientTransportOptions
        {
            Command = "dotnet",
            Arguments = [Path.Combine(AppContext.BaseDirectory, "cloud-audit.dll"), "mcp", "--history", Path.Combine(home, "history.db"),
                "--role-arn", moto.RoleArn(scenario), "--endpoint-url", proxy.Endpoint.ToString()],
            WorkingDirectory = home,
        }));

    private static string Text(ModelContextProtocol.Protocol.CallToolResult result) =>
        string.Join("\n", result.Content.OfType<ModelContextProtocol.Protocol.TextContentBlock>().Select(b => b.Text));

    private static string Key(JsonElement finding) =>
        $"{finding.GetProperty("check_id").GetString()} {finding.GetProperty("region").GetString()} {finding.GetProperty("resource_id").GetString()}";
}
