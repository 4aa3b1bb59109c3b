using System.Globalization;

namespace CloudAudit.Checks.CloudWatch.Alarms;

/// <summary>
/// A CloudWatch statistic over one period's datapoints: the five standard ones and percentiles (pNN). Other
/// extended statistics (trimmed means, counts and sums, percentile ranks) are not modelled.
/// </summary>
internal sealed class AlarmStatistic
{
    private readonly string _name;
    private readonly double? _percentile;

    private AlarmStatistic(string name, double? percentile)
    {
        _name = name;
        _percentile = percentile;
    }

    public string Name => _name;

    /// <summary>The percentile (99 for p99), or null for a standard statistic.</summary>
    public double? Percentile => _percentile;

    /// <exception cref="NotDecidableException">The statistic is missing or not one we model.</exception>
    public static AlarmStatistic Parse(string? name)
    {
        switch (name)
        {
            case "Sum" or "SampleCount" or "Average" or "Minimum" or "Maximum":
                return new AlarmStatistic(name, null);
            case ['p', .. var rest] when double.TryParse(rest, NumberStyles.Float, CultureInfo.InvariantCulture, out var p) && p is > 0 and <= 100:
                return new AlarmStatistic(name, p);
            case null or "":
                throw new NotDecidableException("the alarm names no statistic");
            default:
                throw new NotDecidableException($"the statistic {name} is not one this check models (Sum, SampleCount, Average, Minimum, Maximum, pNN)");
        }
    }

    /// <summary>The statistic's value, or null when the period has no datapoint (missing data).</summary>
    /// <exception cref="NotDecidableException">A percentile over unequal values, whose interpolation CloudWatch does not document.</exception>
    public double? Of(IReadOnlyList<double> points)
    {
        if (points.Count == 0) return null;
        return _name switch
        {
            "Sum" => points.Sum(),
            "SampleCount" => points.Count,
            "Average" => points.Average(),
            "Minimum" => points.Min(),
            "Maximum" => points.Max(),
            _ => points.Distinct().Count() == 1
                ? points[0]
                : throw new NotDecidableException($"{_name} of the event's value mixed with the filter's default values depends on how CloudWatch interpolates percentiles"),
        };
    }

    /// <summary>
    /// Whether a percentile alarm with EvaluateLowSampleCountPercentile "ignore" skips a period of
    /// <paramref name="samples"/> datapoints: below 10/(1-p) for p ≥ 0.5, below 10/p otherwise.
    /// </summary>
    public bool TooFewSamples(int samples)
    {
        if (_percentile is not { } p) return false;
        var fraction = p / 100;
        var needed = fraction >= 0.5 ? 10 / (1 - fraction) : 10 / fraction;
        return samples < needed;
    }

    public override string ToString() => _name;
}
