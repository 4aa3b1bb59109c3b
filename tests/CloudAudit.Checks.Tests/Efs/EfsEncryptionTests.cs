using CloudAudit.Checks.Framework;
using CloudAudit.Checks.Tests.Support;
using CloudAudit.Inventory.Catalog;

namespace CloudAudit.Checks.Tests.Efs;

public class EfsEncryptionTests
{
    private static string FileSystem(string id, bool encrypted, string state = "available", string region = "eu-west-1") => $$"""
        {"OwnerId": "{{TestAccount.Id}}", "FileSystemId": "{{id}}", "FileSystemArn": "arn:aws:elasticfilesystem:{{region}}:{{TestAccount.Id}}:file-system/{{id}}",
         "LifeCycleState": "{{state}}", "Name": "share-{{id}}", "PerformanceMode": "generalPurpose", "Encrypted": {{(encrypted ? "true" : "false")}}}
        """;

    private static string List(params string[] fileSystems) => $$"""{"FileSystems": [{{string.Join(",", fileSystems)}}]}""";

    [Fact]
    public void A_file_system_examined_and_failed_is_counted_but_not_listed_as_passed()
    {
        var account = new TestAccount("us-east-1", "eu-west-1");
        account.Record.Regional(EfsCalls.DescribeFileSystems, "us-east-1", List(FileSystem("fs-0aaa", true, region: "us-east-1")));
        account.Record.Regional(EfsCalls.DescribeFileSystems, "eu-west-1", List(FileSystem("fs-0bbb", false), FileSystem("fs-0ccc", false, "deleting")));
        var result = account.Run("aws-efs-001");

        Assert.Equal(2, result.ResourcesScanned);
        Assert.Equal(["arn:aws:elasticfilesystem:us-east-1:111122223333:file-system/fs-0aaa"], result.PassedResources);
    }

    [Fact]
    public void Fails_each_unencrypted_file_system_in_every_region()
    {
        var account = new TestAccount("us-east-1", "eu-west-1");
        account.Record.Regional(EfsCalls.DescribeFileSystems, "us-east-1", List(FileSystem("fs-0aaa", true, region: "us-east-1")));
        account.Record.Regional(EfsCalls.DescribeFileSystems, "eu-west-1", List(FileSystem("fs-0bbb", false), FileSystem("fs-0ccc", false, "deleting")));
        var result = account.Run("aws-efs-001");

        var finding = Assert.Single(result.Findings);
        Assert.Equal("arn:aws:elasticfilesystem:eu-west-1:111122223333:file-system/fs-0bbb", finding.ResourceId);
        Assert.Equal("eu-west-1", finding.Region);
        Assert.Equal(2, result.ResourcesScanned);
        Assert.Contains("--argjson metadata '{\"file-system-id\":\"fs-0bbb\",\"newFileSystem\":\"true\",\"Encrypted\":\"true\",\"KmsKeyId\":\"<KMS_KEY_ARN>\","
            + "\"PerformanceMode\":\"generalPurpose\",\"CreationToken\":\"fs-0bbb-encrypted\"}'", finding.Remediation!.Cli);
        Assert.Contains("aws backup start-backup-job --region eu-west-1", finding.Remediation.Cli);
        Assert.Contains("resource \"aws_efs_file_system\" \"fs_0bbb_encrypted\"", finding.Remediation.Terraform);
        Assert.Contains(finding.Compliance, c => c.Version == "3.0" && c.Control == "2.4.1");
        Assert.Contains(finding.Compliance, c => c.Version == "5.0" && c.Control == "2.3.1");
    }

    [Fact]
    public void Passes_when_everything_is_encrypted()
    {
        var account = new TestAccount("eu-west-1").InEveryRegion(EfsCalls.DescribeFileSystems, List(FileSystem("fs-0aaa", true)));
        Assert.Equal(CheckStatus.Pass, account.Run("aws-efs-001").Status);
    }

    [Fact]
    public void A_denied_region_is_not_assessed_and_no_file_system_is_not_applicable()
    {
        var denied = new TestAccount("eu-west-1").Denied(EfsCalls.DescribeFileSystems, "eu-west-1");
        Assert.Equal(CheckStatus.NotAssessed, denied.Run("aws-efs-001").Status);
        var empty = new TestAccount("eu-west-1").InEveryRegion(EfsCalls.DescribeFileSystems, List());
        Assert.Equal(CheckStatus.NotApplicable, empty.Run("aws-efs-001").Status);
    }
}
