using static CloudAudit.Inventory.Catalog.JsonParams;

namespace CloudAudit.Inventory.Catalog;

/// <summary>
/// Reads of how the organization runs its security services: which services have trusted access, which member
/// accounts are their delegated administrators, and (for GuardDuty and Security Hub, whose own administrator is the
/// source of truth per region) the administrator each service names. Only the management account or a delegated
/// administrator may make the Organizations reads; a member account is refused them.
/// </summary>
public static class OrganizationServiceCalls
{
    public const string GuardDutyPrincipal = "guardduty.amazonaws.com";
    public const string SecurityHubPrincipal = "securityhub.amazonaws.com";
    public const string ConfigPrincipal = "config.amazonaws.com";
    public const string AccessAnalyzerPrincipal = "access-analyzer.amazonaws.com";

    /// <summary>
    /// AWS Config's second principal: its organization-wide rules and conformance packs are delegated under it. An
    /// organization may register Config's delegated administrator under either, so both are read.
    /// </summary>
    public const string ConfigMultiAccountSetupPrincipal = "config-multiaccountsetup.amazonaws.com";

    /// <summary>The security services the organization should administer from a delegated member account.</summary>
    public static IReadOnlyList<string> SecurityServicePrincipals { get; } =
        [GuardDutyPrincipal, SecurityHubPrincipal, ConfigPrincipal, AccessAnalyzerPrincipal];

    public static readonly ApiCall ListServiceAccess = ApiCall.Global("organizations", "ListAWSServiceAccessForOrganization");

    /// <summary>The principals trusted access or a delegated administrator may be registered under, for each security service.</summary>
    public static IReadOnlyList<string> PrincipalsOf(string servicePrincipal) =>
        servicePrincipal == ConfigPrincipal ? [ConfigPrincipal, ConfigMultiAccountSetupPrincipal] : [servicePrincipal];

    /// <summary>ListDelegatedAdministrators for each principal of each security service, by service principal.</summary>
    public static IReadOnlyDictionary<string, ApiCall> ListDelegatedAdministrators { get; } =
        SecurityServicePrincipals.SelectMany(PrincipalsOf).ToDictionary(p => p,
            p => ApiCall.Global("organizations", "ListDelegatedAdministrators", Of(("ServicePrincipal", p))), StringComparer.Ordinal);

    public static readonly ApiCall GuardDutyAdminAccounts = ApiCall.Regional("guardduty", "ListOrganizationAdminAccounts");

    public static readonly ApiCall SecurityHubAdminAccounts = ApiCall.Regional("securityhub", "ListOrganizationAdminAccounts");
}
