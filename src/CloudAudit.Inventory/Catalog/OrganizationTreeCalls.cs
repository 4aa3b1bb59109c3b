using System.Text.Json.Nodes;
using static CloudAudit.Inventory.Catalog.JsonParams;

namespace CloudAudit.Inventory.Catalog;

/// <summary>
/// Reads of the whole organization's tree, top down, with the service control policies (SCPs) attached to each
/// node: the root (ListRoots, whose answer also says which policy types are enabled), the OUs under each root or OU
/// (ListOrganizationalUnitsForParent), the accounts directly under each root or OU (ListAccountsForParent) and the
/// SCPs of every root, OU and account (ListPoliciesForTarget). Only the management account or a delegated
/// administrator may make them.
/// </summary>
/// <remarks>
/// The collector follows no recursion, so the walk down is a fixed chain of steps: step 0 lists the OUs under each
/// root, each next step the OUs under the ones the previous step found. OUs nest at most five deep under the root,
/// so five steps find every OU. An SCP read has the same parameters as <see cref="OrganizationCalls"/>' walk up
/// from the scanned account, so the collector makes an identical request once.
/// </remarks>
public static class OrganizationTreeCalls
{
    public const int OuDepth = 5;

    /// <summary>The policy AWS attaches to every root, OU and account when SCPs are enabled: it allows everything.</summary>
    public const string FullAwsAccessPolicyId = "p-FullAWSAccess";

    public static readonly ApiCall ListRoots = ApiCall.Global("organizations", "ListRoots");

    /// <summary>One level of the tree: the OUs listed under the previous level's nodes, their accounts and SCPs.</summary>
    public sealed record TreeLevel(ApiCall ListOrganizationalUnits, ApiCall ListAccounts, ApiCall ListAccountPolicies, ApiCall ListPolicies);

    /// <summary>The root's accounts and SCPs (and its accounts' SCPs).</summary>
    public static readonly ApiCall ListRootAccounts = AccountsUnder(ListRoots, "Roots");

    public static readonly ApiCall ListRootPolicies = PoliciesOf(ListRoots, "Roots");

    public static readonly ApiCall ListRootAccountPolicies = PoliciesOf(ListRootAccounts, "Accounts");

    /// <summary>Level k lists the OUs k+1 deep, and their accounts and policies.</summary>
    public static readonly IReadOnlyList<TreeLevel> Levels = BuildLevels();

    /// <summary>Every read the tree and its SCPs need (their ancestors are planned with them).</summary>
    public static IReadOnlyList<ApiCall> Reads { get; } =
        [ListRootPolicies, ListRootAccountPolicies, .. Levels.SelectMany(l => new[] { l.ListOrganizationalUnits, l.ListAccountPolicies, l.ListPolicies })];

    public static JsonObject ChildrenOf(string parentId) => Of(("ParentId", parentId));

    private static List<TreeLevel> BuildLevels()
    {
        var levels = new List<TreeLevel>();
        for (var depth = 0; depth < OuDepth; depth++)
        {
            // Level 0 lists the OUs under the roots ListRoots found, each next level those under the OUs the previous found.
            var (parent, member) = depth == 0 ? (ListRoots, "Roots") : (levels[^1].ListOrganizationalUnits, "OrganizationalUnits");
            var ous = ApiCall.PerResource(parent, "organizations", "ListOrganizationalUnitsForParent", response =>
                Ids(response.Response, member).Select(id => new CallTarget(AwsIds.GlobalRegion, ChildrenOf(id))));
            var accounts = AccountsUnder(ous, "OrganizationalUnits");
            levels.Add(new TreeLevel(ous, accounts, PoliciesOf(accounts, "Accounts"), PoliciesOf(ous, "OrganizationalUnits")));
        }
        return levels;
    }

    private static ApiCall AccountsUnder(ApiCall parent, string member) =>
        ApiCall.PerResource(parent, "organizations", "ListAccountsForParent", response =>
            Ids(response.Response, member).Select(id => new CallTarget(AwsIds.GlobalRegion, ChildrenOf(id))));

    private static ApiCall PoliciesOf(ApiCall parent, string member) =>
        ApiCall.PerResource(parent, "organizations", "ListPoliciesForTarget", response =>
            Ids(response.Response, member).Select(id => new CallTarget(AwsIds.GlobalRegion, OrganizationCalls.PoliciesOf(id))));

    private static IEnumerable<string> Ids(JsonNode? response, string member) => Items(response, member).Select(i => i.Str("Id")).OfType<string>();
}
