using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using CloudAudit.Mcp.Tests.Support;
using Json.Schema;
using ModelContextProtocol;

namespace CloudAudit.Mcp.Tests;

/// <summary>The server as a protocol peer: handshake, the tool list and its schemas, errors, and a clean stdout.</summary>
public sealed class ProtocolTests
{
    /// <summary>The reference tool's seven and ours.</summary>
    public static readonly string[] ToolNames =
    [
        "scan_aws", "scan_snapshot", "demo_scan", "get_findings", "get_attack_chains", "get_remediation", "get_health_score",
        "list_checks", "get_agent_blast", "explain_check", "blast_radius", "list_frameworks", "get_compliance", "diff_scans", "get_trend",
        "access_admins", "who_can", "can_i",
    ];

    private static readonly (string Tool, string[] Parameters)[] ReferenceParameters =
    [
        ("scan_aws", ["profile", "regions", "min_severity"]), ("get_findings", ["severity", "service", "limit"]),
        ("get_remediation", ["check_id"]), ("get_agent_blast", ["agent"]),
    ];

    [Fact]
    public async Task Initialize_names_the_server_and_lists_every_tool_with_a_valid_input_and_output_schema()
    {
        await using var server = await McpServerRun.StartAsync();
        Assert.Equal("cloud-audit", server.Client.ServerInfo?.Name);
        Assert.False(string.IsNullOrEmpty(server.Client.ServerInfo?.Version));
        Assert.Contains("read-only", server.Client.ServerInstructions ?? "");

        var tools = await server.Client.ListToolsAsync();
        Assert.Equal(ToolNames.Order(), tools.Select(t => t.Name).Order());
        foreach (var tool in tools.Select(t => t.ProtocolTool))
        {
            Assert.Equal("object", tool.InputSchema.GetProperty("type").GetString());
            JsonSchema.FromText(tool.InputSchema.GetRawText());
            Assert.NotNull(tool.OutputSchema);
            Assert.Equal("object", tool.OutputSchema.Value.GetProperty("type").GetString());
            JsonSchema.FromText(tool.OutputSchema.Value.GetRawText());
            Assert.True(tool.Description?.Length > 100, $"{tool.Name}: the description should tell an assistant when to use it");
            // Every parameter is described too.
            if (tool.InputSchema.TryGetProperty("properties", out var properties))
                foreach (var parameter in properties.EnumerateObject())
                    Assert.True(parameter.Value.TryGetProperty("description", out _), $"{tool.Name}.{parameter.Name} has no description");
            Assert.True(tool.Annotations?.ReadOnlyHint, $"{tool.Name} must be read-only");
            Assert.False(tool.Annotations?.DestructiveHint, $"{tool.Name} must not be destructive");
        }
        // The reference tool's parameters keep their names.
        foreach (var (name, parameters) in ReferenceParameters)
        {
            var properties = tools.Single(t => t.Name == name).ProtocolTool.InputSchema.GetProperty("properties");
            foreach (var parameter in parameters)
                Assert.True(properties.TryGetProperty(parameter, out _), $"{name} lacks the reference's parameter '{parameter}'");
        }
    }

    [Fact]
    public async Task A_query_before_any_scan_is_a_tool_error_that_names_the_scan_tools()
    {
        await using var server = await McpServerRun.StartAsync();
        foreach (var tool in new[] { "get_findings", "get_attack_chains", "get_health_score", "get_agent_blast" })
            Assert.Contains("Run scan_aws", await server.ErrorAsync(tool));
        // The catalogue needs no scan.
        var checks = await server.StructuredAsync("list_checks");
        Assert.Equal(50, checks.GetProperty("checks").GetArrayLength());
    }

    [Fact]
    public async Task Unknown_tools_and_bad_arguments_are_errors_with_the_valid_choices_and_the_server_keeps_serving()
    {
        await using var server = await McpServerRun.StartAsync();
        var unknown = await Assert.ThrowsAsync<McpProtocolException>(() => server.CallAsync("no_such_tool"));
        Assert.Equal(McpErrorCode.InvalidParams, unknown.ErrorCode);
        Assert.Contains("get_findings", unknown.Message);

        Assert.Contains("missing required argument 'check_id'", await server.ErrorAsync("explain_check"));
        Assert.Contains("argument 'cursor' must be string (got a number)", await server.ErrorAsync("list_checks", new { cursor = 3 }));
        var mistyped = await server.ErrorAsync("get_findings", new { limit = "ten" });
        Assert.Contains("argument 'limit' must be integer", mistyped);
        Assert.Contains("severity (string)", mistyped);
        Assert.Contains("unknown argument 'severty'", await server.ErrorAsync("get_findings", new { severty = "high" }));
        var check = await server.ErrorAsync("explain_check", new { check_id = "aws-s3-999" });
        Assert.Contains("unknown check ID 'aws-s3-999'", check);
        Assert.Contains("aws-s3-001", check);
        Assert.Contains("unknown service 'nosuch'", await server.ErrorAsync("list_checks", new { service = "nosuch" }));
        Assert.Contains("invalid cursor", await server.ErrorAsync("list_checks", new { cursor = "not-a-cursor" }));

        var explained = await server.StructuredAsync("explain_check", new { check_id = "aws-cw-004" });
        Assert.Equal("aws-cw-004", explained.GetProperty("check_id").GetString());
    }

    /// <summary>
    /// Raw JSON-RPC over the process's pipes, no SDK in between: every line the server writes to stdout is a JSON-RPC
    /// message, through a scan, errors and bad input; logs and the CLI's notes go to stderr.
    /// </summary>
    [Fact]
    public async Task Stdout_carries_the_protocol_and_nothing_else()
    {
        var home = Directory.CreateTempSubdirectory("cloud-audit-mcp-raw-").FullName;
        var start = new ProcessStartInfo("dotnet") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = home };
        foreach (var argument in new[] { McpServerRun.CliDll, "mcp", "--history", Path.Combine(home, "h.db"), "--log-level", "debug" })
            start.ArgumentList.Add(argument);
        foreach (var (name, value) in McpServerRun.Environment(home, null))
            start.Environment[name] = value;
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        string[] requests =
        [
            """{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"raw","version":"1"}}}""",
            """{"jsonrpc":"2.0","method":"notifications/initialized"}""",
            """{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"scan_snapshot","arguments":{"path":"missing.json"}}}""",
            """{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"scan_aws","arguments":{"regions":"not a region"}}}""",
            """{"jsonrpc":"2.0","id":4,"method":"tools/call","params":{"name":"nope","arguments":{}}}""",
            """{"jsonrpc":"2.0","id":5,"method":"tools/call","params":{"name":"demo_scan","arguments":{},"_meta":{"progressToken":"t"}}}""",
            """{"jsonrpc":"2.0","id":6,"method":"tools/call","params":{"name":"get_findings","arguments":{"limit":1}}}""",
        ];
        var responses = new Dictionary<int, JsonObject>();
        var lines = new List<string>();
        foreach (var request in requests)
        {
            await process.StandardInput.WriteLineAsync(request);
            await process.StandardInput.FlushAsync();
            if (JsonNode.Parse(request)!["id"] is not { } id) continue;
            // Read until this request's answer: notifications (progress) may come first.
            while (true)
            {
                var line = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60));
                Assert.NotNull(line);
                lines.Add(line);
                var message = Assert.IsType<JsonObject>(JsonNode.Parse(line));
                Assert.Equal("2.0", (string?)message["jsonrpc"]);
                if (message["id"] is { } answered && (int)answered == (int)id)
                {
                    responses[(int)id] = message;
                    break;
                }
            }
        }
        process.StandardInput.Close();
        var rest = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        foreach (var line in rest.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            Assert.Equal("2.0", (string?)JsonNode.Parse(line)!["jsonrpc"]);

        Assert.Equal(0, process.ExitCode);
        Assert.Contains("missing.json", (string?)responses[2]["result"]!["content"]![0]!["text"]);
        Assert.True((bool?)responses[2]["result"]!["isError"]);
        Assert.Contains("invalid region 'not a region'", (string?)responses[3]["result"]!["content"]![0]!["text"]);
        Assert.Equal(-32602, (int?)responses[4]["error"]!["code"]);
        Assert.NotNull(responses[5]["result"]!["structuredContent"]!["health_score"]);
        Assert.Contains(lines, l => l.Contains("notifications/progress", StringComparison.Ordinal));
        Assert.Single(responses[6]["result"]!["structuredContent"]!["findings"]!.AsArray());
        Assert.NotEmpty(await stderr);
        Directory.Delete(home, recursive: true);
    }
}
