using CloudAudit.Checks.Framework;
using CloudAudit.Checks.Tests.Support;
using CloudAudit.Inventory.Catalog;
using static CloudAudit.Checks.Tests.Ec2.Ec2Data;

namespace CloudAudit.Checks.Tests.Ec2;

public class ImdsV1AllowedTests
{
    [Fact]
    public void Fails_running_and_stopped_instances_that_accept_imdsv1_and_passes_required_or_disabled()
    {
        var account = new TestAccount("us-east-1", "eu-west-1").InEveryRegion(Ec2Calls.DescribeInstances, Instances(
            Instance("i-running", tokens: "optional"),
            Instance("i-stopped", state: "stopped", tokens: "optional"),
            Instance("i-v2", tokens: "required"),
            Instance("i-off", tokens: "optional", endpoint: "disabled"),
            Instance("i-gone", state: "terminated", tokens: "optional")));

        var result = account.Run("aws-ec2-004");

        Assert.Equal(CheckStatus.Fail, result.Status);
        Assert.Equal(8, result.ResourcesScanned);
        Assert.Equal(["eu-west-1 i-running", "eu-west-1 i-stopped", "us-east-1 i-running", "us-east-1 i-stopped"],
            result.Findings.Select(f => $"{f.Region} {f.ResourceId}").Order());
        var fix = result.Findings.First(f => f.Region == "us-east-1" && f.ResourceId == "i-running").Remediation!;
        Assert.StartsWith("aws ec2 modify-instance-metadata-options --region us-east-1 --instance-id i-running --http-tokens required --http-endpoint enabled",
            fix.Cli);
        Assert.Contains("resource \"aws_instance\" \"i_running\"", fix.Terraform);
        Assert.Contains("ami           = \"ami-0123456789abcdef0\"", fix.Terraform);
        Assert.Contains("id = \"i-running\"", fix.Terraform);
    }

    [Fact]
    public void Passes_when_every_instance_requires_tokens()
    {
        var account = new TestAccount().InEveryRegion(Ec2Calls.DescribeInstances, Instances(Instance("i-1"), Instance("i-2", state: "stopped")));
        Assert.Equal(CheckStatus.Pass, account.Run("aws-ec2-004").Status);
    }

    [Fact]
    public void A_denied_region_is_not_assessed_and_never_a_pass()
    {
        var account = new TestAccount("us-east-1", "eu-west-1");
        account.Record.Regional(Ec2Calls.DescribeInstances, "us-east-1", Instances(Instance("i-1")));
        account.Denied(Ec2Calls.DescribeInstances, "eu-west-1");
        var result = account.Run("aws-ec2-004");
        Assert.Equal(CheckStatus.NotAssessed, result.Status);
        Assert.Equal("eu-west-1", Assert.Single(result.Gaps).Region);
    }

    [Fact]
    public void Is_not_applicable_without_instances()
    {
        var account = new TestAccount().InEveryRegion(Ec2Calls.DescribeInstances, Instances());
        Assert.Equal(CheckStatus.NotApplicable, account.Run("aws-ec2-004").Status);
    }
}

public class StoppedInstanceTests
{
    [Fact]
    public void Fails_instances_stopped_a_week_or_more_and_says_for_how_long_and_what_is_billed()
    {
        var account = new TestAccount()
            .InEveryRegion(Ec2Calls.DescribeInstances, Instances(
                Instance("i-old", state: "stopped", transition: "User initiated (2026-09-22 08:12:45 GMT)", volumes: ["vol-a", "vol-b"]),
                Instance("i-recent", state: "stopped", transition: "User initiated (2026-10-30 17:00:00 GMT)"),
                Instance("i-unknown", state: "stopped"),
                Instance("i-warm", state: "stopped", asg: "web", transition: "User initiated (2026-01-01 00:00:00 GMT)"),
                Instance("i-up")))
            .InEveryRegion(Ec2Calls.DescribeVolumes, Volumes(Volume("vol-a", true, "i-old", size: 100), Volume("vol-b", true, "i-old", size: 50)));

        var result = account.Run("aws-ec2-003");

        Assert.Equal(["i-old", "i-unknown"], result.Findings.Select(f => f.ResourceId).Order());
        var old = result.Findings.Single(f => f.ResourceId == "i-old");
        Assert.Contains("stopped since 2026-09-22 (40 days)", old.Description);
        Assert.Contains("its 2 EBS volumes (150 GiB) are still billed", old.Description);
        Assert.Contains("aws ec2 create-image --region us-east-1 --instance-id i-old --name i-old-before-termination --output json > image.json", old.Remediation!.Cli);
        Assert.Contains("aws ec2 terminate-instances --region us-east-1 --instance-ids i-old", old.Remediation.Cli);
        Assert.Contains("AWS does not state since when", result.Findings.Single(f => f.ResourceId == "i-unknown").Description);
        Assert.Equal(4, result.ResourcesScanned);
    }

    [Fact]
    public void Passes_running_and_briefly_stopped_instances_even_without_volume_data()
    {
        var account = new TestAccount().InEveryRegion(Ec2Calls.DescribeInstances, Instances(
            Instance("i-up"), Instance("i-recent", state: "stopped", transition: "User initiated (2026-10-30 17:00:00 GMT)")));
        account.Denied(Ec2Calls.DescribeVolumes, "us-east-1");
        Assert.Equal(CheckStatus.Pass, account.Run("aws-ec2-003").Status);
    }

    [Fact]
    public void Denied_instances_are_not_assessed()
    {
        var account = new TestAccount().Denied(Ec2Calls.DescribeInstances, "us-east-1");
        Assert.Equal(CheckStatus.NotAssessed, account.Run("aws-ec2-003").Status);
    }
}

public class TerminationProtectionTests
{
    private static TestAccount Account()
    {
        var account = new TestAccount().InEveryRegion(Ec2Calls.DescribeInstances, Instances(
            Instance("i-bare"), Instance("i-safe", state: "stopped"), Instance("i-asg", asg: "web-asg"), Instance("i-spot", lifecycle: "spot")));
        return account;
    }

    private static void Protection(TestAccount account, string id, bool enabled) =>
        account.Record.Target(Ec2Calls.DescribeTerminationProtection, "us-east-1",
            Ec2Calls.TerminationProtectionTarget("us-east-1", id).Parameters!, Ec2Data.Protection(id, enabled));

    [Fact]
    public void Fails_unprotected_instances_and_skips_auto_scaling_and_spot_instances()
    {
        var account = Account();
        Protection(account, "i-bare", false);
        Protection(account, "i-safe", true);
        var result = account.Run("aws-ec2-005");
        var finding = Assert.Single(result.Findings);
        Assert.Equal("i-bare", finding.ResourceId);
        Assert.Equal(2, result.ResourcesScanned);
        Assert.Equal("aws ec2 modify-instance-attribute --region us-east-1 --instance-id i-bare --disable-api-termination", finding.Remediation!.Cli);
        Assert.Contains("disable_api_termination = true", finding.Remediation.Terraform);
    }

    [Fact]
    public void The_catalog_reads_the_attribute_only_for_instances_the_check_evaluates()
    {
        var account = Account();
        var data = new Inventory.AccountData(account.Inventory);
        var targets = data.TargetsOf(Ec2Calls.DescribeTerminationProtection).Select(t => t.Target.Parameters!["InstanceId"]!.GetValue<string>());
        Assert.Equal(["i-bare", "i-safe"], targets.Order());
    }

    [Fact]
    public void Passes_when_protected_and_is_not_assessed_when_the_attribute_is_denied()
    {
        var account = Account();
        Protection(account, "i-bare", true);
        Protection(account, "i-safe", true);
        Assert.Equal(CheckStatus.Pass, account.Run("aws-ec2-005").Status);

        var denied = Account();
        Protection(denied, "i-safe", true);
        denied.Denied(Ec2Calls.DescribeTerminationProtection, "us-east-1", Ec2Calls.TerminationProtectionTarget("us-east-1", "i-bare").Parameters);
        Assert.Equal(CheckStatus.NotAssessed, denied.Run("aws-ec2-005").Status);
    }

    [Fact]
    public void Is_not_applicable_when_every_instance_is_in_an_auto_scaling_group()
    {
        var account = new TestAccount().InEveryRegion(Ec2Calls.DescribeInstances, Instances(Instance("i-asg", asg: "web-asg")));
        var result = account.Run("aws-ec2-005");
        Assert.Equal(CheckStatus.NotApplicable, result.Status);
        Assert.Contains("Auto Scaling groups", result.Reason);
    }
}
