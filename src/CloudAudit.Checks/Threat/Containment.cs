using System.Text.Json.Nodes;
using CloudAudit.Checks.Framework;
using CloudAudit.Inventory;

namespace CloudAudit.Checks.Threat;

/// <summary>
/// Incident-response steps the detectors' fixes share: cutting off credentials that may be in an attacker's hands
/// (deactivate a key, revoke a role's sessions) and listing what they did.
/// </summary>
public static class Containment
{
    /// <summary>
    /// An inline policy that denies everything to sessions of a role issued before <paramref name="before"/>: what the
    /// IAM console's "Revoke active sessions" attaches. Sessions issued later (the legitimate callers, re-authenticated)
    /// keep working.
    /// </summary>
    public static string RevokeSessionsPolicy(DateTimeOffset before) => CliFix.Json(new JsonObject
    {
        ["Version"] = "2012-10-17",
        ["Statement"] = new JsonArray(new JsonObject
        {
            ["Effect"] = "Deny",
            ["Action"] = "*",
            ["Resource"] = "*",
            ["Condition"] = new JsonObject { ["DateLessThan"] = new JsonObject { ["aws:TokenIssueTime"] = AwsIds.Timestamp(before) } },
        }),
    });

    /// <summary>The name the session-revoking inline policy is put under (the console's own name for it).</summary>
    public const string RevokeSessionsPolicyName = "AWSRevokeOlderSessions";

    /// <summary>
    /// Terraform cannot manage the root user's credentials; what it can do, in an organization, is deny the member
    /// accounts' root users everything with an SCP (AWS's centralized root access does the same).
    /// </summary>
    public const string DenyRootUserScp = """
        # Terraform cannot manage the root user's credentials. In an organization, this SCP denies the member accounts' root users everything:
        resource "aws_organizations_policy" "deny_root_user" {
          name    = "deny-root-user"
          type    = "SERVICE_CONTROL_POLICY"
          content = jsonencode({
            Version = "2012-10-17"
            Statement = [{
              Effect    = "Deny"
              Action    = "*"
              Resource  = "*"
              Condition = { StringLike = { "aws:PrincipalArn" = "arn:aws:iam::*:root" } }
            }]
          })
        }
        """;

    /// <summary>Deactivate a user's access key ({user}, {access_key_id}), then list what the key did.</summary>
    public static RemediationTemplate DeactivateUserKey(string docUrl, string when) => new(
        Cli: """
            # Deactivate the key now; delete it once nothing legitimate depends on it:
            aws iam update-access-key --user-name {user} --access-key-id {access_key_id} --status Inactive
            # Everything the key did (CloudTrail event history, last 90 days):
            """ + "\n" + ActivityOfKey,
        Terraform: """
            # Where Terraform manages the key, deactivate it there too, or the next apply turns it back on:
            resource "aws_iam_access_key" "{access_key_id:id}" {
              user   = {user}
              status = "Inactive"
            }
            """,
        DocUrl: docUrl,
        Effort: Effort.Medium) { When = when };

    /// <summary>Delete the root user's access key ({access_key_id}, signed in as the root user), then list what it did.</summary>
    public static RemediationTemplate DeleteRootKey(string when) => new(
        Cli: """
            # Signed in as the root user: the root user needs no access key.
            aws iam delete-access-key --access-key-id {access_key_id}
            # Everything the key did (CloudTrail event history, last 90 days):
            """ + "\n" + ActivityOfKey,
        Terraform: DenyRootUserScp,
        DocUrl: "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_root-user_manage_delete-key.html",
        Effort: Effort.Low) { When = when };

    /// <summary>
    /// Revoke the sessions of role {role} issued before the scan ({revoke_policy}: <see cref="RevokeSessionsPolicy"/>),
    /// between CLI steps of the detector's own.
    /// </summary>
    public static RemediationTemplate RevokeRoleSessions(string before, string after, string when) => new(
        Cli: string.Join("\n", new[]
        {
            before,
            """
            # Revoke every session of the role issued before this scan (sessions issued later keep working):
            aws iam put-role-policy --role-name {role} --policy-name AWSRevokeOlderSessions --policy-document {revoke_policy}
            """,
            after,
        }.Where(s => s.Length > 0)),
        Terraform: """
            resource "aws_iam_role_policy" "{role:id}_revoke_older_sessions" {
              name   = "AWSRevokeOlderSessions"
              role   = {role}
              policy = {revoke_policy:json}
            }
            """,
        DocUrl: "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_revoke-sessions.html",
        Effort: Effort.Medium) { When = when };

    /// <summary>What the caller's key did besides (for detectors whose finding is one call).</summary>
    public const string ActivityOfCaller = "# Everything else the caller's key did:\n" + ActivityOfKey;

    /// <summary>A CLI step that lists everything one access key did, in one region, within CloudTrail's event history.</summary>
    public const string ActivityOfKey = "aws cloudtrail lookup-events --region {region} --lookup-attributes {key_lookup}";

    /// <summary>
    /// One lookup attribute of <c>cloudtrail lookup-events</c> ("AttributeKey=Username,AttributeValue=alice"), given to a
    /// fix as one slot value: a value the scanner does not know then shows as one whole placeholder.
    /// </summary>
    public static string Lookup(string attribute, string value) => $"AttributeKey={attribute},AttributeValue={value}";

    /// <summary>The access key a fix acts on ({access_key_id}) and the lookup of what it did ({key_lookup}), or their placeholders.</summary>
    public static SlotValues WithAccessKey(this SlotValues slots, string? key) => key is { Length: > 0 }
        ? slots.With("access_key_id", key).With("key_lookup", Lookup("AccessKeyId", key))
        : slots.Placeholder("access_key_id", "ACCESS_KEY_ID").Placeholder("key_lookup", "ACCESS_KEY_LOOKUP");

    /// <summary>The role of an assumed-role session ARN, or of a role ARN (arn:aws:sts::1:assumed-role/NAME/session → NAME).</summary>
    public static string? RoleName(string? arn)
    {
        if (Arn.TryParse(arn) is not { } parsed) return null;
        var parts = parsed.Resource.Split('/');
        return parts[0] switch
        {
            "assumed-role" when parts.Length >= 2 => parts[1],
            "role" => parts[^1],
            _ => null,
        };
    }
}
