using System.Globalization;
using CloudAudit.Checks.CloudWatch.FilterPatterns;
using CloudAudit.Inventory.Views;

namespace CloudAudit.Checks.CloudWatch.Alarms;

public enum AlarmFiring
{
    /// <summary>One matching event sets the alarm to ALARM, and the alarm leaves ALARM again between events.</summary>
    Fires,
    /// <summary>One matching event never changes the alarm's state to ALARM (or it is stuck in ALARM).</summary>
    DoesNotFire,
    /// <summary>The alarm's definition does not decide it (a value read from events, an unmodelled function …).</summary>
    NotDecidable,
}

/// <summary>Whether one event fires an alarm, and why, in a clause that follows "alarm NAME …".</summary>
public sealed record AlarmJudgement(AlarmFiring Firing, string Reason);

/// <summary>
/// Decides from an alarm's whole definition whether a single matching CloudTrail event sets it to ALARM:
/// the statistic and period over the datapoints the log group's metric filters publish (the matching filter's
/// metricValue in the event's minute; each filter's defaultValue, when set, in every other minute with log
/// events), metric math over those metrics, EvaluationPeriods and DatapointsToAlarm, and how missing data is
/// treated. docs/cis-monitoring.md states the rules and lists the shapes that fire and those that do not.
/// </summary>
public static class OneEventAlarm
{
    public static AlarmJudgement Judge(MetricAlarm alarm, MetricSource metrics, IReadOnlyList<CloudTrailSample> events)
    {
        ArgumentNullException.ThrowIfNull(alarm);
        ArgumentNullException.ThrowIfNull(events);
        try
        {
            return new AlarmModel(alarm, metrics).Judge(events);
        }
        catch (NotDecidableException e)
        {
            return new AlarmJudgement(AlarmFiring.NotDecidable, e.Message);
        }
    }
}

/// <summary>One alarm's queries evaluated over slots of time; see <see cref="OneEventAlarm"/>.</summary>
internal sealed class AlarmModel : IMathScope
{
    private sealed record Query(string Id, Metric? Metric, AlarmStatistic? Statistic, int? Period, string? Unit, MathNode? Expression, string? Text);

    private readonly MetricAlarm _alarm;
    private readonly MetricSource _metrics;
    private readonly Dictionary<string, Query> _queries = new(StringComparer.Ordinal);
    private readonly HashSet<string> _resolving = new(StringComparer.Ordinal);
    private readonly Query _returned;
    private Slot _slot;

    public AlarmModel(MetricAlarm alarm, MetricSource metrics)
    {
        _alarm = alarm;
        _metrics = metrics;
        if (alarm.Metrics is { Count: > 0 } queries)
        {
            foreach (var q in queries)
                _queries[q.Id] = q.MetricStat is { Metric: { } metric } stat
                    ? new Query(q.Id, metric, AlarmStatistic.Parse(stat.Stat), stat.Period, stat.Unit, null, null)
                    : q.Expression is { } expression
                        ? new Query(q.Id, null, null, null, null, MetricMathParser.Parse(expression), expression)
                        : throw new NotDecidableException($"query {q.Id} has neither a metric nor an expression");
            var returned = queries.Where(q => q.ReturnData == true).ToList();
            if (returned.Count == 0) returned = queries.Where(q => q.ReturnData is null).ToList();
            _returned = returned.Count == 1 ? _queries[returned[0].Id]
                : throw new NotDecidableException("its metrics do not name one result to alarm on (ReturnData)");
        }
        else
        {
            _returned = new Query("m1", new Metric(alarm.Namespace, alarm.MetricName, alarm.Dimensions),
                AlarmStatistic.Parse(alarm.Statistic ?? alarm.ExtendedStatistic), alarm.Period, alarm.Unit, null, null);
            _queries[_returned.Id] = _returned;
        }
    }

    public IReadOnlyList<string> MetricIds => _queries.Values.Where(q => q.Metric is not null).Select(q => q.Id).ToList();

    public int PeriodOf(string id) => Find(id).Period ?? throw new NotDecidableException($"query {id} has no period");

    public MathValue Resolve(string id)
    {
        var query = Find(id);
        if (query.Metric is { } metric)
        {
            if (!_metrics.Publishes(metric.Namespace, metric.MetricName))
                throw new NotDecidableException($"it reads {metric.Namespace}/{metric.MetricName}, which no metric filter on this log group publishes, so its value when the event arrives is unknown");
            return new SeriesValue(query.Statistic!.Of(_metrics.Datapoints(metric, query.Unit, _slot)));
        }
        if (!_resolving.Add(id))
            throw new NotDecidableException($"expression {id} refers to itself");
        try
        {
            return query.Expression!.Evaluate(this);
        }
        finally
        {
            _resolving.Remove(id);
        }
    }

    private Query Find(string id) => _queries.TryGetValue(id, out var query) ? query
        : throw new NotDecidableException($"its expression refers to {id}, which is not one of its queries");

    private double? ValueAt(Slot slot)
    {
        _slot = slot;
        return Resolve(_returned.Id) switch
        {
            SeriesValue s => s.Value,
            SeriesList { Items: [var only] } => only.Value,
            _ => throw new NotDecidableException("its expression does not give one time series"),
        };
    }

    public AlarmJudgement Judge(IReadOnlyList<CloudTrailSample> events)
    {
        if (_alarm.ThresholdMetricId is not null)
            throw new NotDecidableException("its threshold is an anomaly detection band, which depends on the metric's history");
        var (symbol, breaches) = Comparison(_alarm.ComparisonOperator);
        var threshold = _alarm.Threshold ?? throw new NotDecidableException("it has no threshold");
        var n = _alarm.EvaluationPeriods ?? throw new NotDecidableException("it has no EvaluationPeriods");
        var m = _alarm.DatapointsToAlarm ?? n;
        if (m < 1 || m > n)
            throw new NotDecidableException($"DatapointsToAlarm {m} is outside 1…{n}");
        var treatment = _alarm.TreatMissingData ?? "missing";
        var period = Period();
        var minutes = period / 60;
        var dense = _queries.Values.Any(q => q.Metric is { } metric && _metrics.HasDefaults(metric.Namespace, metric.MetricName));
        var condition = $"{symbol} {Number(threshold)}";

        // Before the event: is the alarm already in ALARM, so that the event changes nothing?
        var quiet = (dense ? Enumerable.Range(1, minutes) : [0]).Select(k => ValueAt(new Slot(null, k))).ToList();
        if (quiet.FirstOrDefault(v => v is { } x && breaches(x, threshold)) is { } idle)
            return Stuck($"without any event its {What()} is {Number(idle)}, which already meets {condition}");
        var quietMissing = quiet.All(v => v is null);
        if (!quietMissing && quiet.Any(v => v is null))
            throw new NotDecidableException("between events its value exists only in busy minutes, which this check does not model");
        if (quietMissing && treatment == "breaching")
            return Stuck("its metric has no datapoints between events (no default value) and it treats missing data as breaching");

        // The event's period must breach, however many other minutes of it carried default values.
        foreach (var logEvent in events)
            foreach (var others in dense ? Enumerable.Range(0, minutes) : [0])
            {
                var slot = new Slot(logEvent, others);
                if (_returned.Statistic is { Percentile: not null } statistic && _alarm.EvaluateLowSampleCountPercentile == "ignore"
                    && statistic.TooFewSamples(_metrics.Datapoints(_returned.Metric!, _returned.Unit, slot).Count))
                    return new(AlarmFiring.DoesNotFire,
                        $"would not fire on a single event: it ignores periods with too few samples for {statistic} (EvaluateLowSampleCountPercentile ignore), and one event is one sample");
                var value = ValueAt(slot);
                var context = others == 0 ? "" : $", when {others} other minute{(others == 1 ? " of the period carries" : "s of the period carry")} the filter's default value";
                if (value is not { } v)
                    return new(AlarmFiring.DoesNotFire, $"would not fire on a single event: {logEvent.Label} gives it no datapoint{context}");
                if (!breaches(v, threshold))
                    return new(AlarmFiring.DoesNotFire,
                        $"would not fire on a single event: for {logEvent.Label}{context}, its {What()} is {Number(v)}, which does not meet {condition}");
            }

        var needsMore = new AlarmJudgement(AlarmFiring.DoesNotFire,
            $"would not fire on a single event: it needs {m} breaching datapoints out of {n} (DatapointsToAlarm {m}, EvaluationPeriods {n}) and one event makes one");
        var fires = new AlarmJudgement(AlarmFiring.Fires, $"goes to ALARM on one event (its {What()} meets {condition})");
        if (!quietMissing || treatment == "notBreaching")
            return m == 1 ? fires : needsMore;
        if (treatment == "ignore")
            return new(AlarmFiring.DoesNotFire,
                "would not fire on a single event more than once: it treats missing data as ignore while its metric has no datapoints between events (no default value): it keeps its state between events, so after the first one it stays in ALARM and later events notify nobody");
        // "missing": one breaching datapoint among missing ones decides ALARM only when one is enough.
        return m == 1 ? fires : throw new NotDecidableException(
            $"it needs {m} of {n} breaching datapoints and treats missing data as missing; CloudWatch documents that such an alarm can still reach ALARM once the lone breaching datapoint is the oldest it retrieves, over an evaluation range it does not specify");
    }

    private static AlarmJudgement Stuck(string why) =>
        new(AlarmFiring.DoesNotFire, $"is in ALARM without any event ({why}), so an event changes nothing and notifies nobody");

    private string What() => _returned.Expression is null ? $"{_returned.Statistic} over {_returned.Period} seconds" : $"expression {_returned.Text}";

    private int Period()
    {
        var periods = _queries.Values.Where(q => q.Metric is not null).Select(q => q.Period).Distinct().ToList();
        if (periods is not [{ } period])
            throw new NotDecidableException(periods.Count > 1 ? "its metrics use different periods" : "it has no period");
        if (period < 60 || period % 60 != 0)
            throw new NotDecidableException($"its {period}-second period is not a whole number of the minutes metric filters publish in");
        return period;
    }

    private static (string Symbol, Func<double, double, bool> Breaches) Comparison(string? comparison) => comparison switch
    {
        "GreaterThanOrEqualToThreshold" => (">=", (v, t) => v >= t),
        "GreaterThanThreshold" => (">", (v, t) => v > t),
        "LessThanThreshold" => ("<", (v, t) => v < t),
        "LessThanOrEqualToThreshold" => ("<=", (v, t) => v <= t),
        _ => throw new NotDecidableException($"its comparison {comparison ?? "(none)"} is against an anomaly detection band or unknown"),
    };

    private static string Number(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);
}
