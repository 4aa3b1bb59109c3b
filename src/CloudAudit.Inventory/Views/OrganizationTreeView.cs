using System.Text.Json.Serialization;
using CloudAudit.Inventory.Catalog;

namespace CloudAudit.Inventory.Views;

public sealed record PolicyTypeSummary(string? Type, string? Status);

/// <summary>A root of the organization and the policy types enabled on it.</summary>
public sealed record OrganizationRoot(string Id, string? Name, List<PolicyTypeSummary>? PolicyTypes)
{
    public bool Enables(string policyType) => (PolicyTypes ?? []).Any(t => t.Type == policyType && t.Status == "ENABLED");
}

public sealed record ListRootsResponse(List<OrganizationRoot>? Roots);
public sealed record ListedOrganizationalUnit(string Id, string? Name);
public sealed record ListOrganizationalUnitsResponse(List<ListedOrganizationalUnit>? OrganizationalUnits);
public sealed record ListedAccount(string Id, string? Name, string? Status);
public sealed record ListAccountsForParentResponse(List<ListedAccount>? Accounts);
public sealed record AttachedScp(string Id, string? Name);
public sealed record ListAttachedScpsResponse(List<AttachedScp>? Policies);

/// <summary>The organization's tree from the root down and the SCPs on each node, as <see cref="OrganizationTreeCalls"/> read them.</summary>
public sealed class OrganizationTreeView(AccountData data)
{
    public Observed<ListRootsResponse> Roots() => ViewJson.Read(data.Global(OrganizationTreeCalls.ListRoots), OrganizationTreeJson.Default.ListRootsResponse);

    // Every level declares the same reads, and a stored answer is found by its parameters: level 0's will do.

    /// <summary>The OUs directly under a root or an OU.</summary>
    public Observed<ListOrganizationalUnitsResponse> OrganizationalUnits(string parentId) =>
        ViewJson.Read(data.ForTarget(OrganizationTreeCalls.Levels[0].ListOrganizationalUnits, Global(OrganizationTreeCalls.ChildrenOf(parentId))),
            OrganizationTreeJson.Default.ListOrganizationalUnitsResponse);

    /// <summary>The accounts directly under a root or an OU.</summary>
    public Observed<ListAccountsForParentResponse> Accounts(string parentId) =>
        ViewJson.Read(data.ForTarget(OrganizationTreeCalls.ListRootAccounts, Global(OrganizationTreeCalls.ChildrenOf(parentId))),
            OrganizationTreeJson.Default.ListAccountsForParentResponse);

    /// <summary>The SCPs attached to a root, an OU or an account.</summary>
    public Observed<ListAttachedScpsResponse> ServiceControlPolicies(string targetId) =>
        ViewJson.Read(data.ForTarget(OrganizationTreeCalls.ListRootPolicies, Global(OrganizationCalls.PoliciesOf(targetId))),
            OrganizationTreeJson.Default.ListAttachedScpsResponse);

    private static CallTarget Global(System.Text.Json.Nodes.JsonObject parameters) => new(AwsIds.GlobalRegion, parameters);
}

[JsonSourceGenerationOptions(PropertyNameCaseInsensitive = false)]
[JsonSerializable(typeof(ListRootsResponse))]
[JsonSerializable(typeof(ListOrganizationalUnitsResponse))]
[JsonSerializable(typeof(ListAccountsForParentResponse))]
[JsonSerializable(typeof(ListAttachedScpsResponse))]
internal sealed partial class OrganizationTreeJson : JsonSerializerContext;
