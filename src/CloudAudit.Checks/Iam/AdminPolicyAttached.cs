using System.Collections.Concurrent;
using CloudAudit.Checks.Framework;
using CloudAudit.Access.Principals;
using CloudAudit.Inventory;
using CloudAudit.Inventory.Catalog;
using CloudAudit.Policy.Model;

namespace CloudAudit.Checks.Iam;

/// <summary>CIS "IAM policies that allow full *:* administrative privileges are not attached", decided by evaluation.</summary>
public sealed class AdminPolicyAttached : Check
{
    public override CheckInfo Info { get; } = new()
    {
        Id = "aws-iam-005",
        Title = "IAM policy granting full administrative access is attached",
        Service = "IAM",
        Severity = Severity.Critical,
        ResourceType = "AWS::IAM::Role",
        Description = "Evaluates every policy attached to a user, group or role (customer managed, inline, and AWS managed "
            + "ones such as AdministratorAccess) on its own with the IAM policy engine. A policy is administrative when it "
            + "allows every action in the IAM catalogue on every resource (also when only its conditions, such as MFA, "
            + "stand in the way), or when it allows all but a handful of actions (at most 1% of the catalogue) and also lets "
            + "its holder put or attach policies, so the missing ones are a step away (\"NotAction\": \"iam:PassRole\"). "
            + "Wildcards, NotAction and NotResource count as IAM applies them; no text is matched. One finding per policy "
            + "and attachment. Service-linked roles and IAM Identity Center roles (permission sets such as "
            + "AdministratorAccess are admin by design and managed in Identity Center) are skipped; unattached policies "
            + "are not reported.",
        Rationale = "A principal with *:* can do anything in the account: read every secret and bucket, delete backups and "
            + "trails, create users and keys for persistence, and change billing. Any leak of its credentials (a CI token, "
            + "a laptop, an SSRF on an instance) becomes a full account takeover, and the blast radius of every mistake "
            + "made with it is the whole account.",
        CommonCauses =
        [
            "AdministratorAccess was attached to a CI/CD or automation role to get a pipeline working and never scoped down.",
            "A policy was written as NotAction with a short exclusion list, which still allows nearly everything.",
            "Developers were given administrator access in a sandbox account that later became shared.",
        ],
        Recommendation = "Replace administrative policies with policies scoped to the actions and resources each principal needs; keep full access for a few break-glass roles.",
        Remediation = AdminPolicyFixes.DetachFromRole,
        RemediationVariants =
        [
            AdminPolicyFixes.DetachFromUser, AdminPolicyFixes.DetachFromGroup,
            AdminPolicyFixes.DeleteFromRole, AdminPolicyFixes.DeleteFromUser, AdminPolicyFixes.DeleteFromGroup,
        ],
        Compliance = Cis.Refs(v14: "1.16", v3: "1.16", v5: "1.15", v7Iam: "2.14"),
    };

    public override IReadOnlyList<ApiCall> Reads { get; } = [IamAuthorizationCalls.GetAccountAuthorizationDetails];

    public override void Evaluate(CheckContext context, Verdict verdict)
    {
        if (context.ReadIam(verdict) is not { } iam) return;
        verdict.AddGaps(iam.PolicyGaps);
        // A managed policy is judged once, whatever it is attached to.
        var managed = new ConcurrentDictionary<string, AdminAssessment>(StringComparer.Ordinal);
        var probe = Principal.Parse($"arn:{context.Partition}:iam::{context.AccountId}:role/cloud-audit-policy-probe");
        var inScope = iam.Entities.Where(e => !e.IsServiceLinked && !e.IsIdentityCenterRole).ToList();
        foreach (var entity in inScope)
        {
            foreach (var policy in entity.OwnPolicies)
            {
                verdict.Scanned($"{entity.Arn}#{policy.ManagedArn ?? policy.Name}");
                var assessment = policy.ManagedArn is { } arn
                    ? managed.GetOrAdd(arn, _ => AdministrativePolicy.Assess(policy.Document, probe))
                    : AdministrativePolicy.Assess(policy.Document, entity.IsPrincipal ? entity.Caller : probe);
                if (assessment.IsAdministrative)
                    Fail(verdict, entity, policy, assessment);
            }
        }
        if (verdict.ResourcesScanned == 0)
            verdict.NotApplicable("no user, group or role of the account has a policy attached");
    }

    private static void Fail(Verdict verdict, IamEntity entity, IamPolicyAttachment policy, AdminAssessment assessment)
    {
        var what = policy.ManagedArn is { } arn
            ? (Arn.TryParse(arn) is { Account: "aws" } ? $"AWS managed policy {arn}" : $"Customer managed policy {arn}")
            : $"Inline policy {policy.Name}";
        var grant = assessment.Level switch
        {
            AdminLevel.Full => "allows every action on every resource",
            AdminLevel.FullWhenConditionsHold => "allows every action on every resource whenever its conditions are met",
            _ => $"allows every action except {assessment.MissingActions} (such as {assessment.FirstMissingAction}) and lets its holder "
                + "put or attach the policy that grants those too",
        };
        var slots = new SlotValues()
            .With("entity_name", entity.Name)
            .With("policy_arn", policy.ManagedArn ?? "")
            .With("policy_name", policy.Name)
            .With("scoped_policy_name", $"{entity.Name}-scoped");
        var resourceId = $"{entity.Arn}#{policy.ManagedArn ?? policy.Name}";
        verdict.Fail(resourceId, AwsIds.GlobalRegion, $"{what} {grant}; it is attached to {entity}.", slots,
            resourceType: entity.Kind switch { IamEntityKind.User => "AWS::IAM::User", IamEntityKind.Group => "AWS::IAM::Group", _ => "AWS::IAM::Role" },
            remediation: AdminPolicyFixes.For(entity.KindLabel, policy.Inline));
    }
}
