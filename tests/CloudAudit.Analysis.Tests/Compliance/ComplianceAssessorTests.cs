using CloudAudit.Analysis.Chains;
using CloudAudit.Analysis.Compliance;
using CloudAudit.Analysis.Graph;
using CloudAudit.Checks;
using CloudAudit.Checks.Framework;
using CloudAudit.Inventory;
using CloudAudit.Inventory.Snapshot;

namespace CloudAudit.Analysis.Tests.Compliance;

/// <summary>How check results become control statuses: never a PASS on missing data.</summary>
public class ComplianceAssessorTests
{
    private const string AccountA = "111111111111";
    private const string AccountB = "222222222222";

    private static FrameworkControl Control(string id, ControlAssessment assessment, params string[] checks) => new()
    {
        Id = id, Title = $"Control {id}", Section = "S", Assessment = assessment, Checks = checks,
        Verify = assessment == ControlAssessment.Manual ? "Look at it." : null,
    };

    private static ComplianceFramework Framework(params FrameworkControl[] controls) => new()
    {
        Id = "test", Name = "Test", Version = "1", Ref = "TEST", Publisher = "p", Url = "https://example.com",
        PublishedControls = controls.Length, CountSource = "", Mappings = "", Controls = controls,
    };

    private static CheckResult Result(string checkId, CheckStatus status, string account = AccountA, int scanned = 2,
        IReadOnlyList<string>? failing = null, IReadOnlyList<DataGap>? gaps = null, string? reason = null)
    {
        var info = CheckRegistry.Find(checkId)!.Info;
        return new CheckResult
        {
            CheckId = checkId, CheckName = info.Title, AccountId = account, Status = status, ResourcesScanned = scanned,
            Reason = reason, Error = status == CheckStatus.Error ? "boom" : null, Gaps = gaps ?? [],
            Findings = (failing ?? []).Select(r => new Finding
            {
                CheckId = checkId, Title = info.Title, Severity = info.Severity, Category = info.Category, ResourceType = "AWS::S3::Bucket",
                ResourceId = r, Region = "eu-west-1", AccountId = account, Description = "d", Recommendation = "r",
            }).ToList(),
        };
    }

    private static ScanReport Report(IReadOnlyList<CheckResult> results, AnalysisOptions? options = null)
    {
        var (analyzed, summary, expired) = ScanAnalyzer.Analyze(results, options ?? new AnalysisOptions { Today = new DateOnly(2026, 11, 28) });
        return new ScanReport
        {
            AccountIds = results.Select(r => r.AccountId).Distinct().ToList(), Regions = ["eu-west-1"], Timestamp = DateTimeOffset.UnixEpoch,
            DurationSeconds = 0, Source = "snapshot", ToolVersion = "0", Summary = summary, Results = analyzed, ExpiredSuppressions = expired,
        };
    }

    private static ControlResult Assess(FrameworkControl control, params CheckResult[] results) =>
        Assert.Single(ComplianceAssessor.Assess(Framework(control), Report(results)).Controls);

    [Fact]
    public void A_control_whose_only_check_is_not_assessed_is_not_assessed_never_pass()
    {
        var c = Assess(Control("1", ControlAssessment.Automated, "aws-s3-001"),
            Result("aws-s3-001", CheckStatus.NotAssessed, reason: "GetPublicAccessBlock denied in eu-west-1"));
        Assert.Equal(ControlStatus.NotAssessed, c.Status);
        Assert.Equal(EvidenceStatus.NotAssessed, Assert.Single(c.Evidence).Status);
        Assert.Contains("GetPublicAccessBlock denied", c.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_check_that_passed_on_part_of_its_data_does_not_pass_the_control()
    {
        var gap = new DataGap("us-east-1", "s3", "GetPublicAccessBlock", ErrorKind.AccessDenied, "AccessDenied", "denied");
        var c = Assess(Control("1", ControlAssessment.Automated, "aws-s3-001"), Result("aws-s3-001", CheckStatus.Pass, gaps: [gap]));
        Assert.Equal(ControlStatus.NotAssessed, c.Status);
        Assert.Contains("GetPublicAccessBlock", c.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_errored_check_or_one_not_run_leaves_the_control_not_assessed()
    {
        Assert.Equal(ControlStatus.NotAssessed, Assess(Control("1", ControlAssessment.Automated, "aws-s3-001"), Result("aws-s3-001", CheckStatus.Error)).Status);
        var notRun = Assess(Control("1", ControlAssessment.Automated, "aws-s3-001", "aws-s3-002"), Result("aws-s3-001", CheckStatus.Pass));
        Assert.Equal(ControlStatus.NotAssessed, notRun.Status);
        Assert.Equal(EvidenceStatus.NotRun, notRun.Evidence[1].Status);
    }

    [Fact]
    public void A_failing_check_fails_the_control_even_when_another_is_not_assessed()
    {
        var c = Assess(Control("1", ControlAssessment.Automated, "aws-s3-001", "aws-s3-002"),
            Result("aws-s3-001", CheckStatus.Fail, failing: ["bucket-a", "bucket-b"]), Result("aws-s3-002", CheckStatus.NotAssessed, reason: "denied"));
        Assert.Equal(ControlStatus.Fail, c.Status);
        Assert.Equal(2, c.Evidence[0].ResourcesFailed);
        Assert.Equal(0, c.Evidence[0].ResourcesPassed);
        Assert.Equal(["bucket-a", "bucket-b"], c.Findings.Select(f => f.Finding.ResourceId));
    }

    [Fact]
    public void Checks_that_all_pass_pass_an_automated_control_and_leave_a_partial_one_partial()
    {
        Assert.Equal(ControlStatus.Pass, Assess(Control("1", ControlAssessment.Automated, "aws-s3-001"), Result("aws-s3-001", CheckStatus.Pass)).Status);
        var partial = Assess(Control("1", ControlAssessment.Partial, "aws-s3-001"), Result("aws-s3-001", CheckStatus.Pass));
        Assert.Equal(ControlStatus.Partial, partial.Status);
        Assert.True(partial.NeedsPerson);
    }

    [Fact]
    public void Not_applicable_checks_make_the_control_not_applicable_unless_another_passes()
    {
        Assert.Equal(ControlStatus.NotApplicable, Assess(Control("1", ControlAssessment.Automated, "aws-rds-002"),
            Result("aws-rds-002", CheckStatus.NotApplicable, scanned: 0, reason: "no DB instances")).Status);
        Assert.Equal(ControlStatus.Pass, Assess(Control("1", ControlAssessment.Automated, "aws-rds-002", "aws-efs-001"),
            Result("aws-rds-002", CheckStatus.NotApplicable, scanned: 0, reason: "no DB instances"), Result("aws-efs-001", CheckStatus.Pass)).Status);
    }

    [Fact]
    public void A_manual_control_is_manual()
    {
        var c = Assert.Single(ComplianceAssessor.Assess(Framework(Control("1", ControlAssessment.Manual)), Report([Result("aws-s3-001", CheckStatus.Pass)])).Controls);
        Assert.Equal(ControlStatus.Manual, c.Status);
        Assert.Empty(c.Evidence);
    }

    [Fact]
    public void A_failure_in_one_account_fails_the_control_for_the_scan()
    {
        var c = Assess(Control("1", ControlAssessment.Automated, "aws-s3-001"),
            Result("aws-s3-001", CheckStatus.Pass, AccountA, scanned: 3), Result("aws-s3-001", CheckStatus.Fail, AccountB, scanned: 2, failing: ["shared-name"]));
        Assert.Equal(ControlStatus.Fail, c.Status);
        Assert.Equal(5, c.Evidence[0].ResourcesScanned);
        Assert.Equal(1, c.Evidence[0].ResourcesFailed);
        Assert.Equal(4, c.Evidence[0].ResourcesPassed);
    }

    [Fact]
    public void Suppressed_findings_are_accepted_risks_but_findings_below_the_threshold_still_fail()
    {
        var suppressed = new AnalysisOptions { Today = new DateOnly(2026, 11, 28), Suppressions = [new Suppression("aws-s3-001", "bucket-a", "accepted")] };
        var report = Report([Result("aws-s3-001", CheckStatus.Fail, failing: ["bucket-a"])], suppressed);
        var c = Assert.Single(ComplianceAssessor.Assess(Framework(Control("1", ControlAssessment.Automated, "aws-s3-001")), report).Controls);
        Assert.Equal(ControlStatus.Pass, c.Status);
        Assert.Equal(1, c.Evidence[0].FindingsSuppressed);
        Assert.Empty(c.Findings);

        var below = Report([Result("aws-s3-001", CheckStatus.Fail, failing: ["bucket-a"])], new AnalysisOptions { Today = new DateOnly(2026, 11, 28), MinSeverity = Severity.Critical });
        Assert.Equal(ControlStatus.Fail, Assert.Single(ComplianceAssessor.Assess(Framework(Control("1", ControlAssessment.Automated, "aws-s3-001")), below).Controls).Status);
    }

    [Fact]
    public void Readiness_is_passing_over_assessable_and_leaves_out_what_could_not_be_judged()
    {
        var framework = Framework(
            Control("pass", ControlAssessment.Automated, "aws-s3-001"),
            Control("partial", ControlAssessment.Partial, "aws-s3-001"),
            Control("fail", ControlAssessment.Automated, "aws-s3-002"),
            Control("unassessed", ControlAssessment.Automated, "aws-s3-003"),
            Control("manual", ControlAssessment.Manual));
        var report = ComplianceAssessor.Assess(framework, Report([
            Result("aws-s3-001", CheckStatus.Pass), Result("aws-s3-002", CheckStatus.Fail, failing: ["b"]),
            Result("aws-s3-003", CheckStatus.NotAssessed, reason: "denied")]));
        var s = report.Summary;
        Assert.Equal((1, 1, 1, 1, 1), (s.Passed, s.Partial, s.Failed, s.NotAssessed, s.Manual));
        Assert.Equal(3, s.Assessable);
        Assert.Equal(2, s.Passing);
        Assert.Equal(67, s.ReadinessPercent);
        Assert.Equal(2, s.NeedPerson);
    }

    [Fact]
    public void Nothing_assessable_is_zero_readiness_not_a_division_by_zero()
    {
        var report = ComplianceAssessor.Assess(Framework(Control("manual", ControlAssessment.Manual)), Report([Result("aws-s3-001", CheckStatus.Pass)]));
        Assert.Equal(0, report.Summary.ReadinessPercent);
    }

    [Fact]
    public void A_control_is_violated_by_the_attack_chains_its_checks_findings_are_part_of()
    {
        var scan = Report([Result("aws-s3-001", CheckStatus.Fail, failing: ["bucket-a"]), Result("aws-s3-002", CheckStatus.Fail, failing: ["bucket-b"])]);
        var s3001 = scan.Results.Single(r => r.Info.Id == "aws-s3-001").Findings.Single();
        AttackChain Chain(string id, Severity severity) => new()
        {
            ChainId = id, Name = $"Chain {id}", Severity = severity, AccountId = AccountA, Anchor = "bucket-a",
            Findings = [FindingRef.Of(s3001)], AttackNarrative = "n", PriorityFix = new ChainFix("fix it", "aws-s3-001", Effort.Low),
            MitreRefs = [], Resources = [], VizSteps = [], Reference = false,
        };
        var critical = Chain("AC-01", Severity.Critical);
        var high = Chain("CA-02", Severity.High);
        scan = scan with { AttackPaths = AttackPathAnalysis.Empty with { Chains = [critical, high] } };

        var report = ComplianceAssessor.Assess(Framework(
            Control("s3-001", ControlAssessment.Automated, "aws-s3-001"),
            Control("both", ControlAssessment.Partial, "aws-s3-002", "aws-s3-001"),
            Control("s3-002", ControlAssessment.Automated, "aws-s3-002"),
            Control("manual", ControlAssessment.Manual)), scan);

        Assert.Equal([critical, high], report.Controls[0].ViolatedByChains);
        Assert.Equal([critical, high], report.Controls[1].ViolatedByChains);
        Assert.Empty(report.Controls[2].ViolatedByChains);
        Assert.Equal(ControlStatus.Fail, report.Controls[2].Status);
        Assert.Empty(report.Controls[3].ViolatedByChains);
    }
}
