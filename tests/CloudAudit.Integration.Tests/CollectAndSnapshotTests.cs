using CloudAudit.Integration.Tests.Moto;
using static CloudAudit.Integration.Tests.Scenarios;

namespace CloudAudit.Integration.Tests;

/// <summary>`collect` then `scan --snapshot` judges exactly as the live scan does.</summary>
[Collection(nameof(MotoCollection))]
public sealed class CollectAndSnapshotTests(MotoServer moto) : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("cloud-audit-collect-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [MotoTheory]
    [InlineData("abbreviated-4.4")]
    [InlineData("no-cloudwatch-delivery")]
    [InlineData("no-subscriber")]
    public void A_collected_inventory_gives_the_live_scans_findings(string scenario)
    {
        var inventory = Path.Combine(folder, $"{scenario}.json.gz");

        var live = moto.Scan(scenario);
        var family = string.Join(",", MonitoringFamily);
        var collect = CliRunner.Run("collect", "--role-arn", moto.RoleArn(scenario), "--regions", Regions, "--checks", family, "--output", inventory);
        var offline = CliRunner.Run("scan", "--snapshot", inventory, "--format", "json", "--checks", family);

        Assert.Equal(0, collect.ExitCode);
        Assert.Equal([0x1f, 0x8b], File.ReadAllBytes(inventory)[..2]);
        Assert.Equal(live.ExitCode, offline.ExitCode);
        Assert.Equal(live.Statuses, offline.Statuses);
        Assert.NotEmpty(Fingerprints(live));
        Assert.Equal(Fingerprints(live), Fingerprints(offline));
        Assert.Equal("snapshot", offline.Report.GetProperty("source").GetString());
    }

    [MotoFact]
    public void Collect_reads_only_what_the_selected_checks_need()
    {
        var inventory = Path.Combine(folder, "hub.json");

        var collect = CliRunner.Run("collect", "--role-arn", moto.RoleArn("monitored"), "--regions", Regions, "--checks", "aws-sh-001", "--output", inventory);

        Assert.Equal(0, collect.ExitCode);
        var services = System.Text.Json.JsonDocument.Parse(File.ReadAllText(inventory)).RootElement
            .GetProperty("accounts")[0].GetProperty("calls").EnumerateArray().Select(c => c.GetProperty("service").GetString()).Distinct().Order();
        Assert.Equal(["securityhub", "sts"], services);
    }

    [MotoFact]
    public void A_live_json_report_counts_the_api_calls_per_service_and_a_snapshot_report_has_none()
    {
        var inventory = Path.Combine(folder, "monitored.json");
        var live = moto.Scan("monitored");
        CliRunner.Run("collect", "--role-arn", moto.RoleArn("monitored"), "--regions", Regions, "--output", inventory);
        var offline = CliRunner.Run("scan", "--snapshot", inventory, "--format", "json");

        var calls = live.Report.GetProperty("api_calls");
        // DescribeTrails in each of the two regions; the multi-region trail's status and selectors once, in its home region.
        Assert.Equal(4, calls.GetProperty("cloudtrail").GetProperty("calls").GetInt32());
        Assert.Equal(1, calls.GetProperty("sts").GetProperty("calls").GetInt32());
        Assert.Equal(0, calls.GetProperty("logs").GetProperty("denials").GetInt32());
        Assert.False(offline.Report.TryGetProperty("api_calls", out _));
        Assert.Contains("API calls", live.Stderr);
    }

    private static List<string> Fingerprints(CliRun run) => run.Report.GetProperty("results").EnumerateArray()
        .SelectMany(r => r.GetProperty("findings").EnumerateArray())
        .Select(f => f.GetProperty("fingerprint").GetString()!).Order(StringComparer.Ordinal).ToList();
}
