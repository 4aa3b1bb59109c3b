using CloudAudit.Checks.Framework;
using CloudAudit.Inventory;
using CloudAudit.Inventory.Catalog;
using CloudAudit.Inventory.Views;

namespace CloudAudit.Checks.Iam;

/// <summary>CIS 1.6 (v5 1.5): the root user's MFA is a hardware device, not a virtual one.</summary>
public sealed class RootHardwareMfa : Check
{
    private const string HardwareMfaDoc = "https://docs.aws.amazon.com/IAM/latest/UserGuide/enable-hw-mfa-for-root.html";

    private static readonly RemediationTemplate NoMfa = new(
        Cli: """
            # Register a hardware MFA device while signed in as root (console: account menu > Security
            # credentials > Assign MFA device). Afterwards this prints 1:
            aws iam get-account-summary --query SummaryMap.AccountMFAEnabled
            """ + "\n" + RootFixes.CentralizeRootAccessCli,
        Terraform: RootFixes.CentralizeRootAccess,
        DocUrl: HardwareMfaDoc,
        Effort: Effort.Medium)
    {
        When = "the root user has no MFA at all",
    };

    public override CheckInfo Info { get; } = new()
    {
        Id = "aws-iam-015",
        Title = "Root user MFA is virtual, not hardware",
        Service = "IAM",
        Severity = Severity.Medium,
        ResourceType = "AWS::::Account",
        Description = "Follows the CIS audit: GetAccountSummary must show AccountMFAEnabled, and ListVirtualMFADevices "
            + "must list no device of the root user (serial arn:aws:iam::<account>:mfa/root-account-mfa-device, or any "
            + "device whose user is the root ARN). A root user without any MFA fails too, as a consequence of "
            + "aws-iam-001. A root user with no password and no access keys passes.",
        Rationale = "A virtual MFA app lives on a phone that is also used for mail, chat and browsing: its secret can be "
            + "copied by malware, restored from a cloud backup or phished together with the password. A hardware "
            + "security key cannot be cloned and, as a FIDO key, refuses to answer a phishing site, which is what the "
            + "account's most powerful credential deserves.",
        CommonCauses =
        [
            "Root MFA was set up quickly with an authenticator app on an administrator's phone.",
            "A hardware token was considered impractical to store and share among administrators.",
        ],
        Recommendation = "Register a hardware MFA device (a FIDO security key or a hardware TOTP token) for the root user, then remove the virtual one.",
        Remediation = new(
            Cli: """
                # Register the hardware device while signed in as root (console: account menu > Security
                # credentials > Assign MFA device). Then, still signed in as root, remove the virtual device:
                aws iam deactivate-mfa-device --serial-number {serial_number}
                aws iam delete-virtual-mfa-device --serial-number {serial_number}
                """ + "\n" + RootFixes.CentralizeRootAccessCli,
            Terraform: RootFixes.CentralizeRootAccess,
            DocUrl: HardwareMfaDoc,
            Effort: Effort.Medium)
        {
            When = "the root user has a virtual MFA device",
        },
        RemediationVariants = [NoMfa],
        Compliance = Cis.Refs(v3: "1.6", v5: "1.5", v7Iam: "2.6", v14: "1.6"),
    };

    public override IReadOnlyList<ApiCall> Reads { get; } = [IamCalls.GetAccountSummary, IamCalls.ListVirtualMfaDevices];

    public override void Evaluate(CheckContext context, Verdict verdict)
    {
        var iam = context.Data.Iam();
        if (!iam.Summary().TryGet(out var summary, out var summaryGap))
        {
            verdict.Gap(summaryGap!);
            return;
        }
        var root = IamArns.Root(context);
        if (summary.RootHasNoCredentials)
        {
            verdict.Scanned(root);
            return;
        }
        if (summary.RootMfaEnabled != true)
        {
            verdict.Scanned(root);
            verdict.CausedBy("aws-iam-001");
            verdict.Fail(root, AwsIds.GlobalRegion, $"The root user of account {context.AccountId} has no MFA device at all, hardware or virtual.",
                remediation: NoMfa);
            return;
        }
        if (!iam.VirtualMfaDevices().TryGet(out var devices, out var devicesGap))
        {
            verdict.Gap(devicesGap!);
            return;
        }
        verdict.Scanned(root);
        var legacySerial = $"arn:{context.Partition}:iam::{context.AccountId}:mfa/root-account-mfa-device";
        var virtualDevice = (devices.VirtualMFADevices ?? [])
            .FirstOrDefault(d => d.SerialNumber == legacySerial || d.User?.Arn == root);
        if (virtualDevice is not null)
            verdict.Fail(root, AwsIds.GlobalRegion,
                $"The root user of account {context.AccountId} uses the virtual MFA device {virtualDevice.SerialNumber}.",
                new SlotValues().With("serial_number", virtualDevice.SerialNumber));
    }
}
