using CloudAudit.Checks.Framework;
using CloudAudit.Inventory;
using CloudAudit.Inventory.Catalog;
using CloudAudit.Inventory.Views;

namespace CloudAudit.Checks.Iam;

/// <summary>CIS 1.13 (v5 1.12; dropped in v7): an IAM user has at most one active access key.</summary>
public sealed class MultipleActiveAccessKeys : KeyHolderCheck
{
    public override CheckInfo Info { get; } = new()
    {
        Id = "aws-iam-009",
        Title = "IAM user has more than one active access key",
        Service = "IAM",
        Severity = Severity.Medium,
        ResourceType = "AWS::IAM::User",
        Description = "Reads the IAM credential report and fails every user whose two access key slots are both "
            + "active. The fix deactivates the key used least recently (or never), keeping the one in use.",
        Rationale = "Two active keys double what can leak and hide which one a workload really uses. Usually the "
            + "second key is the remnant of a rotation that was never finished, still valid and forgotten in some "
            + "configuration file, where an attacker can find it and use it without anyone noticing.",
        CommonCauses =
        [
            "A rotation created the new key but the old one was never deactivated.",
            "One user serves several workloads, each given its own key.",
        ],
        Recommendation = "Deactivate the key that is not needed, then delete it; give separate workloads separate roles.",
        Remediation = AccessKeyFixes.Deactivate with { When = null },
        Compliance = Cis.Refs(v3: "1.13", v5: "1.12", v14: "1.13"),
    };


    protected override void EvaluateUser(CredentialReportRow user, Credentials credentials, CheckContext context, Verdict verdict)
    {
        var active = user.ActiveKeys.ToList();
        if (active.Count < 2)
            return;
        // Keep the key in use: retire the one used least recently, never-used keys first.
        var retire = active.OrderBy(k => k.LastUsed ?? DateTimeOffset.MinValue).ThenBy(k => k.LastRotated).First();
        var keep = active.First(k => k != retire);
        verdict.Fail(user.Arn, AwsIds.GlobalRegion,
            $"IAM user {user.User} has two active access keys: {Describe(retire)} and {Describe(keep)}.",
            UserSlots(user).With("access_key_id", credentials.KeyId(user, retire)));

        string Describe(CredentialReportKey key) => $"{credentials.KeyLabel(user, key)} (" + (key.LastUsed is { } used
            ? $"last used {CredentialAge.Ago(used, context.Now)})"
            : "never used)");
    }
}
