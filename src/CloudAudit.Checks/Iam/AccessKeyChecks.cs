using CloudAudit.Checks.Framework;
using CloudAudit.Inventory;
using CloudAudit.Inventory.Catalog;
using CloudAudit.Inventory.Views;

namespace CloudAudit.Checks.Iam;

/// <summary>
/// A check of each active access key of each IAM user. A user gets one finding naming every key at
/// fault; its fix names the real key IDs (from ListAccessKeys), with a second fix when both keys are.
/// </summary>
public abstract class ActiveAccessKeyCheck : KeyHolderCheck
{

    /// <summary>What is wrong with an active key, as a phrase ("was created on … (214 days ago)"), or null when nothing is.</summary>
    protected abstract string? Fault(CredentialReportKey key, DateTimeOffset now);

    /// <summary>The fix when both of a user's keys are at fault (slots access_key_id and second_access_key_id).</summary>
    protected abstract RemediationTemplate BothKeys { get; }

    protected override void EvaluateUser(CredentialReportRow user, Credentials credentials, CheckContext context, Verdict verdict)
    {
        // Least recently used first: with two keys at fault, the fix retires the one not in use first.
        var faults = user.ActiveKeys.Select(k => (Key: k, Fault: Fault(k, context.Now))).Where(f => f.Fault is not null)
            .OrderBy(f => f.Key.LastUsed ?? DateTimeOffset.MinValue).ThenBy(f => f.Key.LastRotated).ToList();
        if (faults.Count == 0)
            return;
        var parts = faults.Select(f => $"active access key {credentials.KeyLabel(user, f.Key)} {f.Fault}");
        var slots = UserSlots(user).With("access_key_id", credentials.KeyId(user, faults[0].Key));
        var description = $"IAM user {user.User} has {string.Join(" and ", parts)}.";
        if (faults.Count == 1)
        {
            verdict.Fail(user.Arn, AwsIds.GlobalRegion, description, slots);
            return;
        }
        slots.With("second_access_key_id", SecondKeyId(credentials, user, faults[1].Key));
        verdict.Fail(user.Arn, AwsIds.GlobalRegion, description, slots, remediation: BothKeys);
    }

    private static SlotValue SecondKeyId(Credentials credentials, CredentialReportRow user, CredentialReportKey key) =>
        credentials.KeyId(user, key) is SlotValue.Literal id ? id : new SlotValue.Placeholder("SECOND_ACCESS_KEY_ID");
}

/// <summary>Fixes shared by the access key checks.</summary>
internal static class AccessKeyFixes
{
    public const string DocUrl = "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html";

    public static readonly RemediationTemplate Deactivate = new(
        Cli: """
            # Deactivate the key; delete it once nothing has broken for a while.
            aws iam update-access-key --user-name {user_name} --access-key-id {access_key_id} --status Inactive
            # aws iam delete-access-key --user-name {user_name} --access-key-id {access_key_id}
            """,
        Terraform: InactiveKey("access_key_id"),
        DocUrl: DocUrl,
        Effort: Effort.Low)
    {
        When = "one key is at fault",
    };

    public static readonly RemediationTemplate DeactivateBoth = new(
        Cli: """
            # Deactivate both keys; delete them once nothing has broken for a while.
            aws iam update-access-key --user-name {user_name} --access-key-id {access_key_id} --status Inactive
            aws iam update-access-key --user-name {user_name} --access-key-id {second_access_key_id} --status Inactive
            """,
        Terraform: InactiveKey("access_key_id") + "\n\n" + InactiveKey("second_access_key_id"),
        DocUrl: DocUrl,
        Effort: Effort.Low)
    {
        When = "both of the user's keys are at fault",
    };

    /// <summary>Terraform that adopts the existing key named by a slot and sets it inactive.</summary>
    private static string InactiveKey(string slot) => $$"""
        import {
          to = aws_iam_access_key.{{{slot}}:id}
          id = {{{slot}}}
        }

        resource "aws_iam_access_key" "{{{slot}}:id}" {
          user   = {user_name}
          status = "Inactive"
        }
        """;
}
