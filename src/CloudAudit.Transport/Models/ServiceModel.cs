using System.Text.Json.Nodes;

namespace CloudAudit.Transport.Models;

/// <summary>One service's model: metadata, operations with their shapes, and paginators.</summary>
internal sealed class ServiceModel
{
    private ServiceModel(string name, ServiceMetadata metadata, IReadOnlyDictionary<string, OperationModel> operations,
        IReadOnlyDictionary<string, Paginator> paginators)
    {
        Name = name;
        Metadata = metadata;
        Operations = operations;
        Paginators = paginators;
    }

    /// <summary>botocore service name (cloudwatch, logs, s3control …).</summary>
    public string Name { get; }
    public ServiceMetadata Metadata { get; }
    public IReadOnlyDictionary<string, OperationModel> Operations { get; }
    public IReadOnlyDictionary<string, Paginator> Paginators { get; }

    /// <summary>Reads a model in botocore's service-2.json layout, with an optional "paginators" object beside it.</summary>
    public static ServiceModel Parse(string name, JsonObject document)
    {
        var metadata = ServiceMetadata.Parse(document["metadata"]!.AsObject());
        var shapes = Shape.BuildAll(document["shapes"]?.AsObject() ?? []);
        var operations = new Dictionary<string, OperationModel>(StringComparer.Ordinal);
        foreach (var (opName, op) in document["operations"]?.AsObject() ?? [])
            operations[opName] = OperationModel.Parse(opName, op!.AsObject(), shapes);
        var paginators = new Dictionary<string, Paginator>(StringComparer.Ordinal);
        foreach (var (opName, paginator) in document["paginators"]?.AsObject() ?? [])
            paginators[opName] = Paginator.Parse(paginator!.AsObject());
        return new ServiceModel(name, metadata, operations, paginators);
    }
}

internal sealed record ServiceMetadata(
    string Protocol,
    string ApiVersion,
    string EndpointPrefix,
    string SigningName,
    string ServiceId,
    string? TargetPrefix,
    string JsonVersion,
    string? XmlNamespace,
    string SignatureVersion,
    string? GlobalEndpoint,
    bool AwsQueryCompatible)
{
    /// <summary>
    /// The wire protocols this engine speaks. When a model lists several (metadata.protocols), query wins if
    /// listed: a query-compatible service keeps serving it and emulators such as moto speak it; otherwise
    /// the first listed protocol that is supported.
    /// </summary>
    public static readonly IReadOnlyList<string> SupportedProtocols = ["query", "ec2", "json", "rest-json", "rest-xml"];

    public static string ChooseProtocol(string declared, IReadOnlyList<string> listed)
    {
        if (listed.Contains("query"))
            return "query";
        return listed.FirstOrDefault(SupportedProtocols.Contains)
            ?? (SupportedProtocols.Contains(declared) ? declared
                : throw new NotSupportedException($"no supported protocol among {string.Join(", ", listed.DefaultIfEmpty(declared))}"));
    }

    internal static ServiceMetadata Parse(JsonObject json)
    {
        var declared = (string?)json["protocol"] ?? "json";
        var listed = json["protocols"]?.AsArray().Select(p => (string)p!).ToList() ?? [declared];
        var endpointPrefix = (string?)json["endpointPrefix"] ?? "";
        return new ServiceMetadata(
            ChooseProtocol(declared, listed),
            (string?)json["apiVersion"] ?? "",
            endpointPrefix,
            (string?)json["signingName"] ?? endpointPrefix,
            (string?)json["serviceId"] ?? endpointPrefix,
            (string?)json["targetPrefix"],
            (string?)json["jsonVersion"] ?? "1.0",
            (string?)json["xmlNamespace"],
            (string?)json["signatureVersion"] ?? "v4",
            (string?)json["globalEndpoint"],
            json["awsQueryCompatible"] is not null);
    }
}

internal sealed class OperationModel
{
    private OperationModel(string name, JsonObject json, Dictionary<string, Shape> shapes)
    {
        Name = name;
        var http = json["http"]?.AsObject();
        HttpMethod = (string?)http?["method"] ?? "POST";
        RequestUri = (string?)http?["requestUri"] ?? "/";
        ResponseCode = (int?)http?["responseCode"];
        Input = json["input"] is JsonObject input ? ShapeRef.Create("input", input, shapes) : null;
        Output = json["output"] is JsonObject output ? ShapeRef.Create("output", output, shapes) : null;
        HostPrefix = (string?)json["endpoint"]?["hostPrefix"];
        IsUnsigned = (string?)json["authtype"] == "none" || json["auth"]?.AsArray().Any(a => (string?)a == "smithy.api#noAuth") == true;
        GzipRequest = json["requestcompression"]?["encodings"]?.AsArray().Any(e => (string?)e == "gzip") == true;
        ChecksumRequired = (bool?)json["httpChecksumRequired"] == true
            || (bool?)json["httpChecksum"]?["requestChecksumRequired"] == true;
        Errors = json["errors"]?.AsArray().Select(e => shapes[(string)e!["shape"]!]).ToList() ?? [];
    }

    public string Name { get; }
    public string HttpMethod { get; }
    public string RequestUri { get; }
    public int? ResponseCode { get; }
    public ShapeRef? Input { get; }
    public ShapeRef? Output { get; }
    /// <summary>Host prefix template such as "{AccountId}." (s3control), applied to resolved endpoints only.</summary>
    public string? HostPrefix { get; }
    public bool IsUnsigned { get; }
    /// <summary>Large request bodies may be sent gzip-compressed (requestcompression trait).</summary>
    public bool GzipRequest { get; }
    /// <summary>The body must carry a Content-MD5 (httpChecksumRequired).</summary>
    public bool ChecksumRequired { get; }
    /// <summary>Modeled error shapes (kept only where the model has them; trimmed models drop them).</summary>
    public IReadOnlyList<Shape> Errors { get; }

    internal static OperationModel Parse(string name, JsonObject json, Dictionary<string, Shape> shapes) => new(name, json, shapes);
}

/// <summary>A paginator from paginators-1.json: token paths in and out, and the keys whose pages are merged.</summary>
internal sealed record Paginator(
    IReadOnlyList<string> InputTokens,
    IReadOnlyList<string> OutputTokens,
    IReadOnlyList<string> ResultKeys,
    string? MoreResults,
    string? LimitKey,
    IReadOnlyList<string> NonAggregateKeys)
{
    internal static Paginator Parse(JsonObject json) => new(
        Strings(json["input_token"]),
        Strings(json["output_token"]),
        Strings(json["result_key"]),
        (string?)json["more_results"],
        (string?)json["limit_key"],
        Strings(json["non_aggregate_keys"]));

    private static List<string> Strings(JsonNode? node) => node switch
    {
        null => [],
        JsonArray array => array.Select(n => (string)n!).ToList(),
        _ => [(string)node!],
    };
}
