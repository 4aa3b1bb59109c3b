using System.Text.Json;
using CloudAudit.Analysis.Compliance;

namespace CloudAudit.Cli.Tests;

/// <summary>list-frameworks, show-framework and scan/demo --compliance, end to end through the command line.</summary>
public class ComplianceCommandTests
{
    private static readonly Lazy<JsonElement> Soc2Json = new(() =>
    {
        var run = CliRunner.Run("demo", "--compliance", "soc2_type2", "--format", "json");
        Assert.Equal(1, run.ExitCode);
        Assert.Equal("", run.Stderr);
        return JsonDocument.Parse(run.Stdout).RootElement.Clone();
    });

    private static string TempPath(string name) => Path.Combine(Directory.CreateTempSubdirectory("cloud-audit-compliance-").FullName, name);

    [Fact]
    public void List_frameworks_shows_every_framework_in_table_and_json()
    {
        var table = CliRunner.Run("list-frameworks");
        Assert.Equal(0, table.ExitCode);
        foreach (var id in FrameworkCatalog.Default.Ids) Assert.Contains(id, table.Stdout);

        var json = JsonDocument.Parse(CliRunner.Run("list-frameworks", "--format", "json").Stdout).RootElement.EnumerateArray().ToList();
        Assert.Equal(FrameworkCatalog.Default.Ids, json.Select(f => f.GetProperty("id").GetString()));
        var soc2 = json.Single(f => f.GetProperty("id").GetString() == "soc2_type2");
        Assert.Equal(43, soc2.GetProperty("controls").GetInt32());
        Assert.Equal(43, soc2.GetProperty("automated").GetInt32() + soc2.GetProperty("partial").GetInt32() + soc2.GetProperty("manual").GetInt32());
        Assert.InRange(soc2.GetProperty("automated_share").GetDouble(), 0.01, 1);
    }

    [Fact]
    public void Show_framework_lists_each_control_with_its_checks_under_both_id_styles()
    {
        var run = CliRunner.Run("show-framework", "cis-aws-5.0", "--format", "json");
        Assert.Equal(0, run.ExitCode);
        var framework = JsonDocument.Parse(run.Stdout).RootElement;
        Assert.Equal("cis_aws_v5", framework.GetProperty("id").GetString());
        var controls = framework.GetProperty("controls").EnumerateArray().ToList();
        Assert.Equal(63, controls.Count);
        var monitoring = controls.Single(c => c.GetProperty("control").GetString() == "4.4");
        Assert.Equal("aws-cw-004", Assert.Single(monitoring.GetProperty("checks").EnumerateArray()).GetString());
        var manual = controls.First(c => c.GetProperty("assessment").GetString() == "manual");
        Assert.Empty(manual.GetProperty("checks").EnumerateArray());
        Assert.False(string.IsNullOrWhiteSpace(manual.GetProperty("verify").GetString()));

        var table = CliRunner.Run("show-framework", "cis_aws_v3");
        Assert.Equal(0, table.ExitCode);
        Assert.Contains("aws-cw-004", table.Stdout);
    }

    [Fact]
    public void Show_framework_names_the_prowler_checks_cloud_audit_has_no_equivalent_for()
    {
        var fsbp = JsonDocument.Parse(CliRunner.Run("show-framework", "aws_fsbp", "--format", "json").Stdout).RootElement;
        var uncovered = fsbp.GetProperty("controls").EnumerateArray().Where(c => c.GetProperty("not_covered").GetArrayLength() > 0).ToList();
        Assert.NotEmpty(uncovered);
        Assert.Contains(uncovered, c => c.GetProperty("assessment").GetString() == "manual");
        Assert.Contains("not covered", CliRunner.Run("show-framework", "aws_fsbp").Stdout);
    }

    [Theory]
    [InlineData("show-framework", "pci-dss")]
    [InlineData("demo", "--compliance", "pci-dss")]
    [InlineData("scan", "--snapshot", "missing.json", "--compliance", "pci-dss")]
    public void An_unknown_framework_is_exit_2_listing_the_ids(params string[] args)
    {
        var run = CliRunner.Run(args);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("unknown framework 'pci-dss'", run.Stderr);
        Assert.Contains("soc2_type2", run.Stderr);
        Assert.Single(run.Stderr.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public void Bad_formats_are_exit_2_and_nothing_is_written()
    {
        Assert.Equal(2, CliRunner.Run("show-framework", "soc2_type2", "--format", "yaml").ExitCode);
        var path = TempPath("report.sarif");
        var run = CliRunner.Run("demo", "--compliance", "soc2_type2", "--output", path);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("console, json, html or markdown", run.Stderr);
        Assert.False(File.Exists(path));
        var missing = TempPath("report.html");
        Assert.Equal(2, CliRunner.Run("demo", "--compliance", "nope", "--output", missing).ExitCode);
        Assert.False(File.Exists(missing));
    }

    [Fact]
    public void Demo_soc2_console_report_shows_readiness_every_control_and_the_disclaimer()
    {
        var run = CliRunner.Run("demo", "--compliance", "soc2_type2");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("SOC 2 Trust Services Criteria", run.Stdout);
        Assert.Contains("Readiness", run.Stdout);
        Assert.Contains("Need a person", run.Stdout);
        foreach (var control in FrameworkCatalog.Default.Find("soc2_type2")!.Controls)
            Assert.Contains(control.Id, run.Stdout);
        Assert.Contains("MANUAL", run.Stdout);
        Assert.Contains("Attack chains and the controls they violate", run.Stdout);
        Assert.Contains("not a certification", run.Stdout);
    }

    [Fact]
    public void Demo_soc2_json_names_for_each_control_the_attack_chains_its_checks_findings_are_part_of()
    {
        var findings = CliRunner.Run("demo", "--format", "json");
        var chains = JsonDocument.Parse(findings.Stdout).RootElement.GetProperty("attack_chains").EnumerateArray()
            .Select(c => (Key: Key(c), Checks: c.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("check_id").GetString()!).ToHashSet()))
            .ToList();
        Assert.NotEmpty(chains);
        var framework = FrameworkCatalog.Default.Find("soc2_type2")!;
        var violated = 0;
        foreach (var control in Soc2Json.Value.GetProperty("controls").EnumerateArray())
        {
            var checks = framework.Controls.Single(c => c.Id == control.GetProperty("control").GetString()).Checks;
            var listed = control.GetProperty("violated_by_chains").EnumerateArray().ToList();
            Assert.Equal(chains.Where(ch => ch.Checks.Overlaps(checks)).Select(ch => ch.Key).Order(), listed.Select(Key).Order());
            foreach (var chain in listed)
            {
                var named = chain.GetProperty("checks").EnumerateArray().Select(c => c.GetString()!).ToList();
                Assert.NotEmpty(named);
                Assert.All(named, c => Assert.Contains(c, checks));
                Assert.False(string.IsNullOrEmpty(chain.GetProperty("name").GetString()));
            }
            if (listed.Count == 0) continue;
            violated++;
            Assert.Equal("FAIL", control.GetProperty("status").GetString());
        }
        Assert.True(violated > 0);

        static string Key(JsonElement chain) => $"{chain.GetProperty("chain_id").GetString()}|{chain.GetProperty("anchor").GetString()}";
    }

    [Fact]
    public void Demo_soc2_json_report_has_the_documented_shape()
    {
        var root = Soc2Json.Value;
        Assert.Equal("1", root.GetProperty("schema_version").GetString());
        Assert.Equal("soc2_type2", root.GetProperty("framework").GetProperty("id").GetString());
        Assert.Contains("not a certification", root.GetProperty("disclaimer").GetString());
        var summary = root.GetProperty("summary");
        var controls = root.GetProperty("controls").EnumerateArray().ToList();
        Assert.Equal(43, controls.Count);
        Assert.Equal(43, summary.GetProperty("controls").GetInt32());
        string[] statuses = ["PASS", "FAIL", "PARTIAL", "NOT_ASSESSED", "NOT_APPLICABLE", "MANUAL"];
        int Count(string status) => controls.Count(c => c.GetProperty("status").GetString() == status);
        Assert.Equal(43, statuses.Sum(Count));
        Assert.Equal(Count("FAIL"), summary.GetProperty("failed").GetInt32());
        Assert.Equal(Count("MANUAL"), summary.GetProperty("manual").GetInt32());
        Assert.Equal(summary.GetProperty("passed").GetInt32() + summary.GetProperty("partial").GetInt32(), summary.GetProperty("passing").GetInt32());
        var failing = controls.First(c => c.GetProperty("status").GetString() == "FAIL");
        var evidence = failing.GetProperty("evidence").EnumerateArray().First(e => e.GetProperty("status").GetString() == "FAIL");
        Assert.True(evidence.GetProperty("resources_failed").GetInt32() > 0);
        Assert.True(failing.GetProperty("findings").GetArrayLength() > 0);
        foreach (var field in new[] { "check_id", "severity", "resource_id", "region", "account_id", "fingerprint" })
            Assert.True(failing.GetProperty("findings")[0].TryGetProperty(field, out _), field);
        var manual = controls.First(c => c.GetProperty("status").GetString() == "MANUAL");
        Assert.False(string.IsNullOrWhiteSpace(manual.GetProperty("verify").GetString()));
        Assert.Empty(manual.GetProperty("evidence").EnumerateArray());
    }

    [Fact]
    public void Demo_soc2_markdown_and_html_reports_are_written_with_the_inferred_format()
    {
        var md = TempPath("soc2.md");
        Assert.Equal(1, CliRunner.Run("demo", "--compliance", "soc2_type2", "--output", md).ExitCode);
        var markdown = File.ReadAllText(md);
        Assert.StartsWith("# SOC 2 Trust Services Criteria", markdown);
        Assert.Contains("## Controls", markdown);
        Assert.Contains("## Failing checks and their fixes", markdown);
        Assert.Contains("## What a person must verify", markdown);
        Assert.Contains("not a certification", markdown);

        var htmlPath = TempPath("soc2.html");
        Assert.Equal(1, CliRunner.Run("demo", "--compliance", "soc2_type2", "--output", htmlPath).ExitCode);
        var html = File.ReadAllText(htmlPath);
        Assert.StartsWith("<!doctype html>", html);
        Assert.Equal(43, html.Split("<details class=\"control\" id=\"control-").Length - 1);
        Assert.Contains("id=\"disclaimer\"", html);
    }

    [Fact]
    public void A_control_whose_checks_were_not_run_is_not_assessed()
    {
        var run = CliRunner.Run("demo", "--compliance", "cis_aws_v5", "--checks", "aws-ct-002", "--format", "json");
        var controls = JsonDocument.Parse(run.Stdout).RootElement.GetProperty("controls").EnumerateArray().ToList();
        var mfa = controls.Single(c => c.GetProperty("control").GetString() == "1.4");
        Assert.Equal("NOT_ASSESSED", mfa.GetProperty("status").GetString());
        Assert.Equal("NOT_RUN", mfa.GetProperty("evidence")[0].GetProperty("status").GetString());
        var validation = controls.Single(c => c.GetProperty("control").GetString() == "3.2");
        Assert.Equal("FAIL", validation.GetProperty("status").GetString());
    }

    [Fact]
    public void Scan_of_a_snapshot_takes_compliance_too()
    {
        var snapshot = TempPath("demo.json.gz");
        CliRunner.Run("demo", "--quiet", "--save-snapshot", snapshot);
        var scan = CliRunner.Run("scan", "--snapshot", snapshot, "--compliance", "soc2_type2", "--format", "json");
        Assert.Equal(1, scan.ExitCode);
        var fromScan = JsonDocument.Parse(scan.Stdout).RootElement;
        Assert.Equal("snapshot", fromScan.GetProperty("scan").GetProperty("source").GetString());
        Assert.Equal(Soc2Json.Value.GetProperty("summary").GetRawText(), fromScan.GetProperty("summary").GetRawText());
    }
}
