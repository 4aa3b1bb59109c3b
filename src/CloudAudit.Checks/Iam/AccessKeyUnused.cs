using CloudAudit.Checks.Framework;
using CloudAudit.Inventory.Views;

namespace CloudAudit.Checks.Iam;

/// <summary>CIS 1.12 (v5 1.11), access keys: an active key unused for 45 days or more is disabled.</summary>
public sealed class AccessKeyUnused : ActiveAccessKeyCheck
{
    public const int UnusedDays = 45;

    public override CheckInfo Info { get; } = new()
    {
        Id = "aws-iam-004",
        Title = "IAM access key unused for 45 days or more",
        Service = "IAM",
        Severity = Severity.Medium,
        ResourceType = "AWS::IAM::User",
        Description = "Reads the IAM credential report and fails every user with an active access key that was last "
            + "used 45 days or more before the inventory was collected, or that was never used and was created 45 "
            + "days or more before it. Console passwords are judged by aws-iam-019.",
        Rationale = "A key nobody uses still works for whoever holds a copy. Dormant keys usually belong to retired "
            + "jobs or people who left, so their use by an attacker would go unnoticed; disabling them removes a "
            + "credential that only an attacker would still use.",
        CommonCauses =
        [
            "A workload moved to an IAM role and its old key was never deactivated.",
            "Keys created at user setup \"just in case\" and never used.",
            "Projects and contractors that ended without their keys being revoked.",
        ],
        Recommendation = "Deactivate the key, and delete it once nothing depends on it.",
        Remediation = AccessKeyFixes.Deactivate,
        RemediationVariants = [AccessKeyFixes.DeactivateBoth],
        Compliance = Cis.Refs(v3: "1.12", v5: "1.11", v7Iam: "2.11", v14: "1.12"),
    };

    protected override RemediationTemplate BothKeys => AccessKeyFixes.DeactivateBoth;

    protected override string? Fault(CredentialReportKey key, DateTimeOffset now)
    {
        if (key.LastUsed is { } used)
            return CredentialAge.Days(used, now) >= UnusedDays ? $"last used {CredentialAge.On(used, now)}" : null;
        return key.LastRotated is { } created && CredentialAge.Days(created, now) >= UnusedDays
            ? $"never used since its creation {CredentialAge.On(created, now)}"
            : null;
    }
}
