using System.Text.Json.Nodes;
using CloudAudit.Checks.Framework;
using CloudAudit.Inventory.Views;

namespace CloudAudit.Checks.CloudTrail;

/// <summary>
/// A trail's own event selectors with every management-event exclusion taken out, as the JSON that
/// <c>aws cloudtrail put-event-selectors</c> takes. PutEventSelectors replaces all selectors, so data-event
/// selectors are carried over unchanged.
/// </summary>
public static class SelectorFix
{
    /// <summary>True when the trail uses advanced event selectors (the fix is then <c>--advanced-event-selectors</c>).</summary>
    public static bool IsAdvanced(TrailEventSelectors selectors) => selectors.AdvancedEventSelectors is { Count: > 0 };

    /// <summary>The selectors as they should be: management selectors keep only eventCategory and readOnly; the rest is unchanged.</summary>
    public static string WithoutExclusions(TrailEventSelectors selectors)
    {
        ArgumentNullException.ThrowIfNull(selectors);
        if (IsAdvanced(selectors))
            return CliFix.Json(new JsonArray(selectors.AdvancedEventSelectors!.Select(Advanced).DistinctBy(CliFix.Json).ToArray()));
        return CliFix.Json(new JsonArray((selectors.EventSelectors ?? []).Select(Basic).ToArray()));
    }

    private static JsonNode Basic(EventSelector selector)
    {
        var fixedSelector = new JsonObject
        {
            ["ReadWriteType"] = selector.ReadWriteType ?? "All",
            ["IncludeManagementEvents"] = selector.IncludeManagementEvents ?? false,
        };
        if (selector.DataResources is { Count: > 0 } resources)
            fixedSelector["DataResources"] = new JsonArray(resources.Select(r => (JsonNode)new JsonObject
            {
                ["Type"] = r.Type,
                ["Values"] = new JsonArray((r.Values ?? []).Select(v => (JsonNode?)v).ToArray()),
            }).ToArray());
        if (selector.IncludeManagementEvents == true)
            fixedSelector["ExcludeManagementEventSources"] = new JsonArray();
        return fixedSelector;
    }

    private static JsonNode Advanced(AdvancedEventSelector selector)
    {
        var management = selector.FieldSelectors.Any(f => f.Field == "eventCategory" && EventSelection.Admits(f, "Management"));
        var fields = management ? selector.FieldSelectors.Where(f => f.Field is "eventCategory" or "readOnly") : selector.FieldSelectors;
        var fixedSelector = new JsonObject();
        if (selector.Name is { } name) fixedSelector["Name"] = name;
        fixedSelector["FieldSelectors"] = new JsonArray(fields.Select(Field).ToArray());
        return fixedSelector;
    }

    private static JsonNode Field(FieldSelector f)
    {
        var field = new JsonObject { ["Field"] = f.Field };
        foreach (var (name, values) in EventSelection.Operators(f))
            field[name] = new JsonArray(values.Select(v => (JsonNode?)v).ToArray());
        return field;
    }
}
