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
    /// every principal of an account.
    /// </summary>
    public static IReadOnlySet<string> ActionsOutside(PolicySet ceiling, Principal probe)
    {
        var empty = new RequestContext();
        return IamCatalog.Default.Actions
            .Where(a => PolicyEvaluator.Decide(ceiling, new AccessRequest(probe, a.Parsed, "*", empty)) != Decision.Allowed)
            .Select(a => a.FullName).ToHashSet(StringComparer.Ordinal);
    }

    static string? FirstNotAllowed(PolicySet policies, Principal principal, bool conditionsHold, IReadOnlySet<string>? outsideCeiling,
        RequestContext? context)
    {
        var catalog = IamCatalog.Default;
        Func<string, bool>? free = conditionsHold ? key => !DescribesCaller(key) : null;
        var empty = context ?? new RequestContext();
        foreach (var action in telltaleActions.Select(catalog.FindAction).Where(a => a is not null).Concat(catalog.Actions))
        {
            if (outsideCeiling is not null && outsideCeiling.Contains(action!.FullName)) continue;
            var request = new AccessRequest(principal, action!.Parsed, "*", empty) { FreeKey = free };
            if (PolicyEvaluator.Decide(policies, request) != Decision.Allowed) return action.FullName;
        }
        return null;
    }

    /// <summary>The catalogue actions that apply to the resource (by its ARN's resource type) and that the principal may perform on it.</summary>
    public static IReadOnlyList<Catalog.ActionInfo> AllowedActions(PolicySet policies, Principal principal, string resourceArn, RequestContext? context = null)
    {
        var ctx = context ?? new RequestContext();
        return [.. IamCatalog.Default.ActionsOn(resourceArn)
            .Where(a => PolicyEvaluator.Decide(policies, new AccessRequest(principal, a.Parsed, resourceArn, ctx)) == Decision.Allowed)
            .OrderBy(a => a.FullName, StringComparer.Ordinal)];
    }
}
