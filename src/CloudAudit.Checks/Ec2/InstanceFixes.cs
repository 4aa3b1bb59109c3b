using CloudAudit.Checks.Framework;
using CloudAudit.Inventory.Views;

namespace CloudAudit.Checks.Ec2;

/// <summary>Terraform that adopts an existing instance (an import block) to change one of its settings.</summary>
internal static class InstanceFixes
{
    /// <summary>
    /// An import block and an aws_instance with the instance's AMI and type (slots image_id and
    /// instance_type) plus <paramref name="settings"/>, HCL lines indented by two spaces.
    /// </summary>
    public static string AdoptInstance(string settings) => """
        # Copy the instance's other settings (subnet, security groups, tags) into this block before applying:
        # `terraform plan` shows every difference between it and the running instance.
        import {
          to = aws_instance.{instance_id:id}
          id = {instance_id}
        }

        resource "aws_instance" "{instance_id:id}" {
          ami           = {image_id}
          instance_type = {instance_type}
        """ + "\n\n" + settings + "\n}";

    /// <summary>Slots naming an instance and the arguments an aws_instance block needs to adopt it.</summary>
    public static SlotValues InstanceSlots(Ec2Instance instance) => new SlotValues()
        .With("instance_id", instance.InstanceId)
        .With("image_id", instance.ImageId is { } ami ? ami : new SlotValue.Placeholder("AMI_ID"))
        .With("instance_type", instance.InstanceType is { } type ? type : new SlotValue.Placeholder("INSTANCE_TYPE"));
}
