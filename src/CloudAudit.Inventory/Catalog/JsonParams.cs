using System.Text.Json.Nodes;

namespace CloudAudit.Inventory.Catalog;

/// <summary>Terse construction of request parameters and targets for the catalog.</summary>
public static class JsonParams
{
    public static JsonObject Of(params (string Name, JsonNode? Value)[] members)
    {
        var obj = new JsonObject();
        foreach (var (name, value) in members)
            obj[name] = value;
        return obj;
    }

    public static CallTarget Target(string region, params (string Name, JsonNode? Value)[] members) =>
        new(region, Of(members));

    /// <summary>The string values of a property across the items of an array member.</summary>
    public static IEnumerable<JsonObject> Items(JsonNode? response, string arrayMember) =>
        response?[arrayMember] is JsonArray array ? array.OfType<JsonObject>() : [];

    public static string? Str(this JsonNode? node, string member) =>
        node is JsonObject obj && obj[member] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
