using System.Text.Json.Serialization;
using CloudAudit.Inventory.Catalog;

namespace CloudAudit.Inventory.Views;

public sealed record InspectorState([property: JsonPropertyName("status")] string? Status);

public sealed record InspectorResourceState(
    [property: JsonPropertyName("ec2")] InspectorState? Ec2,
    [property: JsonPropertyName("ecr")] InspectorState? Ecr,
    [property: JsonPropertyName("lambda")] InspectorState? Lambda);

public sealed record InspectorAccountState(
    [property: JsonPropertyName("accountId")] string AccountId,
    [property: JsonPropertyName("state")] InspectorState? State,
    [property: JsonPropertyName("resourceState")] InspectorResourceState? ResourceState)
{
    /// <summary>The scan types (EC2, ECR, LAMBDA) that are not ENABLED.</summary>
    public IEnumerable<string> DisabledScanTypes()
    {
        if (ResourceState?.Ec2?.Status != "ENABLED") yield return "EC2";
        if (ResourceState?.Ecr?.Status != "ENABLED") yield return "ECR";
        if (ResourceState?.Lambda?.Status != "ENABLED") yield return "LAMBDA";
    }
}

public sealed record InspectorFailedAccount(
    [property: JsonPropertyName("accountId")] string AccountId,
    [property: JsonPropertyName("errorCode")] string? ErrorCode,
    [property: JsonPropertyName("errorMessage")] string? ErrorMessage);

public sealed record BatchGetAccountStatusResponse(
    [property: JsonPropertyName("accounts")] List<InspectorAccountState>? Accounts,
    [property: JsonPropertyName("failedAccounts")] List<InspectorFailedAccount>? FailedAccounts);

/// <summary>Amazon Inspector as checks see it.</summary>
public sealed class InspectorView(AccountData data)
{
    public IEnumerable<RegionRead<BatchGetAccountStatusResponse>> AccountStatus() =>
        data.InEveryRegion(InspectorCalls.BatchGetAccountStatus, InspectorJson.Default.BatchGetAccountStatusResponse);
}

[JsonSourceGenerationOptions(PropertyNameCaseInsensitive = false, NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(BatchGetAccountStatusResponse))]
internal sealed partial class InspectorJson : JsonSerializerContext;
