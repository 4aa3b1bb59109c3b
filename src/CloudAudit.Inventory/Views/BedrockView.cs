using System.Text.Json.Serialization;
using CloudAudit.Inventory.Catalog;

namespace CloudAudit.Inventory.Views;

public sealed record BedrockCloudWatchConfig([property: JsonPropertyName("logGroupName")] string? LogGroupName);

public sealed record BedrockS3Config([property: JsonPropertyName("bucketName")] string? BucketName);

public sealed record BedrockLoggingConfig(
    [property: JsonPropertyName("cloudWatchConfig")] BedrockCloudWatchConfig? CloudWatchConfig,
    [property: JsonPropertyName("s3Config")] BedrockS3Config? S3Config)
{
    public bool HasDestination => CloudWatchConfig?.LogGroupName is { Length: > 0 } || S3Config?.BucketName is { Length: > 0 };
}

public sealed record GetModelInvocationLoggingConfigurationResponse([property: JsonPropertyName("loggingConfig")] BedrockLoggingConfig? LoggingConfig);

public sealed record GuardrailSummary(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("status")] string? Status);

public sealed record ListGuardrailsResponse([property: JsonPropertyName("guardrails")] List<GuardrailSummary>? Guardrails);

public sealed record AgentSummary(
    [property: JsonPropertyName("agentId")] string AgentId,
    [property: JsonPropertyName("agentName")] string AgentName);

public sealed record ListAgentsResponse([property: JsonPropertyName("agentSummaries")] List<AgentSummary>? AgentSummaries);

public sealed record CloudWatchMetric(string? Namespace, string? MetricName, List<Dimension>? Dimensions);

public sealed record ListMetricsResponse(List<CloudWatchMetric>? Metrics);

/// <summary>Whether Bedrock is used in a region, and what shows it.</summary>
public sealed record BedrockUsage(bool Used, string Evidence);

/// <summary>Amazon Bedrock as checks see it.</summary>
public sealed class BedrockView(AccountData data)
{
    public IEnumerable<RegionRead<GetModelInvocationLoggingConfigurationResponse>> InvocationLogging() =>
        data.InEveryRegion(BedrockCalls.GetModelInvocationLoggingConfiguration, BedrockJson.Default.GetModelInvocationLoggingConfigurationResponse);

    public RegionRead<ListGuardrailsResponse> Guardrails(string region) =>
        data.InRegion(BedrockCalls.ListGuardrails, BedrockJson.Default.ListGuardrailsResponse, region);

    /// <summary>
    /// Bedrock counts as used in a region when models were invoked there in the past two weeks (the
    /// AWS/Bedrock Invocations metric exists) or the region has Bedrock agents. Either signal is
    /// enough; a gap in one with no positive signal from the other is a gap.
    /// </summary>
    public RegionRead<BedrockUsage> Usage(string region)
    {
        var metrics = data.InRegion(BedrockCalls.ListInvocationMetrics, BedrockJson.Default.ListMetricsResponse, region);
        var agents = data.InRegion(BedrockCalls.ListAgents, BedrockJson.Default.ListAgentsResponse, region);
        if (metrics.Value?.Metrics is { Count: > 0 })
            return new(region, new BedrockUsage(true, "model invocations in the past two weeks"), null);
        if (agents.Value?.AgentSummaries is { Count: > 0 } list)
            return new(region, new BedrockUsage(true, $"{list.Count} Bedrock agent(s)"), null);
        if (metrics.Gap is { } gap && !metrics.NotOffered) return new(region, null, gap);
        if (agents.Gap is { } agentGap && !agents.NotOffered) return new(region, null, agentGap);
        if (metrics.NotOffered && agents.NotOffered) return new(region, null, null);
        return new(region, new BedrockUsage(false, "no model invocations in the past two weeks and no agents"), null);
    }
}

[JsonSourceGenerationOptions(PropertyNameCaseInsensitive = false, NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(GetModelInvocationLoggingConfigurationResponse))]
[JsonSerializable(typeof(ListGuardrailsResponse))]
[JsonSerializable(typeof(ListAgentsResponse))]
[JsonSerializable(typeof(ListMetricsResponse))]
internal sealed partial class BedrockJson : JsonSerializerContext;
