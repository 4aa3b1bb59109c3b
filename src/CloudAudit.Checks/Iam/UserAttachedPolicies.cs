using CloudAudit.Checks.Framework;
using CloudAudit.Inventory;
using CloudAudit.Inventory.Catalog;
using CloudAudit.Inventory.Views;

namespace CloudAudit.Checks.Iam;

/// <summary>CIS 1.15 (v5 1.14): IAM users receive permissions only through groups.</summary>
public sealed class UserAttachedPolicies : Check
{
    public override CheckInfo Info { get; } = new()
    {
        Id = "aws-iam-010",
        Title = "IAM user has policies attached directly",
        Service = "IAM",
        Severity = Severity.Medium,
        ResourceType = "AWS::IAM::User",
        Description = "Lists the IAM users and, as the CIS audit does, reads each one's attached managed policies "
            + "(ListAttachedUserPolicies) and inline policies (ListUserPolicies); a user with either fails. Users "
            + "whose policies could not be read are reported as not assessed.",
        Rationale = "Permissions granted user by user drift apart: nobody can tell who may do what without reading "
            + "every user, leavers keep one-off grants, and reviews miss them. Granting through groups (or better, "
            + "roles) keeps access defined per job, so reviewing a handful of groups covers every user.",
        CommonCauses =
        [
            "A quick fix attached a policy to one user during an incident and it stayed.",
            "Service users were created with an inline policy written for them.",
            "Console user creation offers \"attach policies directly\" and it was chosen.",
        ],
        Recommendation = "Move the user's permissions to a group that matches the job, add the user to it, and detach the policies from the user.",
        Remediation = new(
            Cli: """
                # Move the user's managed and inline policies to a group for the job, then take them off the user.
                aws iam create-group --group-name <GROUP_NAME>
                aws iam add-user-to-group --group-name <GROUP_NAME> --user-name {user_name}
                aws iam attach-group-policy --group-name <GROUP_NAME> --policy-arn {policy_arn}
                aws iam detach-user-policy --user-name {user_name} --policy-arn {policy_arn}
                aws iam get-user-policy --user-name {user_name} --policy-name {inline_policy} --query PolicyDocument --output json > inline-policy.json
                aws iam put-group-policy --group-name <GROUP_NAME> --policy-name {inline_policy} --policy-document file://inline-policy.json
                aws iam delete-user-policy --user-name {user_name} --policy-name {inline_policy}
                """,
            Terraform: """
                # Grant the managed policies through a group, then remove the aws_iam_user_policy_attachment and
                # aws_iam_user_policy resources of this user (inline policies become aws_iam_group_policy).
                locals {
                  {user_name:id}_policy_arns = [
                    {policy_arn},
                  ]
                }

                resource "aws_iam_group" "{user_name:id}_job" {
                  name = "<GROUP_NAME>"
                }

                resource "aws_iam_user_group_membership" "{user_name:id}" {
                  user   = {user_name}
                  groups = [aws_iam_group.{user_name:id}_job.name]
                }

                resource "aws_iam_group_policy_attachment" "{user_name:id}_job" {
                  for_each   = toset(local.{user_name:id}_policy_arns)
                  group      = aws_iam_group.{user_name:id}_job.name
                  policy_arn = each.value
                }
                """,
            DocUrl: "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_groups_manage_attach-policy.html",
            Effort: Effort.Medium),
        Compliance = Cis.Refs(v3: "1.15", v5: "1.14", v7Iam: "2.13", v14: "1.15"),
    };

    public override IReadOnlyList<ApiCall> Reads { get; } =
        [IamCalls.ListUsers, IamCalls.ListAttachedUserPolicies, IamCalls.ListUserPolicies];

    public override void Evaluate(CheckContext context, Verdict verdict)
    {
        var iam = context.Data.Iam();
        if (!iam.Users().TryGet(out var listing, out var gap))
        {
            verdict.Gap(gap!);
            return;
        }
        var users = listing.Users ?? [];
        if (users.Count == 0)
        {
            verdict.NotApplicable("the account has no IAM users");
            return;
        }
        foreach (var user in users)
        {
            var attached = iam.AttachedPolicies(user.UserName);
            var inline = iam.InlinePolicyNames(user.UserName);
            if (attached.Gap is not null || inline.Gap is not null)
            {
                verdict.AddGaps(new[] { attached.Gap, inline.Gap }.OfType<DataGap>());
                continue;
            }
            verdict.Scanned(user.Arn);
            var managed = attached.Value!.AttachedPolicies ?? [];
            var inlineNames = inline.Value!.PolicyNames ?? [];
            if (managed.Count == 0 && inlineNames.Count == 0)
                continue;
            var parts = new List<string>();
            if (managed.Count > 0)
                parts.Add($"managed {Plural(managed.Count, "policy", "policies")} {string.Join(", ", managed.Select(p => p.PolicyName ?? p.PolicyArn))}");
            if (inlineNames.Count > 0)
                parts.Add($"inline {Plural(inlineNames.Count, "policy", "policies")} {string.Join(", ", inlineNames)}");
            verdict.Fail(user.Arn, AwsIds.GlobalRegion,
                $"IAM user {user.UserName} has {string.Join(" and ", parts)} attached directly.",
                new SlotValues()
                    .With("user_name", user.UserName)
                    .With("policy_arn", new SlotValue.Each(managed.Select(p => p.PolicyArn).ToList()))
                    .With("inline_policy", new SlotValue.Each(inlineNames)));
        }
    }

    private static string Plural(int count, string one, string many) => count == 1 ? one : many;
}
