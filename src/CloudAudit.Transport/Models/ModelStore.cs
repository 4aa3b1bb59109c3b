using System.Collections.Concurrent;
using System.IO.Compression;
using System.Text.Json.Nodes;

namespace CloudAudit.Transport.Models;

/// <summary>The service data embedded in this assembly (written by tools/ModelTrimmer).</summary>
internal static class ModelStore
{
    // Lazy: many collections starting at once (an organization's accounts) ask for the same models; each is parsed once.
    private static readonly ConcurrentDictionary<string, Lazy<ServiceModel?>> Services = new(StringComparer.Ordinal);
    private static readonly Lazy<IReadOnlyDictionary<string, ServiceIndexEntry>> Index = new(LoadIndex);

    /// <summary>The trimmed model of a service, or null when the service is not embedded.</summary>
    public static ServiceModel? Find(string service) =>
        Services.GetOrAdd(service, name => new Lazy<ServiceModel?>(() => Load($"service.{name}.json.gz") is JsonObject doc ? ServiceModel.Parse(name, doc) : null)).Value;

    /// <summary>Services whose trimmed models are embedded.</summary>
    public static IEnumerable<string> EmbeddedServices =>
        typeof(ModelStore).Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith("models/service.", StringComparison.Ordinal))
            .Select(n => n["models/service.".Length..^".json.gz".Length])
            .Order(StringComparer.Ordinal);

    /// <summary>Every service in the models with the names and HTTP methods of all its operations.</summary>
    public static IReadOnlyDictionary<string, ServiceIndexEntry> AllOperations => Index.Value;

    internal static JsonNode? Load(string fileName)
    {
        using var stream = typeof(ModelStore).Assembly.GetManifestResourceStream("models/" + fileName);
        if (stream is null)
            return null;
        using var gzip = new GZipStream(stream, CompressionMode.Decompress);
        return JsonNode.Parse(gzip);
    }

    private static IReadOnlyDictionary<string, ServiceIndexEntry> LoadIndex()
    {
        var document = Load("operation-index.json.gz")!.AsObject();
        return document.ToDictionary(
            p => p.Key,
            p => new ServiceIndexEntry(
                (string?)p.Value!["serviceId"] ?? p.Key,
                (string?)p.Value["endpointPrefix"] ?? p.Key,
                p.Value["operations"]!.AsObject().ToDictionary(o => o.Key, o => (string)o.Value!, StringComparer.Ordinal)),
            StringComparer.Ordinal);
    }
}

/// <summary>One service in the operation index: its ids and every operation name with its HTTP method.</summary>
internal sealed record ServiceIndexEntry(string ServiceId, string EndpointPrefix, IReadOnlyDictionary<string, string> Operations);
