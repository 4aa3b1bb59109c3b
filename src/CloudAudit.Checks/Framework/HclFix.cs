using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace CloudAudit.Checks.Framework;

/// <summary>Writes JSON documents as HCL for the <c>{slot:json}</c> format of remediation templates.</summary>
internal static partial class HclFix
{
    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_-]*$")]
    private static partial Regex Identifier();

    /// <summary>The value as a JSON object or array, or null when it is not one (then it is rendered as a plain string).</summary>
    public static JsonNode? JsonDocument(string value)
    {
        try
        {
            return JsonNode.Parse(value) is { } node and (JsonObject or JsonArray) ? node : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// A JSON document as a <c>jsonencode({ … })</c> expression: every string a whole HCL string, so a
    /// <c>&lt;PLACEHOLDER&gt;</c> value stays one the user can see and replace. Lines after the first are indented
    /// by <paramref name="indent"/>, the indentation of the attribute the slot is on.
    /// </summary>
    public static string JsonEncode(JsonNode document, string indent)
    {
        var text = new StringBuilder("jsonencode(");
        Write(text, document, indent);
        return text.Append(')').ToString();
    }

    private static void Write(StringBuilder text, JsonNode? node, string indent)
    {
        switch (node)
        {
            case null:
                text.Append("null");
                break;
            case JsonObject obj:
                if (obj.Count == 0)
                {
                    text.Append("{}");
                    break;
                }
                text.Append("{\n");
                foreach (var (key, value) in obj)
                {
                    text.Append(indent).Append("  ").Append(Identifier().IsMatch(key) ? key : TemplateRenderer.HclString(key)).Append(" = ");
                    Write(text, value, indent + "  ");
                    text.Append('\n');
                }
                text.Append(indent).Append('}');
                break;
            case JsonArray array:
                if (array.Count == 0)
                {
                    text.Append("[]");
                    break;
                }
                text.Append("[\n");
                foreach (var item in array)
                {
                    text.Append(indent).Append("  ");
                    Write(text, item, indent + "  ");
                    text.Append(",\n");
                }
                text.Append(indent).Append(']');
                break;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                text.Append(TemplateRenderer.HclString(value.GetValue<string>()));
                break;
            default:
                // Numbers, true and false are written as JSON writes them, which HCL reads the same.
                text.Append(node.ToJsonString());
                break;
        }
    }
}
