using CloudAudit.Checks.Framework;
using CloudAudit.Inventory.Catalog;
using CloudAudit.Inventory.Views;

namespace CloudAudit.Checks.Ssm;

/// <summary>A running, SSM-managed instance is missing patches, failed to install them, or was never scanned.</summary>
public sealed class PatchCompliance : Check
{
    public override CheckInfo Info { get; } = new()
    {
        Id = "aws-ssm-003",
        Title = "Running instance with missing patches or no patch data",
        Service = "SSM",
        Severity = Severity.Medium,
        ResourceType = "AWS::EC2::Instance",
        Description = "For the running EC2 instances that Systems Manager manages in every scanned region, reads "
            + "DescribeInstancePatchStates (in batches of 50). An instance fails when its last Patch Manager scan or install "
            + "reports missing (MissingCount) or failed (FailedCount) patches, or when it has no patch state at all because "
            + "Patch Manager never scanned it. Instances SSM does not manage cannot report patch data: aws-ssm-001 reports them.",
        Rationale = "Missing operating-system patches are the most common way into an EC2 instance: public exploits for "
            + "kernel, OpenSSL and sudo flaws appear within days of a fix. An instance with no patch data is worse, because "
            + "nobody knows how far behind it is.",
        CommonCauses =
        [
            "No patch policy or maintenance window scans and installs patches on the instance.",
            "Installs fail (disk full, repository unreachable, a reboot never allowed) and nobody reads the compliance report.",
            "The instance is excluded from the patch group by a missing tag.",
        ],
        Recommendation = "Scan and install patches on a schedule with a Patch Manager patch policy (Quick Setup) or a maintenance window, and act on failures.",
        Remediation = new(
            Cli: """
                # Install missing patches now (reboots if needed); set up a Quick Setup patch policy for a recurring schedule.
                aws ssm send-command --region {region} --document-name AWS-RunPatchBaseline --instance-ids {instance_id} --parameters Operation=Install,RebootOption=RebootIfNeeded
                """,
            Terraform: """
                resource "aws_ssm_association" "{instance_id:id}_patching" {
                  name                = "AWS-RunPatchBaseline"
                  schedule_expression = "cron(0 3 ? * SUN *)"
                  parameters = {
                    Operation    = "Install"
                    RebootOption = "RebootIfNeeded"
                  }

                  targets {
                    key    = "InstanceIds"
                    values = [{instance_id}]
                  }
                }
                """,
            DocUrl: "https://docs.aws.amazon.com/systems-manager/latest/userguide/patch-manager.html",
            Effort: Effort.Medium),
    };

    public override IReadOnlyList<ApiCall> Reads { get; } =
        [SsmCalls.DescribeRunningInstances, SsmCalls.DescribeInstanceInformation, SsmCalls.DescribeInstancePatchStates];

    public override void Evaluate(CheckContext context, Verdict verdict)
    {
        var ssm = context.Data.Ssm();
        var fleets = InstanceFleet.Read(context, verdict, out var notOffered);
        var managedRunning = 0;
        foreach (var fleet in fleets)
        {
            var running = fleet.Running.Where(i => fleet.Managed(i.InstanceId)?.ResourceType == "EC2Instance").ToList();
            if (running.Count == 0) continue;
            managedRunning += running.Count;
            var states = ssm.PatchStates(fleet.Region, fleet.Registrations);
            verdict.AddGaps(states.Gaps);
            if (!states.Complete) continue;
            var byInstance = states.Items.GroupBy(s => s.InstanceId).ToDictionary(g => g.Key, g => g.First());
            foreach (var instance in running)
            {
                verdict.Scanned(InstanceFleet.InstanceArn(context, fleet.Region, instance));
                var state = byInstance.GetValueOrDefault(instance.InstanceId);
                var problem = state switch
                {
                    null => "has no patch data: Patch Manager has never scanned it",
                    { MissingCount: > 0 } or { FailedCount: > 0 } =>
                        $"is missing {state.MissingCount ?? 0} patch(es) and failed to install {state.FailedCount ?? 0} "
                        + $"(last {state.Operation?.ToLowerInvariant() ?? "operation"} on {AwsDates.Day(state.OperationEndTime)})",
                    _ => null,
                };
                if (problem is not null)
                    verdict.Fail(InstanceFleet.InstanceArn(context, fleet.Region, instance), fleet.Region,
                        $"Running instance {instance.Label} {problem}.", new SlotValues().With("instance_id", instance.InstanceId));
            }
        }
        if (managedRunning == 0)
            verdict.NotApplicable(RegionalVerdicts.NothingInScope(
                "no running EC2 instances managed by Systems Manager in the scanned regions (see aws-ssm-001)", notOffered));
    }
}
