using System.Text.Json.Nodes;
using CloudAudit.Checks.Framework;
using CloudAudit.Inventory.Catalog;
using CloudAudit.Inventory.Views;

namespace CloudAudit.Checks.Iam;

/// <summary>CIS 1.17 (v5 1.16): a role exists for managing incidents with AWS Support.</summary>
public sealed class SupportRoleMissing : SettingCheck<ListEntitiesForPolicyResponse>
{
    public override CheckInfo Info { get; } = new()
    {
        Id = "aws-iam-011",
        Title = "No IAM role for AWS Support",
        Service = "IAM",
        Severity = Severity.Medium,
        ResourceType = "AWS::::Account",
        Description = "Lists the entities the AWS-managed AWSSupportAccess policy is attached to "
            + "(ListEntitiesForPolicy) and fails when no role is among them, as the CIS audit requires "
            + "(PolicyRoles not empty). Users or groups holding the policy are named but do not satisfy it.",
        Rationale = "During an outage or a security incident someone has to open and follow AWS Support cases at "
            + "once. If only the root user or an administrator can, cases wait for the one person with the keys, "
            + "or everyone gets administrator rights to file a ticket; a dedicated role grants exactly that job.",
        CommonCauses =
        [
            "Support cases have always been opened by the root user or a full administrator.",
            "AWSSupportAccess was attached to a few named users instead of a role people assume.",
        ],
        Recommendation = "Create a role with AWSSupportAccess attached and let the incident responders assume it.",
        Remediation = new(
            Cli: """
                # A role the account's principals can assume with MFA, holding only AWSSupportAccess.
                aws iam create-role --role-name aws-support \
                  --assume-role-policy-document {trust_policy}
                aws iam attach-role-policy --role-name aws-support \
                  --policy-arn {policy_arn}
                """,
            Terraform: """
                data "aws_iam_policy_document" "aws_support_trust" {
                  statement {
                    actions = ["sts:AssumeRole"]

                    principals {
                      type        = "AWS"
                      identifiers = [{root_arn}]
                    }

                    condition {
                      test     = "Bool"
                      variable = "aws:MultiFactorAuthPresent"
                      values   = ["true"]
                    }
                  }
                }

                resource "aws_iam_role" "aws_support" {
                  name               = "aws-support"
                  assume_role_policy = data.aws_iam_policy_document.aws_support_trust.json
                }

                resource "aws_iam_role_policy_attachment" "aws_support" {
                  role       = aws_iam_role.aws_support.name
                  policy_arn = {policy_arn}
                }
                """,
            DocUrl: "https://docs.aws.amazon.com/awssupport/latest/user/accessing-support.html",
            Effort: Effort.Low),
        Compliance = Cis.Refs(v3: "1.17", v5: "1.16", v7Iam: "2.15", v14: "1.17"),
    };

    public override IReadOnlyList<ApiCall> Reads { get; } = [IamCalls.ListSupportAccessEntities];

    protected override Observed<ListEntitiesForPolicyResponse> Read(CheckContext context) => context.Data.Iam().SupportAccessEntities();

    protected override void Judge(ListEntitiesForPolicyResponse entities, CheckContext context, Verdict verdict)
    {
        verdict.Scanned(context.AccountId);
        if (entities.PolicyRoles is { Count: > 0 })
            return;
        var others = (entities.PolicyUsers ?? []).Select(u => $"user {u.UserName}")
            .Concat((entities.PolicyGroups ?? []).Select(g => $"group {g.GroupName}")).ToList();
        var holders = others.Count > 0 ? $"; it is attached only to {string.Join(", ", others)}" : "";
        verdict.Fail(context.AccountId, Inventory.AwsIds.GlobalRegion,
            $"No IAM role in account {context.AccountId} has the AWSSupportAccess policy{holders}.",
            new SlotValues()
                .With("root_arn", IamArns.Root(context))
                .With("trust_policy", TrustPolicy(IamArns.Root(context)))
                .With("policy_arn", IamCalls.AwsManagedPolicyArn(context.Partition, IamCalls.SupportAccessPolicy)));
    }

    /// <summary>Who may assume the support role: the account's principals, signed in with MFA.</summary>
    private static string TrustPolicy(string rootArn) => CliFix.Json(new JsonObject
    {
        ["Version"] = "2012-10-17",
        ["Statement"] = new JsonArray(new JsonObject
        {
            ["Effect"] = "Allow",
            ["Principal"] = new JsonObject { ["AWS"] = rootArn },
            ["Action"] = "sts:AssumeRole",
            ["Condition"] = new JsonObject { ["Bool"] = new JsonObject { ["aws:MultiFactorAuthPresent"] = "true" } },
        }),
    });
}
