using CloudAudit.Checks.Framework;
using CloudAudit.Checks.Tests.Support;
using CloudAudit.Inventory.Catalog;
using static CloudAudit.Checks.Tests.Iam.IamData;
using static CloudAudit.Demo.DemoRecorder;

namespace CloudAudit.Checks.Tests.Iam;

/// <summary>The checks of IAM users read from the credential report: 002, 003, 004, 009, 019.</summary>
public class CredentialChecksTests
{
    private static TestAccount Report(params string[] rows) => new TestAccount().WithCredentialReport(rows);

    [Fact]
    public void Console_user_without_mfa_fails_with_the_user_arn_and_name_in_the_fix()
    {
        var result = Report(Root(), User("alice", passwordSet: 30, passwordUsed: 1, mfa: true), User("bob", passwordSet: 30, passwordUsed: 2))
            .Run("aws-iam-002");

        Assert.Equal(CheckStatus.Fail, result.Status);
        Assert.Equal(2, result.ResourcesScanned);
        var finding = Assert.Single(result.Findings);
        Assert.Equal(UserArn("bob"), finding.ResourceId);
        Assert.Equal("global", finding.Region);
        Assert.Contains("aws iam enable-mfa-device --user-name bob", finding.Remediation!.Cli);
        Assert.Contains("--serial-number arn:aws:iam::111122223333:mfa/bob", finding.Remediation.Cli);
        Assert.Contains("virtual_mfa_device_name = \"bob\"", finding.Remediation.Terraform);
    }

    [Fact]
    public void Users_without_a_console_password_are_out_of_scope_for_console_checks()
    {
        var account = Report(Root(), User("ci", keys: new ReportKey(10, 1)));
        Assert.Equal(CheckStatus.NotApplicable, account.Run("aws-iam-002").Status);
        Assert.Equal(CheckStatus.NotApplicable, account.Run("aws-iam-019").Status);
        Assert.Equal("no IAM user has a console password", account.Run("aws-iam-002").Reason);
    }

    [Fact]
    public void A_denied_credential_report_is_not_assessed_rather_than_passing()
    {
        var account = new TestAccount().DeniedGlobal(IamCalls.GetCredentialReport);
        foreach (var id in new[] { "aws-iam-002", "aws-iam-003", "aws-iam-004", "aws-iam-009", "aws-iam-019", "aws-iam-020" })
        {
            var result = account.Run(id);
            Assert.Equal(CheckStatus.NotAssessed, result.Status);
            Assert.Contains("GetCredentialReport", result.Reason);
        }
    }

    [Fact]
    public void A_report_that_is_not_ready_is_not_assessed()
    {
        var account = new TestAccount().NotFoundGlobal(IamCalls.GetCredentialReport, "ReportInProgress");
        Assert.Equal(CheckStatus.NotAssessed, account.Run("aws-iam-003").Status);
    }

    [Fact]
    public void Key_older_than_90_days_fails_and_the_fix_names_the_real_key()
    {
        var account = Report(Root(), User("ci", keys: [new ReportKey(91, 1), new ReportKey(90, 1)]))
            .WithAccessKeys("ci", ("AKIAOLDOLDOLDOLDOLD1", 91, true), ("AKIANEWNEWNEWNEWNEW2", 90, true));

        var finding = Assert.Single(account.Run("aws-iam-003").Findings);
        Assert.Equal(UserArn("ci"), finding.ResourceId);
        Assert.Equal("IAM user ci has active access key AKIAOLDOLDOLDOLDOLD1 created 91 days ago (2026-08-02).", finding.Description);
        Assert.Contains("aws iam update-access-key --user-name ci --access-key-id AKIAOLDOLDOLDOLDOLD1 --status Inactive", finding.Remediation!.Cli);
        Assert.DoesNotContain("AKIANEWNEWNEWNEWNEW2", finding.Remediation.Cli);
    }

    [Fact]
    public void Without_ListAccessKeys_the_fix_keeps_a_placeholder_for_the_key_id()
    {
        var account = Report(Root(), User("ci", keys: new ReportKey(200, 1))).DeniedGlobal(IamCalls.ListAccessKeys, Params(("UserName", "ci")));

        var result = account.Run("aws-iam-003");
        var finding = Assert.Single(result.Findings);
        Assert.Contains("active access key key 1 created 200 days ago", finding.Description);
        Assert.Contains("--access-key-id <ACCESS_KEY_ID> --status Inactive", finding.Remediation!.Cli);
        Assert.Empty(result.Gaps);
    }

    [Fact]
    public void Two_overdue_keys_make_one_finding_whose_fix_retires_the_unused_key_first()
    {
        var account = Report(Root(), User("jenkins", keys: [new ReportKey(500, 2), new ReportKey(120)]))
            .WithAccessKeys("jenkins", ("AKIAINUSEINUSEINUSE1", 500, true), ("AKIAIDLEIDLEIDLEIDL2", 120, true));

        var finding = Assert.Single(account.Run("aws-iam-003").Findings);
        Assert.Contains("AKIAIDLEIDLEIDLEIDL2 created 120 days ago", finding.Description);
        Assert.Contains("AKIAINUSEINUSEINUSE1 created 500 days ago", finding.Description);
        var cli = finding.Remediation!.Cli;
        Assert.True(cli.IndexOf("AKIAIDLEIDLEIDLEIDL2", StringComparison.Ordinal) < cli.IndexOf("AKIAINUSEINUSEINUSE1", StringComparison.Ordinal));
        Assert.Contains("aws iam create-access-key --user-name jenkins", cli);
    }

    [Fact]
    public void Inactive_keys_are_out_of_scope()
    {
        var result = Report(Root(), User("old", keys: new ReportKey(900, 800, Active: false))).Run("aws-iam-003");
        Assert.Equal(CheckStatus.NotApplicable, result.Status);
        Assert.Equal("no IAM user has an active access key", result.Reason);
    }

    [Fact]
    public void Key_rotation_passes_at_90_days()
    {
        var result = Report(Root(), User("svc", keys: new ReportKey(90, 0.5))).Run("aws-iam-003");
        Assert.Equal(CheckStatus.Pass, result.Status);
    }

    [Theory]
    [InlineData(45.0, null, true)]    // last used 45 days ago
    [InlineData(44.9, null, false)]
    [InlineData(null, 45.0, true)]    // never used, created 45 days ago
    [InlineData(null, 44.0, false)]
    public void Unused_keys_fail_from_45_days(double? usedDaysAgo, double? neverUsedCreated, bool fails)
    {
        var key = usedDaysAgo is { } used ? new ReportKey(300, used) : new ReportKey(neverUsedCreated!.Value);
        var result = Report(Root(), User("svc", keys: key)).WithAccessKeys("svc", ("AKIASVCSVCSVCSVCSVC1", key.Created, true)).Run("aws-iam-004");

        Assert.Equal(fails ? CheckStatus.Fail : CheckStatus.Pass, result.Status);
        if (fails)
        {
            var finding = Assert.Single(result.Findings);
            Assert.Equal("aws iam update-access-key --user-name svc --access-key-id AKIASVCSVCSVCSVCSVC1 --status Inactive",
                finding.Remediation!.Cli.Split('\n')[1]);
            Assert.Contains("to = aws_iam_access_key.akiasvcsvcsvcsvcsvc1", finding.Remediation.Terraform);
            Assert.Contains("id = \"AKIASVCSVCSVCSVCSVC1\"", finding.Remediation.Terraform);
            Assert.Contains(usedDaysAgo is null ? "never used since its creation 45 days ago" : "last used 45 days ago", finding.Description);
        }
    }

    [Fact]
    public void Two_unused_keys_use_the_fix_for_both()
    {
        var account = Report(Root(), User("svc", keys: [new ReportKey(100), new ReportKey(90, 60)]))
            .WithAccessKeys("svc", ("AKIAAAAAAAAAAAAAAAA1", 100, true), ("AKIABBBBBBBBBBBBBBB2", 90, true));

        var finding = Assert.Single(account.Run("aws-iam-004").Findings);
        Assert.Contains("--access-key-id AKIAAAAAAAAAAAAAAAA1 --status Inactive", finding.Remediation!.Cli);
        Assert.Contains("--access-key-id AKIABBBBBBBBBBBBBBB2 --status Inactive", finding.Remediation.Cli);
        Assert.Contains("resource \"aws_iam_access_key\" \"akiabbbbbbbbbbbbbbb2\"", finding.Remediation.Terraform);
    }

    [Fact]
    public void Two_active_keys_fail_and_the_fix_retires_the_one_not_in_use()
    {
        var account = Report(Root(), User("ci", keys: [new ReportKey(30, 1), new ReportKey(10)]), User("solo", keys: new ReportKey(10, 1)))
            .WithAccessKeys("ci", ("AKIAUSEDUSEDUSEDUSE1", 30, true), ("AKIASPARESPARESPARE2", 10, true));

        var result = account.Run("aws-iam-009");
        Assert.Equal(2, result.ResourcesScanned);
        var finding = Assert.Single(result.Findings);
        Assert.Equal(UserArn("ci"), finding.ResourceId);
        Assert.Equal("IAM user ci has two active access keys: AKIASPARESPARESPARE2 (never used) and AKIAUSEDUSEDUSEDUSE1 (last used 1 day ago).",
            finding.Description);
        Assert.Contains("--access-key-id AKIASPARESPARESPARE2 --status Inactive", finding.Remediation!.Cli);
    }

    [Fact]
    public void One_active_and_one_inactive_key_pass_the_single_key_check()
    {
        var result = Report(Root(), User("ci", keys: [new ReportKey(30, 1), new ReportKey(200, 150, Active: false)])).Run("aws-iam-009");
        Assert.Equal(CheckStatus.Pass, result.Status);
    }

    [Fact]
    public void Console_password_unused_for_45_days_fails()
    {
        var result = Report(Root(),
                User("leaver", passwordSet: 300, passwordUsed: 45, mfa: true),
                User("active", passwordSet: 300, passwordUsed: 44, mfa: true),
                User("never", passwordSet: 50, mfa: true),
                User("newhire", passwordSet: 3, mfa: true))
            .Run("aws-iam-019");

        Assert.Equal(4, result.ResourcesScanned);
        Assert.Equal([UserArn("leaver"), UserArn("never")], result.Findings.Select(f => f.ResourceId));
        Assert.Equal("IAM user never has a console password, set 50 days ago (2026-09-12), that was never used.", result.Findings[1].Description);
        Assert.Equal("aws iam delete-login-profile --user-name leaver", result.Findings[0].Remediation!.Cli);
        Assert.Contains("to = aws_iam_user_login_profile.leaver", result.Findings[0].Remediation!.Terraform);
    }

    [Fact]
    public void Recently_used_console_passwords_pass()
    {
        Assert.Equal(CheckStatus.Pass, Report(Root(), User("alice", passwordSet: 30, passwordUsed: 0.5, mfa: true)).Run("aws-iam-019").Status);
    }
}
