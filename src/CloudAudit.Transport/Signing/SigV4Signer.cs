using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CloudAudit.Transport.Protocols;

namespace CloudAudit.Transport.Signing;

/// <summary>Access key, secret and optional session token, as one signature uses them.</summary>
public sealed record SigningCredentials(string AccessKeyId, string SecretAccessKey, string? SessionToken = null);

/// <summary>What is signed: the request as it will be sent (path already percent-encoded, query not encoded).</summary>
internal sealed class SigningRequest
{
    public required string Method { get; init; }
    public required string Path { get; init; }
    public IReadOnlyList<KeyValuePair<string, string?>> Query { get; init; } = [];
    /// <summary>Headers in order; a repeated name appears once per value.</summary>
    public List<KeyValuePair<string, string>> Headers { get; init; } = [];
    public byte[] Body { get; init; } = [];
}

internal sealed record SigningOptions(
    string Region,
    string Service,
    /// <summary>S3 signs the path as sent (no normalization, no second encoding) and sends its payload hash as a header.</summary>
    bool IsS3 = false,
    /// <summary>S3 over HTTPS may send "UNSIGNED-PAYLOAD" instead of hashing the body.</summary>
    bool UnsignedPayload = false,
    /// <summary>Whether X-Amz-Security-Token is part of the signature (AWS SDKs sign it).</summary>
    bool SignSessionToken = true);

/// <summary>The headers to add to the request, and the intermediate strings (for tests and debugging).</summary>
internal sealed record SigningResult(IReadOnlyList<KeyValuePair<string, string>> HeadersToAdd, string CanonicalRequest, string StringToSign, string Authorization);

/// <summary>AWS Signature Version 4 (header form), as specified in the AWS General Reference.</summary>
internal static class SigV4Signer
{
    public const string UnsignedPayload = "UNSIGNED-PAYLOAD";
    private const string Algorithm = "AWS4-HMAC-SHA256";

    public static SigningResult Sign(SigningRequest request, SigningCredentials credentials, SigningOptions options, DateTimeOffset now)
    {
        var amzDate = now.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var date = amzDate[..8];
        var added = new List<KeyValuePair<string, string>>();
        var headers = new List<KeyValuePair<string, string>>(request.Headers);
        if (!headers.Any(h => h.Key.Equals("X-Amz-Date", StringComparison.OrdinalIgnoreCase)))
            Add(new("X-Amz-Date", amzDate));

        var payloadHash = options.UnsignedPayload ? UnsignedPayload : Hex(SHA256.HashData(request.Body));
        if (options.IsS3 && !headers.Any(h => h.Key.Equals("X-Amz-Content-SHA256", StringComparison.OrdinalIgnoreCase)))
            Add(new("X-Amz-Content-SHA256", payloadHash));
        var sessionToken = credentials.SessionToken is { Length: > 0 } token ? new KeyValuePair<string, string>("X-Amz-Security-Token", token) : (KeyValuePair<string, string>?)null;
        if (sessionToken is { } signedToken && options.SignSessionToken)
            Add(signedToken);

        var (canonicalHeaders, signedHeaders) = CanonicalHeaders(headers);
        var canonicalRequest = string.Join('\n',
            request.Method,
            CanonicalPath(request.Path, options.IsS3),
            CanonicalQuery(request.Query),
            canonicalHeaders,
            signedHeaders,
            payloadHash);

        var scope = $"{date}/{options.Region}/{options.Service}/aws4_request";
        var stringToSign = string.Join('\n', Algorithm, amzDate, scope, Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest))));
        var key = SigningKey(credentials.SecretAccessKey, date, options.Region, options.Service);
        var signature = Hex(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(stringToSign)));
        var authorization = $"{Algorithm} Credential={credentials.AccessKeyId}/{scope}, SignedHeaders={signedHeaders}, Signature={signature}";

        if (sessionToken is { } unsignedToken && !options.SignSessionToken)
            added.Add(unsignedToken);
        added.Add(new("Authorization", authorization));
        return new SigningResult(added, canonicalRequest, stringToSign, authorization);

        void Add(KeyValuePair<string, string> header)
        {
            headers.Add(header);
            added.Add(header);
        }
    }

    /// <summary>
    /// Signing keys already derived, by secret, day, region and service: the key is the same for every request of a day
    /// to one service in one region, and deriving it takes four HMACs. Emptied when it grows past
    /// <see cref="MaxCachedKeys"/> (a long run over many accounts), so it stays small.
    /// </summary>
    private static readonly ConcurrentDictionary<(string Secret, string Date, string Region, string Service), byte[]> SigningKeys = new();
    private const int MaxCachedKeys = 4096;

    private static byte[] SigningKey(string secret, string date, string region, string service)
    {
        var id = (secret, date, region, service);
        if (SigningKeys.TryGetValue(id, out var known))
            return known;
        var key = Hmac(Encoding.UTF8.GetBytes("AWS4" + secret), date);
        key = Hmac(key, region);
        key = Hmac(key, service);
        key = Hmac(key, "aws4_request");
        if (SigningKeys.Count >= MaxCachedKeys)
            SigningKeys.Clear();
        SigningKeys[id] = key;
        return key;
    }

    /// <summary>
    /// "name:value\n" lines by lower-case name (values of a repeated name joined with ',' in their order), and the
    /// signed-headers list.
    /// </summary>
    private static (string Lines, string Names) CanonicalHeaders(List<KeyValuePair<string, string>> headers)
    {
        var lowered = new (string Name, int Order, string Value)[headers.Count];
        for (var i = 0; i < headers.Count; i++)
            lowered[i] = (headers[i].Key.ToLowerInvariant(), i, TrimValue(headers[i].Value));
        // By name, and within a name in the order given (the order breaks ties, so the sort is stable).
        Array.Sort(lowered, static (a, b) => string.CompareOrdinal(a.Name, b.Name) is var byName and not 0 ? byName : a.Order.CompareTo(b.Order));
        var lines = new StringBuilder(256);
        var names = new StringBuilder(128);
        for (var i = 0; i < lowered.Length; i++)
        {
            var (name, _, value) = lowered[i];
            if (i > 0 && lowered[i - 1].Name == name)
            {
                lines.Length--; // the previous value's line break: the next value joins it
                lines.Append(',').Append(value).Append('\n');
                continue;
            }
            if (names.Length > 0)
                names.Append(';');
            names.Append(name);
            lines.Append(name).Append(':').Append(value).Append('\n');
        }
        return (lines.ToString(), names.ToString());
    }

    /// <summary>
    /// Non-S3 services sign the normalized path encoded once more (so an encoded path is double-encoded);
    /// S3 signs the path exactly as sent.
    /// </summary>
    internal static string CanonicalPath(string path, bool isS3)
    {
        if (isS3)
            return path.Length == 0 ? "/" : path;
        var segments = new List<string>();
        foreach (var segment in path.Split('/'))
        {
            if (segment is "" or ".")
                continue;
            if (segment == "..")
            {
                if (segments.Count > 0)
                    segments.RemoveAt(segments.Count - 1);
                continue;
            }
            segments.Add(Percent.Encode(segment));
        }
        var trailingSlash = segments.Count > 0 && (path.EndsWith('/') || path.EndsWith("/.", StringComparison.Ordinal) || path.EndsWith("/..", StringComparison.Ordinal));
        return "/" + string.Join('/', segments) + (trailingSlash ? "/" : "");
    }

    internal static string CanonicalQuery(IReadOnlyCollection<KeyValuePair<string, string?>> query) =>
        query.Count == 0 ? "" : string.Join('&', query
            .Select(p => (Key: Percent.Encode(p.Key), Value: Percent.Encode(p.Value ?? "")))
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .ThenBy(p => p.Value, StringComparer.Ordinal)
            .Select(p => $"{p.Key}={p.Value}"));

    /// <summary>Header values are trimmed and inner runs of whitespace (folded lines too) collapse to one space.</summary>
    private static string TrimValue(string value) =>
        IsTrimmed(value) ? value : string.Join(' ', value.Split([' ', '\t', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries));

    /// <summary>No whitespace at the ends, no tab or line break, no two spaces in a row: nothing to collapse.</summary>
    private static bool IsTrimmed(string value)
    {
        if (value.Length > 0 && (value[0] == ' ' || value[^1] == ' '))
            return false;
        for (var i = 0; i < value.Length; i++)
            if (value[i] is '\t' or '\n' or '\r' || (value[i] == ' ' && i > 0 && value[i - 1] == ' '))
                return false;
        return true;
    }

    private static byte[] Hmac(byte[] key, string data) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(data));

    public static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);
}
