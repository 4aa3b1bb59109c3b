using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;

namespace CloudAudit.Inventory.Views;

/// <summary>Deserializes stored responses into the typed records of the views.</summary>
internal static class ViewJson
{
    public static T Read<T>(JsonNode node, JsonTypeInfo<T> type) =>
        node.Deserialize(type) ?? throw new JsonException($"stored response is not a {typeof(T).Name}");

    public static Observed<T> Read<T>(ApiResult result, JsonTypeInfo<T> type) where T : class =>
        result.Gap is { } gap ? Observed<T>.Missing(gap) : Observed<T>.Of(Read(result.Response!, type));
}
