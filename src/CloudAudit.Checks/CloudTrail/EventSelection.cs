using System.Text.Json.Nodes;
using CloudAudit.Checks.CloudWatch.FilterPatterns;
using CloudAudit.Inventory.Views;

namespace CloudAudit.Checks.CloudTrail;

/// <summary>Whether a trail records one management event; when not, the selector setting that leaves it out.</summary>
public sealed record Recording(bool Recorded, string? Exclusion)
{
    public static readonly Recording Yes = new(true, null);
}

/// <summary>
/// What a trail's event selectors let through, judged on CloudTrail records. Basic selectors record management
/// events when IncludeManagementEvents is true, of the ReadWriteType's kind, from every source but those in
/// ExcludeManagementEventSources. Advanced selectors record an event when every field selector of one of them
/// admits it: any of Equals/StartsWith/EndsWith (when given) and all of NotEquals/NotStartsWith/NotEndsWith.
/// The fields a record defines (eventCategory, eventSource, eventName, eventType, readOnly) are evaluated; a
/// condition on anything else (userIdentity.arn, sessionCredentialFromConsole …) keeps only some callers' events,
/// so an event that only such a selector admits counts as not recorded.
/// </summary>
public static class EventSelection
{
    private static readonly HashSet<string> EventFields = new(StringComparer.Ordinal) { "eventCategory", "eventSource", "eventName", "eventType", "readOnly" };

    /// <summary>Whether the selectors record every occurrence of the event.</summary>
    public static Recording Of(TrailEventSelectors selectors, CloudTrailSample managementEvent)
    {
        ArgumentNullException.ThrowIfNull(selectors);
        ArgumentNullException.ThrowIfNull(managementEvent);
        return selectors.AdvancedEventSelectors is { Count: > 0 } advanced
            ? Advanced(advanced, managementEvent.Node)
            : Basic(selectors.EventSelectors ?? [], managementEvent.Node);
    }

    /// <summary>
    /// Events from other services or with other names that the selectors single out, built from
    /// <paramref name="bases"/>: one per eventSource or eventName value an exclusion names (an excluded source, a
    /// NotStartsWith prefix …) and one outside each Equals list. A trail that records all of them and the bases
    /// records every service's events as far as its selectors can tell them apart.
    /// </summary>
    public static IEnumerable<CloudTrailSample> Probes(TrailEventSelectors selectors, IEnumerable<CloudTrailSample> bases)
    {
        ArgumentNullException.ThrowIfNull(selectors);
        var singledOut = selectors.AdvancedEventSelectors is { Count: > 0 } advanced
            ? advanced.Where(s => AdmitsManagement(s.FieldSelectors))
                .SelectMany(s => s.FieldSelectors)
                .Where(f => f.Field is "eventSource" or "eventName")
                .SelectMany(f => ValuesSingledOut(f).Select(v => (f.Field, Value: v)))
            : (selectors.EventSelectors ?? []).SelectMany(s => s.ExcludeManagementEventSources ?? []).Select(v => (Field: "eventSource", Value: v));
        var probes = singledOut.Distinct().ToList();
        foreach (var baseEvent in bases)
            foreach (var (field, value) in probes)
            {
                var record = baseEvent.ToJsonObject();
                record[field] = value;
                yield return new CloudTrailSample(Describe(field, value), record);
            }
    }

    /// <summary>Whether the selectors record management events that are read-only (<paramref name="readOnly"/> true) or writes, from at least some sources.</summary>
    public static bool RecordsManagementEvents(TrailEventSelectors selectors, bool readOnly)
    {
        ArgumentNullException.ThrowIfNull(selectors);
        var flag = readOnly ? "true" : "false";
        if (selectors.AdvancedEventSelectors is { Count: > 0 } advanced)
            return advanced.Any(s => AdmitsManagement(s.FieldSelectors)
                && s.FieldSelectors.Where(f => f.Field == "readOnly").All(f => Admits(f, flag)));
        return (selectors.EventSelectors ?? []).Any(s => s.IncludeManagementEvents == true && Covers(s.ReadWriteType, readOnly));
    }

    private static Recording Basic(IReadOnlyList<EventSelector> selectors, JsonNode logEvent)
    {
        var source = Field(logEvent, "eventSource");
        var readOnly = Field(logEvent, "readOnly") == "true";
        string? exclusion = null;
        foreach (var selector in selectors.Where(s => s.IncludeManagementEvents == true))
        {
            if (!Covers(selector.ReadWriteType, readOnly))
                exclusion ??= $"its event selector records only {selector.ReadWriteType} management events";
            else if (selector.ExcludeManagementEventSources?.Contains(source) == true)
                exclusion = $"its event selector excludes {source} (ExcludeManagementEventSources)";
            else
                return Recording.Yes;
        }
        return new Recording(false, exclusion ?? "it records no management events");
    }

    private static Recording Advanced(IReadOnlyList<AdvancedEventSelector> selectors, JsonNode logEvent)
    {
        string? rejected = null, partial = null;
        foreach (var selector in selectors)
        {
            var fields = selector.FieldSelectors;
            if (fields.FirstOrDefault(f => EventFields.Contains(f.Field) && !Admits(f, Field(logEvent, f.Field))) is { } failing)
            {
                if (AdmitsManagement(fields))
                    rejected ??= $"its advanced event selector {Name(selector)} sets {Condition(failing)}";
                continue;
            }
            if (fields.FirstOrDefault(f => !EventFields.Contains(f.Field)) is { } narrowing)
            {
                partial ??= $"its advanced event selector {Name(selector)} keeps only events whose {Condition(narrowing)}";
                continue;
            }
            return Recording.Yes;
        }
        return new Recording(false, partial ?? rejected ?? "none of its advanced event selectors records management events");
    }

    private static bool Covers(string? readWriteType, bool readOnly) =>
        (readWriteType ?? "All") switch { "All" => true, "ReadOnly" => readOnly, "WriteOnly" => !readOnly, _ => false };

    private static bool AdmitsManagement(IEnumerable<FieldSelector> fields)
    {
        var category = fields.Where(f => f.Field == "eventCategory").ToList();
        return category.Count > 0 && category.All(f => Admits(f, "Management"));
    }

    /// <summary>Whether one field selector admits a value: any positive condition (when there is one) and every negative one.</summary>
    internal static bool Admits(FieldSelector f, string value)
    {
        var positives = (f.EqualTo ?? []).Select(v => value == v)
            .Concat((f.StartsWith ?? []).Select(p => value.StartsWith(p, StringComparison.Ordinal)))
            .Concat((f.EndsWith ?? []).Select(s => value.EndsWith(s, StringComparison.Ordinal))).ToList();
        return (positives.Count == 0 || positives.Contains(true))
            && (f.NotEquals ?? []).All(v => value != v)
            && (f.NotStartsWith ?? []).All(p => !value.StartsWith(p, StringComparison.Ordinal))
            && (f.NotEndsWith ?? []).All(s => !value.EndsWith(s, StringComparison.Ordinal));
    }

    /// <summary>Values a field selector rejects, or admits only them: what probes should try.</summary>
    private static IEnumerable<string> ValuesSingledOut(FieldSelector f)
    {
        foreach (var v in f.NotEquals ?? []) yield return v;
        foreach (var p in f.NotStartsWith ?? []) yield return p + "Probe";
        foreach (var s in f.NotEndsWith ?? []) yield return "Probe" + s;
        if ((f.EqualTo?.Count ?? 0) + (f.StartsWith?.Count ?? 0) + (f.EndsWith?.Count ?? 0) > 0)
            yield return f.Field == "eventSource" ? "probe.amazonaws.com" : "ProbeOther";
    }

    private static string Field(JsonNode logEvent, string field) => logEvent[field] switch
    {
        null => field == "eventCategory" ? "Management" : "",
        JsonValue value when value.TryGetValue<bool>(out var flag) => flag ? "true" : "false",
        var node => node.GetValue<string>(),
    };

    private static string Describe(string field, string value) => field switch
    {
        "eventSource" => $"events from {value}",
        "eventName" => $"{value} events",
        _ => $"events with {field} {value}",
    };

    private static string Name(AdvancedEventSelector selector) => selector.Name is { Length: > 0 } name ? $"'{name}'" : "(unnamed)";

    private static string Condition(FieldSelector f) =>
        f.Field + " " + string.Join(" and ", Operators(f).Select(p => $"{p.Operator} {string.Join(", ", p.Values)}"));

    /// <summary>A field selector's operators that have values, as the API names them.</summary>
    internal static IEnumerable<(string Operator, List<string> Values)> Operators(FieldSelector f)
    {
        var all = new (string, List<string>?)[]
        {
            ("Equals", f.EqualTo), ("StartsWith", f.StartsWith), ("EndsWith", f.EndsWith),
            ("NotEquals", f.NotEquals), ("NotStartsWith", f.NotStartsWith), ("NotEndsWith", f.NotEndsWith),
        };
        foreach (var (name, values) in all)
            if (values is { Count: > 0 })
                yield return (name, values);
    }
}
