using CloudAudit.Checks.Framework;
using CloudAudit.Inventory.Catalog;
using CloudAudit.Inventory.Views;

namespace CloudAudit.Checks.Ec2;

/// <summary>Instances left stopped for a week or more, whose volumes are still billed.</summary>
public sealed class StoppedInstance : Check
{
    /// <summary>Shorter stops are maintenance or a paused test, not waste.</summary>
    public static readonly TimeSpan GracePeriod = TimeSpan.FromDays(7);

    public override CheckInfo Info { get; } = new()
    {
        Id = "aws-ec2-003",
        Title = "EC2 instance stopped for a week or more",
        Service = "EC2",
        Severity = Severity.Low,
        Category = Category.Cost,
        ResourceType = "AWS::EC2::Instance",
        Description = "Lists the instances of every scanned region (DescribeInstances) and fails each stopped one that was "
            + "stopped at least 7 days before the scan, reading the stop time from StateTransitionReason (\"User initiated "
            + "(2025-09-14 08:12:45 GMT)\"); a stopped instance whose stop time AWS does not state fails too. The finding "
            + "gives the attached EBS capacity still billed (from DescribeVolumes). Instances in Auto Scaling groups (warm "
            + "pools keep instances stopped on purpose) and instances managed by another AWS service are skipped.",
        Rationale = "A stopped instance costs nothing for compute but its EBS volumes, snapshots and any Elastic IP keep "
            + "being billed every month. Forgotten stopped instances also keep old AMIs, credentials and software around: "
            + "when someone starts one months later it comes up unpatched.",
        CommonCauses =
        [
            "An instance was stopped \"for now\" after a test or a migration and never cleaned up.",
            "Instances of a departed team member or a finished project nobody feels entitled to delete.",
            "Stopping was used instead of terminating because the instance had data nobody backed up.",
        ],
        Recommendation = "Keep an AMI (and so snapshots) of the instance if its data matters, then terminate it.",
        Remediation = new(
            Cli: """
                # Keep an image of the instance (its volumes become snapshots), then terminate it:
                aws ec2 create-image --region {region} --instance-id {instance_id} --name {image_name} --output json > image.json
                jq '{ImageIds: [.ImageId]}' image.json > image-ids.json
                aws ec2 wait image-available --region {region} --cli-input-json file://image-ids.json
                aws ec2 terminate-instances --region {region} --instance-ids {instance_id}
                """,
            Terraform: """
                # Keep an image of the instance, then delete its aws_instance resource from the configuration:
                resource "aws_ami_from_instance" "{instance_id:id}_final" {
                  name               = {image_name}
                  source_instance_id = {instance_id}
                }
                """,
            DocUrl: "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/terminating-instances.html",
            Effort: Effort.Low),
    };

    public override IReadOnlyList<ApiCall> Reads { get; } = [Ec2Calls.DescribeInstances, Ec2Calls.DescribeVolumes];

    public override void Evaluate(CheckContext context, Verdict verdict)
    {
        var ec2 = context.Data.Ec2();
        foreach (var region in context.Regions)
        {
            if (!verdict.Read(ec2.Instances(region), out var instances))
                continue;
            // Volume sizes only enrich the message; without them the finding still stands.
            var volumes = ec2.Volumes(region).Value?.ToDictionary(v => v.VolumeId);
            foreach (var instance in instances.Where(i => i.AutoScalingGroup is null && !i.ManagedByService && i.StateName != "terminated"))
            {
                verdict.Scanned(instance.InstanceId);
                if (instance.StateName != "stopped")
                    continue;
                var stoppedAt = instance.StoppedAt();
                if (stoppedAt is { } at && context.Now - at < GracePeriod)
                    continue;
                var since = stoppedAt is { } when
                    ? $"has been stopped since {when:yyyy-MM-dd} ({(int)(context.Now - when).TotalDays} days)"
                    : "is stopped (AWS does not state since when)";
                verdict.Fail(instance.InstanceId, region,
                    $"Instance {Ec2Tags.Labelled(instance.InstanceId, instance.Tags, instance.InstanceType)} {since}; {Billed(instance, volumes)}.",
                    new SlotValues()
                        .With("instance_id", instance.InstanceId)
                        .With("image_name", $"{instance.InstanceId}-before-termination"));
            }
        }
        if (verdict.ResourcesScanned == 0)
            verdict.NotApplicable("no EC2 instances outside Auto Scaling groups in the scanned regions");
    }

    private static string Billed(Ec2Instance instance, Dictionary<string, EbsVolume>? volumes)
    {
        var ids = instance.VolumeIds.ToList();
        if (ids.Count == 0)
            return "any attached storage is still billed";
        var noun = ids.Count == 1 ? "EBS volume" : $"{ids.Count} EBS volumes";
        var size = volumes is not null && ids.All(volumes.ContainsKey) ? $" ({ids.Sum(id => volumes[id].Size ?? 0)} GiB)" : "";
        return $"its {noun}{size} {(ids.Count == 1 ? "is" : "are")} still billed";
    }
}
