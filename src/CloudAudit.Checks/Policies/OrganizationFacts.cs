using CloudAudit.Checks.Framework;
using CloudAudit.Inventory.Views;

namespace CloudAudit.Checks.Policies;

public enum Membership { Member, Outside, Unknown }

/// <summary>
/// What the scan knows about the account's AWS Organization: its ID (from DescribeOrganization) and, when the
/// scanner may list them (management account or delegated administrator), its member accounts. A member account
/// usually cannot list its siblings, so another account's membership is then unknown rather than assumed.
/// </summary>
public sealed class OrganizationFacts
{
    private IReadOnlySet<string>? _members;

    /// <summary>The organization ID; null for a standalone account or when it could not be read.</summary>
    public string? OrganizationId { get; private init; }
    /// <summary>The account belongs to no organization (AWSOrganizationsNotInUseException).</summary>
    public bool Standalone { get; private init; }
    public string? ManagementAccount { get; private init; }
    /// <summary>Why the organization could not be read, when it could not.</summary>
    public string? Unreadable { get; private init; }

    public static OrganizationFacts Of(CheckContext context) => context.Shared(Build);

    private static OrganizationFacts Build(CheckContext context)
    {
        var view = context.Data.ResourcePolicies();
        var organization = view.Organization();
        if (!organization.TryGet(out var info, out var gap))
            return new OrganizationFacts { Unreadable = gap!.ToString() };
        if (!info.InOrganization)
            return new OrganizationFacts { Standalone = true };
        var accounts = view.OrganizationAccounts();
        var members = accounts.TryGet(out var list, out _)
            ? (list.Accounts ?? []).Select(a => a.Id).ToHashSet(StringComparer.Ordinal)
            : null;
        return new OrganizationFacts { OrganizationId = info.Id, ManagementAccount = info.MasterAccountId, _members = members };
    }

    public Membership MembershipOf(string account)
    {
        if (Standalone) return Membership.Outside;
        if (account == ManagementAccount) return Membership.Member;
        if (_members is null) return Membership.Unknown;
        return _members.Contains(account) ? Membership.Member : Membership.Outside;
    }

    /// <summary>How a finding should describe an account's relation to the organization.</summary>
    public string Describe(string account) => MembershipOf(account) switch
    {
        Membership.Outside when Standalone => $"account {account} (this account belongs to no organization)",
        Membership.Outside => $"account {account}, which is not a member of {OrganizationId}",
        Membership.Member => $"account {account} of {OrganizationId}",
        _ when OrganizationId is not null => $"account {account}, whose membership of {OrganizationId} the scan cannot see (only the management account or a delegated administrator can list members)",
        _ => $"account {account} (the account's organization could not be read)",
    };
}
