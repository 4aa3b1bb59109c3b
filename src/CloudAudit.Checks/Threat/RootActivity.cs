using CloudAudit.Checks.Framework;
using CloudAudit.Inventory.Catalog;
using CloudAudit.Inventory.Views;

namespace CloudAudit.Checks.Threat;

/// <summary>
/// TF-105 (cloud-audit's own): the root user signed in, tried to, or called APIs within the window: what it did, when,
/// from where, and whether with MFA.
/// </summary>
public sealed class RootActivity : EventDetector
{
    private const string Investigate = """
        # Everything the root user did (CloudTrail event history, last 90 days; sign-ins are recorded in us-east-1):
        aws cloudtrail lookup-events --region {region} --lookup-attributes AttributeKey=Username,AttributeValue=root
        """;

    public override CheckInfo Info { get; } = new()
    {
        Id = "aws-tf-105",
        Title = "Root user activity in the window",
        Service = "Threat feed",
        Severity = Severity.High,
        Category = Category.Threat,
        ResourceType = "AWS::IAM::Root",
        Description = "Reads every event of the root user in CloudTrail's event history over the collection window (user name "
            + "root), in each scanned region and in us-east-1 where sign-ins are recorded, leaving out calls AWS services made "
            + "on its behalf. Calls signed with a root access key fail as Critical; a root sign-in without MFA fails as "
            + "Critical and one with MFA as High; refused sign-ins (someone trying the root password) and other root console "
            + "activity fail as High. One finding per kind of activity, with the times, source addresses, user agents and "
            + "calls.",
        Rationale = "The root user can do everything and cannot be limited by IAM policies, so AWS asks that it be used only "
            + "for the few tasks that need it. Root activity nobody planned is either an intruder holding the root password "
            + "or key, or a habit that makes such an intrusion possible; failed root sign-ins mean someone is trying.",
        CommonCauses =
        [
            "An intruder signing in with a phished or leaked root password.",
            "A root access key used by a script or an old tool.",
            "Engineers using the root user for daily work instead of IAM Identity Center users.",
        ],
        Recommendation = "Confirm who used the root user and why; if nobody did, reset the root password and MFA from the console, delete any root access key, and lock the root user down with an SCP or AWS's centralized root access.",
        Remediation = new(
            Cli: Investigate + "\n" + """
                # The root user's credentials as IAM reports them (password, MFA, access keys):
                aws iam generate-credential-report
                aws iam get-credential-report --query Content --output text
                """,
            Terraform: Containment.DenyRootUserScp,
            DocUrl: "https://docs.aws.amazon.com/IAM/latest/UserGuide/root-user-best-practices.html",
            Effort: Effort.Medium) { When = "the root user signed in, tried to, or worked in the console" },
        RemediationVariants =
        [
            Containment.DeleteRootKey("the root user called APIs with an access key"),
        ],
        Threat = new("TF-105-root-user-activity",
        [
            "https://docs.aws.amazon.com/IAM/latest/UserGuide/root-user-tasks.html",
            "https://docs.aws.amazon.com/IAM/latest/UserGuide/cloudtrail-integration.html#cloudtrail-integration_signin-tempcreds",
        ]) { Escalation = "critical for root access keys and sign-ins without MFA" },
    };

    protected override IReadOnlyList<ApiCall> EventReads { get; } = [CloudTrailEventCalls.Root];

    protected override string NothingFound => "no root user activity in";

    protected override void Judge(EventHistory history, CheckContext context, Verdict verdict)
    {
        var root = $"arn:{context.Partition}:iam::{context.AccountId}:root";
        var events = history.Events.Where(e => e.Actor.IsRoot && e.Actor.InvokedBy is null).ToList();
        var signIns = events.Where(e => e.EventName == "ConsoleLogin").ToList();
        var refused = signIns.Where(SignInFailed).ToList();
        var withoutMfa = signIns.Where(e => !SignInFailed(e) && e.AdditionalEventData.Str("MFAUsed") == "No").ToList();
        var withMfa = signIns.Except(refused).Except(withoutMfa).ToList();
        var keyed = events.Where(e => e.EventName != "ConsoleLogin" && e.Actor.AccessKeyId?.StartsWith("AKIA", StringComparison.Ordinal) == true).ToList();
        var console = events.Except(signIns).Except(keyed).Where(e => e.EventName != "CheckMfa").ToList();

        Report(verdict, root, keyed, Severity.Critical, "sign-in-with-access-key", "The root user called APIs with an access key",
            Info.RemediationVariants[0], keyed.Select(e => e.Actor.AccessKeyId).FirstOrDefault());
        Report(verdict, root, withoutMfa, Severity.Critical, "sign-in-without-mfa", "The root user signed in to the console without MFA");
        Report(verdict, root, withMfa, Severity.High, "sign-in", "The root user signed in to the console (with MFA)");
        Report(verdict, root, refused, Severity.High, "refused-sign-in", "Sign-ins as the root user were refused (someone tried its password)");
        Report(verdict, root, console, Severity.High, "console-activity", "The root user worked in the account");
    }

    private void Report(Verdict verdict, string root, IReadOnlyList<TrailEvent> events, Severity severity, string kind, string what,
        RemediationTemplate? fix = null, string? key = null)
    {
        if (events.Count == 0) return;
        var calls = string.Join(", ", events.GroupBy(e => e.EventName).Select(g => g.Count() == 1 ? g.Key : $"{g.Key} ×{g.Count()}"));
        var sources = string.Join(", ", events.Select(e => e.SourceIp).OfType<string>().Distinct());
        var agents = string.Join("; ", events.Select(e => e.UserAgent).OfType<string>().Distinct().Take(3));
        var span = events.Count == 1 ? $"at {events[0].When}" : $"{events.Count} times between {events[0].When} and {events[^1].When}";
        var slots = new SlotValues();
        if (key is not null) slots.WithAccessKey(key);
        verdict.Fail(root, events[^1].Region,
            $"{what} {span}: {calls}, from {(sources.Length == 0 ? "unknown addresses" : sources)}{(agents.Length == 0 ? "" : $" (user agent: {agents})")}.",
            slots, severity: severity, remediation: fix, discriminator: kind);
    }

    private static bool SignInFailed(TrailEvent e) => e.Failed || e.ResponseElements.Str("ConsoleLogin") == "Failure";
}
