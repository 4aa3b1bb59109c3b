using System.Text.Json.Nodes;

namespace CloudAudit.Transport.Models;

/// <summary>A shape of a service model: a structure, list, map or scalar, with its serialization traits.</summary>
internal sealed class Shape
{
    private Shape(string name, JsonObject json)
    {
        Name = name;
        Json = json;
        Type = (string?)json["type"] ?? "structure";
        LocationName = (string?)json["locationName"];
        Flattened = (bool?)json["flattened"] ?? false;
        TimestampFormat = (string?)json["timestampFormat"];
        Payload = (string?)json["payload"];
        XmlNamespace = XmlNamespaceOf(json);
        IsStreaming = (bool?)json["streaming"] ?? false;
        IsEventStream = (bool?)json["eventstream"] ?? false;
        IsDocument = (bool?)json["document"] ?? false;
        IsJsonValue = (bool?)json["jsonvalue"] ?? false;
        IsUnion = (bool?)json["union"] ?? false;
        IsSparse = (bool?)json["sparse"] ?? false;
        ErrorCode = (string?)json["error"]?["code"];
    }

    internal JsonObject Json { get; }
    public string Name { get; }
    /// <summary>structure, list, map, string, integer, long, float, double, boolean, timestamp, blob …</summary>
    public string Type { get; }
    public string? LocationName { get; }
    public bool Flattened { get; }
    public string? TimestampFormat { get; }
    /// <summary>For structures: the member that is the whole HTTP body.</summary>
    public string? Payload { get; }
    public XmlNamespace? XmlNamespace { get; }
    public bool IsStreaming { get; }
    public bool IsEventStream { get; }
    public bool IsDocument { get; }
    public bool IsJsonValue { get; }
    public bool IsUnion { get; }
    public bool IsSparse { get; }
    public string? ErrorCode { get; }

    public IReadOnlyList<ShapeRef> Members { get; private set; } = [];
    public ShapeRef? Member { get; private set; }
    public ShapeRef? Key { get; private set; }
    public ShapeRef? Value { get; private set; }

    public ShapeRef? FindMember(string name) => Members.FirstOrDefault(m => m.Name == name);

    /// <summary>The member an input names; an unknown name is the caller's mistake, reported with the shape.</summary>
    public ShapeRef RequireMember(string name) =>
        FindMember(name) ?? throw new ArgumentException($"{Name} has no member {name}");

    /// <summary>Builds every shape of a model, then links references, so recursive shapes resolve.</summary>
    internal static Dictionary<string, Shape> BuildAll(JsonObject shapes)
    {
        var built = shapes.ToDictionary(p => p.Key, p => new Shape(p.Key, p.Value!.AsObject()), StringComparer.Ordinal);
        foreach (var shape in built.Values)
            shape.Link(built);
        return built;
    }

    private void Link(Dictionary<string, Shape> all)
    {
        if (Json["members"] is JsonObject members)
            Members = members.Select(m => ShapeRef.Create(m.Key, m.Value!.AsObject(), all)).ToList();
        Member = RefOrNull("member", all);
        Key = RefOrNull("key", all);
        Value = RefOrNull("value", all);
    }

    private ShapeRef? RefOrNull(string key, Dictionary<string, Shape> all) =>
        Json[key] is JsonObject json ? ShapeRef.Create(key, json, all) : null;

    internal static XmlNamespace? XmlNamespaceOf(JsonObject json) => json["xmlNamespace"] switch
    {
        JsonObject ns => new XmlNamespace((string?)ns["uri"] ?? "", (string?)ns["prefix"]),
        JsonValue uri => new XmlNamespace((string)uri!, null),
        _ => null,
    };

    public override string ToString() => $"{Name} ({Type})";
}

internal sealed record XmlNamespace(string Uri, string? Prefix);

/// <summary>
/// A reference to a shape from a structure member, list member, map key/value or operation input/output.
/// Traits on the reference win over the same traits on the target shape, as in botocore; a shape's own
/// locationName is the exception: it names the shape only as a document root.
/// </summary>
internal sealed class ShapeRef
{
    private ShapeRef(string name, Shape target, JsonObject json)
    {
        Name = name;
        Target = target;
        Location = (string?)json["location"];
        // Only the reference's own name: a shape's locationName names it only as a document root.
        LocationName = (string?)json["locationName"];
        QueryName = (string?)json["queryName"];
        Flattened = (bool?)json["flattened"] ?? target.Flattened;
        XmlAttribute = (bool?)json["xmlAttribute"] ?? false;
        XmlNamespace = Shape.XmlNamespaceOf(json) ?? target.XmlNamespace;
        TimestampFormat = (string?)json["timestampFormat"] ?? target.TimestampFormat;
        IsJsonValue = (bool?)json["jsonvalue"] ?? target.IsJsonValue;
        HostLabel = (bool?)json["hostLabel"] ?? false;
        IdempotencyToken = (bool?)json["idempotencyToken"] ?? false;
        ResultWrapper = (string?)json["resultWrapper"];
    }

    /// <summary>Member name as in the model (the JSON input/output name).</summary>
    public string Name { get; }
    public Shape Target { get; }
    /// <summary>uri, querystring, header, headers, statusCode, or null for the body.</summary>
    public string? Location { get; }
    public string? LocationName { get; }
    public string? QueryName { get; }
    public bool Flattened { get; }
    public bool XmlAttribute { get; }
    public XmlNamespace? XmlNamespace { get; }
    public string? TimestampFormat { get; }
    public bool IsJsonValue { get; }
    public bool HostLabel { get; }
    public bool IdempotencyToken { get; }
    public string? ResultWrapper { get; }

    /// <summary>The name on the wire: locationName when the model gives one, else the member name.</summary>
    public string WireName => LocationName ?? Name;

    internal static ShapeRef Create(string name, JsonObject json, Dictionary<string, Shape> all)
    {
        var target = (string)json["shape"]!;
        if (!all.TryGetValue(target, out var shape))
            throw new InvalidDataException($"shape {target} referenced by {name} is missing from the model");
        return new ShapeRef(name, shape, json);
    }

    public override string ToString() => $"{Name} -> {Target.Name}";
}
