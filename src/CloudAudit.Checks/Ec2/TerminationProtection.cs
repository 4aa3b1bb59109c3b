using CloudAudit.Checks.Framework;
using CloudAudit.Inventory.Catalog;
using CloudAudit.Inventory.Views;

namespace CloudAudit.Checks.Ec2;

/// <summary>Long-lived instances cannot be terminated by a single mistaken call.</summary>
public sealed class TerminationProtection : Check
{
    public override CheckInfo Info { get; } = new()
    {
        Id = "aws-ec2-005",
        Title = "EC2 instance without termination protection",
        Service = "EC2",
        Severity = Severity.Low,
        Category = Category.Reliability,
        ResourceType = "AWS::EC2::Instance",
        Description = "Reads the disableApiTermination attribute (DescribeInstanceAttribute) of every running or stopped "
            + "instance in the scanned regions and fails each one where it is off. Instances in an Auto Scaling group "
            + "(tag aws:autoscaling:groupName) are skipped because the group replaces them by design, Spot instances "
            + "because AWS does not allow the protection on them, and instances managed by another AWS service.",
        Rationale = "Without termination protection a single TerminateInstances call (a script run against the wrong "
            + "filter, a console click on the wrong row, a cleanup job with a bad tag query) destroys the instance and "
            + "every volume marked delete-on-termination. For hand-built servers that is hours of rebuild and possibly "
            + "lost data.",
        CommonCauses =
        [
            "Termination protection is off by default and launch templates rarely set it.",
            "Long-lived servers (bastions, build servers, databases on EC2) were launched by hand.",
        ],
        Recommendation = "Enable termination protection on instances that are not managed by an Auto Scaling group.",
        Remediation = new(
            Cli: "aws ec2 modify-instance-attribute --region {region} --instance-id {instance_id} --disable-api-termination",
            Terraform: InstanceFixes.AdoptInstance("  disable_api_termination = true"),
            DocUrl: "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/ec2-instance-termination-protection.html",
            Effort: Effort.Low),
    };

    public override IReadOnlyList<ApiCall> Reads { get; } = [Ec2Calls.DescribeInstances, Ec2Calls.DescribeTerminationProtection];

    public override void Evaluate(CheckContext context, Verdict verdict)
    {
        var ec2 = context.Data.Ec2();
        var inGroups = 0;
        foreach (var region in context.Regions)
        {
            if (!verdict.Read(ec2.Instances(region), out var instances))
                continue;
            inGroups += instances.Count(i => i.RunningOrStopped && i.AutoScalingGroup is not null);
            foreach (var instance in instances.Where(i => i.TerminationProtectionApplies))
            {
                if (!verdict.Read(ec2.TerminationProtection(region, instance.InstanceId), out var attribute))
                    continue;
                verdict.Scanned(instance.InstanceId);
                if (attribute.DisableApiTermination?.Value != true)
                    verdict.Fail(instance.InstanceId, region,
                        $"Instance {Ec2Tags.Labelled(instance.InstanceId, instance.Tags, instance.StateName)} can be terminated without first turning off a protection.",
                        InstanceFixes.InstanceSlots(instance));
            }
        }
        if (verdict.ResourcesScanned == 0)
            verdict.NotApplicable(inGroups > 0
                ? $"the only running or stopped instances ({inGroups}) belong to Auto Scaling groups, which replace instances instead of protecting them"
                : "no running or stopped EC2 instances outside Auto Scaling groups in the scanned regions");
    }
}
