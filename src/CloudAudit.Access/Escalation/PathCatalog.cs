using System.Text.Json;
using System.Text.Json.Serialization;

namespace CloudAudit.Access.Escalation;

/// <summary>
/// One privilege-escalation path: of the pathfinding.cloud catalogue, or one of cloud-audit's own (<c>ca-…</c>) for the
/// reference tool's methods pathfinding.cloud lacks (see Data/README.md).
/// </summary>
public sealed record EscalationPath(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("category")] string Category,
    [property: JsonPropertyName("services")] IReadOnlyList<string> Services,
    [property: JsonPropertyName("parent")] string? Parent,
    [property: JsonPropertyName("required")] IReadOnlyList<string> Required)
{
    /// <summary>The catalogue's resource constraint of each required permission (null where it states none), in order.</summary>
    [JsonPropertyName("constraints")]
    public IReadOnlyList<string?> Constraints { get; init; } = [];

    /// <summary>For a path upstream has since dropped: the snapshot it comes from.</summary>
    [JsonPropertyName("retired")]
    public string? Retired { get; init; }

    /// <summary>For cloud-audit's own paths: the reference tool's method it stands for.</summary>
    [JsonPropertyName("reference")]
    public string? Reference { get; init; }

    /// <summary>pathfinding.cloud's path, or cloud-audit's own.</summary>
    public bool IsPathfinding => !Id.StartsWith("ca-", StringComparison.Ordinal);
}

public sealed record PathCatalogFile(
    [property: JsonPropertyName("source")] string Source,
    [property: JsonPropertyName("paths")] IReadOnlyList<EscalationPath> Paths);

/// <summary>The embedded path catalogues (pathfinding.cloud's and cloud-audit's own), loaded once.</summary>
public static class PathCatalog
{
    private static readonly Lazy<PathCatalogFile> Pathfinding = new(() => Load("CloudAudit.Access.pathfinding-paths.json"));
    private static readonly Lazy<PathCatalogFile> Own = new(() => Load("CloudAudit.Access.cloud-audit-paths.json"));
    private static readonly Lazy<IReadOnlyList<EscalationPath>> All = new(() =>
        [.. Pathfinding.Value.Paths.Concat(Own.Value.Paths).OrderBy(p => p.Id, StringComparer.Ordinal)]);
    private static readonly Lazy<Dictionary<string, EscalationPath>> ById = new(() => All.Value.ToDictionary(p => p.Id, StringComparer.Ordinal));

    /// <summary>Every path, pathfinding.cloud's and cloud-audit's, by ID.</summary>
    public static IReadOnlyList<EscalationPath> Paths => All.Value;
    /// <summary>Where pathfinding.cloud's paths come from.</summary>
    public static string Source => Pathfinding.Value.Source;

    public static EscalationPath Get(string id) =>
        ById.Value.TryGetValue(id, out var path) ? path : throw new KeyNotFoundException($"escalation path {id} is not in the catalogue");

    public static EscalationPath? Find(string id) => ById.Value.GetValueOrDefault(id);

    private static PathCatalogFile Load(string resource)
    {
        using var stream = typeof(PathCatalog).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"the escalation path catalogue {resource} is not embedded in this build");
        return JsonSerializer.Deserialize(stream, PathCatalogJson.Default.PathCatalogFile)
            ?? throw new InvalidOperationException($"the escalation path catalogue {resource} is empty");
    }
}

[JsonSerializable(typeof(PathCatalogFile))]
internal sealed partial class PathCatalogJson : JsonSerializerContext;
