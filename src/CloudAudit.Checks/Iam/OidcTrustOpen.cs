using CloudAudit.Checks.Framework;
using CloudAudit.Access.Principals;
using CloudAudit.Inventory;
using CloudAudit.Inventory.Catalog;
using CloudAudit.Policy.Analysis;

namespace CloudAudit.Checks.Iam;

/// <summary>A role that any identity of an OIDC provider (any GitHub repository, any app's users) can assume.</summary>
public sealed class OidcTrustOpen : Check
{
    public override CheckInfo Info { get; } = new()
    {
        Id = "aws-iam-007",
        Title = "Role trusts any subject of an OIDC identity provider",
        Service = "IAM",
        Severity = Severity.Critical,
        ResourceType = "AWS::IAM::Role",
        Description = "Evaluates each role's trust policy with the IAM policy engine for sts:AssumeRoleWithWebIdentity by "
            + "a web identity that nobody in particular owns. For GitHub Actions (token.actions.githubusercontent.com) the "
            + "role fails when no condition binds the token's sub claim, or when a wildcard in the sub pattern lets a "
            + "repository of another owner match (repo:* or repo:*/app:*); a wildcard after a fixed owner (repo:northwind/*) "
            + "is that owner's choice and passes. For other OIDC providers the role fails when no condition binds the sub "
            + "claim (for Amazon Cognito, the identity pool in aud as well). Other conditions count as IAM evaluates them. "
            + "Service-linked roles are skipped.",
        Rationale = "Anyone can get a token from GitHub Actions or from a public identity provider: a workflow in their own "
            + "repository is enough. Without a sub condition the role's trust accepts those tokens, so a stranger can assume "
            + "the role from their own pipeline and act with its permissions in your account. Deployment roles are usually "
            + "powerful, which makes this a direct path to account takeover.",
        CommonCauses =
        [
            "The trust policy was copied from a tutorial that only checked the aud claim.",
            "A sub pattern such as repo:*:* was used to let every repository of the organization deploy, without fixing the owner.",
            "The provider was set up for one app and the role trusted it without naming the app's subjects.",
        ],
        Recommendation = "Add a condition on the provider's sub claim that names your repositories or subjects (StringEquals, or StringLike with a fixed owner), and keep the aud condition.",
        Remediation = OidcTrustFixes.BindSubject,
    };

    public override IReadOnlyList<ApiCall> Reads { get; } = [IamAuthorizationCalls.GetAccountAuthorizationDetails];

    public override void Evaluate(CheckContext context, Verdict verdict)
    {
        if (context.ReadIam(verdict) is not { } iam) return;
        foreach (var role in iam.Roles.Where(r => !r.IsServiceLinked))
        {
            if (role.Trust is not { } trust)
            {
                verdict.AddGaps(iam.PolicyGaps.Where(g => g.Target == $"trust policy of role {role.Name}"));
                continue;
            }
            verdict.Scanned(role.Arn);
            var open = TrustAnalysis.OpenToAnyOidcSubject(trust, role.Arn);
            if (open.Count == 0) continue;
            // One finding per role; the fix binds every open statement.
            var reasons = string.Join("; ", open.Select(o =>
                $"statement {o.Statement.StatementIndex}{(o.Statement.Sid is { Length: > 0 } sid ? $" ({sid})" : "")} trusts {o.Provider}: {o.Reason}"));
            verdict.Fail(role.Arn, AwsIds.GlobalRegion, $"Role {role.Name} can be assumed by strangers: {reasons}.",
                OidcTrustFixes.Slots(role.Name, role.TrustText!, [.. open.Select(o => new OidcTrustFixes.OpenStatement(o.Statement.StatementIndex, o.Provider))]));
        }
        if (verdict.ResourcesScanned == 0 && verdict.Gaps.Count == 0)
            verdict.NotApplicable("the account has no IAM role of its own");
    }
}
