using CloudAudit.Checks.Framework;
using CloudAudit.Inventory.Catalog;
using CloudAudit.Inventory.Views;

namespace CloudAudit.Checks.Ec2;

/// <summary>AMIs the account owns are not shared with everyone.</summary>
public sealed class PublicAmi : Check
{
    public override CheckInfo Info { get; } = new()
    {
        Id = "aws-ec2-001",
        Title = "AMI shared publicly",
        Service = "EC2",
        Severity = Severity.High,
        ResourceType = "AWS::EC2::Image",
        Description = "Lists the images the account owns in every scanned region (DescribeImages with Owners=self) and fails "
            + "each one whose Public flag is set, meaning its launch permissions include the group \"all\" and any AWS "
            + "account can launch it or copy its snapshots. Images shared with named accounts are not public.",
        Rationale = "An AMI is a full disk image: application code, configuration files, and often credentials, keys or "
            + "customer data baked in at build time. A public AMI can be found by anyone who searches the public image "
            + "catalog, and copying it to their own account is a single call that leaves no trace in yours.",
        CommonCauses =
        [
            "An image was made public to share it with a partner or another account instead of adding their account ID.",
            "A build pipeline copied the launch permissions of a vendor's public base image.",
            "A tutorial or marketplace preparation step made the image public and it was never reverted.",
        ],
        Recommendation = "Remove the public launch permission and share the image only with the accounts that need it; block public AMI sharing in the region.",
        Remediation = new(
            Cli: """
                aws ec2 modify-image-attribute --region {region} --image-id {image_id} --launch-permission "Remove=[{Group=all}]"
                # Prevent images from being made public again in this region:
                aws ec2 enable-image-block-public-access --region {region} --image-block-public-access-state block-new-sharing
                """,
            Terraform: """
                # Delete any aws_ami_launch_permission with group = "all" for {image_id}, then block new public sharing
                # (the region argument needs AWS provider 6 or newer; with older providers use a provider alias per region):
                resource "aws_ec2_image_block_public_access" "{region:id}" {
                  region = {region}
                  state  = "block-new-sharing"
                }
                """,
            DocUrl: "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/sharingamis-intro.html",
            Effort: Effort.Low),
    };

    public override IReadOnlyList<ApiCall> Reads { get; } = [Ec2Calls.DescribeOwnImages];

    public override void Evaluate(CheckContext context, Verdict verdict)
    {
        var ec2 = context.Data.Ec2();
        foreach (var region in context.Regions)
        {
            if (!verdict.Read(ec2.OwnImages(region), out var images))
                continue;
            foreach (var image in images.Where(i => i.OwnerId is null || i.OwnerId == context.AccountId))
            {
                verdict.Scanned(image.ImageId);
                if (image.Public == true)
                    verdict.Fail(image.ImageId, region,
                        $"Image {Ec2Tags.Labelled(image.ImageId, image.Tags, image.Name == image.Tags.Get("Name") ? null : image.Name)} "
                        + "can be launched and copied by any AWS account.",
                        new SlotValues().With("image_id", image.ImageId));
            }
        }
        if (verdict.ResourcesScanned == 0)
            verdict.NotApplicable("the account owns no AMIs in the scanned regions");
    }
}
