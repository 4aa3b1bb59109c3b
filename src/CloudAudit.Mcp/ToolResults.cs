using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using ModelContextProtocol.Protocol;

namespace CloudAudit.Mcp;

/// <summary>
/// A tool's answer: a short summary for the reader, the same data as structured content (checked against the tool's
/// output schema by clients), and that JSON again as text for clients that read only text content.
/// </summary>
public static class ToolResults
{
    public static CallToolResult Of<T>(T value, JsonTypeInfo<T> type, string summary)
    {
        var json = JsonSerializer.SerializeToElement(value, type);
        return new CallToolResult
        {
            Content =
            [
                new TextContentBlock { Text = summary },
                new TextContentBlock { Text = JsonSerializer.Serialize(json, McpJson.Compact) },
            ],
            StructuredContent = json,
        };
    }

    /// <summary>A JSON document another layer wrote (diff, trend), as it wrote it.</summary>
    public static CallToolResult Of(JsonObject value, string summary)
    {
        var json = JsonSerializer.SerializeToElement(value, McpJson.Compact);
        return new CallToolResult
        {
            Content =
            [
                new TextContentBlock { Text = summary },
                new TextContentBlock { Text = value.ToJsonString(McpJson.Compact) },
            ],
            StructuredContent = json,
        };
    }

    /// <summary>A tool error the assistant can act on: the cause, and what to do instead.</summary>
    public static CallToolResult Error(string message) => new()
    {
        IsError = true,
        Content = [new TextContentBlock { Text = message }],
    };
}
