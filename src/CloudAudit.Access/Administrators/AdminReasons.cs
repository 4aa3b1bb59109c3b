using CloudAudit.Access.Principals;
using CloudAudit.Policy.Catalog;
using CloudAudit.Policy.Evaluation;
using CloudAudit.Policy.Model;

namespace CloudAudit.Access.Administrators;

/// <summary>
/// Puts an administrator verdict into sentences: which policies grant everything (one, or several that add up), what
/// the boundary, the SCPs and the RCPs leave, or the first action that is not allowed and the layer that refuses it.
/// </summary>
internal sealed class AdminReasons(AccessModel model, AdminJudge judge)
{
    // One action of each of these services is asked with a trace, to name the statements that grant everything.
    private static readonly string[] SampleActions =
    [
        "iam:CreateUser", "iam:PutRolePolicy", "sts:AssumeRole", "ec2:RunInstances", "s3:GetObject", "s3:PutBucketPolicy",
        "kms:Decrypt", "lambda:CreateFunction", "secretsmanager:GetSecretValue", "organizations:DescribeOrganization",
        "cloudtrail:StopLogging", "dynamodb:Scan", "rds:DeleteDBInstance", "ssm:SendCommand", "logs:DeleteLogGroup",
    ];

    public AdminJudgement Explain(IamEntity entity)
    {
        if (entity.Unassessable is { } why)
            return new AdminJudgement(entity, AdminStatus.NotAssessed, [$"not assessed: {why}"], null);
        var verdict = judge.Verdict(entity);
        var caller = AdminJudge.CallerOf(entity);
        var context = model.ContextOf(entity);
        var set = model.WithOrganization(entity.Policies);
        if (verdict.IsAdministrator)
            return new AdminJudgement(entity, AdminStatus.Administrator, Granting(entity, set, caller, context), null);

        var first = verdict.FirstActionNotAllowed!;
        var result = PolicyEvaluator.Evaluate(set, new AccessRequest(caller, ActionName(first), "*", context));
        var refusal = result.Decision == Decision.ExplicitDeny
            ? $"{first} on * is denied by {string.Join(", ", result.MatchedStatements.Select(Describe))}"
            : $"{first} on * is not allowed: {result.Reason}";
        if (verdict.IsAdministratorWhenConditionsHold)
            return new AdminJudgement(entity, AdminStatus.AdministratorWhenConditionsHold,
                [.. Granting(entity, set, caller, context, conditional: true), $"without the conditions met, {refusal}"], first);
        return new AdminJudgement(entity, AdminStatus.NotAdministrator, [refusal, .. Scope()], first);
    }

    private List<string> Granting(IamEntity entity, PolicySet set, Principal caller, RequestContext context, bool conditional = false)
    {
        var allowing = new List<MatchedStatement>();
        foreach (var action in SampleActions.Where(a => !judge.OutsideCeiling.Contains(a)))
        {
            var request = new AccessRequest(caller, ActionName(action), "*", context);
            foreach (var m in PolicyEvaluator.Evaluate(set, request).MatchedStatements)
                if (m.Kind == PolicyKind.Identity && m.Effect == Effect.Allow && !allowing.Any(a => a.PolicyName == m.PolicyName && a.StatementIndex == m.StatementIndex))
                    allowing.Add(m);
        }
        var policies = allowing.Select(m => m.PolicyName).Distinct(StringComparer.Ordinal).Select(name => Origin(entity, name)).ToList();
        var reasons = new List<string>
        {
            conditional
                ? $"allowed every action on every resource when the conditions of its policies hold, by {Join(policies)}"
                : policies.Count > 1
                    ? $"allowed every action on every resource by {policies.Count} policies that add up to everything: {Join(policies)}"
                    : $"allowed every action on every resource by {Join(policies)}",
        };
        if (entity.Boundary is { } boundary) reasons.Add($"its permissions boundary {boundary.Name} allows every action as well");
        if (entity.Kind == IamEntityKind.Group)
        {
            var members = model.Iam.Users.Where(u => u.Groups.Contains(entity)).Select(u => u.Name).ToList();
            reasons.Add(members.Count == 0 ? "the group has no members" : $"members: {string.Join(", ", members)} (each judged on its own as well)");
        }
        reasons.AddRange(Scope());
        return reasons;
    }

    /// <summary>What the SCPs and RCPs leave, said once per judgement.</summary>
    private IEnumerable<string> Scope() =>
        new[]
        {
            Left(model.Scps, judge.ScpCeiling, "", "to every principal of the account"),
            Left(model.Rcps, judge.RcpCeiling, " on the account's resources", "on the account's resources to every caller"),
        }.OfType<string>();

    private static string? Left(Organization.AccountGuardrail guardrail, IReadOnlySet<string> ceiling, string where, string whom) =>
        guardrail.Unread is { } unread ? $"the organization's {guardrail.Label} could not be read ({unread}): one may narrow this{where}"
        : !guardrail.Apply ? null
        : ceiling.Count == 0 ? $"the organization's {guardrail.Label} ({guardrail.Levels.Count} levels) allow every action{where}"
        : $"the organization's {guardrail.Label} deny {ceiling.Count} actions {whom} (e.g. {ceiling.Order(StringComparer.Ordinal).First()}); those are not counted";

    /// <summary>How a policy reaches the entity: attached to it, or through one of its groups.</summary>
    private static string Origin(IamEntity entity, string policyName)
    {
        var own = entity.OwnPolicies.FirstOrDefault(p => p.Document.Name == policyName);
        if (own is not null) return Describe(own);
        foreach (var group in entity.Groups)
            if (group.OwnPolicies.FirstOrDefault(p => p.Document.Name == policyName) is { } inherited)
                return $"{Describe(inherited)} through group {group.Name}";
        return policyName;
    }

    private static string Describe(IamPolicyAttachment attachment) =>
        attachment.Inline ? $"inline policy {attachment.Name}"
        : attachment.ManagedArn!.Contains("iam::aws:policy/", StringComparison.Ordinal) ? $"AWS managed policy {attachment.Name}"
        : $"customer managed policy {attachment.Name}";

    // An SCP's or RCP's name already says what it is ("RCP deny-decrypt (p-…) on ou-…").
    private static string Describe(MatchedStatement m) =>
        $"{m.Kind switch { PolicyKind.ServiceControl or PolicyKind.ResourceControl => "", PolicyKind.PermissionsBoundary => "permissions boundary ", _ => "policy " }}{m.PolicyName} (statement {m.StatementIndex}{(m.Sid is { Length: > 0 } sid ? $" {sid}" : "")})";

    private static string Join(IEnumerable<string> items) => string.Join(", ", items);

    private static Policy.Matching.ActionName ActionName(string action) =>
        IamCatalog.Default.FindAction(action)?.Parsed ?? Policy.Matching.ActionName.Parse(action);
}
