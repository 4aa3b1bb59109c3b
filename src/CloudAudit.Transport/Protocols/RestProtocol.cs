using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CloudAudit.Transport.Models;

namespace CloudAudit.Transport.Protocols;

/// <summary>
/// What rest-json and rest-xml share: members bound to the URI, query string, headers and status code, and
/// a payload member. The body format is the subclass's.
/// </summary>
internal abstract partial class RestProtocol : Protocol
{
    protected abstract byte[] SerializeBody(JsonObject members, ShapeRef shapeRef, string rootName);
    protected abstract string BodyContentType { get; }
    /// <summary>The body sent when a shape that could fill it has no values: "{}" for rest-json, nothing for rest-xml.</summary>
    protected abstract byte[] EmptyBody(Shape shape);
    protected abstract JsonObject ParseBody(byte[] body, Shape shape, Func<ShapeRef, bool> inBody);

    private protected override WireRequest SerializeCore(ServiceMetadata metadata, OperationModel operation, JsonObject input)
    {
        var request = new WireRequest { Method = operation.HttpMethod };
        var uri = operation.RequestUri;
        var queryStart = uri.IndexOf('?', StringComparison.Ordinal);
        var pathTemplate = queryStart < 0 ? uri : uri[..queryStart];
        if (queryStart >= 0)
            AddLiteralQuery(request, uri[(queryStart + 1)..]);
        var shape = operation.Input?.Target;
        if (shape is null)
        {
            request.Path = pathTemplate;
            return request;
        }

        foreach (var (name, _) in input)
            shape.RequireMember(name);
        request.Path = LabelPattern().Replace(pathTemplate, match => Label(match, shape, input));
        var mapQuery = new List<KeyValuePair<string, string?>>();
        foreach (var member in shape.Members)
        {
            if (input[member.Name] is not { } value)
                continue;
            switch (member.Location)
            {
                case "querystring":
                    AddQuery(member.Target.Type == "map" ? mapQuery : request.Query, member, value);
                    break;
                case "header":
                    if (HeaderText(member, value) is { } headerText)
                        request.Headers[member.WireName] = headerText;
                    break;
                case "headers":
                    foreach (var (key, headerValue) in value.AsObject())
                        if (headerValue is not null)
                            request.Headers[member.LocationName + key] = Scalars.ToText(headerValue, member.Target.Value!.Target, null, Timestamps.Rfc822);
                    break;
            }
        }
        // Members bound explicitly to a query key win over the same key from a map of query parameters.
        request.Query.AddRange(mapQuery.Where(p => request.Query.All(q => q.Key != p.Key)).ToList());
        WriteBody(request, operation.Input!, input);
        return request;
    }

    private void WriteBody(WireRequest request, ShapeRef inputRef, JsonObject input)
    {
        var shape = inputRef.Target;
        if (shape.Payload is { } payloadName)
        {
            var payload = shape.FindMember(payloadName)!;
            if (input[payloadName] is not { } value)
            {
                request.Body = payload.Target.Type == "structure" && !payload.Target.IsUnion ? EmptyBody(payload.Target) : [];
                if (request.Body.Length > 0)
                    request.Headers.TryAdd("Content-Type", BodyContentType);
                return;
            }
            switch (payload.Target.Type)
            {
                case "blob":
                    request.Body = Scalars.BlobBytes(value);
                    request.Headers.TryAdd("Content-Type", "application/octet-stream");
                    break;
                case "string":
                    request.Body = Encoding.UTF8.GetBytes(value.GetValue<string>());
                    request.Headers.TryAdd("Content-Type", "text/plain");
                    break;
                default:
                    request.Body = payload.Target.IsDocument
                        ? JsonBody.ToBytes(value)
                        : SerializeBody(value.AsObject(), payload, PayloadRootName(payload));
                    request.Headers.TryAdd("Content-Type", BodyContentType);
                    break;
            }
            return;
        }

        var bodyValues = new JsonObject();
        foreach (var member in shape.Members.Where(m => m.Location is null))
            if (input[member.Name] is { } value)
                bodyValues[member.Name] = value.DeepClone();
        request.Body = bodyValues.Count > 0
            ? SerializeBody(bodyValues, inputRef, shape.LocationName ?? inputRef.LocationName ?? shape.Name)
            : EmptyBody(shape);
        if (request.Body.Length > 0)
            request.Headers.TryAdd("Content-Type", BodyContentType);
    }

    public override JsonObject Parse(OperationModel operation, WireResponse response)
    {
        if (operation.Output?.Target is not { } shape)
            return [];
        var output = new JsonObject();
        foreach (var member in shape.Members)
        {
            switch (member.Location)
            {
                case "header":
                    if (response.Header(member.WireName) is { } text)
                        output[member.Name] = ParseHeader(member, text);
                    break;
                case "headers":
                    var prefix = member.LocationName ?? "";
                    var map = new JsonObject();
                    foreach (var (name, value) in response.Headers)
                        if (name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                            map[name[prefix.Length..]] = Scalars.FromText(value, member.Target.Value!.Target);
                    output[member.Name] = map;
                    break;
                case "statusCode":
                    output[member.Name] = response.StatusCode;
                    break;
            }
        }

        if (shape.Payload is { } payloadName)
        {
            var payload = shape.FindMember(payloadName)!;
            if (ParsePayload(payload, response.Body) is { } value)
                output[payloadName] = value;
            return output;
        }
        // In a response only headers and the status code are bound elsewhere; URI or query members are body members.
        foreach (var (name, value) in ParseBody(response.Body, shape, m => m.Location is null or "uri" or "querystring"))
            output[name] = value?.DeepClone();
        return output;
    }

    /// <summary>
    /// A structure payload's root element: the member's own XML name when it renames the member, else the
    /// shape's XML name, else the shape's name (models repeat the member name as locationName when no name is set).
    /// </summary>
    private static string PayloadRootName(ShapeRef payload) =>
        payload.LocationName is { } name && name != payload.Name ? name : payload.Target.LocationName ?? payload.Target.Name;

    private JsonNode? ParsePayload(ShapeRef payload, byte[] body)
    {
        switch (payload.Target.Type)
        {
            case "blob":
                return body.Length == 0 ? null : Convert.ToBase64String(body);
            case "string":
                return Encoding.UTF8.GetString(body);
        }
        if (payload.Target.IsDocument)
            return JsonBody.ParseBytes(body)?.DeepClone();
        return body.Length == 0 ? null : ParseBody(body, payload.Target, _ => true);
    }

    private static string Label(Match match, Shape shape, JsonObject input)
    {
        var name = match.Groups[1].Value;
        var greedy = match.Groups[2].Value == "+";
        var member = shape.Members.FirstOrDefault(m => m.Location == "uri" && m.WireName == name)
            ?? throw new ArgumentException($"{shape.Name} has no URI member {name}");
        if (input[member.Name] is not { } value)
            throw new ArgumentException($"{member.Name} is required (bound to the request URI)");
        return Percent.Encode(Scalars.ToText(value, member.Target, member.TimestampFormat, Timestamps.Iso8601), keepSlash: greedy);
    }

    private static void AddQuery(List<KeyValuePair<string, string?>> query, ShapeRef member, JsonNode value)
    {
        var shape = member.Target;
        switch (shape.Type)
        {
            case "list":
                foreach (var item in value.AsArray().OfType<JsonNode>())
                    query.Add(new(member.WireName, QueryText(item, shape.Member!)));
                break;
            case "map":
                foreach (var (key, entry) in value.AsObject())
                {
                    if (entry is JsonArray values)
                        query.AddRange(values.OfType<JsonNode>().Select(v => KeyValuePair.Create(key, (string?)QueryText(v, shape.Value!.Target.Member!))));
                    else if (entry is not null)
                        query.Add(new(key, QueryText(entry, shape.Value!)));
                }
                break;
            default:
                query.Add(new(member.WireName, QueryText(value, member)));
                break;
        }
    }

    private static string QueryText(JsonNode value, ShapeRef shapeRef) =>
        Scalars.ToText(value, shapeRef.Target, shapeRef.TimestampFormat, Timestamps.Iso8601);

    private static void AddLiteralQuery(WireRequest request, string literal)
    {
        foreach (var part in literal.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            request.Query.Add(equals < 0
                ? new(Uri.UnescapeDataString(part), null)
                : new(Uri.UnescapeDataString(part[..equals]), Uri.UnescapeDataString(part[(equals + 1)..])));
        }
    }

    private static string? HeaderText(ShapeRef member, JsonNode value)
    {
        var shape = member.Target;
        if (member.IsJsonValue)
        {
            // A string already holds the JSON text; any other value is JSON to write.
            var json = value.GetValueKind() == System.Text.Json.JsonValueKind.String ? value.GetValue<string>() : value.ToJsonString();
            return Convert.ToBase64String(Encoding.UTF8.GetBytes(json));
        }
        if (shape.Type == "list")
        {
            var quote = shape.Member!.Target.Type == "string";
            return string.Join(", ", value.AsArray().OfType<JsonNode>()
                .Select(item => HeaderScalar(item, shape.Member!))
                .Select(text => quote ? QuoteListItem(text) : text));
        }
        return HeaderScalar(value, member);
    }

    private static string HeaderScalar(JsonNode value, ShapeRef shapeRef) =>
        Scalars.ToText(value, shapeRef.Target, shapeRef.TimestampFormat, Timestamps.Rfc822);

    /// <summary>A list item holding a comma or quote is quoted, so the list can be split again.</summary>
    private static string QuoteListItem(string item) =>
        item.Contains(',', StringComparison.Ordinal) || item.Contains('"', StringComparison.Ordinal)
            ? $"\"{item.Replace("\"", "\\\"", StringComparison.Ordinal)}\""
            : item;

    private static JsonNode? ParseHeader(ShapeRef member, string text)
    {
        var shape = member.Target;
        if (member.IsJsonValue)
            return Encoding.UTF8.GetString(Convert.FromBase64String(text));
        if (shape.Type != "list")
            return Scalars.FromText(text, shape);
        var itemShape = shape.Member!.Target;
        var items = itemShape.Type == "timestamp" && (shape.Member.TimestampFormat ?? Timestamps.Rfc822) == Timestamps.Rfc822
            ? HttpDateSeparator().Split(text).ToList()
            : SplitHeaderList(text);
        return new JsonArray(items.Select(item => Scalars.FromText(item.Trim(), itemShape)).ToArray());
    }

    internal static List<string> SplitHeaderList(string text)
    {
        var items = new List<string>();
        var current = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '"')
                quoted = !quoted;
            else if (c == '\\' && quoted && i + 1 < text.Length)
                current.Append(text[++i]);
            else if (c == ',' && !quoted)
            {
                items.Add(current.ToString().Trim());
                current.Clear();
            }
            else
                current.Append(c);
        }
        items.Add(current.ToString().Trim());
        return items;
    }

    [GeneratedRegex(@"\{([^}+]+)(\+?)\}")]
    private static partial Regex LabelPattern();

    [GeneratedRegex(@"(?<=GMT)\s*,\s*")]
    private static partial Regex HttpDateSeparator();
}
