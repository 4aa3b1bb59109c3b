using CloudAudit.Inventory;
using CloudAudit.Inventory.Views;
using CloudAudit.Policy.Model;
using CloudAudit.Policy.Parsing;

namespace CloudAudit.Access.Organization;

/// <summary>
/// One kind of organization guardrail over the scanned account, by level (root, each OU, the account): its service
/// control policies, ready for <see cref="Policy.Evaluation.PolicySet.ServiceControlPolicies"/>, or its resource
/// control policies, for <see cref="Policy.Evaluation.PolicySet.ResourceControlPolicies"/>. No levels means none
/// limits the account: it belongs to no organization, it is the management account (which neither SCPs nor RCPs
/// govern), the policy type is not enabled, or the policies could not be read, which <see cref="Unread"/> then says
/// (a member account is usually refused organizations:ListParents).
/// </summary>
public sealed class AccountGuardrail
{
    private AccountGuardrail(string label) => Label = label;

    /// <summary>How answers name the guardrail: "SCPs" or "RCPs".</summary>
    public string Label { get; }
    public IReadOnlyList<IReadOnlyList<PolicyDocument>> Levels { get; private init; } = [];
    /// <summary>Why the policies could not be read, when they could not; null when they were read or none apply.</summary>
    public string? Unread { get; private init; }
    /// <summary>The organization's ID when the account is a member of one (aws:PrincipalOrgID of its principals).</summary>
    public string? OrganizationId { get; private init; }

    public bool Apply => Levels.Count > 0;

    /// <summary>Reads the SCPs that govern the account; documents are parsed through <paramref name="cache"/>.</summary>
    public static AccountGuardrail ServiceControl(AccountData data, PolicyCache cache) =>
        Build(data, cache, data.ServiceControlPolicies(), PolicyKind.ServiceControl, "SCPs");

    /// <summary>Reads the RCPs that govern the account's resources; documents are parsed through <paramref name="cache"/>.</summary>
    public static AccountGuardrail ResourceControl(AccountData data, PolicyCache cache) =>
        Build(data, cache, data.ResourceControlPolicies(), PolicyKind.ResourceControl, "RCPs");

    private static AccountGuardrail Build(AccountData data, PolicyCache cache, OrganizationPolicyView view, PolicyKind kind, string label)
    {
        if (!data.ResourcePolicies().Organization().TryGet(out var organization, out var organizationGap))
            return new AccountGuardrail(label) { Unread = organizationGap!.ToString() };
        // Outside any organization there are none, and they never govern the management account.
        if (!organization.InOrganization || organization.MasterAccountId == data.AccountId) return new AccountGuardrail(label);
        var notGoverned = new AccountGuardrail(label) { OrganizationId = organization.Id };
        if (!view.Levels(data.AccountId).TryGet(out var levels, out var gap))
            // A policy type the organization has not enabled holds nothing: AWS's full-access default stands in for it.
            return gap!.Code == "PolicyTypeNotEnabledException" ? notGoverned
                : new AccountGuardrail(label) { Unread = gap.ToString(), OrganizationId = organization.Id };
        // Once a type is enabled every node holds at least one policy of it (AWS refuses to detach the last, and
        // RCPFullAWSAccess cannot be detached at all): an empty level means the type is not enabled.
        if (levels.Any(l => l.Policies.Count == 0)) return notGoverned;

        var parsed = new List<IReadOnlyList<PolicyDocument>>();
        var singular = label.TrimEnd('s');
        foreach (var level in levels)
        {
            var documents = new List<PolicyDocument>();
            foreach (var policy in level.Policies)
            {
                var read = cache.Get(policy.Content, kind, $"{singular} {policy.Name ?? policy.Id} ({policy.Id}) on {level.TargetId}");
                if (!read.TryGet(out var document))
                    return new AccountGuardrail(label)
                    {
                        Unread = $"{singular} {policy.Id} attached to {level.TargetId} could not be parsed: {read.Error}", OrganizationId = organization.Id,
                    };
                documents.Add(document);
            }
            parsed.Add(documents);
        }
        return new AccountGuardrail(label) { Levels = parsed, OrganizationId = organization.Id };
    }
}
