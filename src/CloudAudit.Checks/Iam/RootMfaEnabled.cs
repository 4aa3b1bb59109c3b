using CloudAudit.Checks.Framework;
using CloudAudit.Inventory;
using CloudAudit.Inventory.Catalog;
using CloudAudit.Inventory.Views;

namespace CloudAudit.Checks.Iam;

/// <summary>CIS 1.5 (v5 1.4): the root user has MFA.</summary>
public sealed class RootMfaEnabled : SettingCheck<GetAccountSummaryResponse>
{
    public override CheckInfo Info { get; } = new()
    {
        Id = "aws-iam-001",
        Title = "Root user has no MFA",
        Service = "IAM",
        Severity = Severity.Critical,
        ResourceType = "AWS::::Account",
        Description = "Reads GetAccountSummary and fails when AccountMFAEnabled is 0, as the CIS audit does. A root "
            + "user with neither a password nor access keys (AccountPasswordPresent and AccountAccessKeysPresent both "
            + "0, as when AWS Organizations manages member accounts' root credentials centrally) has nothing for MFA "
            + "to protect and passes.",
        Rationale = "The root user can do anything in the account, including closing it, changing its contact and "
            + "payment details, and undoing every IAM control, and no policy can restrict it. If its password is "
            + "phished or reset through a compromised mailbox, MFA is the only thing left between an attacker and "
            + "the whole account.",
        CommonCauses =
        [
            "The account was created by a script or a reseller and nobody ever signed in as root.",
            "The root MFA device was lost and removed through account recovery, then not replaced.",
            "The root password is shared in a vault and MFA was thought to get in the way.",
        ],
        Recommendation = "Register an MFA device (preferably a hardware key) for the root user, or remove root credentials through AWS Organizations.",
        Remediation = new(
            Cli: """
                # Root MFA can only be registered while signed in as the root user (console: account menu >
                # Security credentials > Assign MFA device). Afterwards this prints 1:
                aws iam get-account-summary --query SummaryMap.AccountMFAEnabled
                """ + "\n" + RootFixes.CentralizeRootAccessCli,
            Terraform: RootFixes.CentralizeRootAccess,
            DocUrl: "https://docs.aws.amazon.com/IAM/latest/UserGuide/enable-mfa-for-root.html",
            Effort: Effort.Low),
        Compliance = Cis.Refs(v3: "1.5", v5: "1.4", v7Iam: "2.5", v14: "1.5"),
    };

    public override IReadOnlyList<ApiCall> Reads { get; } = [IamCalls.GetAccountSummary];

    protected override Observed<GetAccountSummaryResponse> Read(CheckContext context) => context.Data.Iam().Summary();

    protected override void Judge(GetAccountSummaryResponse summary, CheckContext context, Verdict verdict)
    {
        verdict.Scanned(IamArns.Root(context));
        if (summary.RootMfaEnabled == true || summary.RootHasNoCredentials)
            return;
        var signIn = summary.RootPasswordPresent == true ? " and can sign in to the console with its password" : "";
        verdict.Fail(IamArns.Root(context), AwsIds.GlobalRegion, $"The root user of account {context.AccountId} has no MFA device{signIn}.");
    }
}
