using CloudAudit.Inventory;
using CloudAudit.Inventory.Catalog;
using CloudAudit.Inventory.Snapshot;

namespace CloudAudit.Demo;

/// <summary>
/// How o-northwind01 runs its security services, as the security account (their delegated administrator) reads it:
/// trusted access for GuardDuty, Security Hub, Config and Access Analyzer; GuardDuty and Access Analyzer delegated to
/// the security account everywhere; Security Hub's administrator set in us-east-1 only; nobody registered for Config
/// (under either of its principals).
/// Production and development are members, refused these reads.
/// </summary>
internal sealed class DemoOrganizationServices : IDemoPart
{
    public void Production(DemoRecorder a, DemoClock clock) => Refused(a);

    public void Development(DemoRecorder a, DemoClock clock) => Refused(a);

    public void Security(DemoRecorder a, DemoClock clock)
    {
        var principals = OrganizationServiceCalls.SecurityServicePrincipals.Select(p =>
            $$"""{"ServicePrincipal": "{{p}}", "DateEnabled": "{{clock.DaysAgo(880)}}"}""");
        a.Global(OrganizationServiceCalls.ListServiceAccess, $$"""{"EnabledServicePrincipals": [{{string.Join(",", principals)}}]}""");
        var security = $$"""
            {"Id": "{{a.AccountId}}", "Arn": "arn:aws:organizations::{{DemoAccount.ManagementAccount}}:account/{{DemoAccount.OrganizationId}}/{{a.AccountId}}",
             "Email": "aws-security@northwind-analytics.example", "Name": "northwind-security", "Status": "ACTIVE",
             "JoinedMethod": "CREATED", "JoinedTimestamp": "{{clock.DaysAgo(900)}}", "DelegationEnabledDate": "{{clock.DaysAgo(870)}}"}
            """;
        foreach (var (principal, call) in OrganizationServiceCalls.ListDelegatedAdministrators)
            a.Global(call, OrganizationServiceCalls.PrincipalsOf(OrganizationServiceCalls.ConfigPrincipal).Contains(principal)
                ? """{"DelegatedAdministrators": []}"""
                : $$"""{"DelegatedAdministrators": [{{security}}]}""");
        foreach (var region in a.Regions)
        {
            a.Regional(OrganizationServiceCalls.GuardDutyAdminAccounts, region,
                $$"""{"AdminAccounts": [{"AdminAccountId": "{{a.AccountId}}", "AdminStatus": "ENABLED"}]}""");
            a.Regional(OrganizationServiceCalls.SecurityHubAdminAccounts, region, region == "us-east-1"
                ? $$"""{"AdminAccounts": [{"AccountId": "{{a.AccountId}}", "Status": "ENABLED"}]}"""
                : """{"AdminAccounts": []}""");
        }
    }

    /// <summary>A member account is refused the organization's service reads (and the services' organization administrators).</summary>
    private static void Refused(DemoRecorder a)
    {
        a.Failure(OrganizationServiceCalls.ListServiceAccess, AwsIds.GlobalRegion, null, ErrorKind.AccessDenied, "AccessDeniedException",
            "You don't have permissions to access this resource.", 400);
        foreach (var call in OrganizationServiceCalls.ListDelegatedAdministrators.Values)
            a.Failure(call, AwsIds.GlobalRegion, null, ErrorKind.AccessDenied, "AccessDeniedException",
                "You don't have permissions to access this resource.", 400);
        foreach (var region in a.Regions)
        {
            a.Failure(OrganizationServiceCalls.GuardDutyAdminAccounts, region, null, ErrorKind.AccessDenied, "AccessDeniedException",
                "The request was denied because the caller is not the organization's management account.", 403);
            a.Failure(OrganizationServiceCalls.SecurityHubAdminAccounts, region, null, ErrorKind.AccessDenied, "AccessDeniedException",
                "The request was denied because the caller is not the organization's management account.", 403);
        }
    }
}
