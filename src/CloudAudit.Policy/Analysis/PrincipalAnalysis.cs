using CloudAudit.Policy.Catalog;
using CloudAudit.Policy.Evaluation;
using CloudAudit.Policy.Model;

namespace CloudAudit.Policy.Analysis;

/// <summary>Is the principal an administrator? Unconditionally, and when the conditions of its policies can be met.</summary>
public sealed record AdminVerdict(bool IsAdministrator, bool IsAdministratorWhenConditionsHold, string? FirstActionNotAllowed)
{
    public override string ToString() => IsAdministrator ? "administrator"
        : IsAdministratorWhenConditionsHold ? "administrator when its policy conditions hold"
        : $"not an administrator ({FirstActionNotAllowed} is not allowed)";
}

/// <summary>Questions about what a principal can do, answered by evaluating its whole <see cref="PolicySet"/>.</summary>
public static class PrincipalAnalysis
{
    // Checked first: most principals that are not administrators fail on one of these.
    static readonly string[] telltaleActions =
        ["iam:CreateUser", "iam:PutRolePolicy", "ec2:RunInstances", "s3:GetObject", "organizations:LeaveOrganization", "kms:Decrypt", "sts:AssumeRole"];

    /// <summary>Every catalogue action, the telltale ones first: the order the administrator question asks them in.</summary>
    static readonly Catalog.ActionInfo[] adminQuestionOrder =
        [.. telltaleActions.Select(IamCatalog.Default.FindAction).OfType<Catalog.ActionInfo>().Concat(IamCatalog.Default.Actions).DistinctBy(a => a.FullName)];

    /// <summary>
    /// True when every action in the catalogue is allowed on every resource ("*") — through any mix of inline,
    /// managed and group policies, limited by the boundary, session policies and SCPs. The "when conditions hold"
    /// answer treats every condition key as the principal's to choose (e.g. admin only with MFA).
    /// </summary>
    /// <remarks>
    /// <paramref name="outsideCeiling"/> names actions no principal of the account may perform whatever its own
    /// policies say (an organization guardrail such as a Deny on organizations:LeaveOrganization): they are not
    /// asked, so an administrator is one who may do everything the account itself may do.
    /// </remarks>
    /// <remarks>
    /// <paramref name="context"/> describes the caller (its tags as aws:PrincipalTag/…); keys that describe the
    /// caller are never free, even in the "when conditions hold" answer: a principal cannot choose its own ARN or tags.
    /// </remarks>
    public static AdminVerdict IsAdministrator(PolicySet policies, Principal principal, IReadOnlySet<string>? outsideCeiling = null,
        RequestContext? context = null)
    {
        var strict = FirstNotAllowed(policies, principal, conditionsHold: false, outsideCeiling, context);
        if (strict is null) return new AdminVerdict(true, true, null);
        var loose = FirstNotAllowed(policies, principal, conditionsHold: true, outsideCeiling, context);
        return new AdminVerdict(false, loose is null, strict);
    }

    /// <summary>Whether a condition key describes the caller itself (its ARN, account, tags, name), which it cannot choose.</summary>
    public static bool DescribesCaller(string key) =>
        key.StartsWith("aws:Principal", StringComparison.OrdinalIgnoreCase)
        || key.Equals("aws:username", StringComparison.OrdinalIgnoreCase) || key.Equals("aws:userid", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The catalogue actions that <paramref name="ceiling"/> (typically the SCP and RCP levels alone, with an
    /// identity policy allowing everything) does not allow <paramref name="probe"/> on "*": the actions denied to
    /// every principal of an account. With <paramref name="freeKey"/>, conditions on those keys go the probe's way (an
    /// action is then outside only when no value of them lets it through).
    /// </summary>
    public static IReadOnlySet<string> ActionsOutside(PolicySet ceiling, Principal probe, Func<string, bool>? freeKey = null, RequestContext? context = null)
    {
        var empty = context ?? new RequestContext();
        return IamCatalog.Default.Actions
            .Where(a => PolicyEvaluator.Decide(ceiling, new AccessRequest(probe, a.Parsed, "*", empty) { FreeKey = freeKey }) != Decision.Allowed)
            .Select(a => a.FullName).ToHashSet(StringComparer.Ordinal);
    }

    static string? FirstNotAllowed(PolicySet policies, Principal principal, bool conditionsHold, IReadOnlySet<string>? outsideCeiling,
        RequestContext? context)
    {
        Func<string, bool>? free = conditionsHold ? key => !DescribesCaller(key) : null;
        var empty = context ?? new RequestContext();
        var undecided = ServicesLeftUndecided(policies);
        foreach (var action in adminQuestionOrder)
        {
            if (outsideCeiling is not null && outsideCeiling.Contains(action.FullName)) continue;
            if (undecided is not null && !undecided.MayMatch(action.Parsed.ServiceId)) continue;
            var request = new AccessRequest(principal, action.Parsed, "*", empty) { FreeKey = free };
            if (PolicyEvaluator.Decide(policies, request) != Decision.Allowed) return action.FullName;
        }
        return null;
    }

    /// <summary>
    /// When the set is identity policies alone (no boundary, session policy, SCP, RCP or resource policy) and one of
    /// them has a statement that allows every action on every resource unconditionally (AdministratorAccess), an
    /// action of a service no other statement of the set can match is allowed: the services the other statements can
    /// match are the only ones left to ask. Null when the shortcut does not apply (every action must be asked).
    /// </summary>
    static Matching.ServiceMask? ServicesLeftUndecided(PolicySet policies)
    {
        if (policies.PermissionsBoundary is not null || policies.SessionPolicies.Count > 0 || policies.ServiceControlPolicies.Count > 0
            || policies.ResourceControlPolicies.Count > 0 || policies.ResourcePolicy is not null) return null;
        var everything = policies.Identity.SelectMany(d => d.Statements).FirstOrDefault(AllowsEverything);
        return everything is null ? null
            : Matching.ServiceMask.Union(policies.Identity.SelectMany(d => d.Statements).Where(s => !ReferenceEquals(s, everything)).Select(s => s.Services));
    }

    static bool AllowsEverything(Statement s) =>
        s.Effect == Effect.Allow && !s.NotAction && s.Principals is null && s.Conditions.Count == 0
        && s.Actions.Any(a => a.MatchesEverything)
        && (s.Resources is null || (!s.NotResource && s.Resources.Any(r => r.MatchesEverything)));

    /// <summary>The catalogue actions that apply to the resource (by its ARN's resource type) and that the principal may perform on it.</summary>
    public static IReadOnlyList<Catalog.ActionInfo> AllowedActions(PolicySet policies, Principal principal, string resourceArn, RequestContext? context = null)
    {
        var ctx = context ?? new RequestContext();
        return [.. IamCatalog.Default.ActionsOn(resourceArn)
            .Where(a => PolicyEvaluator.Decide(policies, new AccessRequest(principal, a.Parsed, resourceArn, ctx)) == Decision.Allowed)
            .OrderBy(a => a.FullName, StringComparer.Ordinal)];
    }
}
