using System.Text.Json.Serialization;
using CloudAudit.Inventory.Catalog;

namespace CloudAudit.Inventory.Views;

public sealed record AlternateContact(string? AlternateContactType, string? Name, string? Title, string? EmailAddress, string? PhoneNumber);

/// <summary>An alternate contact; null AlternateContact when none is registered (ResourceNotFoundException).</summary>
public sealed record GetAlternateContactResponse(AlternateContact? AlternateContact);

public sealed record AnalyzerStatusReason([property: JsonPropertyName("code")] string? Code);

public sealed record AnalyzerSummary(
    [property: JsonPropertyName("arn")] string Arn,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("status")] string? Status,
    [property: JsonPropertyName("statusReason")] AnalyzerStatusReason? StatusReason)
{
    /// <summary>An external-access analyzer (ACCOUNT or ORGANIZATION); unused- and internal-access analyzers are other features.</summary>
    public bool ExternalAccess => Type is "ACCOUNT" or "ORGANIZATION";
    public bool Active => Status == "ACTIVE";
}

public sealed record ListAnalyzersResponse([property: JsonPropertyName("analyzers")] List<AnalyzerSummary>? Analyzers);

/// <summary>Account settings (the Account Management API) and IAM Access Analyzer as checks see them.</summary>
public sealed class AccountView(AccountData data)
{
    public Observed<GetAlternateContactResponse> SecurityContact() =>
        NotFoundAnswer.Read(data.Global(AccountCalls.GetSecurityContact), AccountJson.Default.GetAlternateContactResponse,
            new GetAlternateContactResponse(null), "ResourceNotFoundException");

    public Observed<ListAnalyzersResponse> Analyzers(string region) =>
        ViewJson.Read(data.InRegion(AccountCalls.ListAnalyzers, region), AccountJson.Default.ListAnalyzersResponse);
}

[JsonSourceGenerationOptions(PropertyNameCaseInsensitive = false, NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(GetAlternateContactResponse))]
[JsonSerializable(typeof(ListAnalyzersResponse))]
internal sealed partial class AccountJson : JsonSerializerContext;
