using CloudAudit.Checks.Framework;
using CloudAudit.Checks.Tests.Support;
using CloudAudit.Inventory.Catalog;
using static CloudAudit.Checks.Tests.Iam.IamData;

namespace CloudAudit.Checks.Tests.Iam;

/// <summary>The root-user checks: 001 (MFA), 008 (keys), 015 (hardware MFA), 020 (recent use).</summary>
public class RootChecksTests
{
    private const string NoVirtualDevices = """{"VirtualMFADevices": []}""";

    [Fact]
    public void Root_without_mfa_fails_on_the_root_arn()
    {
        var result = new TestAccount().WithSummary(mfa: 0, rootKeys: 0).Run("aws-iam-001");
        var finding = Assert.Single(result.Findings);
        Assert.Equal(RootArn, finding.ResourceId);
        Assert.Equal("The root user of account 111122223333 has no MFA device and can sign in to the console with its password.", finding.Description);
        Assert.Contains("aws iam get-account-summary --query SummaryMap.AccountMFAEnabled", finding.Remediation!.Cli);
        Assert.Contains("resource \"aws_iam_organizations_features\"", finding.Remediation.Terraform);
    }

    [Fact]
    public void Root_with_mfa_passes()
    {
        Assert.Equal(CheckStatus.Pass, new TestAccount().WithSummary(mfa: 1, rootKeys: 0).Run("aws-iam-001").Status);
    }

    [Fact]
    public void Root_without_any_credentials_has_nothing_for_mfa_to_protect()
    {
        var account = new TestAccount().WithSummary(mfa: 0, rootKeys: 0, rootPassword: 0);
        Assert.Equal(CheckStatus.Pass, account.Run("aws-iam-001").Status);
        Assert.Equal(CheckStatus.Pass, account.Run("aws-iam-015").Status);
    }

    [Fact]
    public void Denied_account_summary_leaves_the_root_checks_not_assessed()
    {
        var account = new TestAccount().DeniedGlobal(IamCalls.GetAccountSummary);
        foreach (var id in new[] { "aws-iam-001", "aws-iam-008", "aws-iam-015" })
            Assert.Equal(CheckStatus.NotAssessed, account.Run(id).Status);
    }

    [Fact]
    public void Root_access_keys_fail_and_none_pass()
    {
        var finding = Assert.Single(new TestAccount().WithSummary(mfa: 1, rootKeys: 1).Run("aws-iam-008").Findings);
        Assert.Equal(RootArn, finding.ResourceId);
        Assert.Contains("aws iam delete-access-key --access-key-id <ROOT_ACCESS_KEY_ID>", finding.Remediation!.Cli);
        Assert.Equal(CheckStatus.Pass, new TestAccount().WithSummary(mfa: 1, rootKeys: 0).Run("aws-iam-008").Status);
    }

    [Fact]
    public void Root_virtual_mfa_fails_with_its_serial_in_the_fix()
    {
        var account = new TestAccount().WithSummary(mfa: 1, rootKeys: 0);
        account.Record.Global(IamCalls.ListVirtualMfaDevices, """
            {"VirtualMFADevices": [
              {"SerialNumber": "arn:aws:iam::111122223333:mfa/alice", "User": {"UserName": "alice", "Arn": "arn:aws:iam::111122223333:user/alice"}},
              {"SerialNumber": "arn:aws:iam::111122223333:mfa/root-account-mfa-device", "EnableDate": "2024-01-01T00:00:00+00:00",
               "User": {"UserName": "root", "Arn": "arn:aws:iam::111122223333:root"}}]}
            """);

        var finding = Assert.Single(account.Run("aws-iam-015").Findings);
        Assert.Equal(RootArn, finding.ResourceId);
        Assert.Contains("aws iam deactivate-mfa-device --serial-number arn:aws:iam::111122223333:mfa/root-account-mfa-device", finding.Remediation!.Cli);
    }

    [Fact]
    public void A_named_virtual_device_assigned_to_root_counts_as_virtual()
    {
        var account = new TestAccount().WithSummary(mfa: 1, rootKeys: 0);
        account.Record.Global(IamCalls.ListVirtualMfaDevices, """
            {"VirtualMFADevices": [{"SerialNumber": "arn:aws:iam::111122223333:mfa/ops-phone", "User": {"UserName": "", "Arn": "arn:aws:iam::111122223333:root"}}]}
            """);
        Assert.Contains("arn:aws:iam::111122223333:mfa/ops-phone", Assert.Single(account.Run("aws-iam-015").Findings).Description);
    }

    [Fact]
    public void Root_mfa_not_listed_as_virtual_is_hardware_and_passes()
    {
        var account = new TestAccount().WithSummary(mfa: 1, rootKeys: 0);
        account.Record.Global(IamCalls.ListVirtualMfaDevices, NoVirtualDevices);
        Assert.Equal(CheckStatus.Pass, account.Run("aws-iam-015").Status);
    }

    [Fact]
    public void Root_without_mfa_fails_the_hardware_check_as_a_consequence_of_aws_iam_001()
    {
        var result = new TestAccount().WithSummary(mfa: 0, rootKeys: 0).Run("aws-iam-015");
        var finding = Assert.Single(result.Findings);
        Assert.Equal("aws-iam-001", result.RootCause);
        Assert.DoesNotContain("deactivate-mfa-device", finding.Remediation!.Cli);
    }

    [Fact]
    public void Unreadable_virtual_devices_leave_the_hardware_check_not_assessed()
    {
        var account = new TestAccount().WithSummary(mfa: 1, rootKeys: 0).DeniedGlobal(IamCalls.ListVirtualMfaDevices);
        Assert.Equal(CheckStatus.NotAssessed, account.Run("aws-iam-015").Status);
    }

    [Fact]
    public void Root_used_in_the_last_90_days_fails_naming_what_was_used()
    {
        var result = new TestAccount().WithCredentialReport(Root(passwordUsed: 200, keys: new ReportKey(400, 12))).Run("aws-iam-020");
        var finding = Assert.Single(result.Findings);
        Assert.Equal(RootArn, finding.ResourceId);
        Assert.Equal("The root user of account 111122223333 was used in the last 90 days: access key 1 was used 12 days ago (2026-10-20) for s3.",
            finding.Description);
        Assert.Contains("aws cloudtrail lookup-events --region us-east-1", finding.Remediation!.Cli);
    }

    [Fact]
    public void A_credential_report_without_the_root_row_leaves_root_use_not_assessed()
    {
        // IAM always lists <root_account>; moto, for one, leaves it out. The root user exists all the same.
        var result = new TestAccount().WithCredentialReport(User("alice", passwordSet: 10, passwordUsed: 1, mfa: true)).Run("aws-iam-020");
        Assert.Equal(CheckStatus.NotAssessed, result.Status);
        Assert.Contains("no root user row", result.Reason);
    }

    [Fact]
    public void Root_last_used_over_90_days_ago_passes()
    {
        var result = new TestAccount().WithCredentialReport(Root(passwordUsed: 91), User("alice", passwordSet: 10, passwordUsed: 1, mfa: true))
            .Run("aws-iam-020");
        Assert.Equal(CheckStatus.Pass, result.Status);
        Assert.Equal(1, result.ResourcesScanned);
    }
}
