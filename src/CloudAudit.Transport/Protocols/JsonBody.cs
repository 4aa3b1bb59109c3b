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

    /// <summary>A wire value into output form: member names from the model, timestamps ISO 8601, blobs base64.</summary>
    public static JsonNode? Parse(JsonNode? wire, ShapeRef shapeRef)
    {
        if (wire is null)
            return null;
        var shape = shapeRef.Target;
        if (shape.IsDocument)
            return wire.DeepClone();
        switch (shape.Type)
        {
            case "structure":
                return ParseStructure(wire.AsObject(), shape, _ => true);
            case "list":
                return new JsonArray(wire.AsArray().Select(item => Parse(item, shape.Member!)).ToArray());
            case "map":
                // Null map values are dropped unless the map is sparse.
                return new JsonObject(wire.AsObject().Where(p => p.Value is not null || shape.IsSparse)
                    .Select(p => KeyValuePair.Create(p.Key, Parse(p.Value, shape.Value!))));
            case "timestamp":
                return JsonValue.Create(Timestamps.ToOutput(Timestamps.Parse(wire)));
            case "float" or "double":
                return wire.GetValueKind() == JsonValueKind.String ? Scalars.FloatValue(wire.GetValue<string>()) : wire.DeepClone();
            default:
                return wire.DeepClone();
        }
    }

    public static JsonObject ParseStructure(JsonObject wire, Shape shape, Func<ShapeRef, bool> inBody)
    {
        var output = new JsonObject();
        foreach (var member in shape.Members)
        {
            if (!inBody(member) || wire[member.WireName] is not { } value)
                continue;
            output[member.Name] = Parse(value, member);
        }
        return output;
    }
}
