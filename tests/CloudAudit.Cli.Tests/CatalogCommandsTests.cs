using System.Text.Json;
using CloudAudit.Checks;
using CloudAudit.Cli.Commands;

namespace CloudAudit.Cli.Tests;

public class CatalogCommandsTests
{
    [Fact]
    public void List_checks_json_shows_every_check_with_compliance_refs()
    {
        var run = CliRunner.Run("list-checks", "--format", "json");
        Assert.Equal(0, run.ExitCode);
        var checks = JsonDocument.Parse(run.Stdout).RootElement.EnumerateArray().ToList();
        Assert.Equal(CheckRegistry.All.Count, checks.Count);
        var ct001 = checks.Single(c => c.GetProperty("check_id").GetString() == "aws-ct-001");
        Assert.Contains("CIS 3.1", ct001.GetProperty("compliance_refs").EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    public void List_checks_filters_by_service()
    {
        var run = CliRunner.Run("list-checks", "--services", "securityhub", "--format", "json");
        Assert.Single(JsonDocument.Parse(run.Stdout).RootElement.EnumerateArray());
    }

    [Fact]
    public void Explain_prints_every_part_of_the_page()
    {
        var run = CliRunner.Run("explain", "aws-ct-008");
        Assert.Equal(0, run.ExitCode);
        foreach (var part in new[] { "MEDIUM CloudTrail", "Check ID: aws-ct-008", "Why it matters", "Common causes", "Detection",
                     "cloud-audit scan --checks aws-ct-008", "Remediation: AWS CLI", "aws cloudtrail update-trail", "Remediation: Terraform",
                     "resource \"aws_cloudtrail\"", "Compliance mapping" })
            Assert.Contains(part, run.Stdout);
    }

    [Fact]
    public void Committed_check_pages_are_up_to_date()
    {
        var folder = Path.Combine(CliRunner.RepoRoot(), "docs", "checks");
        var stale = DocsCommand.Pages()
            .Where(p => !File.Exists(Path.Combine(folder, p.Key)) || File.ReadAllText(Path.Combine(folder, p.Key)) != p.Value)
            .Select(p => p.Key).ToList();
        var orphans = Directory.GetFiles(folder, "aws-*.md").Select(Path.GetFileName).Where(f => !DocsCommand.Pages().ContainsKey(f!)).ToList();
        Assert.True(stale.Count == 0 && orphans.Count == 0,
            $"docs/checks is stale ({string.Join(", ", stale.Concat(orphans!))}); run: dotnet run --project src/CloudAudit.Cli -- docs --output docs/checks");
    }

    [Fact]
    public void Version_prints_the_version()
    {
        var run = CliRunner.Run("version");
        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("cloud-audit ", run.Stdout);
    }
}
