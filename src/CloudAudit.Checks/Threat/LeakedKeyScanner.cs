using CloudAudit.Checks.Framework;
using CloudAudit.Inventory.Catalog;
using CloudAudit.Inventory.Views;

namespace CloudAudit.Checks.Threat;

/// <summary>TF-004: a leaked-credential scanner's user agent on sts:GetCallerIdentity, the call that tells it a key it found works.</summary>
public sealed class LeakedKeyScanner : EventDetector
{
    /// <summary>
    /// User-agent signatures of offensive secret scanners that validate the AWS keys they find (matched case-insensitively
    /// as substrings). Defensive tools a team runs against its own account (CloudGrappler, DetentionDodger) are not listed.
    /// </summary>
    public static readonly IReadOnlyList<(string Signature, string Tool)> Scanners =
        [("trufflehog", "TruffleHog"), ("gitleaks", "Gitleaks"), ("noseyparker", "Nosey Parker"), ("secretscanner", "a secret scanner")];

    public override CheckInfo Info { get; } = new()
    {
        Id = "aws-tf-004",
        Title = "Leaked-credentials scanner user-agent observed in CloudTrail",
        Service = "Threat feed",
        Severity = Severity.Critical,
        Category = Category.Threat,
        ResourceType = "AWS::IAM::User",
        Description = "Reads every sts:GetCallerIdentity call in CloudTrail's event history over the collection window, in each "
            + "scanned region and in us-east-1 (where calls to STS's global endpoint are recorded), and fails each access key "
            + "whose calls carry the user agent of an offensive secret scanner (TruffleHog, Gitleaks, Nosey Parker, "
            + "secretscanner). One finding per key names its owner, the calls' times, source addresses and user agents, and "
            + "whether AWS accepted the key. Defensive tools an account runs on itself (CloudGrappler, DetentionDodger) are not "
            + "signatures. A scanner that keeps the default SDK user agent looks like any other caller: no finding does not "
            + "mean no key leaked, and aws-tf-003 (AWS's quarantine policy) covers keys AWS itself found.",
        Rationale = "GetCallerIdentity needs no permission and names the key's owner, so it is the first call any tool makes "
            + "with a key it found in a public repository, a container image or a log. When that tool is a secret scanner, "
            + "the key has been published and someone has just confirmed it works; the stolen-key campaigns of the last years "
            + "go on within minutes to launch instances, create Lambda functions and verify SES identities.",
        CommonCauses =
        [
            "An access key committed to a public Git repository, or left in a public container image or package.",
            "A key printed in CI logs or build artifacts that are publicly readable.",
            "A key shared in a ticket, chat or paste site that was later exposed.",
        ],
        Recommendation = "Treat the key as compromised: deactivate it now, review everything it did in the window, find where it leaked and replace it with short-lived credentials.",
        Remediation = Containment.DeactivateUserKey(
            "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html#rotating_access_keys_console",
            "the key is an IAM user's access key"),
        RemediationVariants =
        [
            Containment.RevokeRoleSessions("", Containment.ActivityOfKey, "the key is a role session's temporary key"),
            Containment.DeleteRootKey("the key is the root user's"),
        ],
        Threat = new("TF-004-trufflehog-ua-cloudtrail",
        [
            "https://github.com/trufflesecurity/trufflehog",
            "https://permiso.io/blog/introducing-detention-dodger",
            "https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html",
        ]),
    };

    protected override IReadOnlyList<ApiCall> EventReads { get; } = [CloudTrailEventCalls.GetCallerIdentity];

    protected override string NothingFound => "no GetCallerIdentity call from a secret scanner's user agent";

    /// <summary>The scanner a user agent names, or null.</summary>
    public static string? ScannerOf(string? userAgent) =>
        userAgent is null ? null : Scanners.FirstOrDefault(s => userAgent.Contains(s.Signature, StringComparison.OrdinalIgnoreCase)).Tool;

    protected override void Judge(EventHistory history, CheckContext context, Verdict verdict)
    {
        var byKey = history.Events.Where(e => ScannerOf(e.UserAgent) is not null)
            .GroupBy(e => (e.Actor.Identity, Key: e.Actor.AccessKeyId ?? "unknown key"));
        foreach (var calls in byKey)
        {
            var first = calls.First();
            var last = calls.Last();
            var actor = first.Actor;
            var tools = string.Join(", ", calls.Select(e => ScannerOf(e.UserAgent)).Distinct());
            var agents = string.Join("; ", calls.Select(e => e.UserAgent).Distinct());
            var sources = string.Join(", ", calls.Select(e => e.SourceIp ?? "an unknown address").Distinct());
            var refused = calls.Where(e => e.Failed).Select(e => e.ErrorCode).Distinct().ToList();
            var outcome = refused.Count == calls.Count()
                ? $"AWS refused the key ({string.Join(", ", refused)}): it has leaked, though it may no longer work."
                : "AWS accepted the key: it has leaked and works.";
            var span = calls.Count() == 1 ? $"at {first.When}" : $"{calls.Count()} times between {first.When} and {last.When}";
            var description = $"The access key {calls.Key.Key} of {actor.Label} was checked with sts:GetCallerIdentity by {tools} {span}, "
                + $"from {sources} (user agent: {agents}), in {string.Join(", ", calls.Select(e => e.Region).Distinct())}. {outcome}";
            var slots = new SlotValues().WithAccessKey(calls.Key.Key);
            RemediationTemplate fix;
            string resourceType;
            if (actor.IsRoot)
            {
                fix = Info.RemediationVariants[1];
                resourceType = "AWS::IAM::Root";
            }
            else if (Containment.RoleName(actor.SessionIssuerArn ?? actor.Arn) is { } role && actor.Type == "AssumedRole")
            {
                fix = Info.RemediationVariants[0];
                resourceType = "AWS::IAM::Role";
                slots.With("role", role).With("revoke_policy", Containment.RevokeSessionsPolicy(context.Now));
            }
            else
            {
                fix = Info.Remediation;
                resourceType = "AWS::IAM::User";
                slots.With("user", actor.UserName ?? actor.Identity);
            }
            verdict.Fail(RootAware(actor, context), last.Region, description, slots, resourceType: resourceType, remediation: fix,
                discriminator: calls.Key.Key);
        }
    }

    /// <summary>The principal's ARN: the root user as arn:aws:iam::ACCOUNT:root, a role session as its role.</summary>
    internal static string RootAware(EventActor actor, CheckContext context) =>
        actor.IsRoot ? $"arn:{context.Partition}:iam::{context.AccountId}:root" : actor.Identity;
}
