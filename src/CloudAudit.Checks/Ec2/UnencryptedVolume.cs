using System.Globalization;
using CloudAudit.Checks.Framework;
using CloudAudit.Inventory.Catalog;
using CloudAudit.Inventory.Views;

namespace CloudAudit.Checks.Ec2;

/// <summary>EBS volumes are encrypted at rest.</summary>
public sealed class UnencryptedVolume : Check
{
    private const string DocUrl = "https://docs.aws.amazon.com/ebs/latest/userguide/ebs-encryption.html";

    private const string CopyCli = """
        # EBS cannot encrypt a volume in place: snapshot it, create an encrypted volume from the snapshot,
        # then swap it in (stop the instance, detach the old volume, attach the new one on the same device).
        aws ec2 create-snapshot --region {region} --volume-id {volume_id} --description {snapshot_description} --output json > snapshot.json
        jq '{SnapshotIds: [.SnapshotId]}' snapshot.json > snapshot-ids.json
        aws ec2 wait snapshot-completed --region {region} --cli-input-json file://snapshot-ids.json
        jq --arg zone {availability_zone} --arg type {volume_type} <<OPTIONS>>'{SnapshotId, AvailabilityZone: $zone, VolumeType: $type, Encrypted: true<<MEMBERS>>}' snapshot.json > volume.json
        aws ec2 create-volume --region {region} --cli-input-json file://volume.json
        """;

    private const string CopyTerraform = """
        resource "aws_ebs_snapshot" "{volume_id:id}" {
          volume_id = {volume_id}
        }

        resource "aws_ebs_volume" "{volume_id:id}_encrypted" {
          availability_zone = {availability_zone}
          snapshot_id       = aws_ebs_snapshot.{volume_id:id}.id
        <<OPTIONS>>
          encrypted         = true
        }
        """;

    /// <param name="jqOptions">jq options for the volume's settings, e.g. "--argjson iops {iops:raw} "</param>
    /// <param name="members">those settings as create-volume input members, e.g. ", Iops: $iops"</param>
    private static RemediationTemplate Fix(string jqOptions, string members, string terraformOptions, string when) => new(
        Cli: CopyCli.Replace("<<OPTIONS>>", jqOptions, StringComparison.Ordinal).Replace("<<MEMBERS>>", members, StringComparison.Ordinal),
        Terraform: CopyTerraform.Replace("<<OPTIONS>>", terraformOptions, StringComparison.Ordinal),
        DocUrl: DocUrl,
        Effort: Effort.Medium) { When = when };

    private static readonly RemediationTemplate CopyVolume = Fix(
        "", "",
        "  type              = {volume_type}",
        "the volume has no provisioned IOPS");

    private static readonly RemediationTemplate CopyProvisionedIopsVolume = Fix(
        "--argjson iops {iops:raw} ", ", Iops: $iops",
        "  type              = {volume_type}\n  iops              = {iops:raw}",
        "the volume has provisioned IOPS (io1, io2)");

    public override CheckInfo Info { get; } = new()
    {
        Id = "aws-ec2-002",
        Title = "EBS volume not encrypted",
        Service = "EC2",
        Severity = Severity.Medium,
        ResourceType = "AWS::EC2::Volume",
        Description = "Lists the EBS volumes of every scanned region (DescribeVolumes) and fails each one whose Encrypted flag "
            + "is false, attached or not. Volumes being deleted are skipped.",
        Rationale = "An unencrypted volume's data, and every snapshot taken of it, is readable by whoever gets hold of a "
            + "snapshot: one shared by mistake, copied by a compromised principal with ec2:CreateSnapshot, or restored in "
            + "another account. Encryption ties reading the data to a KMS key whose use is controlled and logged.",
        CommonCauses =
        [
            "The volume was created before EBS encryption by default was enabled in the region (see aws-ec2-006).",
            "Instances launched from an unencrypted AMI or snapshot keep the source's encryption state.",
            "Old scratch or export volumes were left behind detached.",
        ],
        Recommendation = "Replace the volume with an encrypted copy made from a snapshot, and enable EBS encryption by default in the region.",
        Remediation = CopyVolume,
        RemediationVariants = [CopyProvisionedIopsVolume],
    };

    public override IReadOnlyList<ApiCall> Reads { get; } = [Ec2Calls.DescribeVolumes];

    public override void Evaluate(CheckContext context, Verdict verdict)
    {
        var ec2 = context.Data.Ec2();
        foreach (var region in context.Regions)
        {
            if (!verdict.Read(ec2.Volumes(region), out var volumes))
                continue;
            foreach (var volume in volumes.Where(v => v.State is not ("deleting" or "deleted")))
            {
                verdict.Scanned(volume.VolumeId);
                if (volume.Encrypted != false)
                    continue;
                var attached = volume.AttachedTo.ToList();
                var where = attached.Count > 0 ? $"attached to {string.Join(", ", attached)}" : "not attached to any instance";
                var provisioned = volume.VolumeType is "io1" or "io2";
                var slots = new SlotValues()
                    .With("volume_id", volume.VolumeId)
                    .With("availability_zone", volume.AvailabilityZone ?? "")
                    .With("volume_type", volume.VolumeType ?? "gp3")
                    .With("snapshot_description", $"Unencrypted copy of {volume.VolumeId} before encryption")
                    .With("iops", (volume.Iops ?? 3000).ToString(CultureInfo.InvariantCulture));
                if (volume.AvailabilityZone is null)
                    slots.Placeholder("availability_zone", "AVAILABILITY_ZONE");
                verdict.Fail(volume.VolumeId, region,
                    $"Volume {Ec2Tags.Labelled(volume.VolumeId, volume.Tags, $"{volume.Size} GiB {volume.VolumeType}", where)} is not encrypted.",
                    slots, remediation: provisioned ? CopyProvisionedIopsVolume : CopyVolume);
            }
        }
        if (verdict.ResourcesScanned == 0)
            verdict.NotApplicable("no EBS volumes in the scanned regions");
    }
}
