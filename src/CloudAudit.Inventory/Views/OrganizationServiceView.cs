using System.Text.Json.Serialization;
using CloudAudit.Inventory.Catalog;

namespace CloudAudit.Inventory.Views;

public sealed record EnabledServicePrincipal(string ServicePrincipal);
public sealed record ListServiceAccessResponse(List<EnabledServicePrincipal>? EnabledServicePrincipals);

public sealed record DelegatedAdministrator(string Id, string? Name, string? Status);
public sealed record ListDelegatedAdministratorsResponse(List<DelegatedAdministrator>? DelegatedAdministrators);

/// <summary>An administrator account a service names for the organization (GuardDuty and Security Hub spell it differently).</summary>
public sealed record ServiceAdminAccount(string? AdminAccountId, string? AdminStatus, string? AccountId, string? Status)
{
    public string? Account => AdminAccountId ?? AccountId;
    public bool Enabled => (AdminStatus ?? Status) == "ENABLED";
}

public sealed record ListServiceAdminAccountsResponse(List<ServiceAdminAccount>? AdminAccounts);

/// <summary>How the organization administers its security services, as the management account or a delegated administrator reads it.</summary>
public sealed class OrganizationServiceView(AccountData data)
{
    /// <summary>The service principals with trusted access to the organization.</summary>
    public Observed<ListServiceAccessResponse> ServiceAccess() =>
        ViewJson.Read(data.Global(OrganizationServiceCalls.ListServiceAccess), OrganizationServiceJson.Default.ListServiceAccessResponse);

    /// <summary>The delegated administrators registered for one service principal.</summary>
    public Observed<ListDelegatedAdministratorsResponse> DelegatedAdministrators(string servicePrincipal) =>
        ViewJson.Read(data.Global(OrganizationServiceCalls.ListDelegatedAdministrators[servicePrincipal]),
            OrganizationServiceJson.Default.ListDelegatedAdministratorsResponse);

    /// <summary>GuardDuty's organization administrator in each scanned region.</summary>
    public IEnumerable<RegionRead<ListServiceAdminAccountsResponse>> GuardDutyAdministrators() =>
        data.InEveryRegion(OrganizationServiceCalls.GuardDutyAdminAccounts, OrganizationServiceJson.Default.ListServiceAdminAccountsResponse);

    /// <summary>Security Hub's organization administrator in each scanned region.</summary>
    public IEnumerable<RegionRead<ListServiceAdminAccountsResponse>> SecurityHubAdministrators() =>
        data.InEveryRegion(OrganizationServiceCalls.SecurityHubAdminAccounts, OrganizationServiceJson.Default.ListServiceAdminAccountsResponse);
}

[JsonSourceGenerationOptions(PropertyNameCaseInsensitive = false)]
[JsonSerializable(typeof(ListServiceAccessResponse))]
[JsonSerializable(typeof(ListDelegatedAdministratorsResponse))]
[JsonSerializable(typeof(ListServiceAdminAccountsResponse))]
internal sealed partial class OrganizationServiceJson : JsonSerializerContext;
