using CloudAudit.Checks.Framework;
using CloudAudit.Inventory.Views;

namespace CloudAudit.Checks.Iam;

/// <summary>CIS 1.14 (v5 1.13): active access keys are rotated every 90 days or less.</summary>
public sealed class AccessKeyNotRotated : ActiveAccessKeyCheck
{
    public const int MaxAgeDays = 90;

    private static readonly RemediationTemplate Rotate = new(
        Cli: """
            # Create the replacement key (a user holds at most two: retire any other unused key first),
            # move every consumer of the old key to it, then deactivate and delete the old key.
            aws iam create-access-key --user-name {user_name}
            aws iam update-access-key --user-name {user_name} --access-key-id {access_key_id} --status Inactive
            aws iam delete-access-key --user-name {user_name} --access-key-id {access_key_id}
            """,
        Terraform: """
            # The new key's secret lands in Terraform state: protect the state, or better, move the consumer
            # to an IAM role. After switching consumers over, delete the old key (aws iam delete-access-key).
            resource "aws_iam_access_key" "{user_name:id}_rotated" {
              user = {user_name}
            }
            """,
        DocUrl: AccessKeyFixes.DocUrl,
        Effort: Effort.Medium)
    {
        When = "one key is overdue",
    };

    private static readonly RemediationTemplate RotateBoth = new(
        Cli: """
            # Both keys are overdue and a user holds at most two. Retire the one used least recently, create
            # its replacement, move every consumer to the new key, then retire the other.
            aws iam update-access-key --user-name {user_name} --access-key-id {access_key_id} --status Inactive
            aws iam delete-access-key --user-name {user_name} --access-key-id {access_key_id}
            aws iam create-access-key --user-name {user_name}
            aws iam update-access-key --user-name {user_name} --access-key-id {second_access_key_id} --status Inactive
            aws iam delete-access-key --user-name {user_name} --access-key-id {second_access_key_id}
            """,
        Terraform: """
            # Delete both old keys once their consumers use this one (aws iam delete-access-key).
            resource "aws_iam_access_key" "{user_name:id}_rotated" {
              user = {user_name}
            }
            """,
        DocUrl: AccessKeyFixes.DocUrl,
        Effort: Effort.Medium)
    {
        When = "both of the user's keys are overdue",
    };

    public override CheckInfo Info { get; } = new()
    {
        Id = "aws-iam-003",
        Title = "IAM access key not rotated in 90 days",
        Service = "IAM",
        Severity = Severity.Medium,
        ResourceType = "AWS::IAM::User",
        Description = "Reads the IAM credential report and fails every user with an active access key whose "
            + "access_key_N_last_rotated (its creation time) is more than 90 days before the inventory was collected. "
            + "Inactive keys are out of scope. The fix names the key ID, matched from ListAccessKeys by creation time.",
        Rationale = "Access keys leak through source code, CI logs, laptops and backups, and a leaked key works until "
            + "it is replaced. The older a key, the more copies of it exist and the longer a silent compromise can "
            + "last; regular rotation bounds how long any leaked copy stays useful.",
        CommonCauses =
        [
            "Keys embedded in CI systems or on-premises servers that nobody owns the rotation of.",
            "Rotation is manual and was postponed because the consumers are not documented.",
            "Workloads that could use IAM roles (EC2, Lambda, ECS, OIDC from CI) still use a user's key.",
        ],
        Recommendation = "Rotate the key, or better, replace it with an IAM role or short-lived credentials.",
        Remediation = Rotate,
        RemediationVariants = [RotateBoth],
        Compliance = Cis.Refs(v3: "1.14", v5: "1.13", v7Iam: "2.12", v14: "1.14"),
    };

    protected override RemediationTemplate BothKeys => RotateBoth;

    protected override string? Fault(CredentialReportKey key, DateTimeOffset now) =>
        key.LastRotated is { } created && CredentialAge.Days(created, now) > MaxAgeDays
            ? $"created {CredentialAge.On(created, now)}"
            : null;
}
