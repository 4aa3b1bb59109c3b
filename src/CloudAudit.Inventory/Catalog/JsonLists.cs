using System.Text.Json.Nodes;

namespace CloudAudit.Inventory.Catalog;

/// <summary>Reading arrays of strings (IDs, names, ARNs) out of stored responses.</summary>
public static class JsonLists
{
    public static IEnumerable<string> Strings(JsonNode? response, string member) =>
        (response?[member] as JsonArray ?? []).Select(v => v is JsonValue value && value.TryGetValue<string>(out var s) ? s : null).OfType<string>();
}
