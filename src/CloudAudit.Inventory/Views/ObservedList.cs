using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;

namespace CloudAudit.Inventory.Views;

/// <summary>Reads a stored list response into typed items, or carries the read's gap.</summary>
internal static class ObservedList
{
    public static Observed<IReadOnlyList<T>> Read<T>(ApiResult result, Func<JsonNode, IReadOnlyList<T>> items) =>
        result.Gap is { } gap ? Observed<IReadOnlyList<T>>.Missing(gap) : Observed<IReadOnlyList<T>>.Of(items(result.Response!));

    public static Observed<IReadOnlyList<T>> Read<TResponse, T>(ApiResult result, JsonTypeInfo<TResponse> type, Func<TResponse, List<T>?> items) =>
        Read(result, node => items(ViewJson.Read(node, type)) ?? []);
}
