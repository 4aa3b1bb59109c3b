using CloudAudit.Checks.Framework;
using CloudAudit.Inventory.Views;
using CloudAudit.Policy.Model;

namespace CloudAudit.Checks.Policies;

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
    /// <summary>Why no SCP applies, when none does and that is known.</summary>
    public string? NotGoverned { get; private init; }

    public bool Apply => Levels.Count > 0;

    public static AccountScps Of(CheckContext context) => context.Shared(Build);

    private static AccountScps Build(CheckContext context)
    {
        var organization = OrganizationFacts.Of(context);
        if (organization.Unreadable is { } why) return new AccountScps { Unread = why };
        if (organization.Standalone) return new AccountScps { NotGoverned = "the account belongs to no organization" };
        if (organization.ManagementAccount == context.AccountId)
            return new AccountScps { NotGoverned = "SCPs do not apply to the organization's management account" };
        if (!context.Data.ServiceControlPolicies().Levels(context.AccountId).TryGet(out var levels, out var gap))
            return new AccountScps { Unread = gap!.ToString() };
        // Once SCPs are enabled every node holds at least one (AWS refuses to detach the last): an empty level means they are not.
        if (levels.Any(l => l.Policies.Count == 0))
            return new AccountScps { NotGoverned = "SCPs are not enabled in the organization" };

        var cache = PolicyCache.Of(context);
        var parsed = new List<IReadOnlyList<PolicyDocument>>();
        foreach (var level in levels)
        {
            var documents = new List<PolicyDocument>();
            foreach (var scp in level.Policies)
            {
                if (!cache.Get(scp.Content, PolicyKind.ServiceControl, $"SCP {scp.Name ?? scp.Id} ({scp.Id}) on {level.TargetId}").TryGet(out var document))
                    return new AccountScps { Unread = $"SCP {scp.Id} attached to {level.TargetId} could not be parsed" };
                documents.Add(document);
            }
            parsed.Add(documents);
        }
        return new AccountScps { Levels = parsed };
    }
}
