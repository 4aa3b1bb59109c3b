namespace CloudAudit.Checks.CloudWatch.Alarms;

/// <summary>
/// The metric math functions whose value at a period depends on that period alone. Functions that look across
/// periods (RATE, DIFF, RUNNING_SUM, the SUM/AVG/MIN/MAX of one series, FILL with REPEAT or LINEAR), search or
/// read data outside the account's metrics (SEARCH, ANOMALY_DETECTION_BAND, INSIGHT_RULE_METRIC,
/// SERVICE_QUOTA) make the alarm undecidable from its definition.
/// </summary>
internal static class MathFunctions
{
    public static MathValue Call(string name, IReadOnlyList<MathValue> args, IMathScope scope) => name switch
    {
        "METRICS" => Metrics(args, scope),
        "SUM" => Aggregate(name, args, present => present.Sum(), (sum, count) => sum),
        "AVG" => Aggregate(name, args, present => present.Sum(), (sum, count) => sum / count),
        "MAX" => Aggregate(name, args, present => present.Max(), (max, _) => max),
        "MIN" => Aggregate(name, args, present => present.Min(), (min, _) => min),
        "ABS" => MathOps.Map(Single(name, args), Math.Abs, name),
        "CEIL" => MathOps.Map(Single(name, args), Math.Ceiling, name),
        "FLOOR" => MathOps.Map(Single(name, args), Math.Floor, name),
        "LOG" => MathOps.Map(Single(name, args), Math.Log, name),
        "LOG10" => MathOps.Map(Single(name, args), Math.Log10, name),
        "FILL" => Fill(args),
        "IF" => If(args),
        "TIME_SERIES" => args is [ScalarValue constant] ? new SeriesValue(constant.Value) : throw new NotDecidableException("TIME_SERIES takes one number"),
        "METRIC_COUNT" => new ScalarValue(MathOps.Series(Single(name, args), "METRIC_COUNT's argument").Count()),
        "FIRST" => MathOps.Series(Single(name, args), "FIRST's argument").FirstOrDefault() ?? new SeriesValue(null),
        "LAST" => MathOps.Series(Single(name, args), "LAST's argument").LastOrDefault() ?? new SeriesValue(null),
        _ => throw new NotDecidableException($"the function {name} is not modelled: its value at one period depends on other periods or on data outside the account's metric filters"),
    };

    private static MathValue Single(string name, IReadOnlyList<MathValue> args) =>
        args is [var only] ? only : throw new NotDecidableException($"{name} takes one argument");

    private static SeriesList Metrics(IReadOnlyList<MathValue> args, IMathScope scope)
    {
        var filter = args switch
        {
            [] => "",
            [TextValue text] => text.Text,
            _ => throw new NotDecidableException("METRICS takes nothing or one string"),
        };
        return new SeriesList(scope.MetricIds.Where(id => id.Contains(filter, StringComparison.Ordinal))
            .SelectMany(id => MathOps.Series(scope.Resolve(id), id)).ToList());
    }

    /// <summary>
    /// SUM, AVG, MAX or MIN across several series at one period (missing values count as 0 for SUM and AVG, as
    /// CloudWatch documents); of a single series they are one number over the whole evaluation range.
    /// </summary>
    private static SeriesValue Aggregate(string name, IReadOnlyList<MathValue> args, Func<IEnumerable<double>, double> over, Func<double, int, double> finish)
    {
        if (Single(name, args) is not SeriesList list)
            throw new NotDecidableException($"{name} of a single time series is one number over all the periods the alarm retrieves, which CloudWatch advises against in alarms");
        var present = list.Items.Where(i => i.Value is not null).Select(i => i.Value!.Value).ToList();
        if (present.Count == 0) return new SeriesValue(null);
        var withMissingAsZero = name is "SUM" or "AVG" ? list.Items.Select(i => i.Value ?? 0) : present;
        return new SeriesValue(finish(over(withMissingAsZero), list.Items.Count));
    }

    private static MathValue Fill(IReadOnlyList<MathValue> args)
    {
        if (args is not [var series, var filler])
            throw new NotDecidableException("FILL takes a time series and a value");
        return filler switch
        {
            KeywordValue keyword => throw new NotDecidableException($"FILL with {keyword.Name} takes its value from other periods"),
            ScalarValue constant => Filled(series, _ => constant.Value),
            SeriesValue other => Filled(series, _ => other.Value),
            _ => throw new NotDecidableException("FILL's second argument must be a number or a time series"),
        };
    }

    private static MathValue Filled(MathValue series, Func<SeriesValue, double?> filler) => series switch
    {
        SeriesValue s => new SeriesValue(s.Value ?? filler(s)),
        SeriesList l => new SeriesList(l.Items.Select(i => new SeriesValue(i.Value ?? filler(i))).ToList()),
        _ => throw new NotDecidableException("FILL fills a time series"),
    };

    /// <summary>
    /// IF(condition, then, else) per period: no datapoint when the condition has none, or when it is false and
    /// there is no else (or the else series has none); a true condition with a then-series lacking a datapoint gives 0.
    /// </summary>
    private static SeriesValue If(IReadOnlyList<MathValue> args)
    {
        if (args.Count is < 2 or > 3)
            throw new NotDecidableException("IF takes a condition, a value and optionally another value");
        var condition = args[0] switch
        {
            ScalarValue s => (double?)s.Value,
            SeriesValue s => s.Value,
            _ => throw new NotDecidableException("IF's condition must be a number or a time series"),
        };
        if (condition is not { } truth) return new SeriesValue(null);
        var chosen = truth != 0 ? args[1] : args.Count == 3 ? args[2] : null;
        return chosen switch
        {
            null => new SeriesValue(null),
            ScalarValue s => new SeriesValue(s.Value),
            // A series condition that is true where the chosen series has no datapoint gives 0 (documented for IF(TS, TS, TS)).
            SeriesValue s => new SeriesValue(s.Value ?? (truth != 0 && args[0] is SeriesValue ? 0 : null)),
            _ => throw new NotDecidableException("IF chooses between numbers and time series"),
        };
    }
}
