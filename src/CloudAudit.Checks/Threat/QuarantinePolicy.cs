using CloudAudit.Checks.Framework;
using CloudAudit.Inventory;
using CloudAudit.Inventory.Catalog;
using CloudAudit.Inventory.Views;

namespace CloudAudit.Checks.Threat;

/// <summary>TF-003: AWS's compromised-key quarantine policy attached to a principal: AWS found one of its keys in public.</summary>
public sealed class QuarantinePolicy : Check
{
    /// <summary>The quarantine policies AWS attaches, oldest first (by name; the partition is the account's).</summary>
    public static readonly IReadOnlyList<string> PolicyNames = ["AWSCompromisedKeyQuarantine", "AWSCompromisedKeyQuarantineV2", "AWSCompromisedKeyQuarantineV3"];

    private const string Activity = """
        # What it did (CloudTrail event history, last 90 days, in each region it used):
        aws cloudtrail lookup-events --region {region} --lookup-attributes {entity_lookup}
        """;

    public override CheckInfo Info { get; } = new()
    {
        Id = "aws-tf-003",
        Title = "AWS-attached credential quarantine policy",
        Service = "Threat feed",
        Severity = Severity.Critical,
        Category = Category.Threat,
        ResourceType = "AWS::IAM::User",
        Description = "Reads the account's IAM authorization details (GetAccountAuthorizationDetails) and fails every user, role "
            + "and group that has one of AWS's compromised-key quarantine policies attached (AWSCompromisedKeyQuarantine, V2 or "
            + "V3). AWS attaches them itself when it finds one of the principal's access keys exposed in public, such as in a "
            + "public GitHub repository. The finding names the policy and, for a user, the access keys still active (from "
            + "ListAccessKeys), which the fix deactivates by ID.",
        Rationale = "The quarantine policy is AWS telling you a key has leaked. It denies a list of high-risk actions, but the "
            + "key still works for everything else, and whoever found it may have used it before AWS did: the account is "
            + "already in an incident. Teams often miss AWS's e-mail, or take the policy for noise and detach it, which lifts "
            + "the only brake on the attacker.",
        CommonCauses =
        [
            "An access key committed to a public repository, gist or package.",
            "A key in a public container image, a public snapshot or a public bucket.",
            "The notification went to an unread root-user mailbox, so nobody rotated the key.",
        ],
        Recommendation = "Treat the principal as compromised: deactivate its keys, review what it did, replace the keys with short-lived credentials, and detach the quarantine policy only then.",
        Remediation = new(
            Cli: """
                # Deactivate the user's active access keys now (then create a new one where it is still needed):
                aws iam update-access-key --user-name {entity_name} --access-key-id {access_key_id} --status Inactive
                """ + "\n" + Activity + """

                # Only once the keys are replaced and the activity reviewed, lift the quarantine:
                aws iam detach-user-policy --user-name {entity_name} --policy-arn {policy_arn}
                """,
            Terraform: """
                # Keys are deactivated by the CLI above; where Terraform manages a key of the user, mark it inactive there too:
                resource "aws_iam_access_key" "{entity_name:id}_leaked" {
                  user   = {entity_name}
                  status = "Inactive"
                }
                """,
            DocUrl: "https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AWSCompromisedKeyQuarantineV3.html",
            Effort: Effort.High) { When = "the policy is attached to a user" },
        RemediationVariants =
        [
            Containment.RevokeRoleSessions("", Activity + """

                # Only once the activity is reviewed, lift the quarantine:
                aws iam detach-role-policy --role-name {entity_name} --policy-arn {policy_arn}
                """, "the policy is attached to a role"),
            new RemediationTemplate(
                Cli: """
                    # The policy reaches every member of the group: deactivate the members' keys, review them, then lift it:
                    aws iam get-group --group-name {entity_name}
                    aws iam detach-group-policy --group-name {entity_name} --policy-arn {policy_arn}
                    """,
                Terraform: """
                    # Remove the aws_iam_group_policy_attachment of {policy_arn} once the members' keys are replaced.
                    resource "aws_iam_group" "{entity_name:id}" {
                      name = {entity_name}
                    }
                    """,
                DocUrl: "https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AWSCompromisedKeyQuarantineV3.html",
                Effort: Effort.High) { When = "the policy is attached to a group" },
        ],
        Threat = new("TF-003-quarantine-policy",
        [
            "https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AWSCompromisedKeyQuarantineV3.html",
            "https://permiso.io/blog/introducing-detention-dodger",
            "https://aws.amazon.com/blogs/security/what-to-do-if-you-inadvertently-expose-an-aws-access-key/",
        ]),
    };

    public override IReadOnlyList<ApiCall> Reads { get; } =
        [IamAuthorizationCalls.GetAccountAuthorizationDetails, IamCalls.ListUsers, IamCalls.ListAccessKeys];

    public override void Evaluate(CheckContext context, Verdict verdict)
    {
        if (!verdict.Read(context.Data.IamAuthorization().AuthorizationDetails(), out var details)) return;
        var quarantine = PolicyNames.Select(n => $"arn:{context.Partition}:iam::aws:policy/{n}").ToHashSet(StringComparer.Ordinal);
        foreach (var user in details.UserDetailList ?? [])
            Judge(context, verdict, "user", user.UserName, user.Arn, user.AttachedManagedPolicies, quarantine);
        foreach (var role in details.RoleDetailList ?? [])
            Judge(context, verdict, "role", role.RoleName, role.Arn, role.AttachedManagedPolicies, quarantine);
        foreach (var group in details.GroupDetailList ?? [])
            Judge(context, verdict, "group", group.GroupName, group.Arn, group.AttachedManagedPolicies, quarantine);
    }

    private void Judge(CheckContext context, Verdict verdict, string kind, string name, string arn, List<AttachedPolicy>? attached,
        HashSet<string> quarantine)
    {
        verdict.Scanned(arn);
        foreach (var policy in (attached ?? []).Where(p => quarantine.Contains(p.PolicyArn)))
        {
            var slots = new SlotValues().With("entity_name", name).With("policy_arn", policy.PolicyArn)
                .With("entity_lookup", Containment.Lookup("Username", name));
            var policyName = policy.PolicyArn[(policy.PolicyArn.LastIndexOf('/') + 1)..];
            var description = $"AWS attached {policyName} to {kind} {name}: AWS found one of its access keys exposed in public.";
            RemediationTemplate fix;
            switch (kind)
            {
                case "user":
                    fix = Info.Remediation;
                    var keys = ActiveKeys(context, name);
                    if (keys is null)
                    {
                        slots.Placeholder("access_key_id", "ACCESS_KEY_ID");
                        description += " Its access keys could not be listed: deactivate every active one.";
                    }
                    else
                    {
                        slots.With("access_key_id", new SlotValue.Each(keys));
                        description += keys.Count == 0 ? " It has no active access key left." : $" Active access keys: {string.Join(", ", keys)}.";
                    }
                    break;
                case "role":
                    fix = Info.RemediationVariants[0];
                    slots.With("role", name).With("revoke_policy", Containment.RevokeSessionsPolicy(context.Now));
                    break;
                default:
                    fix = Info.RemediationVariants[1];
                    description += " The policy applies to every member of the group.";
                    break;
            }
            verdict.Fail(arn, AwsIds.GlobalRegion, description, slots, resourceType: $"AWS::IAM::{char.ToUpperInvariant(kind[0])}{kind[1..]}",
                remediation: fix, discriminator: policyName);
        }
    }

    /// <summary>The user's active access key IDs, or null when they could not be read.</summary>
    private static List<string>? ActiveKeys(CheckContext context, string user) =>
        context.Data.Iam().AccessKeys(user).TryGet(out var keys, out _)
            ? (keys.AccessKeyMetadata ?? []).Where(k => k.Active).Select(k => k.AccessKeyId).ToList()
            : null;
}
