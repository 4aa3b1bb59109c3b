using System.Text;

namespace CloudAudit.Transport.Protocols;

/// <summary>A serialized request before an endpoint, signature and transport are applied.</summary>
internal sealed class WireRequest
{
    public string Method { get; set; } = "POST";
    /// <summary>Percent-encoded path, starting with '/'.</summary>
    public string Path { get; set; } = "/";
    /// <summary>Query parameters, not encoded; a null value is a bare key ("?uploads").</summary>
    public List<KeyValuePair<string, string?>> Query { get; } = [];
    public Dictionary<string, string> Headers { get; } = new(StringComparer.OrdinalIgnoreCase);
    public byte[] Body { get; set; } = [];
    /// <summary>Host prefix from the operation's endpoint trait with labels filled ("123456789012."), if any.</summary>
    public string? HostPrefix { get; set; }

    public string QueryString => string.Join('&', Query.Select(p =>
        p.Value is null ? Percent.Encode(p.Key) : $"{Percent.Encode(p.Key)}={Percent.Encode(p.Value)}"));

    /// <summary>Path and query as sent on the request line.</summary>
    public string PathAndQuery => Query.Count == 0 ? Path : $"{Path}?{QueryString}";

    public string BodyText => Encoding.UTF8.GetString(Body);
}

/// <summary>An HTTP response as the parsers see it.</summary>
internal sealed class WireResponse(int statusCode, IReadOnlyDictionary<string, string> headers, byte[] body)
{
    public int StatusCode { get; } = statusCode;
    /// <summary>Headers by case-insensitive name; repeated headers joined with ", ".</summary>
    public IReadOnlyDictionary<string, string> Headers { get; } =
        headers is Dictionary<string, string> { Comparer: var comparer } caseless && ReferenceEquals(comparer, StringComparer.OrdinalIgnoreCase)
            ? caseless
            : new Dictionary<string, string>(headers, StringComparer.OrdinalIgnoreCase);
    public byte[] Body { get; } = body;

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}

/// <summary>RFC 3986 percent-encoding as AWS uses it: everything but unreserved characters, from UTF-8.</summary>
internal static class Percent
{
    public static string Encode(string value, bool keepSlash = false)
    {
        var builder = new StringBuilder(value.Length + 8);
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            if (IsUnreserved(c) || (keepSlash && c == '/'))
                builder.Append(c);
            else
                builder.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
        }
        return builder.ToString();
    }

    public static bool IsUnreserved(char c) =>
        c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_' or '.' or '~';
}
