using System.Text.Json.Serialization;
using CloudAudit.Inventory.Catalog;

namespace CloudAudit.Inventory.Views;

public sealed record BackupVault(string BackupVaultName, string? BackupVaultArn, string? VaultType, long? NumberOfRecoveryPoints);

public sealed record ListBackupVaultsResponse(List<BackupVault>? BackupVaultList);

public sealed record BackupPlanSummary(string BackupPlanName, string? BackupPlanArn, string? BackupPlanId, string? LastExecutionDate);

public sealed record ListBackupPlansResponse(List<BackupPlanSummary>? BackupPlansList);

/// <summary>AWS Backup as checks see it.</summary>
public sealed class BackupView(AccountData data)
{
    public IEnumerable<RegionRead<ListBackupVaultsResponse>> Vaults() =>
        data.InEveryRegion(BackupCalls.ListBackupVaults, BackupJson.Default.ListBackupVaultsResponse);

    public RegionRead<ListBackupPlansResponse> Plans(string region) =>
        data.InRegion(BackupCalls.ListBackupPlans, BackupJson.Default.ListBackupPlansResponse, region);
}

[JsonSourceGenerationOptions(PropertyNameCaseInsensitive = false, NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(ListBackupVaultsResponse))]
[JsonSerializable(typeof(ListBackupPlansResponse))]
internal sealed partial class BackupJson : JsonSerializerContext;
