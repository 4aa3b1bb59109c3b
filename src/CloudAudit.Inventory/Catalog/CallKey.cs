using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CloudAudit.Inventory.Catalog;

/// <summary>Identity of one concrete API request; two requests with the same key are one call.</summary>
public readonly record struct CallKey(string Region, string Service, string Operation, string CanonicalParams)
{
    public static CallKey Of(string region, string service, string operation, JsonObject? parameters) =>
        new(region, service, operation, Canonical(parameters));

    /// <summary>Parameters as compact JSON with object keys sorted, so equal requests compare equal.</summary>
    public static string Canonical(JsonNode? node)
    {
        if (node is null || node is JsonObject { Count: 0 })
            return "";
        var buffer = new StringBuilder();
        Write(node, buffer);
        return buffer.ToString();
    }

    private static void Write(JsonNode? node, StringBuilder buffer)
    {
        switch (node)
        {
            case null:
                buffer.Append("null");
                break;
            case JsonObject obj:
                buffer.Append('{');
                var first = true;
                foreach (var (name, value) in obj.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    if (!first) buffer.Append(',');
                    first = false;
                    buffer.Append(JsonSerializer.Serialize(name, StringJson.Default.String)).Append(':');
                    Write(value, buffer);
                }
                buffer.Append('}');
                break;
            case JsonArray array:
                buffer.Append('[');
                for (var i = 0; i < array.Count; i++)
                {
                    if (i > 0) buffer.Append(',');
                    Write(array[i], buffer);
                }
                buffer.Append(']');
                break;
            default:
                buffer.Append(node.ToJsonString());
                break;
        }
    }

    public override string ToString() =>
        CanonicalParams.Length == 0 ? $"{Region}/{Service}:{Operation}" : $"{Region}/{Service}:{Operation} {CanonicalParams}";
}

[System.Text.Json.Serialization.JsonSerializable(typeof(string))]
internal sealed partial class StringJson : System.Text.Json.Serialization.JsonSerializerContext;
