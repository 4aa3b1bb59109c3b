using CloudAudit.Analysis;
using CloudAudit.Checks;
using CloudAudit.Checks.Framework;
using CloudAudit.Demo;

namespace CloudAudit.Reports.Tests.Support;

/// <summary>Scan reports for writer tests: the demo organization, synthetic ones of any size, and hostile ones.</summary>
public static class TestReports
{
    public static readonly DateTimeOffset Now = new(2026, 11, 28, 10, 0, 0, TimeSpan.Zero);

    public static ScanReport Demo(AnalysisOptions? options = null) =>
        ScanPipeline.Evaluate(DemoAccount.Build(Now, "0.1.0"), CheckRegistry.All,
            options ?? new AnalysisOptions { Today = DateOnly.FromDateTime(Now.UtcDateTime) }, "demo", "0.1.0");

    /// <summary>A report of the given findings, grouped into FAIL results of their (real) checks; every other check passes.</summary>
    public static ScanReport Of(IReadOnlyList<Finding> findings, AnalysisOptions? options = null)
    {
        var accounts = findings.Select(f => f.AccountId).DefaultIfEmpty("123456789012").Distinct().ToList();
        var results = new List<CheckResult>();
        foreach (var account in accounts)
            foreach (var check in CheckRegistry.All)
            {
                var own = findings.Where(f => f.AccountId == account && f.CheckId == check.Info.Id).ToList();
                results.Add(new CheckResult
                {
                    CheckId = check.Info.Id,
                    CheckName = check.Info.Title,
                    AccountId = account,
                    Status = own.Count > 0 ? CheckStatus.Fail : CheckStatus.Pass,
                    Findings = own,
                    ResourcesScanned = Math.Max(1, own.Count),
                });
            }
        var (analyzed, summary, expired) = ScanAnalyzer.Analyze(results, options ?? new AnalysisOptions { Today = DateOnly.FromDateTime(Now.UtcDateTime) });
        return new ScanReport
        {
            AccountIds = accounts,
            Regions = findings.Select(f => f.Region).Distinct().ToList(),
            Timestamp = Now,
            DurationSeconds = 1.5,
            Source = "snapshot",
            ToolVersion = "0.1.0",
            Summary = summary,
            Results = analyzed,
            ExpiredSuppressions = expired,
        };
    }

    /// <summary>A finding of a real check, with its fix rendered by the real remediation renderer.</summary>
    public static Finding Finding(string resourceId, string region = "eu-west-1", string account = "123456789012",
        string checkId = "aws-ct-002", Severity? severity = null, string? description = null)
    {
        var info = CheckRegistry.Find(checkId)!.Info;
        return new Finding
        {
            CheckId = checkId,
            Title = info.Title,
            Severity = severity ?? info.Severity,
            Category = info.Category,
            ResourceType = info.ResourceType,
            ResourceId = resourceId,
            Region = region,
            AccountId = account,
            Description = description ?? $"Resource {resourceId} fails {checkId}.",
            Recommendation = info.Recommendation,
            Remediation = Fix.Render(new SlotValues().With("resource_id", resourceId).With("region", region)),
            Compliance = info.Compliance,
        };
    }

    /// <summary>A fix template whose slots take scanned values, as real checks' do.</summary>
    public static readonly RemediationTemplate Fix = new(
        Cli: "aws cloudtrail update-trail --region {region} --name {resource_id} --enable-log-file-validation",
        Terraform: "resource \"aws_cloudtrail\" \"{resource_id:id}\" {\n  name                       = {resource_id}\n  enable_log_file_validation = true\n}",
        DocUrl: "https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-log-file-validation-intro.html",
        Effort: Effort.Low);

    /// <summary>Many findings spread over checks, severities, accounts and regions (deterministic).</summary>
    public static ScanReport Synthetic(int count)
    {
        var checks = CheckRegistry.All.Select(c => c.Info.Id).ToList();
        var regions = new[] { "us-east-1", "us-west-2", "eu-west-1", "eu-central-1", "ap-southeast-2" };
        var accounts = new[] { "111111111111", "222222222222", "333333333333" };
        var severities = Enum.GetValues<Severity>();
        var findings = Enumerable.Range(0, count).Select(i => Finding(
            $"arn:aws:s3:::synthetic-bucket-{i:D5}",
            regions[i % regions.Length],
            accounts[i / 7 % accounts.Length],
            checks[i % checks.Count],
            severities[i / 3 % severities.Length],
            $"Bucket synthetic-bucket-{i:D5} is finding number {i} of a synthetic report.")).ToList();
        return Of(findings);
    }
}

public static class Render
{
    public static string ToText(Action<ScanReport, Stream> writer, ScanReport report)
    {
        using var buffer = new MemoryStream();
        writer(report, buffer);
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}
