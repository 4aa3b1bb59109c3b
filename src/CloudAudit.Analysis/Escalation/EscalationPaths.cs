using CloudAudit.Checks.Framework;
using CloudAudit.Access.Principals;
using CloudAudit.Access.Escalation;

namespace CloudAudit.Analysis.Escalation;

/// <summary>aws-iam-018's analysis as the report's <c>escalation_paths[]</c>: one record per principal and path.</summary>
public static class EscalationPaths
{
    public static IReadOnlyList<EscalationPathRecord> From(EscalationAnalysis analysis, string accountId, IReadOnlyDictionary<string, string> fingerprints) =>
        [.. analysis.Findings.Select(f => new EscalationPathRecord
        {
            PrincipalArn = f.Principal.Arn,
            PrincipalName = f.Principal.Name,
            PrincipalType = f.Principal.Kind == IamEntityKind.User ? "User" : "Role",
            AccountId = accountId,
            Method = $"{f.Path.Id} ({f.Path.Catalogue.Name})",
            PathId = f.Path.Id,
            Category = Category(f.Path),
            RequiredActions = [.. f.Path.Steps.Select(s => s.Action)],
            ResourceConstraints = [.. f.Evidence.Select(e => $"{e.Action} on {e.Resource}")],
            TargetPrivilege = f.Outcome == EscalationOutcome.Administrator ? "administrator" : MorePrivileged + string.Join("; ", f.Targets.Select(t => Reason(t.Why))),
            Targets = [.. f.Targets.Select(t => t.Arn)],
            Severity = f.Outcome == EscalationOutcome.Administrator ? Severity.Critical : Severity.High,
            FindingFingerprint = fingerprints.GetValueOrDefault($"{f.Principal.Arn}#{f.Path.Id}"),
        })];

    private const string MorePrivileged = "more privileged: ";

    /// <summary>Why one target is more privileged, without the prefix the analysis already gives it (said once for all targets).</summary>
    private static string Reason(string why) => why.StartsWith(MorePrivileged, StringComparison.Ordinal) ? why[MorePrivileged.Length..] : why;

    /// <summary>The reference's nine escalation categories, from the shape and permissions of the path.</summary>
    public static string Category(PathModel path) => path.Shape switch
    {
        PathShape.SelfEdit or PathShape.EditOther => path.Steps.Any(s => s.Action == "iam:UpdateAssumeRolePolicy") ? "trust_policy_abuse" : "iam_self_mutation",
        PathShape.JoinGroup => "credential_access",
        PathShape.Become => path.Steps[0].Action switch
        {
            "sts:AssumeRole" => "lateral_assume_role",
            "iam:UpdateAssumeRolePolicy" => "trust_policy_abuse",
            _ => "credential_access",
        },
        PathShape.PassToNew => "passrole_service",
        _ => path.Service == "lambda.amazonaws.com" ? "lambda_code_modification" : "compute_hijack",
    };
}
