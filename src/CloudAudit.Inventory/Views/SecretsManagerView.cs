using System.Text.Json.Serialization;
using CloudAudit.Inventory.Catalog;

namespace CloudAudit.Inventory.Views;

public sealed record RotationRules(long? AutomaticallyAfterDays, string? ScheduleExpression);

public sealed record SecretListEntry(string ARN, string Name, bool? RotationEnabled, RotationRules? RotationRules,
    string? LastRotatedDate, string? LastAccessedDate, string? LastChangedDate, string? CreatedDate,
    string? OwningService, string? PrimaryRegion, string? DeletedDate);

public sealed record ListSecretsResponse(List<SecretListEntry>? SecretList);

/// <summary>Secrets Manager as checks see it (metadata only).</summary>
public sealed class SecretsManagerView(AccountData data)
{
    public RegionalList<SecretListEntry> Secrets() =>
        data.ListInEveryRegion(SecretsManagerCalls.ListSecrets, SecretsManagerJson.Default.ListSecretsResponse, r => r.SecretList);
}

[JsonSourceGenerationOptions(PropertyNameCaseInsensitive = false, NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(ListSecretsResponse))]
internal sealed partial class SecretsManagerJson : JsonSerializerContext;
