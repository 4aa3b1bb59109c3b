using System.Text.Json;
using CloudAudit.Checks.Threat;

namespace CloudAudit.Cli.Tests;

/// <summary><c>threat-feed</c>: the list, the pattern filter, the pack version, exit codes and bad input.</summary>
public class ThreatFeedCommandTests
{
    private static readonly string[] ReferencePatterns = [.. Enumerable.Range(1, 10).Select(n => $"aws-tf-{n:D3}")];

    [Fact]
    public void List_names_every_detector_without_scanning()
    {
        var run = CliRunner.Run("threat-feed", "--list");

        Assert.Equal(0, run.ExitCode);
        foreach (var id in ReferencePatterns)
            Assert.Contains(id, run.Stdout);
        Assert.Contains("TF-004-trufflehog-ua-cloudtrail", run.Stdout);
        Assert.Contains($"{ThreatFeed.Detectors.Count} detectors, threat feed rules pack {ThreatFeed.Version}", run.Stdout);
        Assert.DoesNotContain("Health Score", run.Stdout);
        Assert.Equal("", run.Stderr);
    }

    [Fact]
    public void List_as_json_carries_pattern_ids_severities_and_references()
    {
        var run = CliRunner.Run("threat-feed", "--list", "--format", "json", "--pattern", "aws-tf-002,TF-008-cloudtrail-tampering");

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Stdout);
        Assert.Equal(ThreatFeed.Version, json.RootElement.GetProperty("threat_feed_version").GetString());
        var patterns = json.RootElement.GetProperty("patterns").EnumerateArray().ToList();
        Assert.Equal(["aws-tf-002", "aws-tf-008"], patterns.Select(p => p.GetProperty("check_id").GetString()));
        Assert.Equal("TF-002-lambda-function-url-persistence", patterns[0].GetProperty("pattern_id").GetString());
        Assert.Equal("high", patterns[0].GetProperty("severity").GetString()?.ToLowerInvariant());
        Assert.Contains("administrator", patterns[0].GetProperty("escalation").GetString());
        Assert.True(patterns[0].GetProperty("references").GetArrayLength() > 0);
    }

    [Fact]
    public void The_demo_shows_abuse_and_exits_1_with_only_threat_findings()
    {
        var run = CliRunner.Run("threat-feed", "--demo", "--format", "json");

        Assert.Equal(1, run.ExitCode);
        using var json = JsonDocument.Parse(run.Stdout);
        var results = json.RootElement.GetProperty("results").EnumerateArray().ToList();
        Assert.All(results, r => Assert.StartsWith("aws-tf-", r.GetProperty("check_id").GetString()));
        var findings = results.SelectMany(r => r.GetProperty("findings").EnumerateArray()).ToList();
        Assert.Contains(findings, f => f.GetProperty("severity").GetString() is "critical" or "CRITICAL");
        Assert.All(findings, f =>
        {
            Assert.Equal("threat", f.GetProperty("category").GetString()?.ToLowerInvariant());
            Assert.StartsWith("TF-", f.GetProperty("threat_pattern_id").GetString());
            Assert.True(f.GetProperty("references").GetArrayLength() > 0);
        });
        // Several detectors find something in the demo.
        Assert.True(findings.Select(f => f.GetProperty("check_id").GetString()).Distinct().Count() >= 5);
    }

    [Fact]
    public void A_pattern_without_critical_or_high_findings_exits_0()
    {
        // aws-tf-007 is Medium at most: its findings never fail the run.
        var run = CliRunner.Run("threat-feed", "--demo", "--pattern", "aws-tf-007", "--format", "json");

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Stdout);
        Assert.Equal(["aws-tf-007"], json.RootElement.GetProperty("results").EnumerateArray()
            .Select(r => r.GetProperty("check_id").GetString()).Distinct());
    }

    [Fact]
    public void Another_pack_version_is_a_warning_and_the_shipped_pack_runs()
    {
        var run = CliRunner.Run("threat-feed", "--demo", "--pattern", "aws-tf-007", "--threat-feed-version", "2025-Q4");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains($"warning: --threat-feed-version 2025-Q4: this build ships rules pack {ThreatFeed.Version}", run.Stderr);
        Assert.Equal("", CliRunner.Run("threat-feed", "--demo", "--pattern", "aws-tf-007", "--threat-feed-version", ThreatFeed.Version).Stderr);
    }

    [Fact]
    public void Scan_runs_the_detectors_and_categories_select_or_leave_them_out()
    {
        static List<string?> Ids(CliRun run) => JsonDocument.Parse(run.Stdout).RootElement.GetProperty("results").EnumerateArray()
            .Select(r => r.GetProperty("check_id").GetString()).Distinct().ToList();

        Assert.Contains("aws-tf-004", Ids(CliRunner.Run("demo", "--format", "json")));
        Assert.All(Ids(CliRunner.Run("demo", "--categories", "threat", "--format", "json")), id => Assert.StartsWith("aws-tf-", id));
        Assert.DoesNotContain(Ids(CliRunner.Run("demo", "--categories", "security", "--format", "json")), id => id!.StartsWith("aws-tf-", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(new[] { "threat-feed", "--list", "--pattern", "aws-tf-011" }, "unknown pattern 'aws-tf-011'; the patterns are: aws-tf-001, aws-tf-002")]
    [InlineData(new[] { "threat-feed", "--demo", "--pattern", "TF-999" }, "unknown pattern 'TF-999'")]
    [InlineData(new[] { "threat-feed", "--since", "30m" }, "--since 30m is outside 1h to 90d")]
    [InlineData(new[] { "threat-feed", "--since", "91d" }, "--since 91d is outside 1h to 90d")]
    [InlineData(new[] { "threat-feed", "--since", "yesterday" }, "invalid --since 'yesterday'")]
    [InlineData(new[] { "scan", "--since", "100d" }, "--since 100d is outside 1h to 90d")]
    [InlineData(new[] { "threat-feed", "--demo", "--since", "7d" }, "--since chooses the window a live run collects")]
    [InlineData(new[] { "threat-feed", "--demo", "--snapshot", "x.json" }, "--snapshot and --demo are two inventories")]
    [InlineData(new[] { "threat-feed", "--list", "--format", "sarif" }, "--list writes a table or json")]
    public void Bad_input_is_one_line_and_exit_2(string[] args, string message)
    {
        var run = CliRunner.Run(args);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(message, run.Stderr);
        Assert.Single(run.Stderr.TrimEnd().Split('\n'));
        Assert.Equal("", run.Stdout);
    }
}
