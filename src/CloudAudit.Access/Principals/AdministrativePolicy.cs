using CloudAudit.Policy.Analysis;
using CloudAudit.Policy.Catalog;
using CloudAudit.Policy.Evaluation;
using CloudAudit.Policy.Matching;
using CloudAudit.Policy.Model;

namespace CloudAudit.Access.Principals;

public enum AdminLevel
{
    /// <summary>Not administrative on its own.</summary>
    None,
    /// <summary>Every action on every resource.</summary>
    Full,
    /// <summary>Every action on every resource once the policy's own conditions are met (MFA, source IP …).</summary>
    FullWhenConditionsHold,
    /// <summary>All but a few actions, and it lets its holder write or attach policies that grant the rest.</summary>
    SelfCompletable,
}

public sealed record AdminAssessment(AdminLevel Level, int MissingActions, string? FirstMissingAction)
{
    public bool IsAdministrative => Level != AdminLevel.None;
}

/// <summary>
/// Decides, by evaluating one policy on its own, whether it grants administrative access. "Administrative" means
/// the policy alone allows every catalogue action on "*" (CIS "*:*"), possibly only when its conditions hold, or
/// allows all but at most <see cref="SelfCompletableLimit"/> actions while allowing its holder, whatever kind of
/// entity it is attached to, to put or attach a policy that grants the rest (the <c>"NotAction": "iam:PassRole"</c>
/// kind of policy). Narrower grants that only enable escalation are aws-iam-018's business.
/// </summary>
public static class AdministrativePolicy
{
    /// <summary>At most 1% of the catalogue may be missing for a policy to count as administrative all the same.</summary>
    public static int SelfCompletableLimit => IamCatalog.Default.Actions.Count / 100;

    public const string AdministratorAccessArn = "arn:aws:iam::aws:policy/AdministratorAccess";

    /// <summary>AdministratorAccess in the partition of the account (arn:aws-cn:…, arn:aws-us-gov:…): what iam:PolicyARN carries there.</summary>
    public static string AdministratorAccessIn(string partition) => $"arn:{partition}:iam::aws:policy/AdministratorAccess";

    private static readonly ActionName[] SelfGrantActions =
    [
        .. new[] { "iam:PutUserPolicy", "iam:PutGroupPolicy", "iam:PutRolePolicy", "iam:AttachUserPolicy", "iam:AttachGroupPolicy", "iam:AttachRolePolicy" }
            .Select(ActionName.Parse),
    ];

    public static AdminAssessment Assess(PolicyDocument policy, Principal holder)
    {
        var alone = new PolicySet { Identity = [policy] };
        var verdict = PrincipalAnalysis.IsAdministrator(alone, holder);
        if (verdict.IsAdministrator) return new AdminAssessment(AdminLevel.Full, 0, null);
        if (verdict.IsAdministratorWhenConditionsHold) return new AdminAssessment(AdminLevel.FullWhenConditionsHold, 0, verdict.FirstActionNotAllowed);

        var partition = Policy.Matching.Arn.TryParse(holder.Arn, out var arn) ? arn.Partition : "aws";
        var grantContext = new RequestContext().Set("iam:PolicyARN", AdministratorAccessIn(partition));
        if (SelfGrantActions.Any(a => PolicyEvaluator.Decide(alone, new AccessRequest(holder, a, "*", grantContext)) != Decision.Allowed))
            return new AdminAssessment(AdminLevel.None, -1, verdict.FirstActionNotAllowed);
        var limit = SelfCompletableLimit;
        var missing = 0;
        var empty = new RequestContext();
        foreach (var action in IamCatalog.Default.Actions)
        {
            if (PolicyEvaluator.Decide(alone, new AccessRequest(holder, action.Parsed, "*", empty)) == Decision.Allowed) continue;
            if (++missing > limit) return new AdminAssessment(AdminLevel.None, missing, verdict.FirstActionNotAllowed);
        }
        return new AdminAssessment(AdminLevel.SelfCompletable, missing, verdict.FirstActionNotAllowed);
    }
}
