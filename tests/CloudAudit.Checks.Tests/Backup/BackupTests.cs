using CloudAudit.Checks.Framework;
using CloudAudit.Checks.Tests.Support;
using CloudAudit.Inventory.Catalog;

namespace CloudAudit.Checks.Tests.Backup;

public class BackupTests
{
    private static TestAccount Region(TestAccount account, string region, string[] vaults, string[] plans) => account
        .Answer(BackupCalls.ListBackupVaults, region, $$"""{"BackupVaultList": [{{string.Join(",", vaults.Select(v => $"{{\"BackupVaultName\": \"{v}\"}}"))}}]}""")
        .Answer(BackupCalls.ListBackupPlans, region, $$"""{"BackupPlansList": [{{string.Join(",", plans.Select(p => $"{{\"BackupPlanName\": \"{p}\"}}"))}}]}""");

    [Fact]
    public void Regions_without_vaults_or_with_vaults_but_no_plan_fail()
    {
        var account = new TestAccount("us-east-1", "eu-west-1", "eu-central-1");
        Region(account, "us-east-1", ["Default", "prod-vault"], ["daily"]);
        Region(account, "eu-west-1", ["Default"], []);
        Region(account, "eu-central-1", [], []);
        var result = account.Run("aws-backup-001");
        Assert.Equal(3, result.ResourcesScanned);
        Assert.Equal(["AWS Backup has 1 vault(s) in eu-west-1 (Default) but no backup plan schedules anything into them.",
                      "AWS Backup has no vault and no backup plan in eu-central-1."], result.Findings.Select(f => f.Description).ToArray());
        Assert.Equal(Category.Reliability, result.Findings[0].Category);
        Assert.StartsWith("aws backup create-backup-vault --region eu-central-1 --backup-vault-name backups-eu-central-1", result.Findings[1].Remediation!.Cli);
        Assert.Contains("--backup-plan '{\"BackupPlanName\":\"daily-35d\",\"Rules\":[{\"RuleName\":\"daily\",\"TargetBackupVaultName\":\"backups-eu-central-1\",", result.Findings[1].Remediation!.Cli);
        Assert.Contains("jq --arg role arn:aws:iam::111122223333:role/service-role/AWSBackupDefaultServiceRole '", result.Findings[1].Remediation!.Cli);
        Assert.Contains("iam_role_arn = \"arn:aws:iam::111122223333:role/service-role/AWSBackupDefaultServiceRole\"", result.Findings[1].Remediation!.Terraform);
    }

    [Fact]
    public void A_region_with_a_plan_passes()
    {
        var account = Region(new TestAccount("us-east-1"), "us-east-1", ["Default"], ["daily"]);
        Assert.Equal(CheckStatus.Pass, account.Run("aws-backup-001").Status);
    }

    [Fact]
    public void Denied_plans_are_not_assessed_and_an_absent_service_is_not_applicable()
    {
        var denied = new TestAccount("us-east-1").Answer(BackupCalls.ListBackupVaults, "us-east-1", """{"BackupVaultList": []}""").Denied(BackupCalls.ListBackupPlans, "us-east-1");
        Assert.Equal(CheckStatus.NotAssessed, denied.Run("aws-backup-001").Status);
        var absent = new TestAccount("us-east-1").NotOffered(BackupCalls.ListBackupVaults, "us-east-1");
        Assert.Equal(CheckStatus.NotApplicable, absent.Run("aws-backup-001").Status);
    }
}
