using System.Diagnostics;
using System.Text.Json;
using CloudAudit.Mcp.Tests.Support;

namespace CloudAudit.Mcp.Tests;

/// <summary>
/// A client we did not write: the official MCP TypeScript SDK (npm @modelcontextprotocol/sdk, installed by test.sh
/// into ts-client/) starts `cloud-audit mcp`, lists and calls the tools; it checks every structured answer against
/// the tool's output schema itself.
/// </summary>
public sealed class TypeScriptClientTests
{
    private static string ClientDirectory => Path.Combine(RepoRoot(), "tests", "CloudAudit.Mcp.Tests", "ts-client");

    [Fact]
    public async Task The_typescript_sdk_lists_and_calls_the_tools()
    {
        if (!Directory.Exists(Path.Combine(ClientDirectory, "node_modules", "@modelcontextprotocol", "sdk")))
            throw new InvalidOperationException($"the MCP TypeScript SDK is not installed: run `npm ci` in {ClientDirectory} (test.sh does)");
        var home = Directory.CreateTempSubdirectory("cloud-audit-mcp-ts-").FullName;
        var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = home };
        foreach (var argument in new[] { Path.Combine(ClientDirectory, "client.mjs"), "dotnet", McpServerRun.CliDll, "mcp", "--history", Path.Combine(home, "h.db") })
            start.ArgumentList.Add(argument);
        foreach (var (name, value) in McpServerRun.Environment(home, null))
            start.Environment[name] = value;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(3));
        Assert.True(process.ExitCode == 0, $"client.mjs failed: {await stderr}");
        var seen = JsonDocument.Parse(await stdout).RootElement;

        Assert.Equal("cloud-audit", seen.GetProperty("server").GetProperty("name").GetString());
        var tools = seen.GetProperty("tools").EnumerateArray().ToList();
        Assert.Equal(ProtocolTests.ToolNames.Order(), tools.Select(t => t.GetProperty("name").GetString()).Order());
        Assert.All(tools, t =>
        {
            Assert.Equal("object", t.GetProperty("inputType").GetString());
            Assert.True(t.GetProperty("hasOutputSchema").GetBoolean());
            Assert.True(t.GetProperty("readOnly").GetBoolean());
            Assert.False(t.GetProperty("destructive").GetBoolean());
        });
        var demo = seen.GetProperty("demo");
        Assert.False(demo.GetProperty("isError").GetBoolean());
        Assert.True(demo.GetProperty("progress").GetInt32() > 0, "demo_scan sends progress notifications");
        var findings = seen.GetProperty("findings");
        Assert.Equal(demo.GetProperty("structured").GetProperty("total_findings").GetInt32(), findings.GetProperty("total").GetInt32());
        Assert.Equal(findings.GetProperty("total").GetInt32(), findings.GetProperty("distinct").GetInt32());
        Assert.True(findings.GetProperty("pages").GetInt32() > 1);
        Assert.Equal("aws-cw-004", seen.GetProperty("explain").GetProperty("check_id").GetString());
        Assert.True(seen.GetProperty("badArgument").GetProperty("isError").GetBoolean());
        Assert.True(seen.GetProperty("unknownTool").GetProperty("threw").GetBoolean());
        Assert.Equal(-32602, seen.GetProperty("unknownTool").GetProperty("code").GetInt32());
        Assert.True(seen.GetProperty("stillServing").GetBoolean());
        Directory.Delete(home, recursive: true);
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "CloudAudit.slnx")))
                return dir.FullName;
        throw new InvalidOperationException("repository root not found");
    }
}
