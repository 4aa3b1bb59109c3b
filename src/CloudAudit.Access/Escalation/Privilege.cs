using CloudAudit.Policy.Catalog;
using CloudAudit.Policy.Evaluation;
using CloudAudit.Policy.Matching;
using CloudAudit.Policy.Model;

namespace CloudAudit.Access.Escalation;

/// <summary>
/// A sensitive action on a resource that a principal is allowed: <see cref="Resource"/> is the concrete ARN the engine
/// was asked about, <see cref="Pattern"/> the resource as the granting statement wrote it (wildcards included).
/// </summary>
public sealed record PrivilegeGrant(ActionInfo Action, string Resource, string Pattern);

/// <summary>An action on a resource that one principal is allowed and another is not: why a target is "more privileged".</summary>
public sealed record PrivilegeWitness(string Action, string Resource)
{
    public override string ToString() => Resource == "*" ? Action : $"{Action} on {Resource}";
}

/// <summary>
/// Compares what principals may do through the actions that matter for an attacker: every action of the
/// "Permissions management" access level, and a fixed list of actions that read or change data, secrets and
/// keys, or run code. A target is more privileged than a principal when it is allowed one of those on a resource
/// (from its own statements, wildcards filled in) where the principal is not.
/// </summary>
public static class Privilege
{
    private static readonly string[] DataAndCompute =
    [
        "s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:DeleteBucket",
        "secretsmanager:GetSecretValue", "ssm:GetParameter", "ssm:GetParameters", "ssm:SendCommand", "ssm:StartSession",
        "kms:Decrypt", "kms:ScheduleKeyDeletion",
        "dynamodb:GetItem", "dynamodb:Query", "dynamodb:Scan", "dynamodb:PutItem", "dynamodb:DeleteTable",
        "rds-data:ExecuteStatement", "rds:DeleteDBInstance", "rds:ModifyDBInstance",
        "ec2:RunInstances", "ec2:TerminateInstances", "ec2:CreateSnapshot", "ec2:AuthorizeSecurityGroupIngress",
        "lambda:InvokeFunction", "lambda:UpdateFunctionCode", "lambda:CreateFunction",
        "ecs:RunTask", "codebuild:StartBuild", "cloudformation:CreateStack",
        "sqs:ReceiveMessage", "sqs:SendMessage", "sns:Publish", "logs:GetLogEvents",
        "sts:AssumeRole", "iam:PassRole", "iam:CreateAccessKey", "iam:CreateUser", "iam:CreateRole", "iam:CreateLoginProfile",
        "cloudtrail:StopLogging", "cloudtrail:DeleteTrail", "organizations:LeaveOrganization", "backup:DeleteRecoveryPoint",
    ];

    /// <summary>The actions privilege is compared on.</summary>
    public static readonly IReadOnlyList<ActionInfo> SensitiveActions =
    [
        .. IamCatalog.Default.Actions.Where(a => a.AccessLevel.Contains("Permissions management", StringComparison.Ordinal))
            .Concat(DataAndCompute.Select(IamCatalog.Default.FindAction).OfType<ActionInfo>())
            .DistinctBy(a => a.FullName)
            .OrderBy(a => a.FullName, StringComparer.Ordinal),
    ];

    /// <summary>At most this many grants are kept per principal: enough to find a difference, bounded for large policies.</summary>
    private const int MaxGrants = 400;

    /// <summary>
    /// The sensitive (action, resource) pairs a policy set allows its caller, from its own Allow statements;
    /// <paramref name="sensitiveAllows"/> lists a document's Allow statements for each sensitive action.
    /// </summary>
    public static IReadOnlyList<PrivilegeGrant> Grants(PolicySet set, Principal caller, RequestContext context,
        Func<PolicyDocument, IReadOnlyList<(ActionInfo Action, Statement Statement)>> sensitiveAllows)
    {
        var grants = new List<PrivilegeGrant>();
        var seen = new HashSet<(string, string)>();
        foreach (var document in set.Identity)
            foreach (var (action, statement) in sensitiveAllows(document))
            {
                var resources = statement.Resources is null || statement.NotResource || statement.Resources.Any(r => r.MatchesEverything)
                    ? [("*", "*")]
                    : statement.Resources.Where(r => !r.Template.HasVariables).Select(r => (Resource: ProbeResources.Fill(r.Text), Pattern: r.Text)).ToList();
                foreach (var (resource, pattern) in resources)
                {
                    if (!ProbeResources.Accepts(action, resource) || !seen.Add((action.FullName, resource))) continue;
                    if (PolicyEvaluator.Decide(set, new AccessRequest(caller, action.Parsed, resource, context)) == Decision.Allowed)
                        grants.Add(new PrivilegeGrant(action, resource, pattern));
                    if (grants.Count >= MaxGrants) return grants;
                }
            }
        return grants;
    }

    /// <summary>The first grant the principal is not allowed, or null when it is allowed all of them.</summary>
    public static PrivilegeWitness? Witness(IReadOnlyList<PrivilegeGrant> grants, PolicySet principal, Principal caller, RequestContext context)
    {
        foreach (var grant in grants)
            if (PolicyEvaluator.Decide(principal, new AccessRequest(caller, grant.Action.Parsed, grant.Resource, context)) != Decision.Allowed)
                return new PrivilegeWitness(grant.Action.FullName, grant.Pattern);
        return null;
    }
}
