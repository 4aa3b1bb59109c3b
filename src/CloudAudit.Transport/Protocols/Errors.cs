using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml;

namespace CloudAudit.Transport.Protocols;

/// <summary>Error bodies of the XML protocols (query, ec2, rest-xml).</summary>
internal static class XmlErrors
{
    public static AwsErrorDetails Parse(WireResponse response)
    {
        System.Xml.Linq.XElement? root;
        try
        {
            root = XmlBody.ParseDocument(response.Body);
        }
        catch (XmlException)
        {
            root = null;
        }
        if (root is null || XmlBody.Find(root, "Error") is not { } error)
            return ProtocolErrors.FromStatus(response);
        var code = error.Elements().FirstOrDefault(e => e.Name.LocalName == "Code")?.Value;
        var message = error.Elements().FirstOrDefault(e => e.Name.LocalName == "Message")?.Value ?? "";
        var requestId = (XmlBody.Find(root, "RequestId") ?? XmlBody.Find(root, "RequestID"))?.Value
            ?? response.Header("x-amzn-RequestId") ?? response.Header("x-amz-request-id");
        return new AwsErrorDetails(string.IsNullOrEmpty(code) ? ProtocolErrors.FromStatus(response).Code : code, message, requestId);
    }
}

/// <summary>Error bodies of the JSON protocols (json 1.0/1.1, rest-json).</summary>
internal static class JsonErrors
{
    public static AwsErrorDetails Parse(WireResponse response)
    {
        JsonObject? body = null;
        try
        {
            body = JsonBody.ParseBytes(response.Body) as JsonObject;
        }
        catch (JsonException)
        {
        }
        var code = response.Header("x-amzn-ErrorType") ?? Text(body, "__type") ?? Text(body, "code") ?? Text(body, "Code");
        // A query-compatible service names its original query error code here ("AWS.SimpleQueueService.NonExistentQueue;Sender").
        if (response.Header("x-amzn-query-error") is { } queryError && queryError.Split(';')[0] is { Length: > 0 } queryCode)
            code = queryCode;
        var message = Text(body, "message") ?? Text(body, "Message") ?? Text(body, "errorMessage") ?? "";
        var requestId = response.Header("x-amzn-RequestId") ?? response.Header("x-amz-request-id");
        return code is null
            ? ProtocolErrors.FromStatus(response) with { Message = message.Length > 0 ? message : ProtocolErrors.FromStatus(response).Message }
            : new AwsErrorDetails(ProtocolErrors.SanitizeCode(code), message, requestId);
    }

    private static string? Text(JsonObject? body, string name) =>
        body?[name] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;
}

internal static class ProtocolErrors
{
    /// <summary>"aws.protocoltests.restjson#FooError:http://internal.amazon.com/…" → "FooError".</summary>
    public static string SanitizeCode(string code)
    {
        var colon = code.IndexOf(':', StringComparison.Ordinal);
        if (colon >= 0)
            code = code[..colon];
        var hash = code.LastIndexOf('#');
        return (hash >= 0 ? code[(hash + 1)..] : code).Trim();
    }

    /// <summary>What botocore reports when an error response has no body to read: the status and its reason.</summary>
    public static AwsErrorDetails FromStatus(WireResponse response) => new(
        response.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ReasonPhrase(response.StatusCode),
        response.Header("x-amzn-RequestId") ?? response.Header("x-amz-request-id"));

    private static string ReasonPhrase(int status) => status switch
    {
        301 => "Moved Permanently",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => $"HTTP {status}",
    };
}
