using CloudAudit.Inventory.Catalog;

namespace CloudAudit.Demo;

/// <summary>
/// Production backs up us-east-1 on a schedule; Dublin has only the Default vault, Frankfurt nothing.
/// Development has no backups. The security account has a vault and a plan in every region.
/// </summary>
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
            var plans = region != "us-east-1" ? "" : Plan(id, region, "7c2d9e4a-1b3f-4c5d-8e6f-0a1b2c3d4e5f", "northwind-daily", 500, lastRunDaysAgo: 0.4, clock);
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

    /// <summary>
    /// The security account's baseline plan is deployed to every region; only us-east-1 has resources
    /// to protect (the trail and access-log buckets), so only there has it run.
    /// </summary>
    public void Security(DemoRecorder a, DemoClock clock)
    {
        var id = a.AccountId;
        var plans = new Dictionary<string, string>
        {
            ["us-east-1"] = "2e4f6a8c-0b1d-4e3f-9a5b-7c9d1e3f5a7b",
            ["eu-west-1"] = "5a7c9e1b-3d5f-4a7c-8e9b-1d3f5a7c9e1b",
            ["eu-central-1"] = "8d0f2a4c-6e8b-4d0f-a2c4-6e8a0c2e4f6a",
        };
        foreach (var region in a.Regions)
        {
            var home = region == "us-east-1";
            a.Regional(BackupCalls.ListBackupVaults, region,
                $$"""{"BackupVaultList": [{{Vault(id, region, "northwind-security-vault", home ? 35 : 0, clock, locked: true)}}]}""");
            a.Regional(BackupCalls.ListBackupPlans, region,
                $$"""{"BackupPlansList": [{{Plan(id, region, plans[region], "northwind-security-baseline", 700, home ? 0.3 : null, clock)}}]}""");
        }
    }

    private static string Plan(string account, string region, string planId, string name, double createdDaysAgo, double? lastRunDaysAgo, DemoClock clock)
    {
        var lastRun = lastRunDaysAgo is { } days ? $", \"LastExecutionDate\": \"{clock.DaysAgo(days)}\"" : "";
        return $$"""
            {"BackupPlanArn": "arn:aws:backup:{{region}}:{{account}}:backup-plan:{{planId}}", "BackupPlanId": "{{planId}}",
             "BackupPlanName": "{{name}}", "VersionId": "NjI0YjE5ZDgtMmQ4Yi00", "CreationDate": "{{clock.DaysAgo(createdDaysAgo)}}"{{lastRun}}}
            """;
    }

    /// <summary>A vault; a locked one (Vault Lock in compliance mode, past its grace time) keeps recovery points within its retention bounds.</summary>
    private static string Vault(string account, string region, string name, int points, DemoClock clock, bool locked = false)
    {
        var lockState = locked ? $"true, \"MinRetentionDays\": 35, \"MaxRetentionDays\": 2555, \"LockDate\": \"{clock.DaysAgo(590)}\"" : "false";
        return $$"""
            {"BackupVaultName": "{{name}}", "BackupVaultArn": "arn:aws:backup:{{region}}:{{account}}:backup-vault:{{name}}", "VaultType": "BACKUP_VAULT",
             "VaultState": "AVAILABLE", "CreationDate": "{{clock.DaysAgo(600)}}", "EncryptionKeyArn": "arn:aws:kms:{{region}}:{{account}}:key/3c4d5e6f-7a8b-4c9d-0e1f-2a3b4c5d6e7f",
             "NumberOfRecoveryPoints": {{points}}, "Locked": {{lockState}}}
            """;
    }
}
