using CloudAudit.Checks.Framework;
using CloudAudit.Inventory;
using CloudAudit.Inventory.Catalog;
using CloudAudit.Inventory.Views;

namespace CloudAudit.Checks.Iam;

/// <summary>CIS 1.4 (v5 1.3): the root user has no access keys.</summary>
public sealed class RootAccessKeys : SettingCheck<GetAccountSummaryResponse>
{
    public override CheckInfo Info { get; } = new()
    {
        Id = "aws-iam-008",
        Title = "Root user has access keys",
        Service = "IAM",
        Severity = Severity.Critical,
        ResourceType = "AWS::::Account",
        Description = "Reads GetAccountSummary and fails when AccountAccessKeysPresent is not 0, as the CIS audit "
            + "does: any root access key, active or not, should be deleted.",
        Rationale = "A root access key is a permanent credential with unlimited power that no IAM policy, permission "
            + "boundary or MFA requirement can restrict. Keys end up in scripts, CI variables and laptops; whoever "
            + "finds one owns the account and can lock its owners out.",
        CommonCauses =
        [
            "Keys created in the account's first days, before any IAM user or role existed.",
            "Old automation or third-party tools that were configured with root keys and never migrated.",
        ],
        Recommendation = "Delete every root access key; give automation an IAM role with only the permissions it needs.",
        Remediation = new(
            Cli: """
                # Signed in as the root user (or in a root session opened from the management account with
                # aws sts assume-root and the IAMDeleteRootUserCredentials task policy): list the root user's
                # keys, then delete each one.
                aws iam list-access-keys
                aws iam delete-access-key --access-key-id <ROOT_ACCESS_KEY_ID>
                """,
            Terraform: RootFixes.CentralizeRootAccess,
            DocUrl: "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_root-user_manage_delete-key.html",
            Effort: Effort.Low),
        Compliance = Cis.Refs(v3: "1.4", v5: "1.3", v7Iam: "2.4", v14: "1.4"),
    };

    public override IReadOnlyList<ApiCall> Reads { get; } = [IamCalls.GetAccountSummary];

    protected override Observed<GetAccountSummaryResponse> Read(CheckContext context) => context.Data.Iam().Summary();

    protected override void Judge(GetAccountSummaryResponse summary, CheckContext context, Verdict verdict)
    {
        verdict.Scanned(IamArns.Root(context));
        if (summary.RootAccessKeysPresent == true)
            verdict.Fail(IamArns.Root(context), AwsIds.GlobalRegion, $"The root user of account {context.AccountId} has access keys.");
    }
}
