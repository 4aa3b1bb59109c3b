using CloudAudit.Checks.Framework;
using CloudAudit.Inventory.Catalog;
using CloudAudit.Inventory.Views;

namespace CloudAudit.Checks.SecurityHub;

/// <summary>CIS 4.16: Security Hub is enabled, in every scanned region.</summary>
public sealed class SecurityHubEnabled : Check
{
    public override CheckInfo Info { get; } = new()
    {
        Id = "aws-sh-001",
        Title = "Security Hub not enabled",
        Service = "Security Hub",
        Severity = Severity.Medium,
        ResourceType = "AWS::SecurityHub::Hub",
        Description = "Calls DescribeHub in every scanned region; a region where the account is not subscribed to "
            + "Security Hub fails. Security Hub is regional, so one enabled region does not cover the others.",
        Rationale = "Security Hub gathers GuardDuty, Inspector, Macie, IAM Access Analyzer and Config findings in one "
            + "place and runs the AWS security standards continuously. Without it in a region, findings there are "
            + "scattered across consoles and nobody is alerted when a control starts failing between scans.",
        CommonCauses =
        [
            "Security Hub was enabled only in the main region; workloads later appeared in other regions.",
            "It was turned off to save the per-check cost.",
            "Multi-account setups where the delegated administrator never enabled it for new member accounts or regions.",
        ],
        Recommendation = "Enable Security Hub in every region you use, ideally through a delegated administrator for the organization.",
        Remediation = new(
            Cli: "aws securityhub enable-security-hub --region {region} --enable-default-standards",
            Terraform: """
                # The region argument needs AWS provider 6 or newer; with older providers use a provider alias per region.
                resource "aws_securityhub_account" "{region:id}" {
                  region                   = {region}
                  enable_default_standards = true
                }
                """,
            DocUrl: "https://docs.aws.amazon.com/securityhub/latest/userguide/securityhub-settingup.html",
            Effort: Effort.Low),
        Compliance = Cis.Refs(v3: "4.16", v5: "4.16"),
    };

    public override IReadOnlyList<ApiCall> Reads { get; } = [MonitoringCalls.DescribeHub];

    public override void Evaluate(CheckContext context, Verdict verdict)
    {
        var monitoring = context.Data.Monitoring();
        foreach (var region in context.Regions)
        {
            var hub = monitoring.Hub(region, out var enabled);
            if (hub.Gap is { } gap)
            {
                verdict.Gap(gap);
                continue;
            }
            verdict.Scanned($"arn:{context.Partition}:securityhub:{region}:{context.AccountId}:hub/default");
            if (!enabled)
                verdict.Fail($"arn:{context.Partition}:securityhub:{region}:{context.AccountId}:hub/default", region,
                    $"Security Hub is not enabled in {region}.");
        }
    }
}
