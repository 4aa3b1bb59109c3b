using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using CloudAudit.Transport.Models;
using CloudAudit.Transport.Protocols;

namespace CloudAudit.Transport.Tests.Conformance;

/// <summary>Comparisons that ignore what the protocols leave free (key order, whitespace, number spelling).</summary>
internal static class Semantic
{
    public static bool JsonEqual(JsonNode? a, JsonNode? b)
    {
        switch (a, b)
        {
            case (null, null):
                return true;
            case (JsonObject x, JsonObject y):
                return x.Count == y.Count && x.All(p => y.ContainsKey(p.Key) && JsonEqual(p.Value, y[p.Key]));
            case (JsonArray x, JsonArray y):
                return x.Count == y.Count && x.Zip(y).All(p => JsonEqual(p.First, p.Second));
            case (JsonValue x, JsonValue y):
                if (x.GetValueKind() == JsonValueKind.Number && y.GetValueKind() == JsonValueKind.Number)
                    return Number(x) == Number(y);
                return x.ToJsonString() == y.ToJsonString();
            default:
                return false;
        }
    }

    private static decimal Number(JsonValue value) =>
        decimal.Parse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);

    /// <summary>
    /// Our output in the form botocore's expectations use: timestamps as epoch seconds, blobs as the text
    /// they encode. Driven by the shape, so only timestamp and blob members change.
    /// </summary>
    public static JsonNode? AsBotocore(JsonNode? value, ShapeRef? shapeRef)
    {
        if (value is null || shapeRef is null)
            return value?.DeepClone();
        var shape = shapeRef.Target;
        if (shape.IsDocument)
            return value.DeepClone();
        switch (shape.Type)
        {
            case "structure":
                return new JsonObject(value.AsObject().Select(p => KeyValuePair.Create(p.Key, AsBotocore(p.Value, shape.FindMember(p.Key)))));
            case "list":
                return new JsonArray(value.AsArray().Select(v => AsBotocore(v, shape.Member)).ToArray());
            case "map":
                return new JsonObject(value.AsObject().Select(p => KeyValuePair.Create(p.Key, AsBotocore(p.Value, shape.Value))));
            case "timestamp":
                return JsonNode.Parse(Timestamps.EpochText(DateTimeOffset.Parse(value.GetValue<string>(), CultureInfo.InvariantCulture)));
            case "blob":
                return JsonValue.Create(Encoding.UTF8.GetString(Convert.FromBase64String(value.GetValue<string>())));
            default:
                return value.DeepClone();
        }
    }

    public static bool FormEqual(string a, string b) => FormPairs(a).SequenceEqual(FormPairs(b));

    /// <summary>Query strings compare as sorted multisets of decoded pairs (parameter order is free).</summary>
    public static List<string> FormPairs(string text) =>
        text.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => Uri.UnescapeDataString(p.Replace('+', ' ')))
            .Select(p => p.Contains('=', StringComparison.Ordinal) ? p : p + "=")
            .Order(StringComparer.Ordinal)
            .ToList();

    public static bool XmlEqual(string a, string b)
    {
        try
        {
            return XNode.DeepEquals(Normalize(XElement.Parse(a)), Normalize(XElement.Parse(b)));
        }
        catch (System.Xml.XmlException)
        {
            return a == b;
        }
    }

    private static XElement Normalize(XElement element) => new(
        element.Name,
        element.Attributes().OrderBy(a => a.Name.ToString(), StringComparer.Ordinal),
        element.HasElements ? element.Elements().Select(Normalize) : element.Value.Length == 0 ? null : element.Value);
}
