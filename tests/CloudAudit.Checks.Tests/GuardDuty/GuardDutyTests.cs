using CloudAudit.Checks.Framework;
using CloudAudit.Checks.Tests.Support;
using CloudAudit.Inventory.Catalog;

namespace CloudAudit.Checks.Tests.GuardDuty;

public class GuardDutyTests
{
    private const string Detector = "12abc34def567890abcdef1234567890";

    private static TestAccount WithDetector(TestAccount account, string region, string status = "ENABLED") => account
        .Answer(GuardDutyCalls.ListDetectors, region, $$"""{"DetectorIds": ["{{Detector}}"]}""")
        .Answer(GuardDutyCalls.GetDetector, region, "DetectorId", Detector, $$"""{"Status": "{{status}}", "ServiceRole": "x"}""");

    private static string Finding(string id, double severity, string created, bool archived = false) => $$"""
        {"AccountId": "{{TestAccount.Id}}", "Arn": "arn:aws:guardduty:us-east-1:{{TestAccount.Id}}:detector/{{Detector}}/finding/{{id}}",
         "CreatedAt": "{{created}}", "Id": "{{id}}", "Region": "us-east-1", "Severity": {{severity}}, "Title": "t-{{id}}",
         "Type": "Backdoor:EC2/C&CActivity.B", "UpdatedAt": "{{created}}", "SchemaVersion": "2.0",
         "Resource": {"ResourceType": "Instance"}, "Service": {"Archived": {{(archived ? "true" : "false")}}} }
        """;

    private static TestAccount WithFindings(TestAccount account, params string[] findings)
    {
        var ids = findings.Select((_, i) => $"f{i}").ToList();
        account.Answer(GuardDutyCalls.ListOpenHighFindings, GuardDutyCalls.OpenHighFindingsTarget("us-east-1", Detector, TestAccount.Id),
            $$"""{"FindingIds": [{{string.Join(",", ids.Select(i => $"\"{i}\""))}}]}""");
        foreach (var batch in GuardDutyCalls.FindingBatches("us-east-1", Detector, ids))
            account.Answer(GuardDutyCalls.GetFindings, batch, $$"""{"Findings": [{{string.Join(",", findings)}}]}""");
        return account;
    }

    [Fact]
    public void Enabled_detectors_in_every_region_pass()
    {
        var account = new TestAccount("us-east-1", "eu-west-1");
        WithDetector(account, "us-east-1");
        WithDetector(account, "eu-west-1");
        var result = account.Run("aws-gd-001");
        Assert.Equal(CheckStatus.Pass, result.Status);
        Assert.Equal(2, result.ResourcesScanned);
    }

    [Fact]
    public void A_region_without_a_detector_and_a_suspended_detector_fail_with_their_own_fixes()
    {
        var account = new TestAccount("us-east-1", "eu-west-1").Answer(GuardDutyCalls.ListDetectors, "us-east-1", """{"DetectorIds": []}""");
        WithDetector(account, "eu-west-1", "DISABLED");
        var findings = account.Run("aws-gd-001").Findings;
        Assert.Equal(["arn:aws:guardduty:us-east-1:111122223333:detector", $"arn:aws:guardduty:eu-west-1:111122223333:detector/{Detector}"],
            findings.Select(f => f.ResourceId).ToArray());
        Assert.Equal("aws guardduty create-detector --region us-east-1 --enable --finding-publishing-frequency FIFTEEN_MINUTES", findings[0].Remediation!.Cli);
        Assert.Equal($"aws guardduty update-detector --region eu-west-1 --detector-id {Detector} --enable", findings[1].Remediation!.Cli);
    }

    [Fact]
    public void Denied_listing_is_not_assessed_and_an_absent_service_is_not_applicable()
    {
        var denied = new TestAccount("us-east-1").Denied(GuardDutyCalls.ListDetectors, "us-east-1");
        Assert.Equal(CheckStatus.NotAssessed, denied.Run("aws-gd-001").Status);

        var absent = new TestAccount("us-east-1").NotOffered(GuardDutyCalls.ListDetectors, "us-east-1");
        var result = absent.Run("aws-gd-001");
        Assert.Equal(CheckStatus.NotApplicable, result.Status);
        Assert.Contains("not offered in us-east-1", result.Reason);
    }

    [Fact]
    public void High_findings_open_for_30_days_fail_and_critical_ones_are_reported_high()
    {
        var account = WithDetector(new TestAccount("us-east-1"), "us-east-1");
        WithFindings(account,
            Finding("old", 8.0, "2026-09-20T10:00:00.000Z"),
            Finding("critical", 9.5, "2026-09-01T10:00:00.000Z"),
            Finding("recent", 8.0, "2026-10-25T10:00:00.000Z"));
        var result = account.Run("aws-gd-002");
        Assert.Equal(CheckStatus.Fail, result.Status);
        Assert.Equal(3, result.ResourcesScanned);
        Assert.Equal(["old", "critical"], result.Findings.Select(f => f.ResourceId.Split('/').Last()).ToArray());
        Assert.Equal([Severity.Medium, Severity.High], result.Findings.Select(f => f.Severity).ToArray());
        Assert.Contains("open since 2026-09-20 (42 days)", result.Findings[0].Description);
        Assert.Equal($"# After investigating and remediating the affected resource:\naws guardduty archive-findings --region us-east-1 --detector-id {Detector} --finding-ids old",
            result.Findings[0].Remediation!.Cli);
        Assert.Contains("name        = \"archive-Backdoor-EC2-C-CActivity.B\"", result.Findings[0].Remediation!.Terraform);
    }

    [Fact]
    public void A_detector_without_old_high_findings_passes()
    {
        var account = WithFindings(WithDetector(new TestAccount("us-east-1"), "us-east-1"), Finding("recent", 7.0, "2026-10-30T00:00:00Z"));
        Assert.Equal(CheckStatus.Pass, account.Run("aws-gd-002").Status);
    }

    [Fact]
    public void Findings_that_could_not_be_read_are_not_assessed()
    {
        var account = WithDetector(new TestAccount("us-east-1"), "us-east-1");
        account.Answer(GuardDutyCalls.ListOpenHighFindings, GuardDutyCalls.OpenHighFindingsTarget("us-east-1", Detector, TestAccount.Id), """{"FindingIds": ["f0"]}""");
        var result = account.Run("aws-gd-002");
        Assert.Equal(CheckStatus.NotAssessed, result.Status);
        Assert.Contains(result.Gaps, g => g.Operation == "GetFindings");
    }

    [Fact]
    public void Findings_are_fetched_in_batches_of_50()
    {
        var batches = GuardDutyCalls.FindingBatches("us-east-1", Detector, Enumerable.Range(0, 120).Select(i => $"f{i}")).ToList();
        Assert.Equal([50, 50, 20], batches.Select(b => b.Parameters!["FindingIds"]!.AsArray().Count).ToArray());
    }

    [Fact]
    public void Without_detectors_there_is_nothing_to_judge() =>
        Assert.Equal(CheckStatus.NotApplicable,
            new TestAccount("us-east-1").Answer(GuardDutyCalls.ListDetectors, "us-east-1", """{"DetectorIds": []}""").Run("aws-gd-002").Status);
}
