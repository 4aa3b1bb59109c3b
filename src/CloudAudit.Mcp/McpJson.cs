using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using CloudAudit.Mcp.Tools;
using ModelContextProtocol;

namespace CloudAudit.Mcp;

/// <summary>The serializer settings of the server: the SDK's own, with our answers' source-generated contracts in front.</summary>
public static class McpJson
{
    public static JsonSerializerOptions Options { get; } = new(McpJsonUtilities.DefaultOptions)
    {
        TypeInfoResolver = JsonTypeInfoResolver.Combine(McpOutputContext.Default, McpJsonUtilities.DefaultOptions.TypeInfoResolver),
        // Every field the output schema declares is present, null or not: clients validate against it.
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public static JsonSerializerOptions Compact { get; } = new(Options) { WriteIndented = false, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static JsonTypeInfo<T> Type<T>() => (JsonTypeInfo<T>)Options.GetTypeInfo(typeof(T));
}

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(ScanSummaryResult))]
[JsonSerializable(typeof(FindingsResult))]
[JsonSerializable(typeof(AttackChainsResult))]
[JsonSerializable(typeof(RemediationResult))]
[JsonSerializable(typeof(HealthScoreResult))]
[JsonSerializable(typeof(CheckListResult))]
[JsonSerializable(typeof(CheckExplanation))]
[JsonSerializable(typeof(BlastRadiusResultView))]
[JsonSerializable(typeof(AgentBlastResultView))]
[JsonSerializable(typeof(FrameworkListResult))]
[JsonSerializable(typeof(ComplianceResult))]
[JsonSerializable(typeof(DiffResult))]
[JsonSerializable(typeof(TrendResult))]
[JsonSerializable(typeof(AdminsResult))]
[JsonSerializable(typeof(WhoCanResult))]
[JsonSerializable(typeof(CanIResult))]
internal sealed partial class McpOutputContext : JsonSerializerContext;
