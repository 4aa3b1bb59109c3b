namespace CloudAudit.Inventory.Catalog;

/// <summary>AWS Backup reads, once per scanned region.</summary>
public static class BackupCalls
{
    public static readonly ApiCall ListBackupVaults = ApiCall.Regional("backup", "ListBackupVaults");
    public static readonly ApiCall ListBackupPlans = ApiCall.Regional("backup", "ListBackupPlans");
}
