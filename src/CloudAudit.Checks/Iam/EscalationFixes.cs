using CloudAudit.Checks.Framework;

namespace CloudAudit.Checks.Iam;

/// <summary>
/// The stopgap for an escalation path: an inline policy on the principal that denies the path's key permission on
/// the resources it reaches (passing the privileged roles, editing its own policy …). The lasting fix is removing or
/// scoping the permission in the policies the finding names.
/// </summary>
internal static class EscalationFixes
{
    private const string DocUrl = "https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege";

    public static readonly RemediationTemplate DenyOnRole = Deny("role");
    public static readonly RemediationTemplate DenyOnUser = Deny("user");

    /// <summary>IAM Identity Center roles cannot be edited in IAM: the Deny goes into the permission set.</summary>
    public static readonly RemediationTemplate DenyInPermissionSet = new(
        Cli: """
            # Stopgap: a customer managed policy with the Deny, referenced by the permission set this role comes from
            # (the policy must exist in every account the permission set is provisioned to), then provisioned.
            aws iam create-policy --policy-name {deny_policy_name} --policy-document {deny_policy}
            aws sso-admin attach-customer-managed-policy-reference-to-permission-set --instance-arn <SSO_INSTANCE_ARN> \
              --permission-set-arn <PERMISSION_SET_ARN> --customer-managed-policy-reference {policy_reference}
            aws sso-admin provision-permission-set --instance-arn <SSO_INSTANCE_ARN> --permission-set-arn <PERMISSION_SET_ARN> \
              --target-type AWS_ACCOUNT --target-id {account_id}
            """,
        Terraform: $$"""
            {{DenyDocument}}

            resource "aws_iam_policy" "{deny_policy_name:id}" {
              name   = {deny_policy_name}
              policy = data.aws_iam_policy_document.{deny_policy_name:id}.json
            }

            resource "aws_ssoadmin_customer_managed_policy_attachment" "{deny_policy_name:id}" {
              instance_arn       = "<SSO_INSTANCE_ARN>"
              permission_set_arn = "<PERMISSION_SET_ARN>"
              customer_managed_policy_reference {
                name = aws_iam_policy.{deny_policy_name:id}.name
              }
            }
            """,
        DocUrl: "https://docs.aws.amazon.com/singlesignon/latest/userguide/howtocmp.html",
        Effort: Effort.Medium)
    {
        When = "the principal is an IAM Identity Center role (from a permission set)",
    };

    private const string DenyDocument = """
        data "aws_iam_policy_document" "{deny_policy_name:id}" {
          statement {
            sid       = {sid}
            effect    = "Deny"
            actions   = [{action}]
            resources = [
              {resource},
            ]
          }
        }
        """;

    private static RemediationTemplate Deny(string kind) => new(
        Cli: $$"""
            # Stopgap: deny the path's key permission to this {{kind}}; then remove or scope it in the policies named in the finding.
            aws iam put-{{kind}}-policy --{{kind}}-name {principal_name} --policy-name {deny_policy_name} --policy-document {deny_policy}
            """,
        Terraform: $$"""
            {{DenyDocument}}

            resource "aws_iam_{{kind}}_policy" "{deny_policy_name:id}" {
              {{"name".PadRight(6)}} = {deny_policy_name}
              {{kind.PadRight(6)}} = {principal_name}
              policy = data.aws_iam_policy_document.{deny_policy_name:id}.json
            }
            """,
        DocUrl: DocUrl,
        Effort: Effort.Medium)
    {
        When = $"the principal is a {kind}",
    };
}
