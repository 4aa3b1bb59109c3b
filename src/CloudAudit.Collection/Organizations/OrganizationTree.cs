using System.Text.Json.Nodes;
using CloudAudit.Inventory;
using CloudAudit.Inventory.Catalog;
using CloudAudit.Inventory.Snapshot;
using CloudAudit.Transport.Http;

namespace CloudAudit.Collection.Organizations;

/// <summary>One account of the organization, where it sits in the OU tree, and its status (ACTIVE, SUSPENDED …).</summary>
/// <param name="OuPath">The OUs above the account, root first (the root itself left out).</param>
public sealed record OrganizationAccount(string Id, string? Name, string Status, IReadOnlyList<OrganizationalUnitRef> OuPath)
{
    /// <summary>An account known only by its ID (<c>--accounts</c> without <c>--organization</c>).</summary>
    public static OrganizationAccount Listed(string id) => new(id, null, "ACTIVE", []);

    public bool IsActive => Status == "ACTIVE";

    /// <summary>"Root/Production/Web": the OU names, for people.</summary>
    public string OuPathText => string.Join('/', OuPath.Select(o => o.Name).Prepend("Root"));
}

/// <summary>The organization as the management account (or a delegated administrator) sees it.</summary>
/// <param name="RootId">The root's ID (r-…), which <c>--ous</c> may name too.</param>
public sealed record OrganizationTree(string Id, string ManagementAccountId, string RootId, IReadOnlyList<OrganizationAccount> Accounts,
    IReadOnlyDictionary<string, string> UnitNames)
{
    /// <summary>
    /// Reads the organization: DescribeOrganization, ListRoots, then the OU tree level by level
    /// (ListOrganizationalUnitsForParent and ListAccountsForParent for each parent). Accounts in ID order.
    /// </summary>
    /// <param name="callerAccountId">The account making the reads, named in the error when it may not.</param>
    /// <exception cref="CollectionException">The caller belongs to no organization, or may not read it.</exception>
    public static async Task<OrganizationTree> ReadAsync(IAwsReader reader, string callerAccountId, CancellationToken cancellation = default)
    {
        var organization = await ReadAsync(reader, "DescribeOrganization", null, callerAccountId, cancellation).ConfigureAwait(false);
        var id = organization["Organization"].Str("Id") ?? throw new CollectionException("organizations:DescribeOrganization named no organization");
        var management = organization["Organization"].Str("MasterAccountId") ?? "";
        var roots = await ReadAsync(reader, "ListRoots", null, callerAccountId, cancellation, management).ConfigureAwait(false);
        var rootId = JsonParams.Items(roots, "Roots").Select(r => r.Str("Id")).OfType<string>().FirstOrDefault()
            ?? throw new CollectionException("organizations:ListRoots listed no root");

        var accounts = new List<OrganizationAccount>();
        var names = new Dictionary<string, string>(StringComparer.Ordinal) { [rootId] = "Root" };
        var level = new List<(string ParentId, List<OrganizationalUnitRef> Path)> { (rootId, []) };
        while (level.Count > 0)
        {
            var reads = level.Select(async parent =>
            {
                var input = new JsonObject { ["ParentId"] = parent.ParentId };
                var units = ReadAsync(reader, "ListOrganizationalUnitsForParent", input, callerAccountId, cancellation, management);
                var members = ReadAsync(reader, "ListAccountsForParent", input.DeepClone().AsObject(), callerAccountId, cancellation, management);
                return (parent.Path, Units: await units.ConfigureAwait(false), Members: await members.ConfigureAwait(false));
            }).ToList();
            var next = new List<(string, List<OrganizationalUnitRef>)>();
            foreach (var (path, units, members) in await Task.WhenAll(reads).ConfigureAwait(false))
            {
                foreach (var account in JsonParams.Items(members, "Accounts"))
                    if (account.Str("Id") is { } accountId)
                        accounts.Add(new OrganizationAccount(accountId, account.Str("Name"), StateOf(account), path));
                foreach (var unit in JsonParams.Items(units, "OrganizationalUnits"))
                    if (unit.Str("Id") is { } unitId)
                    {
                        var unitRef = new OrganizationalUnitRef(unitId, unit.Str("Name") ?? unitId);
                        names[unitId] = unitRef.Name;
                        next.Add((unitId, [.. path, unitRef]));
                    }
            }
            level = next;
        }
        accounts.Sort((a, b) => string.CompareOrdinal(a.Id, b.Id));
        return new OrganizationTree(id, management, rootId, accounts, names);
    }

    /// <summary>The accounts under any of <paramref name="unitIds"/> (an OU, any OU below it, or the root).</summary>
    /// <exception cref="CollectionException">An ID names no OU of this organization.</exception>
    public IReadOnlyList<OrganizationAccount> Under(IReadOnlyCollection<string> unitIds)
    {
        var unknown = unitIds.Where(u => !UnitNames.ContainsKey(u)).ToList();
        if (unknown.Count > 0)
            throw new CollectionException($"--ous names no OU of organization {Id}: {string.Join(", ", unknown)}");
        if (unitIds.Contains(RootId))
            return Accounts;
        return Accounts.Where(a => a.OuPath.Any(o => unitIds.Contains(o.Id))).ToList();
    }

    /// <summary>
    /// The account's lifecycle state: <c>State</c> (ACTIVE, SUSPENDED, PENDING_CLOSURE, CLOSED …), else the older
    /// <c>Status</c>, which AWS retires on 9 September 2026; reading only Status would take every account for ACTIVE once
    /// it is gone.
    /// </summary>
    private static string StateOf(JsonObject account) => account.Str("State") ?? account.Str("Status") ?? "ACTIVE";

    private static async Task<JsonObject> ReadAsync(IAwsReader reader, string operation, JsonObject? input, string caller,
        CancellationToken cancellation, string? management = null)
    {
        var result = await reader.ReadAsync("organizations", AwsIds.GlobalRegion, operation, input, null, cancellation).ConfigureAwait(false);
        if (result.Response is { } response)
            return response;
        var failure = result.Failure!;
        var cause = $"organizations:{operation} answered {failure.Code}: {failure.Message}";
        throw new CollectionException(failure switch
        {
            { Code: "AWSOrganizationsNotInUseException" } => $"--organization: account {caller} belongs to no AWS Organization ({cause})",
            { Kind: FailureKind.AccessDenied } => $"--organization must run from the organization's management account{(string.IsNullOrEmpty(management) ? "" : $" ({management})")} "
                + $"or a delegated administrator; account {caller} is neither ({cause})",
            _ => $"--organization: cannot read the organization ({cause})",
        });
    }
}
