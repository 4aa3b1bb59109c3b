using System.Globalization;
using CloudAudit.Checks.CloudWatch.FilterPatterns;
using CloudAudit.Inventory.Views;

namespace CloudAudit.Checks.CloudWatch.Alarms;

/// <summary>
/// One minute-aligned slice of time as an alarm period sees it: the period holding the single event (the
/// event's own minute plus <see cref="OtherMinutes"/> minutes in which the log group received other events),
/// or a quiet period (no event; <see cref="OtherMinutes"/> minutes with log events, none matching).
/// </summary>
internal readonly record struct Slot(CloudTrailSample? Event, int OtherMinutes)
{
    public bool HasEvent => Event is not null;
}

/// <summary>A question about one alarm that the data cannot answer: the alarm is NOT ASSESSED, never PASS.</summary>
internal sealed class NotDecidableException(string reason) : Exception(reason);

/// <summary>
/// The metrics one log group's metric filters publish, and the datapoints each receives in a <see cref="Slot"/>.
/// CloudWatch Logs publishes a filter's <c>metricValue</c> for each matching log event, and its
/// <c>defaultValue</c> (when set) once for each minute in which log events arrived but none matched; a metric
/// is identified by namespace, name and dimensions, and an alarm that names a unit sees only datapoints of
/// that unit.
/// </summary>
public sealed class MetricSource
{
    private static readonly Dictionary<string, string> NoDimensions = new();
    private readonly IReadOnlyList<Feed> _feeds;

    public MetricSource(IEnumerable<MetricFilter> filters)
    {
        _feeds = filters.SelectMany(f => (f.MetricTransformations ?? []).Select(t => new Feed(f, t))).ToList();
    }

    /// <summary>Whether any filter of the log group publishes to (namespace, name).</summary>
    internal bool Publishes(string? ns, string? name) => _feeds.Any(f => f.Transformation.MetricNamespace == ns && f.Transformation.MetricName == name);

    /// <summary>Whether a filter publishing (namespace, name) also publishes default values, so that the metric has data between events.</summary>
    internal bool HasDefaults(string? ns, string? name) => FeedsOf(ns, name).Any(f => f.Transformation.DefaultValue is not null);

    /// <summary>The datapoints metric (namespace, name, dimensions) receives in the slot, as an alarm with <paramref name="unit"/> sees them.</summary>
    /// <exception cref="NotDecidableException">A filter's value or dimension depends on the account's own events.</exception>
    internal List<double> Datapoints(Metric metric, string? unit, Slot slot)
    {
        var points = new List<double>();
        var wanted = (metric.Dimensions ?? []).ToDictionary(d => d.Name, d => d.Value, StringComparer.Ordinal);
        foreach (var feed in FeedsOf(metric.Namespace, metric.MetricName))
        {
            if (unit is not null && unit != (feed.Transformation.Unit ?? "None"))
                continue; // the alarm asks for another unit and never sees these datapoints
            var dimensions = feed.Transformation.Dimensions ?? NoDimensions;
            if (!dimensions.Keys.Order(StringComparer.Ordinal).SequenceEqual(wanted.Keys.Order(StringComparer.Ordinal), StringComparer.Ordinal))
                continue; // another metric: CloudWatch tells metrics apart by their dimensions
            var defaultValue = feed.Transformation.DefaultValue;
            if (dimensions.Count > 0 && defaultValue is not null)
                throw new NotDecidableException($"metric filter {feed.Filter.FilterName} publishes both dimensions and a default value, whose dimensions CloudWatch does not document");
            if (slot.Event is { } logEvent)
            {
                if (feed.Matches(logEvent))
                {
                    if (dimensions.Count == 0 || dimensions.All(d => Dimension(feed, d.Key, d.Value, logEvent) == wanted[d.Key]))
                        points.Add(feed.Value());
                }
                else if (defaultValue is { } inEventMinute)
                    points.Add(inEventMinute); // the event's minute had log events and none matched this filter
            }
            if (defaultValue is { } d)
                points.AddRange(Enumerable.Repeat(d, slot.OtherMinutes));
        }
        return points;
    }

    private IEnumerable<Feed> FeedsOf(string? ns, string? name) =>
        _feeds.Where(f => f.Transformation.MetricNamespace == ns && f.Transformation.MetricName == name);

    // Only fields that name the event itself can be read from our synthetic records; anything else (a user,
    // an IP address, a resource) is the account's own data.
    private static readonly HashSet<string> EventFields = new(StringComparer.Ordinal) { "$.eventName", "$.eventSource", "$.eventType", "$.readOnly" };

    private static string Dimension(Feed feed, string name, string selector, CloudTrailSample logEvent)
    {
        if (!EventFields.Contains(selector.Trim()))
            throw new NotDecidableException($"metric filter {feed.Filter.FilterName} publishes dimension {name} from {selector}, which depends on the account's own events");
        var value = logEvent.Node[selector.Trim()[2..]];
        return value?.ToJsonString().Trim('"') ?? "";
    }

    private sealed class Feed(MetricFilter filter, MetricTransformation transformation)
    {
        private readonly Lazy<ParseResult> _pattern = new(() => FilterPattern.Parse(filter.FilterPattern));

        public MetricFilter Filter { get; } = filter;
        public MetricTransformation Transformation { get; } = transformation;

        public bool Matches(CloudTrailSample logEvent) => _pattern.Value.Pattern is { } pattern
            ? pattern.Matches(logEvent.Node)
            : throw new NotDecidableException($"the pattern of metric filter {Filter.FilterName} cannot be read ({_pattern.Value.Error})");

        /// <summary>The number one matching event publishes.</summary>
        public double Value()
        {
            var text = Transformation.MetricValue?.Trim();
            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
                return value;
            throw new NotDecidableException(text?.StartsWith('$') == true
                ? $"metric filter {Filter.FilterName} publishes {text} of each event, a value the account's own events decide"
                : $"metric filter {Filter.FilterName} has metric value '{text}', which is not a number");
        }
    }
}
