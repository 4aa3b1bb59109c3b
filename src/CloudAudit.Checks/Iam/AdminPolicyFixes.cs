using CloudAudit.Checks.Framework;

namespace CloudAudit.Checks.Iam;

/// <summary>
/// Fixes for an administrative policy: detach a managed policy or delete an inline one, and put a policy scoped
/// to the job in its place. One template per entity kind, because IAM's commands and Terraform resources differ.
/// </summary>
internal static class AdminPolicyFixes
{
    private const string DocUrl = "https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege";

    public static readonly RemediationTemplate DetachFromRole = Detach("role");
    public static readonly RemediationTemplate DetachFromUser = Detach("user");
    public static readonly RemediationTemplate DetachFromGroup = Detach("group");
    public static readonly RemediationTemplate DeleteFromRole = DeleteInline("role");
    public static readonly RemediationTemplate DeleteFromUser = DeleteInline("user");
    public static readonly RemediationTemplate DeleteFromGroup = DeleteInline("group");

    public static RemediationTemplate For(string kind, bool inline) => (kind, inline) switch
    {
        ("role", false) => DetachFromRole,
        ("user", false) => DetachFromUser,
        ("group", false) => DetachFromGroup,
        ("role", true) => DeleteFromRole,
        ("user", true) => DeleteFromUser,
        _ => DeleteFromGroup,
    };

    private static RemediationTemplate Detach(string kind) => new(
        Cli: $$"""
            # Attach a policy scoped to what the {{kind}} needs first, then detach the administrative one.
            aws iam detach-{{kind}}-policy --{{kind}}-name {entity_name} --policy-arn {policy_arn}
            """,
        Terraform: $$"""
            # Delete the aws_iam_{{kind}}_policy_attachment of {policy_arn} and attach a scoped policy instead.
            {{ScopedDocument}}

            resource "aws_iam_policy" "{entity_name:id}_scoped" {
              name   = {scoped_policy_name}
              policy = data.aws_iam_policy_document.{entity_name:id}_scoped.json
            }

            resource "aws_iam_{{kind}}_policy_attachment" "{entity_name:id}_scoped" {
              {{kind.PadRight(10)}} = {entity_name}
              policy_arn = aws_iam_policy.{entity_name:id}_scoped.arn
            }
            """,
        DocUrl: DocUrl,
        Effort: Effort.Medium)
    {
        When = $"a managed policy is attached to a {kind}",
    };

    private static RemediationTemplate DeleteInline(string kind) => new(
        Cli: $$"""
            # Put a policy scoped to what the {{kind}} needs first, then delete the administrative inline policy.
            aws iam delete-{{kind}}-policy --{{kind}}-name {entity_name} --policy-name {policy_name}
            """,
        Terraform: $$"""
            # Replace the aws_iam_{{kind}}_policy named {policy_name} with a scoped one.
            {{ScopedDocument}}

            resource "aws_iam_{{kind}}_policy" "{entity_name:id}_scoped" {
              {{"name".PadRight(6)}} = {scoped_policy_name}
              {{kind.PadRight(6)}} = {entity_name}
              policy = data.aws_iam_policy_document.{entity_name:id}_scoped.json
            }
            """,
        DocUrl: DocUrl,
        Effort: Effort.Medium)
    {
        When = $"the policy is an inline policy of a {kind}",
    };

    private const string ScopedDocument = """
        data "aws_iam_policy_document" "{entity_name:id}_scoped" {
          statement {
            actions   = ["<REQUIRED_ACTIONS>"]
            resources = ["<RESOURCE_ARNS>"]
          }
        }
        """;
}
