using CloudAudit.Checks.Framework;
using CloudAudit.Inventory;
using CloudAudit.Inventory.Catalog;
using CloudAudit.Inventory.Views;

namespace CloudAudit.Checks.Iam;

/// <summary>Roles keep sessions to one hour (not a CIS control).</summary>
public sealed class RoleSessionDuration : SettingCheck<ListRolesResponse>
{
    public const int MaxSeconds = 3600;

    public override CheckInfo Info { get; } = new()
    {
        Id = "aws-iam-017",
        Title = "IAM role allows sessions longer than one hour",
        Service = "IAM",
        Severity = Severity.Low,
        ResourceType = "AWS::IAM::Role",
        Description = "Lists the IAM roles and fails each one whose MaxSessionDuration exceeds 3600 seconds. "
            + "Service-linked roles (path /aws-service-role/) and roles AWS reserves for IAM Identity Center "
            + "(path /aws-reserved/) are skipped: AWS manages them, and permission sets set their own session length.",
        Rationale = "Role sessions cannot be revoked one by one: stolen temporary credentials stay valid until they "
            + "expire. A twelve-hour maximum gives whoever lifts a session token from a laptop, a CI log or an "
            + "instance a working day in the account; one hour limits that window.",
        CommonCauses =
        [
            "The maximum was raised so that long-running jobs or console users were not interrupted.",
            "Templates copied from examples that set the maximum of 43200 seconds.",
        ],
        Recommendation = "Lower the role's maximum session duration to one hour; have long jobs refresh their credentials.",
        Remediation = new(
            Cli: "aws iam update-role --role-name {role_name} --max-session-duration 3600",
            Terraform: """
                # Restate the role's description, tags and other arguments too if it has them, before applying.
                import {
                  to = aws_iam_role.{role_name:id}
                  id = {role_name}
                }

                resource "aws_iam_role" "{role_name:id}" {
                  name                 = {role_name}
                  path                 = {role_path}
                  assume_role_policy   = {trust_policy}
                  max_session_duration = 3600
                }
                """,
            DocUrl: "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_update-role-settings.html",
            Effort: Effort.Low),
    };

    public override IReadOnlyList<ApiCall> Reads { get; } = [IamCalls.ListRoles];

    protected override Observed<ListRolesResponse> Read(CheckContext context) => context.Data.Iam().Roles();

    protected override void Judge(ListRolesResponse response, CheckContext context, Verdict verdict)
    {
        foreach (var role in (response.Roles ?? []).Where(r => !r.ServiceLinked && !r.AwsReserved))
        {
            verdict.Scanned(role.Arn);
            if (role.MaxSessionDuration is not { } seconds || seconds <= MaxSeconds)
                continue;
            var slots = new SlotValues().With("role_name", role.RoleName).With("role_path", role.Path ?? "/");
            if (role.TrustPolicyJson() is { } trust) slots.With("trust_policy", trust);
            else slots.Placeholder("trust_policy", "TRUST_POLICY_JSON");
            verdict.Fail(role.Arn, AwsIds.GlobalRegion,
                $"IAM role {role.RoleName} allows sessions of up to {Hours(seconds)}.", slots);
        }
        if (verdict.ResourcesScanned == 0)
            verdict.NotApplicable("the account has only service-linked and AWS-reserved roles");
    }

    private static string Hours(int seconds) => seconds % 3600 == 0
        ? $"{seconds / 3600} hours"
        : $"{seconds / 60} minutes";
}
