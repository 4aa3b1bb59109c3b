using CloudAudit.Checks.Framework;
using CloudAudit.Inventory.Catalog;
using CloudAudit.Inventory.Views;

namespace CloudAudit.Checks.Threat;

/// <summary>TF-001: SES identities created recently, the set-up of phishing sent through a compromised account.</summary>
public sealed class SesPhishingSetup : EventDetector
{
    /// <summary>How many recent identities in one region make a burst.</summary>
    public const int Burst = 2;

    /// <summary>The SES calls that create or verify an identity, and the request member naming it.</summary>
    private static readonly IReadOnlyDictionary<string, string> Creations = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["CreateEmailIdentity"] = "emailIdentity",
        ["VerifyDomainIdentity"] = "domain",
        ["VerifyEmailIdentity"] = "emailAddress",
        ["VerifyEmailAddress"] = "emailAddress",
    };

    public override CheckInfo Info { get; } = new()
    {
        Id = "aws-tf-001",
        Title = "SES recently verified identity (phishing setup precursor)",
        Service = "Threat feed",
        Severity = Severity.Medium,
        Category = Category.Threat,
        ResourceType = "AWS::SES::EmailIdentity",
        Description = "Reads every call to SES in CloudTrail's event history over the collection window (at least the 14 days "
            + "before collection) in each scanned region, and the region's SES identities (ListEmailIdentities) and account "
            + "(GetAccount). Each identity created or submitted for verification in that time (CreateEmailIdentity, "
            + "VerifyDomainIdentity, VerifyEmailIdentity, VerifyEmailAddress) that still exists fails as Medium, naming who "
            + "created it, when and from where. It is High when the region's SES account has left the sandbox (production "
            + "access) and two or more identities were created there in that time: the burst stolen-key campaigns show. SES "
            + "does not report when an identity was created, so the event history is what dates it.",
        Rationale = "Campaigns that run phishing through compromised AWS accounts check the sending quota, then verify several "
            + "domains or addresses in quick succession and send from them, borrowing the account's reputation and AWS's IP "
            + "addresses. Out of the sandbox, those messages reach any recipient. Identities nobody on the team asked for are "
            + "the visible step before the sending starts.",
        CommonCauses =
        [
            "An intruder with a stolen key verifying domains to send phishing through SES.",
            "A team setting up a new sender without telling the people who watch the account.",
            "A marketing or ticketing tool verifying its sending domains with a shared key.",
        ],
        Recommendation = "Confirm each new identity with its owner; delete those nobody set up, pause sending in the region while you investigate, and rotate the credentials that created them.",
        Remediation = new(
            Cli: """
                # Who created the identity, and what else that caller did with SES:
                aws cloudtrail lookup-events --region {region} --lookup-attributes {identity_lookup}
                # If nobody on the team set it up: delete it, and pause sending in the region while you investigate:
                aws sesv2 delete-email-identity --region {region} --email-identity {identity}
                aws sesv2 put-account-sending-attributes --region {region} --no-sending-enabled
                """,
            Terraform: """
                # Identities the team owns belong in code, so that any other one stands out:
                resource "aws_sesv2_email_identity" "{identity:id}" {
                  region         = {region}
                  email_identity = {identity}
                }
                """,
            DocUrl: "https://docs.aws.amazon.com/ses/latest/dg/creating-identities.html",
            Effort: Effort.Low),
        Threat = new("TF-001-ses-phishing-setup",
        [
            "https://www.wiz.io/blog/wiz-discovers-cloud-email-abuse-campaign",
            "https://docs.aws.amazon.com/ses/latest/dg/request-production-access.html",
        ]) { Escalation = "high when the region has left the SES sandbox and two or more identities were created there" },
    };

    protected override IReadOnlyList<ApiCall> EventReads { get; } = [CloudTrailEventCalls.Ses];

    protected override IReadOnlyList<ApiCall> ContextReads { get; } = [IdentityAndMailCalls.ListEmailIdentities, IdentityAndMailCalls.GetSesAccount];

    protected override string NothingFound => "no SES identity created in";

    protected override void Judge(EventHistory history, CheckContext context, Verdict verdict)
    {
        var created = history.Events
            .Where(e => !e.Failed && Creations.TryGetValue(e.EventName, out var member) && e.Request(member) is not null)
            .GroupBy(e => (e.Region, Identity: e.Request(Creations[e.EventName])!));
        if (!created.Any()) return;
        var identities = context.Data.IdentityAndMail().EmailIdentities();
        verdict.AddGaps(identities.Gaps);
        foreach (var region in created.GroupBy(c => c.Key.Region))
        {
            var known = identities.Items.Where(i => i.Region == region.Key).Select(i => i.Resource.IdentityName).ToHashSet(StringComparer.OrdinalIgnoreCase);
            var listed = !identities.Gaps.Any(g => g.Region == region.Key);
            // Without the listing every created identity is reported: whether it still exists is not known.
            var standing = region.Where(c => !listed || known.Contains(c.Key.Identity)).ToList();
            if (standing.Count == 0) continue;
            var account = context.Data.IdentityAndMail().SesAccount(region.Key);
            if (account.Gap is { } gap) verdict.Gap(gap);
            var production = account.Value?.ProductionAccessEnabled == true;
            var burst = standing.Count >= Burst;
            foreach (var identity in standing)
            {
                var first = identity.First();
                var kind = identity.Key.Identity.Contains('@', StringComparison.Ordinal) ? "address" : "domain";
                var notes = new List<string>
                {
                    account.Value is null ? "Whether the region's SES account is out of the sandbox could not be read."
                        : production ? "The region's SES account is out of the sandbox: it can send to anyone."
                        : "The region's SES account is still in the sandbox, so it can only send to verified recipients.",
                };
                if (burst) notes.Add($"{standing.Count} identities were created in {region.Key} in this time.");
                if (!listed) notes.Add("Whether it still exists could not be read.");
                verdict.Fail($"arn:{context.Partition}:ses:{region.Key}:{context.AccountId}:identity/{identity.Key.Identity}", region.Key,
                    $"SES {kind} {identity.Key.Identity} was created ({first.EventName}) by {first.Actor.Label}{first.Origin} at {first.When}. "
                    + string.Join(" ", notes),
                    new SlotValues().With("identity", identity.Key.Identity).With("identity_lookup", Containment.Lookup("ResourceName", identity.Key.Identity)),
                    severity: production && burst ? Severity.High : Severity.Medium);
            }
        }
    }
}
