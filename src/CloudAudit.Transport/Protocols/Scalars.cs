using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CloudAudit.Transport.Models;

namespace CloudAudit.Transport.Protocols;

/// <summary>Conversions between JSON input/output values and the text forms scalars take on the wire.</summary>
internal static class Scalars
{
    /// <summary>A scalar input value as text (query strings, headers, URI labels, XML).</summary>
    public static string ToText(JsonNode value, Shape shape, string? timestampFormat, string defaultTimestampFormat)
    {
        switch (shape.Type)
        {
            case "timestamp":
                return Timestamps.Format(Timestamps.Parse(value), timestampFormat ?? defaultTimestampFormat);
            case "blob":
                return Convert.ToBase64String(BlobBytes(value));
            case "boolean":
                return value.GetValue<bool>() ? "true" : "false";
        }
        var json = value.AsValue();
        return json.GetValueKind() == JsonValueKind.String ? json.GetValue<string>() : json.ToJsonString();
    }

    /// <summary>Blob input: a string is taken as its UTF-8 text (as botocore does).</summary>
    public static byte[] BlobBytes(JsonNode value) => Encoding.UTF8.GetBytes(value.GetValue<string>());

    /// <summary>A scalar from wire text into its output JSON form.</summary>
    public static JsonNode? FromText(string text, Shape shape) => shape.Type switch
    {
        "boolean" => JsonValue.Create(text.Trim().Equals("true", StringComparison.OrdinalIgnoreCase)),
        "integer" or "long" or "short" or "byte" => JsonValue.Create(long.Parse(text.Trim(), CultureInfo.InvariantCulture)),
        "float" or "double" => FloatValue(text.Trim()),
        "timestamp" => JsonValue.Create(Timestamps.ToOutput(Timestamps.Parse(text))),
        _ => JsonValue.Create(text),
    };

    /// <summary>NaN and infinities have no JSON number form; they stay strings, as AWS JSON protocols send them.</summary>
    public static JsonNode FloatValue(string text)
    {
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || !double.IsFinite(number))
            return JsonValue.Create(text);
        return decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var exact)
            ? JsonValue.Create(exact)
            : JsonValue.Create(number);
    }
}
