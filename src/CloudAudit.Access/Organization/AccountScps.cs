using CloudAudit.Inventory;
using CloudAudit.Inventory.Views;
using CloudAudit.Policy.Model;
using CloudAudit.Policy.Parsing;

namespace CloudAudit.Access.Organization;

/// <summary>
/// The service control policies that govern the scanned account, by level (root, each OU, the account), ready for
/// <see cref="Policy.Evaluation.PolicySet.ServiceControlPolicies"/>. No levels means no SCP limits the account:
/// it belongs to no organization, it is the management account, SCPs are not enabled, or they could not be read,
/// which <see cref="Unread"/> then says (a member account is usually refused organizations:ListParents).
/// </summary>
public sealed class AccountScps
{
    public IReadOnlyList<IReadOnlyList<PolicyDocument>> Levels { get; private init; } = [];
    /// <summary>Why the SCPs could not be read, when they could not; null when they were read or none apply.</summary>
    public string? Unread { get; private init; }

    public bool Apply => Levels.Count > 0;

    private static readonly AccountScps NotGoverned = new();

    /// <summary>Reads the SCPs that govern the account; documents are parsed through <paramref name="cache"/>.</summary>
    public static AccountScps Build(AccountData data, PolicyCache cache)
    {
        if (!data.ResourcePolicies().Organization().TryGet(out var organization, out var organizationGap))
            return new AccountScps { Unread = organizationGap!.ToString() };
        // Outside any organization there are no SCPs, and they never govern the management account.
        if (!organization.InOrganization || organization.MasterAccountId == data.AccountId) return NotGoverned;
        if (!data.ServiceControlPolicies().Levels(data.AccountId).TryGet(out var levels, out var gap))
            return new AccountScps { Unread = gap!.ToString() };
        // Once SCPs are enabled every node holds at least one (AWS refuses to detach the last): an empty level means they are not.
        if (levels.Any(l => l.Policies.Count == 0)) return NotGoverned;

        var parsed = new List<IReadOnlyList<PolicyDocument>>();
        foreach (var level in levels)
        {
            var documents = new List<PolicyDocument>();
            foreach (var scp in level.Policies)
            {
                var read = cache.Get(scp.Content, PolicyKind.ServiceControl, $"SCP {scp.Name ?? scp.Id} ({scp.Id}) on {level.TargetId}");
                if (!read.TryGet(out var document))
                    return new AccountScps { Unread = $"SCP {scp.Id} attached to {level.TargetId} could not be parsed: {read.Error}" };
                documents.Add(document);
            }
            parsed.Add(documents);
        }
        return new AccountScps { Levels = parsed };
    }
}
