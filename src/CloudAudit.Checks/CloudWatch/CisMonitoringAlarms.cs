using CloudAudit.Checks.CloudTrail;
using CloudAudit.Checks.CloudWatch.FilterPatterns;
using CloudAudit.Checks.Framework;
using CloudAudit.Inventory;
using CloudAudit.Inventory.Catalog;

namespace CloudAudit.Checks.CloudWatch;

/// <summary>One row of the CIS monitoring family: the check's identity and what makes its control matter.</summary>
public sealed record MonitoringRow(string CheckId, string ControlId, string Title, Severity Severity, string Rationale, string[] Causes);

/// <summary>
/// aws-cw-001 … aws-cw-015: the CIS AWS Foundations monitoring controls (v3.0/v5.0 4.1–4.15, v6.0/v7.0
/// 5.1–5.15), one implementation and one row each. Decided by the CIS audit procedure: a multi-region,
/// logging trail with all management events delivering to CloudWatch Logs (aws-ct-008, the root cause
/// when missing), a metric filter whose pattern semantically covers the control's events, an alarm on
/// its metric that fires on one event with actions enabled, and an SNS topic with a confirmed subscriber.
/// </summary>
public sealed class CisMonitoringAlarms : ICheckFamily
{
    private const string QuietTeams = "Teams without a security operations function never set up alerting and rely on reviewing CloudTrail after an incident.";
    private const string CopiedPattern = "The filter was copied from an old runbook or blog with an abbreviated or outdated event list.";
    private const string NoSubscriber = "The alarm exists but notifies an SNS topic whose email subscription was never confirmed.";

    public static readonly MonitoringRow[] Rows =
    [
        new("aws-cw-001", "4.3", "Root account usage alarm", Severity.High,
            "The root user bypasses every IAM policy and cannot be restricted by permission boundaries; any use of it outside a documented break-glass procedure is either a mistake or an attacker holding the account's master key. An alarm turns that moment into a page rather than a line in a log nobody reads.",
            [QuietTeams, "The root user is still used for routine tasks, so the alarm was considered too noisy and never created.", NoSubscriber]),
        new("aws-cw-002", "4.1", "Unauthorized API calls alarm", Severity.Medium,
            "A burst of AccessDenied and UnauthorizedOperation errors is what reconnaissance with stolen credentials looks like: the attacker probes what the key can do. Catching it early, before they find the one permission that works, is the difference between revoking a key and cleaning up a breach.",
            [QuietTeams, CopiedPattern + " The CIS v3.0 pattern OR-ed its exclusions and matched every API call, so it was switched off as noise."]),
        new("aws-cw-003", "4.2", "Console sign-in without MFA alarm", Severity.Medium,
            "A console sign-in without MFA means a password alone opened the account. Phished and reused passwords are the most common way in; an alert on every such sign-in shows both the users who still lack MFA and the moment a stolen password is used.",
            [QuietTeams, "MFA enforcement is assumed to be complete, so sign-ins without it are not watched.", NoSubscriber]),
        new("aws-cw-004", "4.4", "IAM policy changes alarm", Severity.Medium,
            "Changing IAM policies is how a foothold becomes control of the account: an attacker with limited rights creates a policy, attaches an administrator policy to the role they hold, or adds an inline policy granting themselves more. Legitimate IAM changes are rare and planned, so an alert on each one is cheap to triage and catches escalation while it happens.",
            [QuietTeams, "IAM changes are reviewed in periodic audits instead of alerted on.", CopiedPattern]),
        new("aws-cw-005", "4.5", "CloudTrail configuration changes alarm", Severity.Medium,
            "Stopping, deleting or redirecting a trail is the first thing a careful intruder does: it blinds every later detection. An alert on trail changes is the last signal before the lights go out.",
            [QuietTeams, "The alarm was created with actions disabled while testing and never switched on.", CopiedPattern]),
        new("aws-cw-006", "4.6", "Console authentication failures alarm", Severity.Medium,
            "Repeated failed console sign-ins are password guessing or credential stuffing against IAM users. Seeing them lets the team lock the targeted users, enforce MFA, and look for the one attempt that succeeded.",
            [QuietTeams, NoSubscriber, "Failed sign-ins are considered normal noise and filtered out of alerting."]),
        new("aws-cw-007", "4.7", "KMS key disable or deletion alarm", Severity.Medium,
            "Disabling or scheduling the deletion of a customer managed key makes every object, volume and snapshot encrypted with it unreadable: an attacker can use it for destruction or ransom, and a mistake can destroy data. The seven-day minimum deletion window only helps if someone is told.",
            [QuietTeams, "The pattern joins DisableKey and ScheduleKeyDeletion with && where || is meant, so it can never match.", CopiedPattern]),
        new("aws-cw-008", "4.8", "S3 bucket policy changes alarm", Severity.Medium,
            "Most public S3 exposures start with a changed bucket policy or ACL. Alerting on bucket policy, ACL, CORS, lifecycle and replication changes catches a bucket opened to the world, or replicated to an attacker's account, within minutes.",
            [QuietTeams, CopiedPattern, "S3 changes are left to Macie or Config rules that report hours later."]),
        new("aws-cw-009", "4.9", "AWS Config changes alarm", Severity.Medium,
            "AWS Config records how resources change over time. Stopping the recorder or deleting the delivery channel erases that history for everything that happens next; an alert on it protects the evidence other controls rely on.",
            [QuietTeams, CopiedPattern]),
        new("aws-cw-010", "4.10", "Security group changes alarm", Severity.Medium,
            "A single security group change can open SSH, RDP or a database to the internet. Alerting on every change, including ModifySecurityGroupRules which can rewrite an existing rule in place, catches exposure before scanners on the internet do.",
            [QuietTeams, "The filter follows the CIS v3.0 list, which predates ModifySecurityGroupRules (added in CIS v5.0).", CopiedPattern]),
        new("aws-cw-011", "4.11", "Network ACL changes alarm", Severity.Medium,
            "Network ACLs are the subnet-level safety net beneath security groups. A changed or replaced ACL entry can silently remove that layer; an alert keeps the change visible.",
            [QuietTeams, CopiedPattern]),
        new("aws-cw-012", "4.12", "Network gateway changes alarm", Severity.Medium,
            "Creating or attaching internet and customer gateways changes which networks can reach the VPC at all. An unexpected gateway is a new path in or out that no firewall review has seen.",
            [QuietTeams, "A metric filter was created but the alarm on its metric was not.", CopiedPattern]),
        new("aws-cw-013", "4.13", "Route table changes alarm", Severity.Medium,
            "Route changes can send private subnet traffic to the internet or through an attacker-controlled instance. Alerting on them keeps traffic paths from changing unnoticed.",
            [QuietTeams, CopiedPattern]),
        new("aws-cw-014", "4.14", "VPC changes alarm", Severity.Medium,
            "New VPCs and peering connections change the network perimeter: an accepted peering request can connect a production VPC to an account the organization does not control.",
            [QuietTeams, "The control was never set up because VPCs change rarely.", CopiedPattern]),
        new("aws-cw-015", "4.15", "AWS Organizations changes alarm", Severity.Medium,
            "Organizations changes act on every account at once: detaching an SCP removes guardrails everywhere, and an account leaving the organization leaves its controls behind. These changes are rare and must always be expected.",
            [QuietTeams, "The filter was set up in member accounts, where Organizations events do not occur, instead of the management account.", CopiedPattern]),
    ];

    public IEnumerable<Check> Checks => Rows.Select(row => new CisMonitoringAlarm(row));
}
