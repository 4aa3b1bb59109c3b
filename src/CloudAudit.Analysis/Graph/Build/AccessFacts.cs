using System.Collections.Concurrent;
using CloudAudit.Access;
using CloudAudit.Access.Graph;
using CloudAudit.Access.Queries;
using CloudAudit.Access.Resources;
using CloudAudit.Checks.Framework;
using CloudAudit.Access.Principals;
using CloudAudit.Access.Escalation;
using CloudAudit.Inventory;
using CloudAudit.Inventory.Views;
using CloudAudit.Policy.Evaluation;
using CloudAudit.Policy.Matching;
using CloudAudit.Policy.Model;

namespace CloudAudit.Analysis.Graph.Build;

/// <summary>A policy that makes its holder an administrator on its own, and the entity it is attached to (the principal or its group).</summary>
public sealed record AdministrativeGrant(IamEntity AttachedTo, IamPolicyAttachment Policy, AdminLevel Level)
{
    /// <summary>The resource ID aws-iam-005 reports this attachment under.</summary>
    public string FindingResource => $"{AttachedTo.Arn}#{Policy.ManagedArn ?? Policy.Name}";
}

/// <summary>
/// The one adapter between the graph and the effective-access engine: who is an administrator and why, what a
/// principal may do to a resource (with the statements that decide it), which roles it may assume, and the
/// escalation paths of aws-iam-018. Every answer comes from the IAM policy engine over the account's parsed
/// policies (identity, group, boundary, resource and trust policies, conditions evaluated), computed once per
/// account and shared with the checks through the check context.
/// </summary>
public sealed class AccessFacts
{
    private readonly CheckContext _context;
    private readonly AccessModel _model;
    private readonly IamAccount _iam;
    private readonly bool _escalationAnalysed;
    private readonly ConcurrentDictionary<PolicyDocument, AdminLevel> _administrative = new(ReferenceEqualityComparer.Instance);
    private readonly Lazy<IReadOnlyDictionary<string, IamEntity>> _byArn;

    public AccessFacts(CheckContext context, bool escalationAnalysed)
    {
        _context = context;
        _model = context.Access();
        _iam = _model.Iam;
        _escalationAnalysed = escalationAnalysed;
        _byArn = new(() => _iam.Entities.GroupBy(e => e.Arn, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal));
        InstanceProfiles = ReadInstanceProfiles();
    }

    /// <summary>Why nothing about IAM can be said (the authorization details are missing), or null.</summary>
    public DataGap? Gap => _iam.Gap;

    public IReadOnlyList<IamEntity> Users => _iam.Users;
    public IReadOnlyList<IamEntity> Groups => _iam.Groups;
    public IReadOnlyList<IamEntity> Roles => _iam.Roles;

    /// <summary>Instance profile ARN → the role it holds.</summary>
    public IReadOnlyDictionary<string, string> InstanceProfiles { get; }

    public IamEntity? Entity(string arn) => _byArn.Value.GetValueOrDefault(arn);

    /// <summary>The escalation analysis of aws-iam-018, when that check ran on this account (it is shared, not recomputed).</summary>
    public EscalationAnalysis? Escalation => _escalationAnalysed && _iam.Gap is null ? _model.Escalation : null;

    /// <summary>Whether the principal can do everything on everything, its boundary applied, as the engine decides.</summary>
    public bool IsAdministrator(IamEntity principal) =>
        principal.IsPrincipal && principal.Unassessable is null && _model.IsEffectiveAdministrator(principal);

    /// <summary>The policies that each make an administrator of the principal on their own (none when only their combination does).</summary>
    public IReadOnlyList<AdministrativeGrant> AdministrativeGrants(IamEntity principal)
    {
        var grants = new List<AdministrativeGrant>();
        foreach (var policy in principal.OwnPolicies)
            if (Level(policy, principal) is var level and not AdminLevel.None) grants.Add(new(principal, policy, level));
        foreach (var group in principal.Groups)
            foreach (var policy in group.OwnPolicies)
                if (Level(policy, principal) is var level and not AdminLevel.None) grants.Add(new(group, policy, level));
        return grants;
    }

    private AdminLevel Level(IamPolicyAttachment policy, IamEntity holder) =>
        _administrative.GetOrAdd(policy.Document, d => AdministrativePolicy.Assess(d, holder.Caller).Level);

    /// <summary>The engine's decision, with the statements behind it, on a request by the principal with its own policies.</summary>
    public EvaluationResult Evaluate(IamEntity principal, ActionName action, string resource, PolicyDocument? resourcePolicy = null,
        RequestContext? context = null) =>
        PolicyEvaluator.Evaluate(principal.Policies.WithResourcePolicy(resourcePolicy),
            new AccessRequest(principal.Caller, action, resource, context));

    public Decision Decide(IamEntity principal, ActionName action, string resource, PolicyDocument? resourcePolicy = null) =>
        PolicyEvaluator.Decide(principal.Policies.WithResourcePolicy(resourcePolicy),
            new AccessRequest(principal.Caller, action, resource));

    /// <summary>Every way into a role the access model found: principals of the account, other accounts, anyone, identity providers.</summary>
    public IReadOnlyList<AssumeRoleEdge> AssumeRoleEdges => _model.AssumeRoleEdges;

    /// <summary>The request as AWS would evaluate it, resource policy from the inventory and SCPs included.</summary>
    public AccessDecision CanDo(IamEntity principal, string action, string resource) => _model.CanDo(principal, action, resource);

    /// <summary>
    /// What the inventory holds of the resource's own policy for the action. When it lacks it, <see cref="CanDo"/>
    /// answers "not assessed" for every principal.
    /// </summary>
    public ResourcePolicyLookup ResourcePolicy(string resource, ActionName action) => _model.ResourcePolicies.Lookup(resource, action);

    private Dictionary<string, string> ReadInstanceProfiles()
    {
        var profiles = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var role in _iam.Roles)
            foreach (var profile in role.InstanceProfileArns)
                profiles.TryAdd(profile, role.Arn);
        return profiles;
    }
}
