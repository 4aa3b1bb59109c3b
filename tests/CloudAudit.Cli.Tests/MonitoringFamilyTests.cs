using System.Text.Json;
using System.Text.RegularExpressions;
using CloudAudit.Checks.CloudWatch.FilterPatterns;

namespace CloudAudit.Cli.Tests;

public class MonitoringFamilyTests
{
    [Fact]
    public void Explain_cw_004_has_every_part_of_the_seed_page_and_a_pattern_that_passes_its_own_evaluator()
    {
        var run = CliRunner.Run("explain", "aws-cw-004");
        Assert.Equal(0, run.ExitCode);
        foreach (var part in new[] { "MEDIUM CloudWatch · CIS 4.4", "IAM policy changes alarm", "Check ID: aws-cw-004", "Why it matters",
                     "Common causes", "Detection", "cloud-audit scan --checks aws-cw-004 -R", "Remediation: AWS CLI", "aws logs put-metric-filter",
                     "--filter-name CIS-4.4", "metricName=CIS-4-4,metricNamespace=CISBenchmark,metricValue=1", "aws cloudwatch put-metric-alarm",
                     "--alarm-actions <SNS_TOPIC_ARN>", "<CLOUDTRAIL_LOG_GROUP>", "Remediation: Terraform",
                     "resource \"aws_cloudwatch_log_metric_filter\" \"cis_4_4\"", "resource \"aws_cloudwatch_metric_alarm\" \"cis_4_4\"",
                     "Compliance mapping", "v3.0 4.4", "v5.0 4.4", "v6.0 5.4", "v7.0 5.4" })
            Assert.Contains(part, run.Stdout);
        var pattern = Regex.Match(run.Stdout, "--filter-pattern '(?<p>[^']+)'").Groups["p"].Value;
        Assert.Contains("DeleteGroupPolicy", pattern);
        Assert.DoesNotContain("...", pattern);
        Assert.True(CisMonitoringControls.Assess(pattern, CisMonitoringControls.Get("4.4")).Passes);
    }

    [Fact]
    public void Missing_cloudwatch_delivery_is_reported_once_under_its_root_cause()
    {
        var report = JsonDocument.Parse(CliRunner.Run("demo", "--format", "json").Stdout).RootElement;
        var dev = report.GetProperty("results").EnumerateArray().Where(r => r.GetProperty("account_id").GetString() == "310987654322").ToList();
        var monitoring = dev.Where(r => Regex.IsMatch(r.GetProperty("check_id").GetString()!, "^aws-cw-0(0[1-9]|1[0-5])$")).ToList();
        Assert.Equal(15, monitoring.Count);
        Assert.All(monitoring, r =>
        {
            Assert.Equal("FAIL", r.GetProperty("status").GetString());
            Assert.Equal("aws-ct-008", r.GetProperty("folded_into").GetString());
            Assert.Empty(r.GetProperty("findings").EnumerateArray());
        });
        var rootCause = dev.Single(r => r.GetProperty("check_id").GetString() == "aws-ct-008");
        Assert.Single(rootCause.GetProperty("findings").EnumerateArray());
    }

    [Fact]
    public void Without_the_root_cause_check_selected_each_monitoring_check_reports_its_own_finding()
    {
        var report = JsonDocument.Parse(CliRunner.Run("demo", "--format", "json", "--checks", "aws-cw-004").Stdout).RootElement;
        var dev = report.GetProperty("results").EnumerateArray().Single(r => r.GetProperty("account_id").GetString() == "310987654322");
        Assert.Single(dev.GetProperty("findings").EnumerateArray());
        Assert.Equal("aws-ct-008", dev.GetProperty("root_cause").GetString());
    }
}
