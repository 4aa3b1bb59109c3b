using CloudAudit.Checks.Framework;
using CloudAudit.Inventory.Catalog;
using CloudAudit.Inventory.Views;

namespace CloudAudit.Checks.Ec2;

/// <summary>CIS v3 2.2.1 / v5 5.1.1: EBS encryption by default is on in every scanned region.</summary>
public sealed class EbsDefaultEncryption : Check
{
    public override CheckInfo Info { get; } = new()
    {
        Id = "aws-ec2-006",
        Title = "EBS encryption by default disabled",
        Service = "EC2",
        Severity = Severity.Medium,
        ResourceType = "AWS::::Account",
        Description = "Calls GetEbsEncryptionByDefault in every scanned region and fails each region where it is off. The "
            + "setting is regional: turning it on in one region does not cover the others.",
        Rationale = "With encryption by default, every new volume and snapshot copy in the region is encrypted whatever "
            + "the launch template, AMI or tool says. Without it, each team and each template must remember to ask for "
            + "encryption, and unencrypted volumes (aws-ec2-002) keep appearing.",
        CommonCauses =
        [
            "The account predates the setting (2019) and nobody turned it on.",
            "It was enabled only in the main region; workloads later appeared elsewhere.",
        ],
        Recommendation = "Enable EBS encryption by default in every region you use.",
        Remediation = new(
            Cli: "aws ec2 enable-ebs-encryption-by-default --region {region}",
            Terraform: """
                # The region argument needs AWS provider 6 or newer; with older providers use a provider alias per region.
                resource "aws_ebs_encryption_by_default" "{region:id}" {
                  region  = {region}
                  enabled = true
                }
                """,
            DocUrl: "https://docs.aws.amazon.com/ebs/latest/userguide/encryption-by-default.html",
            Effort: Effort.Low),
        Compliance = Cis.Refs(v3: "2.2.1", v5: "5.1.1"),
    };

    public override IReadOnlyList<ApiCall> Reads { get; } = [Ec2Calls.GetEbsEncryptionByDefault];

    public override void Evaluate(CheckContext context, Verdict verdict)
    {
        var ec2 = context.Data.Ec2();
        foreach (var region in context.Regions)
        {
            if (!verdict.Read(ec2.EbsEncryptionByDefault(region), out var setting))
                continue;
            verdict.Scanned(context.AccountId);
            if (setting.EbsEncryptionByDefault != true)
                verdict.Fail(context.AccountId, region, $"New EBS volumes in {region} are not encrypted unless each launch asks for it.");
        }
    }
}
