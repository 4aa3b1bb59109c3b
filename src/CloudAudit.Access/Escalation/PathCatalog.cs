using System.Text.Json;
using System.Text.Json.Serialization;

namespace CloudAudit.Access.Escalation;

/// <summary>One privilege-escalation path of the pathfinding.cloud catalogue (see Data/README.md).</summary>
public sealed record EscalationPath(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("category")] string Category,
    [property: JsonPropertyName("services")] IReadOnlyList<string> Services,
    [property: JsonPropertyName("parent")] string? Parent,
    [property: JsonPropertyName("required")] IReadOnlyList<string> Required);

public sealed record PathCatalogFile(
    [property: JsonPropertyName("source")] string Source,
    [property: JsonPropertyName("paths")] IReadOnlyList<EscalationPath> Paths);

/// <summary>The embedded path catalogue, loaded once.</summary>
public static class PathCatalog
{
    private static readonly Lazy<PathCatalogFile> File = new(Load);

    public static IReadOnlyList<EscalationPath> Paths => File.Value.Paths;
    public static string Source => File.Value.Source;

    public static EscalationPath Get(string id) =>
        Paths.FirstOrDefault(p => p.Id == id) ?? throw new KeyNotFoundException($"escalation path {id} is not in the catalogue");

    private static PathCatalogFile Load()
    {
        using var stream = typeof(PathCatalog).Assembly.GetManifestResourceStream("CloudAudit.Access.pathfinding-paths.json")
            ?? throw new InvalidOperationException("the escalation path catalogue is not embedded in this build");
        return JsonSerializer.Deserialize(stream, PathCatalogJson.Default.PathCatalogFile)
            ?? throw new InvalidOperationException("the escalation path catalogue is empty");
    }
}

[JsonSerializable(typeof(PathCatalogFile))]
internal sealed partial class PathCatalogJson : JsonSerializerContext;
