using CloudAudit.Checks.Framework;
using CloudAudit.Inventory.Catalog;
using CloudAudit.Inventory.Views;

namespace CloudAudit.Checks.Kms;

/// <summary>CIS 3.6: customer managed symmetric keys rotate their key material automatically.</summary>
public sealed class KeyRotation : Check
{
    public override CheckInfo Info { get; } = new()
    {
        Id = "aws-kms-001",
        Title = "KMS customer managed key without automatic rotation",
        Service = "KMS",
        Severity = Severity.Medium,
        ResourceType = "AWS::KMS::Key",
        Description = "Lists KMS keys in every scanned region (ListKeys), describes each one (DescribeKey) and, for enabled "
            + "customer managed symmetric encryption keys with KMS-generated material, reads GetKeyRotationStatus; fails "
            + "those without automatic rotation. AWS managed keys, asymmetric and HMAC keys, imported or custom-key-store "
            + "material, disabled keys and keys pending deletion are skipped, as are keys of other accounts. A multi-Region "
            + "replica is judged through its primary when the primary's region is scanned.",
        Rationale = "Automatic rotation gives a key new cryptographic material every year (or on the period you set) while "
            + "old ciphertext stays readable. It bounds how much data one piece of key material protects and how long "
            + "material that may have been exposed stays in use, which most cryptographic policies and audit regimes require.",
        CommonCauses =
        [
            "Rotation is off by default when a customer managed key is created.",
            "Keys were created by Terraform or CloudFormation templates that omit enable_key_rotation.",
            "Rotation was believed to break decryption of old data (it does not: old material is kept).",
        ],
        Recommendation = "Enable automatic rotation on every customer managed symmetric encryption key.",
        Remediation = new(
            Cli: "aws kms enable-key-rotation --region {region} --key-id {key_id} --rotation-period-in-days 365",
            Terraform: """
                # Set in the key's existing resource; its other arguments stay as they are.
                resource "aws_kms_key" "{key_id:id}" {
                  description             = {description}
                  enable_key_rotation     = true
                  rotation_period_in_days = 365
                }
                """,
            DocUrl: "https://docs.aws.amazon.com/kms/latest/developerguide/rotating-keys-enable.html",
            Effort: Effort.Low),
        Compliance = Cis.Refs(v3: "3.6", v5: "3.6"),
    };

    public override IReadOnlyList<ApiCall> Reads { get; } = [KmsCalls.ListKeys, KmsCalls.DescribeKey, KmsCalls.GetKeyRotationStatus];

    public override void Evaluate(CheckContext context, Verdict verdict)
    {
        var kms = context.Data.Kms();
        var keys = kms.Keys();
        verdict.AddGaps(keys.Gaps);
        foreach (var listed in keys.Items)
        {
            if (!kms.Describe(listed).TryGet(out var described, out var describeGap))
            {
                verdict.Gap(describeGap!);
                continue;
            }
            var key = described.KeyMetadata;
            var arn = key.Arn ?? listed.Resource.Reference;
            if (!key.CanRotateAutomatically || key.AWSAccountId is { } owner && owner != context.AccountId)
                continue;
            var primary = key.IsReplica ? key.MultiRegionConfiguration?.PrimaryKey : null;
            if (primary?.Region is { } primaryRegion && context.Regions.Contains(primaryRegion))
                continue;
            if (!kms.RotationStatus(listed.Region, arn).TryGet(out var rotation, out var rotationGap))
            {
                verdict.Gap(rotationGap!);
                continue;
            }
            // Rotation of a replica is set on its primary, which lives in a region outside this scan.
            var (fixArn, fixRegion) = primary is { Arn: { } pArn, Region: { } pRegion } ? (pArn, pRegion) : (arn, listed.Region);
            verdict.Scanned(fixArn);
            if (rotation.KeyRotationEnabled == true)
                continue;
            var label = string.IsNullOrEmpty(key.Description) ? key.KeyId : $"{key.KeyId} ({key.Description})";
            verdict.Fail(fixArn, fixRegion, primary is null
                    ? $"KMS key {label} does not rotate its key material automatically."
                    : $"KMS key {label} is a replica of {fixArn}, which does not rotate its key material automatically.",
                new SlotValues().With("key_id", fixArn.Split('/').Last()).With("description", key.Description ?? ""));
        }
        verdict.NotApplicable("no enabled customer managed symmetric KMS key in the scanned regions");
    }
}
