using CloudAudit.Checks.Framework;
using CloudAudit.Checks.Tests.Support;
using CloudAudit.Inventory.Catalog;
using static CloudAudit.Checks.Tests.Ec2.Ec2Data;

namespace CloudAudit.Checks.Tests.Ec2;

public class PublicAmiTests
{
    [Fact]
    public void Fails_public_images_the_account_owns()
    {
        var account = new TestAccount("us-east-1", "eu-west-1");
        account.Record.Regional(Ec2Calls.DescribeOwnImages, "us-east-1", Images(Image("ami-private", false), Image("ami-public", true)));
        account.Record.Regional(Ec2Calls.DescribeOwnImages, "eu-west-1", Images());
        var result = account.Run("aws-ec2-001");
        var finding = Assert.Single(result.Findings);
        Assert.Equal("ami-public", finding.ResourceId);
        Assert.Contains("aws ec2 modify-image-attribute --region us-east-1 --image-id ami-public --launch-permission \"Remove=[{Group=all}]\"",
            finding.Remediation!.Cli);
        Assert.Contains("resource \"aws_ec2_image_block_public_access\" \"us_east_1\"", finding.Remediation.Terraform);
    }

    [Fact]
    public void Passes_private_images_and_is_not_applicable_without_images()
    {
        Assert.Equal(CheckStatus.Pass, new TestAccount().InEveryRegion(Ec2Calls.DescribeOwnImages, Images(Image("ami-1", false))).Run("aws-ec2-001").Status);
        Assert.Equal(CheckStatus.NotApplicable, new TestAccount().InEveryRegion(Ec2Calls.DescribeOwnImages, Images()).Run("aws-ec2-001").Status);
    }

    [Fact]
    public void Denied_listing_is_not_assessed()
    {
        Assert.Equal(CheckStatus.NotAssessed, new TestAccount().Denied(Ec2Calls.DescribeOwnImages, "us-east-1").Run("aws-ec2-001").Status);
    }
}

public class UnencryptedVolumeTests
{
    [Fact]
    public void Fails_each_unencrypted_volume_with_a_copy_that_keeps_its_type()
    {
        var account = new TestAccount().InEveryRegion(Ec2Calls.DescribeVolumes, Volumes(
            Volume("vol-enc", true, "i-1"), Volume("vol-plain", false, "i-1", type: "gp2", size: 100),
            Volume("vol-io", false, type: "io2", iops: 16000)));
        var result = account.Run("aws-ec2-002");

        Assert.Equal(["vol-io", "vol-plain"], result.Findings.Select(f => f.ResourceId).Order());
        var plain = result.Findings.Single(f => f.ResourceId == "vol-plain");
        Assert.Contains("100 GiB gp2, attached to i-1", plain.Description);
        Assert.Contains("create-snapshot --region us-east-1 --volume-id vol-plain", plain.Remediation!.Cli);
        Assert.Contains("jq --arg zone us-east-1a --arg type gp2 '{SnapshotId, AvailabilityZone: $zone, VolumeType: $type, Encrypted: true}' snapshot.json > volume.json", plain.Remediation.Cli);
        Assert.Contains("type              = \"gp2\"", plain.Remediation.Terraform);
        var io = result.Findings.Single(f => f.ResourceId == "vol-io").Remediation!;
        Assert.Contains("--arg type io2 --argjson iops 16000 '{SnapshotId, AvailabilityZone: $zone, VolumeType: $type, Encrypted: true, Iops: $iops}'", io.Cli);
        Assert.Contains("iops              = 16000", io.Terraform);
    }

    [Fact]
    public void Passes_encrypted_volumes_and_is_not_assessed_when_denied()
    {
        Assert.Equal(CheckStatus.Pass, new TestAccount().InEveryRegion(Ec2Calls.DescribeVolumes, Volumes(Volume("vol-1", true))).Run("aws-ec2-002").Status);
        Assert.Equal(CheckStatus.NotAssessed, new TestAccount().Denied(Ec2Calls.DescribeVolumes, "us-east-1").Run("aws-ec2-002").Status);
    }
}

public class EbsDefaultEncryptionTests
{
    [Fact]
    public void Fails_each_region_where_default_encryption_is_off()
    {
        var account = new TestAccount("us-east-1", "eu-west-1", "eu-central-1");
        account.Record.Regional(Ec2Calls.GetEbsEncryptionByDefault, "us-east-1", """{"EbsEncryptionByDefault": true, "SseType": "sse-ebs"}""");
        account.Record.Regional(Ec2Calls.GetEbsEncryptionByDefault, "eu-west-1", """{"EbsEncryptionByDefault": false, "SseType": "sse-ebs"}""");
        account.Denied(Ec2Calls.GetEbsEncryptionByDefault, "eu-central-1");
        var result = account.Run("aws-ec2-006");
        var finding = Assert.Single(result.Findings);
        Assert.Equal("eu-west-1", finding.Region);
        Assert.Equal("aws ec2 enable-ebs-encryption-by-default --region eu-west-1", finding.Remediation!.Cli);
        Assert.Contains("region  = \"eu-west-1\"", finding.Remediation.Terraform);
        Assert.Single(result.Gaps);
    }

    [Fact]
    public void Passes_when_on_everywhere_and_is_not_assessed_when_denied()
    {
        Assert.Equal(CheckStatus.Pass, new TestAccount("us-east-1", "eu-west-1")
            .InEveryRegion(Ec2Calls.GetEbsEncryptionByDefault, """{"EbsEncryptionByDefault": true}""").Run("aws-ec2-006").Status);
        Assert.Equal(CheckStatus.NotAssessed, new TestAccount().Denied(Ec2Calls.GetEbsEncryptionByDefault, "us-east-1").Run("aws-ec2-006").Status);
    }
}

public class UnattachedElasticIpTests
{
    [Fact]
    public void Fails_idle_addresses_and_skips_service_managed_and_byoip_ones()
    {
        var account = new TestAccount().InEveryRegion(Ec2Calls.DescribeAddresses, Addresses(
            Address("eipalloc-used", "203.0.113.10", association: "eipassoc-1"),
            Address("eipalloc-idle", "203.0.113.11"),
            Address("eipalloc-byoip", "198.51.100.7", pool: "ipv4pool-ec2-0123456789abcdef0"),
            Address("eipalloc-alb", "203.0.113.12", serviceManaged: "alb")));
        var result = account.Run("aws-eip-001");
        var finding = Assert.Single(result.Findings);
        Assert.Equal("eipalloc-idle", finding.ResourceId);
        Assert.Equal(2, result.ResourcesScanned);
        Assert.Contains("aws ec2 release-address --region us-east-1 --allocation-id eipalloc-idle", finding.Remediation!.Cli);
        Assert.Contains("203.0.113.11", finding.Remediation.Cli);
    }

    [Fact]
    public void Passes_attached_addresses_and_is_not_assessed_when_denied()
    {
        Assert.Equal(CheckStatus.Pass, new TestAccount().InEveryRegion(Ec2Calls.DescribeAddresses,
            Addresses(Address("eipalloc-used", "203.0.113.10", association: "eipassoc-1"))).Run("aws-eip-001").Status);
        Assert.Equal(CheckStatus.NotAssessed, new TestAccount().Denied(Ec2Calls.DescribeAddresses, "us-east-1").Run("aws-eip-001").Status);
    }
}
