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

    /// <summary>
    /// notifications/cancelled stops a live scan: the server aborts its reads in flight (the endpoint sees every
    /// connection dropped, which nothing else would do: it never answers), records nothing, and takes the next scan.
    /// Each step waits on what the server did, not on a clock.
    /// </summary>
    [Fact]
    public async Task A_cancelled_scan_aborts_its_reads_records_nothing_and_the_next_scan_runs()
    {
        await using var endpoint = new SilentEndpoint();
        await using var server = await McpServerRun.StartAsync(
            environment: new Dictionary<string, string?> { ["AWS_ACCESS_KEY_ID"] = "AKIDCANCELTEST", ["AWS_SECRET_ACCESS_KEY"] = "cancel-test", ["AWS_REGION"] = "eu-west-1" },
            serverArguments: ["--endpoint-url", endpoint.Url]);
        using var cancel = new CancellationTokenSource();
        var scan = server.CallAsync("scan_aws", new { regions = "eu-west-1" }, cancel: cancel.Token);
        await endpoint.FirstRequest.WaitAsync(TimeSpan.FromMinutes(2));

        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => scan);
        await server.Stderr.WaitForAsync("cancelled: nothing was written").WaitAsync(TimeSpan.FromMinutes(1));
        await endpoint.AllClosed.WaitAsync(TimeSpan.FromMinutes(1));

        Assert.Contains("no scans recorded", await server.ErrorAsync("get_trend"));
        var next = await server.StructuredAsync("scan_snapshot", new { path = server.WriteDemoSnapshot() });
        Assert.Equal("snapshot", next.GetProperty("source").GetString());
        var trend = await server.StructuredAsync("get_trend");
        Assert.Equal(next.GetProperty("accounts").GetArrayLength(), trend.GetProperty("scans").GetArrayLength());
        Assert.All(trend.GetProperty("scans").EnumerateArray(), s => Assert.Contains(s.GetProperty("account_id").GetString(), next.GetProperty("accounts").EnumerateArray().Select(a => a.GetString())));
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
