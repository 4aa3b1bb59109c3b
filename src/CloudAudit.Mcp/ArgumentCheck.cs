using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace CloudAudit.Mcp;

/// <summary>
/// Checks a call before the tool runs: an unknown tool is a protocol error naming the tools; an unknown, missing or
/// mistyped argument is a tool error naming the tool's parameters, and so is input the tool refuses (an unknown
/// check ID, no credentials). The server keeps running either way.
/// </summary>
public static class ArgumentCheck
{
    public static McpRequestFilter<CallToolRequestParams, CallToolResult> Filter(McpServerPrimitiveCollection<McpServerTool> tools) =>
        next => async (context, cancel) =>
        {
            var name = context.Params?.Name ?? "";
            if (!tools.TryGetPrimitive(name, out var tool))
                throw new McpProtocolException($"unknown tool '{name}'; tools: {string.Join(", ", tools.PrimitiveNames)}", McpErrorCode.InvalidParams);
            var problems = Problems(tool.ProtocolTool.InputSchema, context.Params?.Arguments);
            if (problems.Count > 0)
                return ToolResults.Error($"{name}: {string.Join("; ", problems)}. Parameters: {Describe(tool.ProtocolTool.InputSchema)}");
            try
            {
                return await next(context, cancel).ConfigureAwait(false);
            }
            catch (ToolInputException e)
            {
                return ToolResults.Error(e.Message);
            }
        };

    public static IReadOnlyList<string> Problems(JsonElement schema, IDictionary<string, JsonElement>? arguments)
    {
        arguments ??= new Dictionary<string, JsonElement>();
        var problems = new List<string>();
        var properties = schema.TryGetProperty("properties", out var p) ? p : default;
        foreach (var argument in arguments.Keys.Where(k => properties.ValueKind != JsonValueKind.Object || !properties.TryGetProperty(k, out _)))
            problems.Add($"unknown argument '{argument}'");
        if (schema.TryGetProperty("required", out var required))
            foreach (var missing in required.EnumerateArray().Select(r => r.GetString()!).Where(r => !arguments.ContainsKey(r)))
                problems.Add($"missing required argument '{missing}'");
        if (properties.ValueKind == JsonValueKind.Object)
            foreach (var (key, value) in arguments)
            {
                if (!properties.TryGetProperty(key, out var property)) continue;
                var evaluation = JsonSchema.FromText(property.GetRawText()).Evaluate(value);
                if (!evaluation.IsValid)
                    problems.Add($"argument '{key}' must be {TypeOf(property)} (got {Kind(value)})");
            }
        return problems;
    }

    /// <summary>"severity (string), limit (integer) …", required ones marked.</summary>
    public static string Describe(JsonElement schema)
    {
        if (!schema.TryGetProperty("properties", out var properties) || properties.EnumerateObject().Count() == 0) return "none";
        var required = schema.TryGetProperty("required", out var r) ? r.EnumerateArray().Select(e => e.GetString()).ToHashSet() : [];
        return string.Join(", ", properties.EnumerateObject().Select(p => $"{p.Name} ({TypeOf(p.Value)}{(required.Contains(p.Name) ? ", required" : "")})"));
    }

    private static string TypeOf(JsonElement property)
    {
        var type = !property.TryGetProperty("type", out var declared) ? "any"
            : declared.ValueKind == JsonValueKind.Array ? string.Join(" or ", declared.EnumerateArray().Select(t => t.GetString()))
            : declared.GetString() ?? "any";
        // A map such as can_i's context: say what its values must be.
        return property.TryGetProperty("additionalProperties", out var values) && values.ValueKind == JsonValueKind.Object
            ? $"{type} whose values are {TypeOf(values)}" : type;
    }

    private static string Kind(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        JsonValueKind.Array => "an array",
        _ => "an object",
    };
}
