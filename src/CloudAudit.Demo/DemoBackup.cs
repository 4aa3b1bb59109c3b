using CloudAudit.Inventory.Catalog;

namespace CloudAudit.Demo;

/// <summary>Production backs up us-east-1 on a schedule; Dublin has only the Default vault, Frankfurt nothing. Development has no backups.</summary>
internal sealed class DemoBackup : IDemoPart
{
    public void Production(DemoRecorder a, DemoClock clock)
    {
        var id = a.AccountId;
        foreach (var region in a.Regions)
        {
            var vaults = region switch
            {
                "us-east-1" => [Vault(id, region, "Default", 12, clock), Vault(id, region, "northwind-prod-vault", 2140, clock)],
                "eu-west-1" => new[] { Vault(id, region, "Default", 3, clock) },
                _ => [],
            };
            a.Regional(BackupCalls.ListBackupVaults, region, $$"""{"BackupVaultList": [{{string.Join(",", vaults)}}]}""");
            var plans = region != "us-east-1" ? "" : $$"""
                {"BackupPlanArn": "arn:aws:backup:{{region}}:{{id}}:backup-plan:7c2d9e4a-1b3f-4c5d-8e6f-0a1b2c3d4e5f", "BackupPlanId": "7c2d9e4a-1b3f-4c5d-8e6f-0a1b2c3d4e5f",
                 "BackupPlanName": "northwind-daily", "VersionId": "NjI0YjE5ZDgtMmQ4Yi00", "CreationDate": "{{clock.DaysAgo(500)}}", "LastExecutionDate": "{{clock.DaysAgo(0.4)}}"}
                """;
            a.Regional(BackupCalls.ListBackupPlans, region, $$"""{"BackupPlansList": [{{plans}}]}""");
        }
    }

    public void Development(DemoRecorder a, DemoClock clock)
    {
        foreach (var region in a.Regions)
        {
            a.Regional(BackupCalls.ListBackupVaults, region, """{"BackupVaultList": []}""");
            a.Regional(BackupCalls.ListBackupPlans, region, """{"BackupPlansList": []}""");
        }
    }

    private static string Vault(string account, string region, string name, int points, DemoClock clock) => $$"""
        {"BackupVaultName": "{{name}}", "BackupVaultArn": "arn:aws:backup:{{region}}:{{account}}:backup-vault:{{name}}", "VaultType": "BACKUP_VAULT",
         "VaultState": "AVAILABLE", "CreationDate": "{{clock.DaysAgo(600)}}", "EncryptionKeyArn": "arn:aws:kms:{{region}}:{{account}}:key/3c4d5e6f-7a8b-4c9d-0e1f-2a3b4c5d6e7f",
         "NumberOfRecoveryPoints": {{points}}, "Locked": false}
        """;
}
