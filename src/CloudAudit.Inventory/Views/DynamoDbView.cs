using System.Text.Json.Serialization;
using CloudAudit.Inventory.Catalog;
using static CloudAudit.Inventory.Catalog.JsonParams;

namespace CloudAudit.Inventory.Views;

public sealed record ListTablesResponse(List<string>? TableNames);

public sealed record SseDescription(string? Status, string? SSEType, string? KMSMasterKeyArn, string? InaccessibleEncryptionDateTime);

public sealed record BillingModeSummary(string? BillingMode);

public sealed record GlobalSecondaryIndex(string IndexName, string? IndexStatus);

public sealed record TableDescription(string TableName, string TableArn, string? TableStatus, SseDescription? SSEDescription,
    BillingModeSummary? BillingModeSummary, List<GlobalSecondaryIndex>? GlobalSecondaryIndexes)
{
    /// <summary>Tables created before on-demand existed have no BillingModeSummary: they are provisioned.</summary>
    public bool Provisioned => BillingModeSummary?.BillingMode is null or "PROVISIONED";
}

public sealed record DescribeTableResponse(TableDescription? Table);

public sealed record PointInTimeRecoveryDescription(string? PointInTimeRecoveryStatus, int? RecoveryPeriodInDays);

public sealed record ContinuousBackupsDescription(string? ContinuousBackupsStatus, PointInTimeRecoveryDescription? PointInTimeRecoveryDescription);

public sealed record DescribeContinuousBackupsResponse(ContinuousBackupsDescription? ContinuousBackupsDescription);

public sealed record ScalableTarget(string ServiceNamespace, string ResourceId, string ScalableDimension, int? MinCapacity, int? MaxCapacity);

public sealed record DescribeScalableTargetsResponse(List<ScalableTarget>? ScalableTargets);

/// <summary>DynamoDB (and its Application Auto Scaling targets) as checks see it.</summary>
public sealed class DynamoDbView(AccountData data)
{
    public RegionalList<TableDescription> Tables() =>
        data.ListInEveryRegion(DynamoDbCalls.ListTables, DynamoDbJson.Default.ListTablesResponse, r => r.TableNames)
            .Detail(name => ViewJson.Read(data.ForTarget(DynamoDbCalls.DescribeTable, Target(name.Region, ("TableName", name.Resource))),
                DynamoDbJson.Default.DescribeTableResponse), response => response.Table);

    public Observed<DescribeContinuousBackupsResponse> ContinuousBackups(Located<TableDescription> table) =>
        ViewJson.Read(data.ForTarget(DynamoDbCalls.DescribeContinuousBackups, Target(table.Region, ("TableName", table.Resource.TableName))),
            DynamoDbJson.Default.DescribeContinuousBackupsResponse);

    public RegionRead<DescribeScalableTargetsResponse> ScalableTargets(string region) =>
        data.InRegion(DynamoDbCalls.DescribeScalableTargets, DynamoDbJson.Default.DescribeScalableTargetsResponse, region);
}

[JsonSourceGenerationOptions(PropertyNameCaseInsensitive = false, NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(ListTablesResponse))]
[JsonSerializable(typeof(DescribeTableResponse))]
[JsonSerializable(typeof(DescribeContinuousBackupsResponse))]
[JsonSerializable(typeof(DescribeScalableTargetsResponse))]
internal sealed partial class DynamoDbJson : JsonSerializerContext;
