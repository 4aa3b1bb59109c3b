using System.Text;
using System.Text.Json.Nodes;
using CloudAudit.Transport.Models;

namespace CloudAudit.Transport.Protocols;

/// <summary>
/// Form-encoded request bodies of the query and ec2 protocols. They differ only in naming: ec2 flattens
/// every list and capitalizes names (or uses queryName), query nests lists under "member" unless flattened.
/// </summary>
internal sealed class QuerySerializer(bool ec2)
{
    public WireRequest Serialize(ServiceMetadata metadata, OperationModel operation, JsonObject input)
    {
        var pairs = new List<KeyValuePair<string, string>>
        {
            new("Action", operation.Name),
            new("Version", metadata.ApiVersion),
        };
        if (operation.Input is { } inputRef)
            SerializeStructure(pairs, input, inputRef.Target, "");
        var request = new WireRequest { Method = "POST", Path = "/" };
        request.Headers["Content-Type"] = "application/x-www-form-urlencoded";
        var body = string.Join('&', pairs.Select(p => $"{Percent.Encode(p.Key)}={Percent.Encode(p.Value)}"));
        request.Body = Encoding.UTF8.GetBytes(body);
        return request;
    }

    private void Serialize(List<KeyValuePair<string, string>> pairs, JsonNode? value, ShapeRef shapeRef, string prefix)
    {
        if (value is null)
            return;
        var shape = shapeRef.Target;
        switch (shape.Type)
        {
            case "structure":
                SerializeStructure(pairs, value.AsObject(), shape, prefix);
                break;
            case "list":
                SerializeList(pairs, value.AsArray(), shapeRef, prefix);
                break;
            case "map":
                SerializeMap(pairs, value.AsObject(), shapeRef, prefix);
                break;
            default:
                pairs.Add(new(prefix, Scalars.ToText(value, shape, shapeRef.TimestampFormat, Timestamps.Iso8601)));
                break;
        }
    }

    private void SerializeStructure(List<KeyValuePair<string, string>> pairs, JsonObject value, Shape shape, string prefix)
    {
        foreach (var (name, memberValue) in value)
        {
            var member = shape.RequireMember(name);
            var memberName = WireName(member, member.Name);
            Serialize(pairs, memberValue, member, prefix.Length == 0 ? memberName : $"{prefix}.{memberName}");
        }
    }

    private void SerializeList(List<KeyValuePair<string, string>> pairs, JsonArray items, ShapeRef listRef, string prefix)
    {
        var member = listRef.Target.Member!;
        if (ec2)
        {
            for (var i = 0; i < items.Count; i++)
                Serialize(pairs, items[i], member, $"{prefix}.{i + 1}");
            return;
        }
        if (items.Count == 0)
        {
            pairs.Add(new(prefix, ""));
            return;
        }
        var listPrefix = listRef.Flattened ? prefix : $"{prefix}.{member.LocationName ?? "member"}";
        for (var i = 0; i < items.Count; i++)
            Serialize(pairs, items[i], member, $"{listPrefix}.{i + 1}");
    }

    private void SerializeMap(List<KeyValuePair<string, string>> pairs, JsonObject entries, ShapeRef mapRef, string prefix)
    {
        var map = mapRef.Target;
        var entryPrefix = mapRef.Flattened ? prefix : $"{prefix}.entry";
        var keyName = WireName(map.Key!, "key");
        var valueName = WireName(map.Value!, "value");
        var i = 0;
        foreach (var (key, value) in entries)
        {
            i++;
            pairs.Add(new($"{entryPrefix}.{i}.{keyName}", key));
            Serialize(pairs, value, map.Value!, $"{entryPrefix}.{i}.{valueName}");
        }
    }

    private string WireName(ShapeRef member, string defaultName)
    {
        if (!ec2)
            return member.LocationName ?? defaultName;
        if (member.QueryName is { } queryName)
            return queryName;
        // ec2 capitalizes every name on input, given or defaulted.
        var name = member.LocationName ?? defaultName;
        return name.Length == 0 ? name : char.ToUpperInvariant(name[0]) + name[1..];
    }
}
