using System.Text.Json;
using CloudAudit.Mcp.Tests.Support;
using ModelContextProtocol;

namespace CloudAudit.Mcp.Tests;

/// <summary>Scans as the CLI runs them: the config file and its suppressions, the history, one scan at a time, credentials.</summary>
public sealed class SessionTests
{
    private const string Suppressing = """
        suppressions:
          - check_id: aws-ct-003
            resource_id: northwind-legacy-trail-eu
            reason: Legacy trail bucket, retired next quarter
            expires: 2099-12-31
        """;

    [Fact]
    public async Task Snapshot_scans_honour_the_config_file_and_go_to_the_history_for_diff_and_trend()
    {
        await using var server = await McpServerRun.StartAsync(config: Suppressing);
        var snapshot = server.WriteDemoSnapshot();

        var first = await server.StructuredAsync("scan_snapshot", new { path = snapshot });
        Assert.Equal("snapshot", first.GetProperty("source").GetString());
        Assert.Equal(1, first.GetProperty("findings_suppressed").GetInt32());
        Assert.Contains(first.GetProperty("notes").EnumerateArray(), n => n.GetString()!.StartsWith("recorded as scan", StringComparison.Ordinal));
        var ct = await server.StructuredAsync("get_findings", new { service = "ct", limit = 100 });
        Assert.DoesNotContain(ct.GetProperty("findings").EnumerateArray(),
            f => f.GetProperty("check_id").GetString() == "aws-ct-003" && f.GetProperty("resource_id").GetString() == "northwind-legacy-trail-eu");

        await server.StructuredAsync("scan_snapshot", new { path = snapshot });
        var diff = await server.StructuredAsync("diff_scans", new { old = "previous", @new = "last" });
        Assert.Equal(0, diff.GetProperty("summary").GetProperty("counts").GetProperty("new").GetInt32());
        Assert.Equal(first.GetProperty("total_findings").GetInt32(), diff.GetProperty("summary").GetProperty("counts").GetProperty("unchanged").GetInt32());
        Assert.Equal(0, diff.GetProperty("page").GetProperty("total").GetInt32());

        var trend = await server.StructuredAsync("get_trend", new { account = "310987654322" });
        Assert.Equal(2, trend.GetProperty("scans").GetArrayLength());
        Assert.Contains("no recorded scans of account 999999999999", await server.ErrorAsync("get_trend", new { account = "999999999999" }));
        Assert.Contains("no such report file", await server.ErrorAsync("diff_scans", new { old = "nothing.json", @new = "last" }));
    }

    [Fact]
    public async Task A_second_scan_while_one_runs_is_refused_and_the_first_finishes()
    {
        await using var server = await McpServerRun.StartAsync();
        var started = new TaskCompletionSource();
        var first = server.CallAsync("demo_scan", progress: new Progress<ProgressNotificationValue>(_ => started.TrySetResult()));
        await started.Task.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Contains("a scan is already running (demo_scan", await server.ErrorAsync("scan_snapshot", new { path = "any.json" }));
        var result = await first;
        Assert.False(result.IsError == true, McpServerRun.Text(result));
        await server.StructuredAsync("get_health_score");
    }

    [Fact]
    public async Task Bad_config_files_missing_snapshots_and_missing_credentials_are_tool_errors_with_the_cause()
    {
        await using var broken = await McpServerRun.StartAsync(config: "min_severity: urgent\n");
        Assert.Contains("min_severity", await broken.ErrorAsync("scan_snapshot", new { path = broken.WriteDemoSnapshot() }));

        await using var server = await McpServerRun.StartAsync(environment: new Dictionary<string, string?> { ["AWS_REGION"] = "eu-west-1" });
        Assert.Contains("missing.json.gz", await server.ErrorAsync("scan_snapshot", new { path = "missing.json.gz" }));
        var noCredentials = await server.ErrorAsync("scan_aws", new { regions = "eu-west-1" });
        Assert.Contains("credentials", noCredentials, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("invalid --min-severity 'urgent'", await server.ErrorAsync("scan_aws", new { min_severity = "urgent" }));
        // Still serving after every refusal.
        var checks = await server.StructuredAsync("list_checks", new { service = "iam" });
        Assert.True(checks.GetProperty("checks").GetArrayLength() > 5);
    }
}
