using CloudAudit.Checks.Framework;
using CloudAudit.Inventory.Views;

namespace CloudAudit.Checks.Iam;

/// <summary>CIS 1.10 (v5 1.9): every IAM user with a console password has MFA.</summary>
public sealed class ConsoleUserWithoutMfa : ConsoleUserCheck
{
    public override CheckInfo Info { get; } = new()
    {
        Id = "aws-iam-002",
        Title = "IAM user with console password has no MFA",
        Service = "IAM",
        Severity = Severity.High,
        ResourceType = "AWS::IAM::User",
        Description = "Reads the IAM credential report and fails every user whose password_enabled is true while "
            + "mfa_active is false, as the CIS audit does. Users without a console password are out of scope.",
        Rationale = "A console password alone falls to phishing, password reuse from another breach or a guessed "
            + "password, and the console offers everything the user's permissions allow. A second factor stops "
            + "these attacks outright; without it one leaked password is a full sign-in.",
        CommonCauses =
        [
            "Users were created with a console password and asked to enrol MFA later; some never did.",
            "An MFA device was removed when a phone was replaced and never re-registered.",
            "Service or shared users were given console passwords for a one-off task.",
        ],
        Recommendation = "Register an MFA device for the user, or remove the console password if the user does not need the console.",
        Remediation = new(
            Cli: """
                # Create a virtual MFA device for the user; the QR code is written to the PNG file.
                aws iam create-virtual-mfa-device --virtual-mfa-device-name {user_name} \
                  --outfile {qr_code_file} --bootstrap-method QRCodePNG
                # After the user scans it, enable it with two consecutive codes from the app.
                aws iam enable-mfa-device --user-name {user_name} \
                  --serial-number {mfa_serial} \
                  --authentication-code1 <MFA_CODE_1> --authentication-code2 <MFA_CODE_2>
                # If the user does not need the console, remove the password instead:
                # aws iam delete-login-profile --user-name {user_name}
                """,
            Terraform: """
                # Terraform can create the device; enabling it needs two codes from the user's app
                # (aws iam enable-mfa-device), so that step stays manual.
                resource "aws_iam_virtual_mfa_device" "{user_name:id}" {
                  virtual_mfa_device_name = {user_name}
                }
                """,
            DocUrl: "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_mfa_enable_virtual.html",
            Effort: Effort.Low),
        Compliance = Cis.Refs(v3: "1.10", v5: "1.9", v7Iam: "2.10", v14: "1.10"),
    };

    protected override void EvaluateUser(CredentialReportRow user, Credentials credentials, CheckContext context, Verdict verdict)
    {
        if (!user.MfaActive)
            verdict.Fail(user.Arn, Inventory.AwsIds.GlobalRegion,
                $"IAM user {user.User} can sign in to the console with a password and has no MFA device.",
                UserSlots(user)
                    .With("qr_code_file", $"{user.User}-mfa.png")
                    .With("mfa_serial", $"arn:{context.Partition}:iam::{context.AccountId}:mfa/{user.User}"));
    }
}
