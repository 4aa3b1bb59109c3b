using System.Text.Json.Nodes;
using CloudAudit.Transport.Models;

namespace CloudAudit.Transport.Protocols;

/// <summary>One AWS wire protocol: how a request is serialized and a response or error parsed.</summary>
internal abstract class Protocol
{
    public static Protocol For(string name) => name switch
    {
        "query" => new QueryProtocol(ec2: false),
        "ec2" => new QueryProtocol(ec2: true),
        "json" => new JsonProtocol(),
        "rest-json" => new RestJsonProtocol(),
        "rest-xml" => new RestXmlProtocol(),
        _ => throw new NotSupportedException($"protocol {name} is not supported"),
    };

    /// <summary>Serializes an input object (member names as in the model) into a request for this protocol.</summary>
    public WireRequest Serialize(ServiceMetadata metadata, OperationModel operation, JsonObject input)
    {
        input = WithIdempotencyTokens(input, operation.Input?.Target);
        var request = SerializeCore(metadata, operation, input);
        request.HostPrefix = HostPrefixes.Resolve(operation, input);
        if (operation.GzipRequest && request.Body.Length >= MinCompressionBytes)
            Compress(request);
        if (operation.ChecksumRequired && request.Body.Length > 0)
            request.Headers["Content-MD5"] = Convert.ToBase64String(System.Security.Cryptography.MD5.HashData(request.Body));
        return request;
    }

    /// <summary>The AWS SDKs' default request_min_compression_size_bytes: smaller bodies are not worth compressing.</summary>
    internal const int MinCompressionBytes = 10240;

    private static void Compress(WireRequest request)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new System.IO.Compression.GZipStream(buffer, System.IO.Compression.CompressionLevel.Fastest))
            gzip.Write(request.Body);
        request.Body = buffer.ToArray();
        request.Headers["Content-Encoding"] = request.Headers.TryGetValue("Content-Encoding", out var given) ? $"{given}, gzip" : "gzip";
    }

    /// <summary>Fills idempotency tokens the caller left out; replaceable so tests can fix the value.</summary>
    internal Func<string> NewIdempotencyToken { get; set; } = () => Guid.NewGuid().ToString();

    private JsonObject WithIdempotencyTokens(JsonObject input, Shape? shape)
    {
        var missing = shape?.Members.Where(m => m.IdempotencyToken && input[m.Name] is null).ToList() ?? [];
        if (missing.Count == 0)
            return input;
        var copy = input.DeepClone().AsObject();
        foreach (var member in missing)
            copy[member.Name] = NewIdempotencyToken();
        return copy;
    }

    private protected abstract WireRequest SerializeCore(ServiceMetadata metadata, OperationModel operation, JsonObject input);

    /// <summary>A successful response in AWS CLI output form.</summary>
    public abstract JsonObject Parse(OperationModel operation, WireResponse response);

    public abstract AwsErrorDetails ParseError(WireResponse response);
}

/// <summary>An AWS error as a response carries it.</summary>
internal sealed record AwsErrorDetails(string Code, string Message, string? RequestId);

internal sealed class QueryProtocol(bool ec2) : Protocol
{
    private readonly QuerySerializer serializer = new(ec2);

    private protected override WireRequest SerializeCore(ServiceMetadata metadata, OperationModel operation, JsonObject input) =>
        serializer.Serialize(metadata, operation, input);

    public override JsonObject Parse(OperationModel operation, WireResponse response)
    {
        if (operation.Output is not { } output || XmlBody.ParseDocument(response.Body) is not { } root)
            return [];
        // Query responses wrap the output in <{Operation}Result>; models name the wrapper, test models may not.
        var start = XmlBody.Find(root, output.ResultWrapper ?? $"{operation.Name}Result") ?? root;
        return XmlBody.ParseStructure(start, output.Target, _ => true);
    }

    public override AwsErrorDetails ParseError(WireResponse response) => XmlErrors.Parse(response);
}

internal sealed class JsonProtocol : Protocol
{
    private protected override WireRequest SerializeCore(ServiceMetadata metadata, OperationModel operation, JsonObject input)
    {
        var request = new WireRequest { Method = "POST", Path = "/" };
        request.Headers["Content-Type"] = $"application/x-amz-json-{metadata.JsonVersion}";
        request.Headers["X-Amz-Target"] = $"{metadata.TargetPrefix}.{operation.Name}";
        if (metadata.AwsQueryCompatible)
            request.Headers["x-amzn-query-mode"] = "true";
        var body = operation.Input is { } inputRef ? JsonBody.SerializeStructure(input, inputRef.Target, _ => true) : [];
        request.Body = JsonBody.ToBytes(body);
        return request;
    }

    public override JsonObject Parse(OperationModel operation, WireResponse response) =>
        operation.Output is { } output && JsonBody.ParseElement(response.Body) is { ValueKind: System.Text.Json.JsonValueKind.Object } body
            ? JsonBody.ParseStructure(body, output.Target, _ => true)
            : [];

    public override AwsErrorDetails ParseError(WireResponse response) => JsonErrors.Parse(response);
}
