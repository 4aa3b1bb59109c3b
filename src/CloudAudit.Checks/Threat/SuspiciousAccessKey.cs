using CloudAudit.Checks.Framework;
using CloudAudit.Inventory;
using CloudAudit.Inventory.Catalog;
using CloudAudit.Inventory.Views;

namespace CloudAudit.Checks.Threat;

/// <summary>
/// TF-102 (cloud-audit's own): an access key created in the window for the root user, for a user dormant until then,
/// or by someone other than the key's user: the usual ways intruders keep a way back in.
/// </summary>
public sealed class SuspiciousAccessKey : EventDetector
{
    /// <summary>No sign-in and no use of another key for this long before the new key: the user was dormant.</summary>
    public static readonly TimeSpan Dormancy = TimeSpan.FromDays(90);

    /// <summary>Users younger than this at the time are new, not dormant.</summary>
    public static readonly TimeSpan NewUser = TimeSpan.FromDays(30);

    public override CheckInfo Info { get; } = new()
    {
        Id = "aws-tf-102",
        Title = "Access key created for the root user or a dormant user",
        Service = "Threat feed",
        Severity = Severity.High,
        Category = Category.Threat,
        ResourceType = "AWS::IAM::User",
        Description = "Reads every CreateAccessKey call in CloudTrail's event history over the collection window (recorded in "
            + "us-east-1 with IAM's other events) and the credential report. A key the root user created for itself fails as "
            + "Critical. A key created for a user who had been dormant (older than 30 days, with neither a console sign-in nor "
            + "the use of another key in the 90 days before) fails as High. A key created for a user by someone else fails as "
            + "Medium, and so does a refused attempt. A user rotating their own key while active is not reported. The finding "
            + "names the new key, who created it, when and from where.",
        Rationale = "A new access key is the simplest way to stay in an account: it outlives the stolen password or session "
            + "that created it. Intruders create keys for the root user, or for a forgotten user nobody watches, or for another "
            + "user they can administer, so that their activity blends in. Root keys in particular should never exist.",
        CommonCauses =
        [
            "An intruder keeping access with a key for a dormant user or for root.",
            "An engineer reviving an old service user instead of creating a scoped one.",
            "Automation that creates keys for users it manages.",
        ],
        Recommendation = "Confirm the key with the user and the person who created it; deactivate any key nobody vouches for, and move users to short-lived credentials.",
        Remediation = Containment.DeactivateUserKey("https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html",
            "the key belongs to an IAM user"),
        RemediationVariants = [Containment.DeleteRootKey("the key belongs to the root user")],
        Threat = new("TF-102-suspicious-access-key",
        [
            "https://attack.mitre.org/techniques/T1098/001/",
            "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_root-user_manage_delete-key.html",
        ]) { Escalation = "critical for a root key; medium for a key created by someone else, or a refused attempt" },
    };

    protected override IReadOnlyList<ApiCall> EventReads { get; } = [CloudTrailEventCalls.CreateAccessKey];

    protected override IReadOnlyList<ApiCall> ContextReads { get; } = [IamCalls.GetCredentialReport];

    protected override string NothingFound => "no access key created for the root user, a dormant user or by another principal in";

    protected override void Judge(EventHistory history, CheckContext context, Verdict verdict)
    {
        CredentialReport? report = null;
        DataGap? reportGap = null;
        foreach (var e in history.Events.Where(e => e.EventName == "CreateAccessKey"))
        {
            var target = e.Request("userName") ?? (e.Actor.IsRoot ? null : e.Actor.UserName);
            var key = (e.ResponseElements?["accessKey"] as System.Text.Json.Nodes.JsonObject).Str("accessKeyId");
            var who = $"by {e.Actor.Label}{e.Origin} at {e.When}";
            var slots = new SlotValues();
            slots.WithAccessKey(key);
            if (target is null)
            {
                if (e.Failed) continue;
                verdict.Fail($"arn:{context.Partition}:iam::{context.AccountId}:root", AwsIds.GlobalRegion,
                    $"The root user created an access key for itself ({key}) {who}. The root user should have no access key at all.",
                    slots, resourceType: "AWS::IAM::Root", severity: Severity.Critical, remediation: Info.RemediationVariants[0], discriminator: key);
                continue;
            }
            slots.With("user", target);
            var userArn = $"arn:{context.Partition}:iam::{context.AccountId}:user/{target}";
            var byOther = e.Actor.Type != "IAMUser" || e.Actor.UserName != target;
            if (e.Failed)
            {
                if (byOther)
                    verdict.Fail(userArn, AwsIds.GlobalRegion, $"Creating an access key for user {target} was attempted {who} and refused ({e.ErrorCode}).",
                        slots, severity: Severity.Medium, discriminator: e.EventId);
                continue;
            }
            if (report is null && reportGap is null)
            {
                if (context.Data.Iam().CredentialReport().TryGet(out var read, out var gap)) report = read;
                else reportGap = gap;
            }
            var row = report?.Users.FirstOrDefault(u => u.User == target);
            var dormant = row is null ? (bool?)null : Dormant(row, e.Time);
            if (dormant is null && reportGap is not null) verdict.Gap(reportGap);
            if (dormant == true)
                verdict.Fail(userArn, AwsIds.GlobalRegion,
                    $"An access key ({key}) was created for user {target} {who}, after more than {Dormancy.Days} days without a sign-in "
                    + "or the use of another key: the user was dormant.", slots, discriminator: key);
            else if (byOther)
                verdict.Fail(userArn, AwsIds.GlobalRegion,
                    $"An access key ({key}) was created for user {target} {who}: by someone other than the user."
                    + (dormant is null ? " Whether the user had been dormant could not be read." : ""), slots, severity: Severity.Medium, discriminator: key);
        }
    }

    /// <summary>Older than <see cref="NewUser"/>, and neither signed in nor used another key in the <see cref="Dormancy"/> before <paramref name="at"/>.</summary>
    private static bool Dormant(CredentialReportRow user, DateTimeOffset at)
    {
        if (user.UserCreationTime is { } created && at - created < NewUser) return false;
        var since = at - Dormancy;
        // The user's keys from before the new one (the report dates a key by its creation, LastRotated).
        var otherKeys = user.AccessKeys.Where(k => k.Exists && k.LastRotated is { } rotated && rotated < at - TimeSpan.FromMinutes(5));
        if (user.PasswordLastUsed is { } signedIn && signedIn >= since) return false;
        return otherKeys.All(k => k.LastUsed is not { } used || used < since);
    }
}
