using CloudAudit.Checks.Framework;
using CloudAudit.Inventory;
using CloudAudit.Inventory.Catalog;
using CloudAudit.Inventory.Views;

namespace CloudAudit.Checks.Iam;

/// <summary>CIS 1.22 (v5 1.21): nobody holds AWSCloudShellFullAccess, which allows file transfer in and out.</summary>
public sealed class CloudShellFullAccess : Check
{
    private const string ScopedPolicy = "CloudShellWithoutFileTransfer";
    private const string DocUrl = "https://docs.aws.amazon.com/cloudshell/latest/userguide/sec-auth-with-identities.html";

    /// <summary>How to replace the policy for one kind of IAM entity.</summary>
    private sealed record EntityKind(string Noun, string ResourceType)
    {
        public RemediationTemplate Fix { get; } = new(
            Cli: $$"""
                # Once per account: CloudShell without file upload and download.
                aws iam create-policy --policy-name {{ScopedPolicy}} --policy-document '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"cloudshell:*","Resource":"*"},{"Effect":"Deny","Action":["cloudshell:GetFileDownloadUrls","cloudshell:GetFileUploadUrls"],"Resource":"*"}]}'
                # Give the {{Noun}} the scoped policy instead of AWSCloudShellFullAccess.
                aws iam attach-{{Noun}}-policy --{{Noun}}-name {entity_name} --policy-arn {scoped_policy_arn}
                aws iam detach-{{Noun}}-policy --{{Noun}}-name {entity_name} --policy-arn {cloudshell_policy_arn}
                """,
            Terraform: $$"""
                # Remove the {{Noun}}'s AWSCloudShellFullAccess attachment from your configuration and grant this instead.
                resource "aws_iam_policy" "cloudshell_without_file_transfer" {
                  name = "{{ScopedPolicy}}"
                  policy = jsonencode({
                    Version = "2012-10-17"
                    Statement = [
                      { Effect = "Allow", Action = "cloudshell:*", Resource = "*" },
                      { Effect = "Deny", Action = ["cloudshell:GetFileDownloadUrls", "cloudshell:GetFileUploadUrls"], Resource = "*" },
                    ]
                  })
                }

                resource "aws_iam_{{Noun}}_policy_attachment" "{entity_name:id}_cloudshell" {
                  {{Noun}} = {entity_name}
                  policy_arn = aws_iam_policy.cloudshell_without_file_transfer.arn
                }
                """,
            DocUrl: DocUrl,
            Effort: Effort.Low)
        {
            When = $"the policy is attached to a {Noun}",
        };
    }

    private static readonly EntityKind User = new("user", "AWS::IAM::User");
    private static readonly EntityKind Role = new("role", "AWS::IAM::Role");
    private static readonly EntityKind Group = new("group", "AWS::IAM::Group");

    public override CheckInfo Info { get; } = new()
    {
        Id = "aws-iam-014",
        Title = "AWSCloudShellFullAccess attached to an IAM identity",
        Service = "IAM",
        Severity = Severity.Medium,
        ResourceType = "AWS::IAM::Role",
        Description = "Lists the users, groups and roles the AWS-managed AWSCloudShellFullAccess policy is attached to "
            + "(ListEntitiesForPolicy) and fails each one. The fix grants CloudShell through a customer policy that "
            + "denies file upload and download.",
        Rationale = "AWSCloudShellFullAccess includes uploading and downloading files to and from the CloudShell "
            + "environment, a path for data to leave the account and for tools to enter it that bypasses network "
            + "controls such as proxies and data-loss prevention. Most CloudShell users need the shell, not file transfer.",
        CommonCauses =
        [
            "The managed policy was attached to give people CloudShell quickly.",
            "Administrator-like groups collected managed policies over time, this one included.",
        ],
        Recommendation = "Replace AWSCloudShellFullAccess with a policy that allows CloudShell but denies file upload and download.",
        Remediation = Role.Fix,
        RemediationVariants = [User.Fix, Group.Fix],
        Compliance = Cis.Refs(v3: "1.22", v5: "1.21", v7Iam: "2.20"),
    };

    public override IReadOnlyList<ApiCall> Reads { get; } = [IamCalls.ListCloudShellFullAccessEntities, IamCalls.ListUsers, IamCalls.ListRoles];

    public override void Evaluate(CheckContext context, Verdict verdict)
    {
        var iam = context.Data.Iam();
        if (!iam.CloudShellFullAccessEntities().TryGet(out var entities, out var gap))
        {
            verdict.Gap(gap!);
            return;
        }
        var holders = (entities.PolicyUsers?.Count ?? 0) + (entities.PolicyRoles?.Count ?? 0) + (entities.PolicyGroups?.Count ?? 0);
        // The holders are the resources judged; when there is none, the account is, and it passed.
        if (holders == 0) verdict.Scanned(context.AccountId);
        else verdict.Scanned(holders);
        // ListEntitiesForPolicy gives names only; ARNs (with their paths) come from the listings when readable.
        var userArns = (iam.Users().Value?.Users ?? []).ToDictionary(u => u.UserName, u => u.Arn);
        var roleArns = (iam.Roles().Value?.Roles ?? []).ToDictionary(r => r.RoleName, r => r.Arn);
        foreach (var user in entities.PolicyUsers ?? [])
            Fail(User, user.UserName, userArns.GetValueOrDefault(user.UserName));
        foreach (var role in entities.PolicyRoles ?? [])
            Fail(Role, role.RoleName, roleArns.GetValueOrDefault(role.RoleName));
        foreach (var group in entities.PolicyGroups ?? [])
            Fail(Group, group.GroupName, null);

        void Fail(EntityKind kind, string name, string? arn) =>
            verdict.Fail(arn ?? $"arn:{context.Partition}:iam::{context.AccountId}:{kind.Noun}/{name}", AwsIds.GlobalRegion,
                $"IAM {kind.Noun} {name} has AWSCloudShellFullAccess, which allows moving files in and out through CloudShell.",
                new SlotValues()
                    .With("entity_name", name)
                    .With("scoped_policy_arn", $"arn:{context.Partition}:iam::{context.AccountId}:policy/{ScopedPolicy}")
                    .With("cloudshell_policy_arn", IamCalls.AwsManagedPolicyArn(context.Partition, "AWSCloudShellFullAccess")),
                resourceType: kind.ResourceType, remediation: kind.Fix);
    }
}
