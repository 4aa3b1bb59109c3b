using CloudAudit.Policy.Model;

namespace CloudAudit.Policy.Evaluation;

/// <summary>
/// Every policy that takes part in a request's evaluation. Empty layers do not apply: no boundary means
/// no boundary limit, no SCP levels means the account is not governed by SCPs (a management account, or
/// outside an organization).
/// </summary>
public sealed class PolicySet
{
    /// <summary>Inline and managed policies of the principal, and of its groups for a user.</summary>
    public IReadOnlyList<PolicyDocument> Identity { get; init; } = [];
    public PolicyDocument? PermissionsBoundary { get; init; }
    /// <summary>Session policies passed when the session was created (inline and managed); empty when none.</summary>
    public IReadOnlyList<PolicyDocument> SessionPolicies { get; init; } = [];
    /// <summary>SCPs by level, root first then each OU then the account: every level must allow.</summary>
    public IReadOnlyList<IReadOnlyList<PolicyDocument>> ServiceControlPolicies { get; init; } = [];
    /// <summary>The resource's own policy (bucket policy, key policy, trust policy…).</summary>
    public PolicyDocument? ResourcePolicy { get; init; }
    /// <summary>RCPs by level, root first: every level must allow, for services that support RCPs.</summary>
    public IReadOnlyList<IReadOnlyList<PolicyDocument>> ResourceControlPolicies { get; init; } = [];
    /// <summary>
    /// The member account whose resources the RCPs govern: they then apply only to requests on its resources, whoever
    /// the caller is (an organization's RCPs guard its accounts' resources, not what their principals do elsewhere).
    /// Null: they apply to every request (policy simulate, where the user says which RCPs govern the resource).
    /// </summary>
    public string? ResourceControlAccount { get; init; }

    /// <summary>Same policies with a different resource policy (the principal's side is shared).</summary>
    public PolicySet WithResourcePolicy(PolicyDocument? resourcePolicy) => new()
    {
        Identity = Identity, PermissionsBoundary = PermissionsBoundary, SessionPolicies = SessionPolicies,
        ServiceControlPolicies = ServiceControlPolicies, ResourcePolicy = resourcePolicy,
        ResourceControlPolicies = ResourceControlPolicies, ResourceControlAccount = ResourceControlAccount,
    };
}
