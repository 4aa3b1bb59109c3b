using CloudAudit.Checks.Framework;
using CloudAudit.Inventory;
using CloudAudit.Inventory.Catalog;
using CloudAudit.Inventory.Views;

namespace CloudAudit.Checks.Iam;

/// <summary>CIS 1.7 (v5 1.6): the root user is not used for everyday work.</summary>
public sealed class RootRecentlyUsed : Check
{
    public const int RecentDays = 90;

    public override CheckInfo Info { get; } = new()
    {
        Id = "aws-iam-020",
        Title = "Root user used in the last 90 days",
        Service = "IAM",
        Severity = Severity.Medium,
        ResourceType = "AWS::::Account",
        Description = "Reads the root user's row of the IAM credential report, as the CIS audit does, and fails when "
            + "its password (password_last_used) or either access key (access_key_N_last_used_date) was used within "
            + "the 90 days before the inventory was collected. The few tasks that need root are rare enough that "
            + "recent use usually means root serves for daily administration.",
        Rationale = "Every root sign-in exposes the one credential that no policy can restrict. Routine use spreads "
            + "its password and MFA to more people and devices, hides an attacker's root activity among the owners' "
            + "own, and means the account has no least-privilege administration to fall back on.",
        CommonCauses =
        [
            "Administrators sign in as root out of habit because it always works.",
            "Billing or account settings were never delegated to IAM (IAM access to billing is off).",
            "Scripts or tools still run with root access keys.",
        ],
        Recommendation = "Find out what root was used for, move that work to IAM roles, and keep root for the tasks only it can perform.",
        Remediation = new(
            Cli: """
                # See what the root user did (CloudTrail event history keeps 90 days; repeat in other regions).
                aws cloudtrail lookup-events --region {region} \
                  --lookup-attributes AttributeKey=Username,AttributeValue=root --max-items 50
                """ + "\n" + RootFixes.CentralizeRootAccessCli,
            Terraform: RootFixes.CentralizeRootAccess,
            DocUrl: "https://docs.aws.amazon.com/IAM/latest/UserGuide/root-user-tasks.html",
            Effort: Effort.Medium),
        Compliance = Cis.Refs(v3: "1.7", v5: "1.6", v7Iam: "2.7", v14: "1.7"),
    };

    public override IReadOnlyList<ApiCall> Reads { get; } = [IamCalls.GetCredentialReport];

    public override void Evaluate(CheckContext context, Verdict verdict)
    {
        if (!Credentials.Of(context).Report.TryGet(out var report, out var gap))
        {
            verdict.Gap(gap!);
            return;
        }
        if (report.Root is not { } root)
        {
            // Every account has a root user and IAM always reports it: a report without its row tells nothing of its use.
            verdict.Gap(DataGap.OutOfReach(AwsIds.GlobalRegion, "iam", "GetCredentialReport", "the credential report has no root user row"));
            return;
        }
        verdict.Scanned(IamArns.Root(context));
        var now = context.Now;
        var uses = new List<string>();
        if (root.PasswordLastUsed is { } signIn && CredentialAge.Days(signIn, now) < RecentDays)
            uses.Add($"the password signed in {CredentialAge.On(signIn, now)}");
        foreach (var key in root.AccessKeys)
            if (key.LastUsed is { } used && CredentialAge.Days(used, now) < RecentDays)
                uses.Add($"access key {key.Slot} was used {CredentialAge.On(used, now)}"
                    + (key.LastUsedService is { } service ? $" for {service}" : ""));
        if (uses.Count > 0)
            verdict.Fail(IamArns.Root(context), AwsIds.GlobalRegion,
                $"The root user of account {context.AccountId} was used in the last {RecentDays} days: {string.Join("; ", uses)}.");
    }
}
