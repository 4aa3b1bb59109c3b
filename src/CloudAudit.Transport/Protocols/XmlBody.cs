using System.Text;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using CloudAudit.Transport.Models;

namespace CloudAudit.Transport.Protocols;

/// <summary>XML bodies: rest-xml request bodies, and responses of the query, ec2 and rest-xml protocols.</summary>
internal static class XmlBody
{
    public static byte[] Serialize(JsonNode value, ShapeRef root, string rootName)
    {
        var xml = new StringBuilder();
        WriteElement(xml, rootName, value, root);
        return Encoding.UTF8.GetBytes(xml.ToString());
    }

    // Written by hand rather than with XLinq: a default xmlns on an element outside any namespace is what
    // rest-xml needs, and XLinq refuses to write it.
    private static void WriteElement(StringBuilder xml, string name, JsonNode value, ShapeRef shapeRef)
    {
        var shape = shapeRef.Target;
        xml.Append('<').Append(name);
        if (shapeRef.XmlNamespace is { } ns)
            WriteAttribute(xml, ns.Prefix is null ? "xmlns" : $"xmlns:{ns.Prefix}", ns.Uri);
        var members = shape.Type == "structure"
            ? value.AsObject().Where(p => p.Value is not null).Select(p => (Ref: shape.RequireMember(p.Key), Value: p.Value!)).ToList()
            : [];
        foreach (var (member, memberValue) in members.Where(m => m.Ref.XmlAttribute))
            WriteAttribute(xml, member.WireName, Text(memberValue, member));
        xml.Append('>');
        switch (shape.Type)
        {
            case "structure":
                foreach (var (member, memberValue) in members.Where(m => !m.Ref.XmlAttribute))
                    WriteMember(xml, member.WireName, memberValue, member);
                break;
            case "list":
                foreach (var item in value.AsArray().OfType<JsonNode>())
                    WriteElement(xml, shape.Member!.LocationName ?? "member", item, shape.Member!);
                break;
            case "map":
                WriteMapEntries(xml, "entry", value.AsObject(), shape);
                break;
            default:
                xml.Append(Escape(Text(value, shapeRef)));
                break;
        }
        xml.Append("</").Append(name).Append('>');
    }

    private static void WriteMember(StringBuilder xml, string name, JsonNode value, ShapeRef member)
    {
        var shape = member.Target;
        if (shape.Type == "list" && member.Flattened)
        {
            foreach (var item in value.AsArray().OfType<JsonNode>())
                WriteElement(xml, name, item, shape.Member!);
        }
        else if (shape.Type == "map" && member.Flattened)
        {
            WriteMapEntries(xml, name, value.AsObject(), shape);
        }
        else
        {
            WriteElement(xml, name, value, member);
        }
    }

    private static void WriteMapEntries(StringBuilder xml, string entryName, JsonObject entries, Shape map)
    {
        var keyName = map.Key!.LocationName ?? "key";
        var valueName = map.Value!.LocationName ?? "value";
        foreach (var (key, value) in entries)
        {
            xml.Append('<').Append(entryName).Append('>');
            WriteElement(xml, keyName, JsonValue.Create(key), map.Key!);
            if (value is not null)
                WriteElement(xml, valueName, value, map.Value!);
            xml.Append("</").Append(entryName).Append('>');
        }
    }

    private static void WriteAttribute(StringBuilder xml, string name, string value) =>
        xml.Append(' ').Append(name).Append("=\"").Append(Escape(value).Replace("\"", "&quot;", StringComparison.Ordinal)).Append('"');

    private static string Escape(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal)
            .Replace(">", "&gt;", StringComparison.Ordinal);

    private static string Text(JsonNode value, ShapeRef member) =>
        Scalars.ToText(value, member.Target, member.TimestampFormat, Timestamps.Iso8601);

    public static XElement? ParseDocument(byte[] body)
    {
        if (body.All(b => b is (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t'))
            return null;
        using var stream = new MemoryStream(body);
        return XDocument.Load(stream, LoadOptions.PreserveWhitespace).Root;
    }

    /// <summary>An element into output form, driven by the shape.</summary>
    public static JsonNode? Parse(XElement element, ShapeRef shapeRef) => Parse([element], shapeRef);

    private static JsonNode? Parse(IReadOnlyList<XElement> elements, ShapeRef shapeRef)
    {
        var shape = shapeRef.Target;
        var element = elements[0];
        switch (shape.Type)
        {
            case "structure":
                return ParseStructure(element, shape, _ => true);
            case "list":
                var items = shapeRef.Flattened ? elements : element.Elements().ToList();
                return new JsonArray(items.Select(item => Parse([item], shape.Member!)).ToArray());
            case "map":
                return ParseMap(shapeRef.Flattened ? elements : element.Elements().ToList(), shape);
            default:
                return Scalars.FromText(element.Value, shape);
        }
    }

    public static JsonObject ParseStructure(XElement element, Shape shape, Func<ShapeRef, bool> inBody)
    {
        var output = new JsonObject();
        var children = element.Elements().ToLookup(e => e.Name.LocalName, StringComparer.Ordinal);
        foreach (var member in shape.Members)
        {
            if (!inBody(member))
                continue;
            if (member.XmlAttribute)
            {
                if (FindAttribute(element, member.WireName) is { } attribute)
                    output[member.Name] = Scalars.FromText(attribute.Value, member.Target);
                continue;
            }
            var matches = children[member.WireName].ToList();
            if (matches.Count == 0 && FlattenedItemName(member) is { } itemName)
                matches = children[itemName].ToList();
            if (matches.Count > 0)
                output[member.Name] = Parse(matches, member);
        }
        return output;
    }

    private static JsonObject ParseMap(IEnumerable<XElement> entries, Shape map)
    {
        var keyName = map.Key!.LocationName ?? "key";
        var valueName = map.Value!.LocationName ?? "value";
        var output = new JsonObject();
        foreach (var entry in entries)
        {
            var key = entry.Elements().FirstOrDefault(e => e.Name.LocalName == keyName)?.Value;
            if (key is null)
                continue;
            var value = entry.Elements().FirstOrDefault(e => e.Name.LocalName == valueName);
            output[key] = value is null ? null : Parse(value, map.Value!);
        }
        return output;
    }

    /// <summary>
    /// Items of a flattened list repeat under the member's name; older models (SQS, SimpleDB) name them by
    /// the list member's locationName instead, which botocore also accepts.
    /// </summary>
    private static string? FlattenedItemName(ShapeRef member) =>
        member.Target.Type == "list" && member.Flattened ? member.Target.Member!.LocationName : null;

    private static XAttribute? FindAttribute(XElement element, string name)
    {
        var colon = name.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
            return element.Attribute(name);
        var prefix = name[..colon];
        var local = name[(colon + 1)..];
        return element.Attributes().FirstOrDefault(a =>
            a.Name.LocalName == local && element.GetPrefixOfNamespace(a.Name.Namespace) == prefix);
    }

    /// <summary>The first element with this local name at any depth (the element itself included).</summary>
    public static XElement? Find(XElement root, string localName) =>
        root.DescendantsAndSelf().FirstOrDefault(e => e.Name.LocalName == localName);
}
