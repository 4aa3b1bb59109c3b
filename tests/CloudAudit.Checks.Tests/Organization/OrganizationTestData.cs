using CloudAudit.Checks.Tests.Support;
using CloudAudit.Inventory;
using CloudAudit.Inventory.Catalog;
using CloudAudit.Inventory.Snapshot;

namespace CloudAudit.Checks.Tests.Organization;

/// <summary>Organization data for the organization checks' tests: the test account is the management account unless told.</summary>
public static class OrganizationTestData
{
    public const string OrganizationId = "o-test12345";
    public const string SecurityAccount = "444455556666";
    public const string OrganizationArn = $"arn:aws:organizations::{TestAccount.Id}:organization/{OrganizationId}";

    public static TestAccount InOrganization(this TestAccount account, string managementAccount = TestAccount.Id)
    {
        account.Record.Global(ResourcePolicyCalls.DescribeOrganization, $$$"""
            {"Organization": {"Id": "{{{OrganizationId}}}", "MasterAccountId": "{{{managementAccount}}}", "FeatureSet": "ALL"}}
            """);
        return account;
    }

    public static TestAccount TrustedAccess(this TestAccount account, params string[] principals)
    {
        account.Record.Global(OrganizationServiceCalls.ListServiceAccess,
            $$"""{"EnabledServicePrincipals": [{{string.Join(",", principals.Select(p => $$"""{"ServicePrincipal": "{{p}}"}"""))}}]}""");
        return account;
    }

    public static TestAccount DelegatedAdmin(this TestAccount account, string principal, params string[] admins) =>
        DelegatedAdminWithStatus(account, principal, "ACTIVE", admins);

    public static TestAccount DelegatedAdminWithStatus(this TestAccount account, string principal, string status, params string[] admins)
    {
        account.Record.Global(OrganizationServiceCalls.ListDelegatedAdministrators[principal],
            $$"""{"DelegatedAdministrators": [{{string.Join(",", admins.Select(a => $$"""{"Id": "{{a}}", "Status": "{{status}}"}"""))}}]}""");
        return account;
    }

    /// <summary>GuardDuty's (AdminAccountId/AdminStatus) or Security Hub's (AccountId/Status) administrators in one region.</summary>
    public static TestAccount ServiceAdmins(this TestAccount account, ApiCall call, string region, params string[] admins)
    {
        var guardDuty = call == OrganizationServiceCalls.GuardDutyAdminAccounts;
        account.Record.Regional(call, region, $$"""{"AdminAccounts": [{{string.Join(",", admins.Select(a => guardDuty
            ? $$"""{"AdminAccountId": "{{a}}", "AdminStatus": "ENABLED"}"""
            : $$"""{"AccountId": "{{a}}", "Status": "ENABLED"}"""))}}]}""");
        return account;
    }

    /// <summary>Every security service trusted and delegated to the security account, in every region.</summary>
    public static TestAccount WellDelegated(this TestAccount account)
    {
        account.InOrganization().TrustedAccess([.. OrganizationServiceCalls.SecurityServicePrincipals]);
        foreach (var principal in OrganizationServiceCalls.SecurityServicePrincipals)
            account.DelegatedAdmin(principal, SecurityAccount);
        foreach (var region in account.Regions)
        {
            account.ServiceAdmins(OrganizationServiceCalls.GuardDutyAdminAccounts, region, SecurityAccount);
            account.ServiceAdmins(OrganizationServiceCalls.SecurityHubAdminAccounts, region, SecurityAccount);
        }
        return account;
    }

    public static TestAccount RefusedServiceAccess(this TestAccount account)
    {
        account.Record.Failure(OrganizationServiceCalls.ListServiceAccess, AwsIds.GlobalRegion, null, ErrorKind.AccessDenied,
            "AccessDeniedException", "You don't have permissions to access this resource.", 400);
        return account;
    }
}
