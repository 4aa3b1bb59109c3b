using System.Text.Json.Serialization;
using CloudAudit.Inventory.Catalog;
using static CloudAudit.Inventory.Catalog.JsonParams;

namespace CloudAudit.Inventory.Views;

public sealed record KeyListEntry(string KeyId, string? KeyArn)
{
    /// <summary>How the catalog addresses the key in DescribeKey.</summary>
    public string Reference => KeyArn ?? KeyId;
}

public sealed record ListKeysResponse(List<KeyListEntry>? Keys);

public sealed record MultiRegionKey(string? Arn, string? Region);
public sealed record MultiRegionConfiguration(string? MultiRegionKeyType, MultiRegionKey? PrimaryKey);

public sealed record KeyMetadata(
    string KeyId,
    string? Arn,
    string? AWSAccountId,
    string? Description,
    string? KeyManager,
    string? KeySpec,
    string? CustomerMasterKeySpec,
    string? KeyUsage,
    string? KeyState,
    string? Origin,
    bool? MultiRegion,
    MultiRegionConfiguration? MultiRegionConfiguration,
    string? CreationDate,
    string? DeletionDate)
{
    public bool CanRotateAutomatically =>
        KmsCalls.CanRotateAutomatically(KeyManager, KeySpec ?? CustomerMasterKeySpec, KeyState, Origin);

    /// <summary>A multi-Region replica: its rotation follows the primary key's.</summary>
    public bool IsReplica => MultiRegionConfiguration?.MultiRegionKeyType == "REPLICA";
}

public sealed record DescribeKeyResponse(KeyMetadata KeyMetadata);

public sealed record KeyRotationStatus(bool? KeyRotationEnabled, int? RotationPeriodInDays, string? NextRotationDate);

/// <summary>KMS as checks see it.</summary>
public sealed class KmsView(AccountData data)
{
    public Gathered<Located<KeyListEntry>> Keys() =>
        RegionalListing.Gather(data, KmsCalls.ListKeys, KmsJson.Default.ListKeysResponse, r => r.Keys);

    public Observed<DescribeKeyResponse> Describe(Located<KeyListEntry> key) =>
        ViewJson.Read(data.ForTarget(KmsCalls.DescribeKey, Target(key.Region, ("KeyId", key.Resource.Reference))),
            KmsJson.Default.DescribeKeyResponse);

    public Observed<KeyRotationStatus> RotationStatus(string region, string keyArn) =>
        ViewJson.Read(data.ForTarget(KmsCalls.GetKeyRotationStatus, Target(region, ("KeyId", keyArn))),
            KmsJson.Default.KeyRotationStatus);
}

[JsonSourceGenerationOptions(PropertyNameCaseInsensitive = false, NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(ListKeysResponse))]
[JsonSerializable(typeof(DescribeKeyResponse))]
[JsonSerializable(typeof(KeyRotationStatus))]
internal sealed partial class KmsJson : JsonSerializerContext;
