using System.Text.Json.Serialization;
using CloudAudit.Inventory.Catalog;
using static CloudAudit.Inventory.Catalog.JsonParams;

namespace CloudAudit.Inventory.Views;

public sealed record LambdaEnvironment(Dictionary<string, string>? Variables);

public sealed record LambdaFunction(string FunctionName, string FunctionArn, string? Runtime, string? PackageType,
    LambdaEnvironment? Environment, string? KMSKeyArn, string? LastModified)
{
    /// <summary>The execution role.</summary>
    public string? Role { get; init; }
}

public sealed record ListFunctionsResponse(List<LambdaFunction>? Functions);

public sealed record FunctionUrlConfig(string FunctionUrl, string FunctionArn, string AuthType)
{
    /// <summary>When the URL was created (ISO 8601, as ListFunctionUrlConfigs gives it): it decides which permissions a call needs.</summary>
    public string? CreationTime { get; init; }
}

public sealed record ListFunctionUrlConfigsResponse(List<FunctionUrlConfig>? FunctionUrlConfigs);

/// <summary>Lambda as checks see it.</summary>
public sealed class LambdaView(AccountData data)
{
    public RegionalList<LambdaFunction> Functions() =>
        data.ListInEveryRegion(LambdaCalls.ListFunctions, LambdaJson.Default.ListFunctionsResponse, r => r.Functions);

    /// <summary>A function's URLs; a function deleted since it was listed has none.</summary>
    public Observed<ListFunctionUrlConfigsResponse> UrlConfigs(Located<LambdaFunction> function)
    {
        var result = data.ForTarget(LambdaCalls.ListFunctionUrlConfigs, Target(function.Region, ("FunctionName", function.Resource.FunctionName)));
        return result.Gap?.Code == "ResourceNotFoundException"
            ? Observed<ListFunctionUrlConfigsResponse>.Of(new([]))
            : ViewJson.Read(result, LambdaJson.Default.ListFunctionUrlConfigsResponse);
    }
}

[JsonSourceGenerationOptions(PropertyNameCaseInsensitive = false, NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(ListFunctionsResponse))]
[JsonSerializable(typeof(ListFunctionUrlConfigsResponse))]
internal sealed partial class LambdaJson : JsonSerializerContext;
