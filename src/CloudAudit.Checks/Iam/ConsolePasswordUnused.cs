using CloudAudit.Checks.Framework;
using CloudAudit.Inventory.Views;

namespace CloudAudit.Checks.Iam;

/// <summary>CIS 1.12 (v5 1.11), console passwords: a password unused for 45 days or more is removed.</summary>
public sealed class ConsolePasswordUnused : ConsoleUserCheck
{
    public const int UnusedDays = 45;

    public override CheckInfo Info { get; } = new()
    {
        Id = "aws-iam-019",
        Title = "IAM console password unused for 45 days or more",
        Service = "IAM",
        Severity = Severity.Medium,
        ResourceType = "AWS::IAM::User",
        Description = "Reads the IAM credential report and fails every user with a console password that was last "
            + "used 45 days or more before the inventory was collected, or that was never used and was set 45 days "
            + "or more before it (password_last_changed, else user_creation_time). Access keys are judged by aws-iam-004.",
        Rationale = "A password nobody uses is a door nobody watches: its owner will not notice it being used, it "
            + "often belongs to someone who changed team or left, and it stays valid for as long as the account "
            + "exists. Removing dormant console access shrinks what a leaked or guessed password can open.",
        CommonCauses =
        [
            "Leavers and movers whose IAM users were not offboarded.",
            "Users given a console password at creation who only ever used access keys or SSO.",
            "Temporary accounts for contractors or audits that outlived the engagement.",
        ],
        Recommendation = "Remove the console password (the login profile); give it back if the person needs the console again.",
        Remediation = new(
            Cli: "aws iam delete-login-profile --user-name {user_name}",
            Terraform: """
                # Bring the login profile under Terraform, apply, then delete both blocks and apply again
                # to remove the password. If the profile is already in your configuration, just delete it.
                import {
                  to = aws_iam_user_login_profile.{user_name:id}
                  id = {user_name}
                }

                resource "aws_iam_user_login_profile" "{user_name:id}" {
                  user = {user_name}

                  lifecycle {
                    ignore_changes = [password_length, password_reset_required, pgp_key]
                  }
                }
                """,
            DocUrl: "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_passwords_admin-change-user.html",
            Effort: Effort.Low),
        Compliance = Cis.Refs(v3: "1.12", v5: "1.11", v7Iam: "2.11", v14: "1.12"),
    };

    protected override void EvaluateUser(CredentialReportRow user, Credentials credentials, CheckContext context, Verdict verdict)
    {
        var now = context.Now;
        if (user.PasswordLastUsed is { } used)
        {
            if (CredentialAge.Days(used, now) >= UnusedDays)
                verdict.Fail(user.Arn, Inventory.AwsIds.GlobalRegion,
                    $"IAM user {user.User} last signed in to the console {CredentialAge.On(used, now)}.", UserSlots(user));
            return;
        }
        if ((user.PasswordLastChanged ?? user.UserCreationTime) is { } set && CredentialAge.Days(set, now) >= UnusedDays)
            verdict.Fail(user.Arn, Inventory.AwsIds.GlobalRegion,
                $"IAM user {user.User} has a console password, set {CredentialAge.On(set, now)}, that was never used.",
                UserSlots(user));
    }
}
