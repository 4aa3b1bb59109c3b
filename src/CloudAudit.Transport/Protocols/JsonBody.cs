using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CloudAudit.Transport.Models;

namespace CloudAudit.Transport.Protocols;

/// <summary>JSON bodies of the json and rest-json protocols, to the wire and back to output form.</summary>
internal static class JsonBody
{
    public static JsonObject SerializeStructure(JsonObject input, Shape shape, Func<ShapeRef, bool> inBody)
    {
        var body = new JsonObject();
        foreach (var (name, value) in input)
        {
            var member = shape.RequireMember(name);
            if (value is not null && inBody(member))
                body[member.WireName] = Serialize(value, member);
        }
        return body;
    }

    public static JsonNode? Serialize(JsonNode? value, ShapeRef shapeRef)
    {
        if (value is null)
            return null;
        var shape = shapeRef.Target;
        if (shape.IsDocument)
            return value.DeepClone();
        return shape.Type switch
        {
            "structure" => SerializeStructure(value.AsObject(), shape, _ => true),
            "list" => new JsonArray(value.AsArray().Select(item => Serialize(item, shape.Member!)).ToArray()),
            "map" => new JsonObject(value.AsObject().Select(p => KeyValuePair.Create(p.Key, Serialize(p.Value, shape.Value!)))),
            "timestamp" => TimestampNode(Timestamps.Parse(value), shapeRef.TimestampFormat ?? Timestamps.UnixTimestamp),
            "blob" => JsonValue.Create(Convert.ToBase64String(Scalars.BlobBytes(value))),
            _ => value.DeepClone(),
        };
    }

    private static JsonNode TimestampNode(DateTimeOffset value, string format) =>
        format == Timestamps.UnixTimestamp
            ? JsonNode.Parse(Timestamps.EpochText(value))!
            : JsonValue.Create(Timestamps.Format(value, format));

    public static byte[] ToBytes(JsonNode node) => Encoding.UTF8.GetBytes(node.ToJsonString());

    public static JsonNode? ParseBytes(byte[] body)
    {
        if (body.Length == 0 || body.All(b => b is (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t'))
            return null;
        return JsonNode.Parse(body);
    }

    /// <summary>
    /// A response body as one parsed value (null for an empty body), read once: the output is built from it directly,
    /// and its scalars stay views of it rather than copies, so a page is not held in memory twice.
    /// </summary>
    /// <exception cref="JsonException">The body is not one JSON value.</exception>
    public static JsonElement? ParseElement(byte[] body)
    {
        if (body.Length == 0 || body.All(b => b is (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t'))
            return null;
        var reader = new Utf8JsonReader(body);
        var value = JsonElement.ParseValue(ref reader);
        // Anything but whitespace after the value makes Read throw; a clean end returns false.
        if (reader.Read())
            throw new JsonException("more than one JSON value in the response body");
        return value;
    }

    /// <summary>A wire value into output form: member names from the model, timestamps ISO 8601, blobs base64.</summary>
    public static JsonNode? Parse(JsonElement wire, ShapeRef shapeRef)
    {
        if (wire.ValueKind == JsonValueKind.Null)
            return null;
        var shape = shapeRef.Target;
        if (shape.IsDocument)
            return Node(wire);
        switch (shape.Type)
        {
            case "structure":
                return ParseStructure(wire, shape, _ => true);
            case "list":
                var list = new JsonArray();
                foreach (var item in wire.EnumerateArray())
                    list.Add(Parse(item, shape.Member!));
                return list;
            case "map":
                // Null map values are dropped unless the map is sparse.
                var map = new JsonObject();
                foreach (var entry in wire.EnumerateObject())
                    if (entry.Value.ValueKind != JsonValueKind.Null || shape.IsSparse)
                        map[entry.Name] = Parse(entry.Value, shape.Value!);
                return map;
            case "timestamp":
                return JsonValue.Create(Timestamps.ToOutput(Timestamps.Parse(wire)));
            case "float" or "double":
                return wire.ValueKind == JsonValueKind.String ? Scalars.FloatValue(wire.GetString()!) : Node(wire);
            default:
                return Node(wire);
        }
    }

    /// <exception cref="InvalidOperationException">The wire value is not an object.</exception>
    public static JsonObject ParseStructure(JsonElement wire, Shape shape, Func<ShapeRef, bool> inBody)
    {
        if (wire.ValueKind != JsonValueKind.Object)
            throw new InvalidOperationException($"expected an object for {shape.Name}, found {wire.ValueKind}");
        var output = new JsonObject();
        foreach (var member in shape.Members)
        {
            if (!inBody(member) || !wire.TryGetProperty(member.WireName, out var value) || value.ValueKind == JsonValueKind.Null)
                continue;
            output[member.Name] = Parse(value, member);
        }
        return output;
    }

    /// <summary>A node viewing the value as received (scalars keep their wire text, as JsonNode.Parse gives them).</summary>
    private static JsonNode? Node(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => JsonObject.Create(value),
        JsonValueKind.Array => JsonArray.Create(value),
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        _ => JsonValue.Create(value),
    };
}
