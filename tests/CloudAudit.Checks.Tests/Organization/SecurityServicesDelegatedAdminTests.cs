using CloudAudit.Checks.Framework;
using CloudAudit.Checks.Organization;
using CloudAudit.Checks.Tests.Support;
using CloudAudit.Inventory;
using CloudAudit.Inventory.Catalog;
using CloudAudit.Inventory.Snapshot;
using static CloudAudit.Checks.Tests.Organization.OrganizationTestData;
using static CloudAudit.Inventory.Catalog.OrganizationServiceCalls;

namespace CloudAudit.Checks.Tests.Organization;

/// <summary>aws-org-001: the security services are administered for the organization from a delegated member account.</summary>
public class SecurityServicesDelegatedAdminTests
{
    private const string Id = "aws-org-001";

    [Fact]
    public void Every_service_delegated_to_a_member_account_passes()
    {
        var result = new TestAccount("us-east-1", "eu-west-1").WellDelegated().Run(Id);

        Assert.Equal(CheckStatus.Pass, result.Status);
        Assert.Equal(4, result.ResourcesScanned);
        Assert.Contains($"{OrganizationArn}/{GuardDutyPrincipal}", result.PassedResources);
    }

    [Fact]
    public void A_service_without_trusted_access_or_delegated_administrator_fails_with_runnable_commands()
    {
        var account = new TestAccount("us-east-1").InOrganization()
            .TrustedAccess(GuardDutyPrincipal, SecurityHubPrincipal, ConfigPrincipal)
            .DelegatedAdmin(GuardDutyPrincipal, SecurityAccount).DelegatedAdmin(SecurityHubPrincipal, SecurityAccount)
            .DelegatedAdmin(ConfigPrincipal).DelegatedAdmin(ConfigMultiAccountSetupPrincipal)
            .ServiceAdmins(GuardDutyAdminAccounts, "us-east-1", SecurityAccount)
            .ServiceAdmins(SecurityHubAdminAccounts, "us-east-1", SecurityAccount);

        var result = account.Run(Id);

        Assert.Equal(CheckStatus.Fail, result.Status);
        Assert.Equal([$"{OrganizationArn}/{ConfigPrincipal}", $"{OrganizationArn}/{AccessAnalyzerPrincipal}"],
            result.Findings.Select(f => f.ResourceId).Order(StringComparer.Ordinal).Reverse());
        var analyzer = result.Findings.Single(f => f.ResourceId.EndsWith(AccessAnalyzerPrincipal, StringComparison.Ordinal));
        Assert.Equal($"Trusted access for IAM Access Analyzer ({AccessAnalyzerPrincipal}) is not enabled in organization {OrganizationId}: "
            + "it cannot be administered for the organization.", analyzer.Description);
        Assert.Equal($"""
            aws organizations enable-aws-service-access --service-principal {AccessAnalyzerPrincipal}
            aws organizations register-delegated-administrator --account-id <SECURITY_ACCOUNT_ID> --service-principal {AccessAnalyzerPrincipal}
            """, analyzer.Remediation!.Cli);
        Assert.Contains("resource \"aws_organizations_delegated_administrator\" \"access-analyzer_amazonaws_com\"".Replace("-", "_", StringComparison.Ordinal),
            analyzer.Remediation.Terraform);
        Assert.Contains($"service_principal = \"{AccessAnalyzerPrincipal}\"", analyzer.Remediation.Terraform);
        var config = result.Findings.Single(f => f.ResourceId.EndsWith(ConfigPrincipal, StringComparison.Ordinal));
        Assert.Equal($"AWS Config ({ConfigPrincipal}) has no delegated administrator in organization {OrganizationId}.", config.Description);
        Assert.Equal(2, result.PassedResources.Count);
    }

    [Fact]
    public void Config_is_delegated_under_either_of_its_principals_and_an_unread_one_is_not_assessed_unless_the_other_names_an_admin()
    {
        TestAccount Organization() => new TestAccount("us-east-1").InOrganization()
            .TrustedAccess(GuardDutyPrincipal, SecurityHubPrincipal, ConfigMultiAccountSetupPrincipal, AccessAnalyzerPrincipal)
            .DelegatedAdmin(GuardDutyPrincipal, SecurityAccount).DelegatedAdmin(SecurityHubPrincipal, SecurityAccount)
            .DelegatedAdmin(AccessAnalyzerPrincipal, SecurityAccount)
            .ServiceAdmins(GuardDutyAdminAccounts, "us-east-1", SecurityAccount)
            .ServiceAdmins(SecurityHubAdminAccounts, "us-east-1", SecurityAccount);

        // Trusted access and the administrator under config-multiaccountsetup.amazonaws.com only.
        var multiAccountSetup = Organization().DelegatedAdmin(ConfigMultiAccountSetupPrincipal, SecurityAccount);
        multiAccountSetup.Denied(ListDelegatedAdministrators[ConfigPrincipal], AwsIds.GlobalRegion, ListDelegatedAdministrators[ConfigPrincipal].Parameters);
        var passed = multiAccountSetup.Run(Id);
        Assert.Equal(CheckStatus.Pass, passed.Status);
        Assert.Contains($"{OrganizationArn}/{ConfigPrincipal}", passed.PassedResources);

        // Nobody under one principal, the other unread: it may name the administrator.
        var unread = Organization().DelegatedAdmin(ConfigPrincipal);
        unread.Denied(ListDelegatedAdministrators[ConfigMultiAccountSetupPrincipal], AwsIds.GlobalRegion,
            ListDelegatedAdministrators[ConfigMultiAccountSetupPrincipal].Parameters);
        var result = unread.Run(Id);
        Assert.Equal(CheckStatus.NotAssessed, result.Status);
        Assert.Empty(result.Findings);
    }

    [Fact]
    public void GuardDuty_and_Security_Hub_are_judged_per_region_by_their_own_administrator()
    {
        var account = new TestAccount("us-east-1", "eu-west-1").WellDelegated();
        account.Inventory.Calls.RemoveAll(c => c.Operation == "ListOrganizationAdminAccounts" && c.Region == "eu-west-1");
        account.ServiceAdmins(GuardDutyAdminAccounts, "eu-west-1").ServiceAdmins(SecurityHubAdminAccounts, "eu-west-1", SecurityAccount);

        var result = account.Run(Id);

        var finding = Assert.Single(result.Findings);
        Assert.Equal("eu-west-1", finding.Region);
        Assert.Equal($"{OrganizationArn}/{GuardDutyPrincipal}", finding.ResourceId);
        Assert.Equal($"GuardDuty names no administrator account for organization {OrganizationId} in eu-west-1 "
            + $"(delegated administrator registered: {SecurityAccount}).", finding.Description);
        Assert.Equal("aws guardduty enable-organization-admin-account --admin-account-id <SECURITY_ACCOUNT_ID> --region eu-west-1",
            finding.Remediation!.Cli);
        Assert.Contains("resource \"aws_guardduty_organization_admin_account\" \"eu_west_1\"", finding.Remediation.Terraform);
    }

    [Fact]
    public void A_service_naming_the_management_account_as_administrator_fails_with_that_services_fix_in_that_region()
    {
        var account = new TestAccount("us-east-1", "eu-west-1").WellDelegated();
        account.Inventory.Calls.RemoveAll(c => c.Service is "securityhub" or "guardduty" && c.Region == "eu-west-1");
        account.ServiceAdmins(SecurityHubAdminAccounts, "eu-west-1", TestAccount.Id).ServiceAdmins(GuardDutyAdminAccounts, "eu-west-1", TestAccount.Id);

        var result = account.Run(Id);

        Assert.Equal(2, result.Findings.Count);
        Assert.All(result.Findings, f => Assert.Equal("eu-west-1", f.Region));
        var hub = result.Findings.Single(f => f.ResourceId.EndsWith(SecurityHubPrincipal, StringComparison.Ordinal));
        Assert.Equal($"Security Hub ({SecurityHubPrincipal}) names the management account {TestAccount.Id} as its administrator in eu-west-1: "
            + "security work for the organization needs its credentials.", hub.Description);
        Assert.Equal($"""
            aws securityhub disable-organization-admin-account --admin-account-id {TestAccount.Id} --region eu-west-1
            aws securityhub enable-organization-admin-account --admin-account-id <SECURITY_ACCOUNT_ID> --region eu-west-1
            """, hub.Remediation!.Cli);
        Assert.Contains("resource \"aws_securityhub_organization_admin_account\"", hub.Remediation.Terraform);
        var guardDuty = result.Findings.Single(f => f.ResourceId.EndsWith(GuardDutyPrincipal, StringComparison.Ordinal));
        Assert.StartsWith($"aws guardduty disable-organization-admin-account --admin-account-id {TestAccount.Id} --region eu-west-1", guardDuty.Remediation!.Cli);
        Assert.Contains("resource \"aws_guardduty_organization_admin_account\"", guardDuty.Remediation.Terraform);
        Assert.DoesNotContain("deregister-delegated-administrator", guardDuty.Remediation.Cli + hub.Remediation.Cli);
    }

    [Theory]
    [InlineData("SUSPENDED")]
    [InlineData("PENDING_CLOSURE")]
    public void A_suspended_or_closing_delegated_administrator_does_not_count(string status)
    {
        var account = new TestAccount("us-east-1").WellDelegated();
        account.Inventory.Calls.RemoveAll(c => c.Operation == "ListDelegatedAdministrators" && c.Params!["ServicePrincipal"]!.GetValue<string>() == ConfigPrincipal);
        account.DelegatedAdminWithStatus(ConfigPrincipal, status, SecurityAccount).DelegatedAdmin(ConfigMultiAccountSetupPrincipal);

        var result = account.Run(Id);

        var finding = Assert.Single(result.Findings);
        Assert.Equal($"AWS Config ({ConfigPrincipal}) has no delegated administrator in organization {OrganizationId}.", finding.Description);
    }

    [Fact]
    public void A_denied_read_is_not_assessed_never_a_pass()
    {
        var account = new TestAccount("us-east-1", "eu-west-1").WellDelegated();
        account.Inventory.Calls.RemoveAll(c => c.Service == "guardduty" && c.Region == "eu-west-1");
        account.Denied(GuardDutyAdminAccounts, "eu-west-1");

        var result = account.Run(Id);

        Assert.Equal(CheckStatus.NotAssessed, result.Status);
        var gap = Assert.Single(result.Gaps);
        Assert.Equal(("eu-west-1", "guardduty", ErrorKind.AccessDenied), (gap.Region, gap.Service, gap.Kind));

        var denied = new TestAccount("us-east-1").InOrganization().RefusedServiceAccess();
        var refused = denied.Run(Id);
        Assert.Equal(CheckStatus.NotAssessed, refused.Status);
        Assert.Equal("ListAWSServiceAccessForOrganization", Assert.Single(refused.Gaps).Operation);
    }

    [Fact]
    public void A_member_account_refused_the_organization_reads_is_not_applicable_with_where_it_is_evaluated()
    {
        var member = new TestAccount("us-east-1").InOrganization(managementAccount: "999988887777").RefusedServiceAccess();

        var result = member.Run(Id);

        Assert.Equal(CheckStatus.NotApplicable, result.Status);
        Assert.Equal(OrganizationCheck.EvaluatedAtTheOrganization, result.Reason);
        Assert.StartsWith("evaluated at the organization: scan with --organization from the management account", result.Reason);
    }

    [Fact]
    public void Under_organization_a_caller_refused_the_service_access_read_is_not_assessed_with_the_cause()
    {
        var caller = new TestAccount("us-east-1").InOrganization(managementAccount: "999988887777").RefusedServiceAccess();

        var result = caller.RunAtOrganization(Id);

        Assert.Equal(CheckStatus.NotAssessed, result.Status);
        var gap = Assert.Single(result.Gaps);
        Assert.Equal(("ListAWSServiceAccessForOrganization", ErrorKind.AccessDenied), (gap.Operation, gap.Kind));
    }

    [Fact]
    public void A_delegated_administrator_evaluates_it_on_its_own_data()
    {
        // GuardDuty and Security Hub answer ListOrganizationAdminAccounts to the management account only.
        var account = new TestAccount("us-east-1").WellDelegated();
        account.Inventory.Calls.RemoveAll(c => c.Operation is "DescribeOrganization" or "ListOrganizationAdminAccounts");
        account.InOrganization(managementAccount: "999988887777");
        account.Denied(GuardDutyAdminAccounts, "us-east-1").Denied(SecurityHubAdminAccounts, "us-east-1");

        var result = account.Run(Id);

        Assert.Equal(CheckStatus.NotAssessed, result.Status);
        Assert.Equal([("guardduty", ErrorKind.AccessDenied), ("securityhub", ErrorKind.AccessDenied)],
            result.Gaps.Select(g => (g.Service, g.Kind)).OrderBy(g => g.Service, StringComparer.Ordinal));
        Assert.Empty(result.Findings);
    }

    [Fact]
    public void A_standalone_account_is_not_applicable_and_an_unread_organization_is_not_assessed()
    {
        var standalone = new TestAccount("us-east-1");
        standalone.Record.Failure(ResourcePolicyCalls.DescribeOrganization, AwsIds.GlobalRegion, null, ErrorKind.Other,
            "AWSOrganizationsNotInUseException", "Your account is not a member of an organization.", 400);
        Assert.Equal(CheckStatus.NotApplicable, standalone.Run(Id).Status);

        var unread = new TestAccount("us-east-1").Denied(ResourcePolicyCalls.DescribeOrganization, AwsIds.GlobalRegion);
        Assert.Equal(CheckStatus.NotAssessed, unread.Run(Id).Status);
    }
}
