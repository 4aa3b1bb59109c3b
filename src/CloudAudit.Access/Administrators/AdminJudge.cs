using System.Collections.Concurrent;
using CloudAudit.Access.Principals;
using CloudAudit.Policy.Analysis;
using CloudAudit.Policy.Catalog;
using CloudAudit.Policy.Evaluation;
using CloudAudit.Policy.Model;

namespace CloudAudit.Access.Administrators;

public enum AdminStatus
{
    /// <summary>Allowed every action on every resource the account's guardrails leave open.</summary>
    Administrator,
    /// <summary>An administrator only when conditions it can meet hold (MFA, a source network, a region …).</summary>
    AdministratorWhenConditionsHold,
    NotAdministrator,
    /// <summary>A policy of the entity could not be read or parsed: the question has no answer.</summary>
    NotAssessed,
}

/// <summary>Whether a user, role or group is effectively an administrator, and why (in sentences a person can check).</summary>
public sealed record AdminJudgement(IamEntity Entity, AdminStatus Status, IReadOnlyList<string> Reasons, string? FirstActionNotAllowed)
{
    public bool IsAdministrator => Status == AdminStatus.Administrator;
    public string Principal => Entity.Arn;
    /// <summary>user, role or group.</summary>
    public string Type => Entity.KindLabel;
}

/// <summary>
/// Decides who is an administrator by evaluation: identity policies (a user's groups included), the permissions
/// boundary, the organization's SCPs and its RCPs (for the services they govern) together must allow every catalogue
/// action on "*". Actions the SCPs deny to every principal of the account (guardrails such as a Deny on
/// organizations:LeaveOrganization), or the RCPs to every caller of the account whoever it is, are not asked: nobody in the account may perform them, so they cannot tell an administrator from anyone else. Verdicts
/// are shared between principals with the same policies, unless a condition looks at who is asking.
/// </summary>
internal sealed class AdminJudge
{
    private readonly AccessModel _model;
    private readonly ConcurrentDictionary<string, AdminVerdict> _byComposition = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, AdminVerdict> _byEntity = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<PolicyDocument, bool> _allowsEverything = new(ReferenceEqualityComparer.Instance);
    private readonly ConcurrentDictionary<string, AdminJudgement> _judgements = new(StringComparer.Ordinal);
    private readonly bool _guardrailsAskWhoCalls;

    public AdminJudge(AccessModel model)
    {
        _model = model;
        AdministratorAccess = AwsManagedPolicies.Default.Get(AdministrativePolicy.AdministratorAccessArn)
            ?? throw new InvalidOperationException("AdministratorAccess is missing from the embedded AWS managed policies");
        var probe = Principal.Parse($"arn:{model.Partition}:iam::{model.AccountId}:role/cloud-audit-ceiling-probe");
        var rcpsAlone = new PolicySet
        {
            Identity = [AdministratorAccess], ResourceControlPolicies = model.Rcps.Levels, ResourceControlAccount = model.AccountId,
        };
        GuardrailsAlone = new PolicySet
        {
            Identity = [AdministratorAccess], ServiceControlPolicies = model.Scps.Levels,
            ResourceControlPolicies = model.Rcps.Levels, ResourceControlAccount = model.AccountId,
        };
        ScpCeiling = model.Scps.Apply
            ? PrincipalAnalysis.ActionsOutside(new PolicySet { Identity = [AdministratorAccess], ServiceControlPolicies = model.Scps.Levels }, probe)
            : new HashSet<string>();
        // An RCP that spares some callers (a tagged role, a named ARN) does not close the action to the account: only
        // what it denies to every caller of the account, whoever that is, is left out of the question. What every
        // caller of the account shares (its account, its organization) is not theirs to choose.
        RcpCeiling = model.Rcps.Apply
            ? PrincipalAnalysis.ActionsOutside(rcpsAlone, probe, key => PrincipalAnalysis.DescribesCaller(key) && !SharedByTheAccount(key),
                new RequestContext().Set("aws:PrincipalOrgID", model.Rcps.OrganizationId ?? ""))
            : new HashSet<string>();
        OutsideCeiling = RcpCeiling.Count == 0 ? ScpCeiling : new HashSet<string>(ScpCeiling.Concat(RcpCeiling), StringComparer.Ordinal);
        _guardrailsAskWhoCalls = model.Scps.Levels.Concat(model.Rcps.Levels).SelectMany(l => l).Any(AsksWhoCalls);
    }

    public PolicyDocument AdministratorAccess { get; }
    /// <summary>The SCPs and RCPs with an identity policy that allows everything: what the guardrails alone let through.</summary>
    public PolicySet GuardrailsAlone { get; }
    /// <summary>Actions the SCPs deny to every principal of the account.</summary>
    public IReadOnlySet<string> ScpCeiling { get; }
    /// <summary>Actions the RCPs deny on the account's resources to every caller from the account.</summary>
    public IReadOnlySet<string> RcpCeiling { get; }
    public IReadOnlySet<string> OutsideCeiling { get; }

    /// <summary>The verdict on an entity's own policies (a group: its policies, as they apply to a member without a boundary).</summary>
    public AdminVerdict Verdict(IamEntity entity) =>
        _byEntity.GetOrAdd(entity.Arn, _ => Verdict(entity.Policies, CallerOf(entity), _model.ContextOf(entity)));

    /// <summary>The verdict on any identity side (an entity after a change an escalation makes), SCPs and RCPs added.</summary>
    public AdminVerdict Verdict(PolicySet identitySide, Principal caller, Policy.Evaluation.RequestContext context)
    {
        var set = ForAdminQuestion(identitySide);
        var asksWho = _guardrailsAskWhoCalls || set.Identity.Append(set.PermissionsBoundary).Any(AsksWhoCalls);
        var key = string.Join("|", set.Identity.Select(d => d.Name)) + "#" + set.PermissionsBoundary?.Name + (asksWho ? "#" + caller.Arn : "");
        return _byComposition.GetOrAdd(key, _ => PrincipalAnalysis.IsAdministrator(_model.WithOrganization(set), caller, OutsideCeiling, context));
    }

    public AdminJudgement Judge(IamEntity entity) => _judgements.GetOrAdd(entity.Arn, _ => new AdminReasons(_model, this).Explain(entity));

    /// <summary>Every user, role and group that is an administrator; service-linked roles are AWS's, not the account's.</summary>
    public IReadOnlyList<AdminJudgement> All() => Where(v => v.IsAdministrator);

    /// <summary>Every user, role and group that would be an administrator if the conditions of its policies held (MFA, a network …).</summary>
    public IReadOnlyList<AdminJudgement> AllWhenConditionsHold() => Where(v => !v.IsAdministrator && v.IsAdministratorWhenConditionsHold);

    private List<AdminJudgement> Where(Func<AdminVerdict, bool> wanted)
    {
        var entities = _model.Iam.Entities.Where(e => !e.IsServiceLinked && e.Unassessable is null).ToList();
        Parallel.ForEach(entities, e => Verdict(e));
        return [.. entities.Where(e => wanted(Verdict(e))).Select(Judge)
            .OrderBy(j => j.Entity.Kind).ThenBy(j => j.Principal, StringComparer.Ordinal)];
    }

    /// <summary>A group makes no requests: it is judged as a member of it would be, with the group's policies alone.</summary>
    public static Principal CallerOf(IamEntity entity) => entity.Kind == IamEntityKind.Group
        ? Principal.Parse(entity.Arn.Replace(":group/", ":user/", StringComparison.Ordinal))
        : entity.Caller;

    /// <summary>
    /// The same answer from fewer policies: when one policy alone allows every action on "*" unconditionally, the
    /// others can only take away, so only the ones with a Deny (and the boundary) still count. Large AWS managed
    /// policies beside AdministratorAccess then cost nothing.
    /// </summary>
    private PolicySet ForAdminQuestion(PolicySet set)
    {
        var everything = set.Identity.FirstOrDefault(d => _allowsEverything.GetOrAdd(d, AllowsEverything));
        if (everything is null) return set;
        return new PolicySet
        {
            Identity = [everything, .. set.Identity.Where(d => !ReferenceEquals(d, everything) && d.Statements.Any(s => s.Effect == Effect.Deny))],
            PermissionsBoundary = set.PermissionsBoundary,
        };
    }

    private static bool AllowsEverything(PolicyDocument document) =>
        document.Statements.All(s => s.Effect == Effect.Allow && s.Conditions.Count == 0)
        && PrincipalAnalysis.IsAdministrator(new PolicySet { Identity = [document] }, Principal.Parse("arn:aws:iam::000000000000:role/probe")).IsAdministrator;

    private static bool SharedByTheAccount(string key) =>
        key.Equals("aws:PrincipalOrgID", StringComparison.OrdinalIgnoreCase) || key.Equals("aws:PrincipalAccount", StringComparison.OrdinalIgnoreCase)
        || key.Equals("aws:PrincipalOrgPaths", StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether a policy's answer depends on who asks: conditions on the caller, or policy variables.</summary>
    public static bool AsksWhoCalls(PolicyDocument? document) =>
        document is not null && document.Statements.Any(s => s.Conditions.Any(c => PrincipalAnalysis.DescribesCaller(c.Key))
            || s.Resources?.Any(r => r.Template.HasVariables) == true);
}
