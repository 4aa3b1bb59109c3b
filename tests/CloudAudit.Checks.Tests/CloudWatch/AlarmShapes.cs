using CloudAudit.Checks.CloudWatch.Alarms;
using CloudAudit.Checks.CloudWatch.FilterPatterns;
using CloudAudit.Inventory.Views;

namespace CloudAudit.Checks.Tests.CloudWatch;

/// <summary>Builds metric filters and alarms the way DescribeMetricFilters and DescribeAlarms return them.</summary>
internal static class AlarmShapes
{
    public const string Namespace = "CISBenchmark";
    public const string MetricId = "m1";

    public static MetricFilter Filter(string pattern, string metricValue = "1", double? defaultValue = null, string metric = MetricId,
        Dictionary<string, string>? dimensions = null, string? unit = null, string name = "cis-filter") =>
        new(name, pattern, "cloudtrail-logs",
            [new MetricTransformation(metric, Namespace, metricValue, dimensions) { DefaultValue = defaultValue, Unit = unit }]);

    public static MetricAlarm Alarm(string statistic = "Sum", int period = 300, int evaluationPeriods = 1, int? datapointsToAlarm = 1,
        string? treatMissingData = "notBreaching", string comparison = "GreaterThanOrEqualToThreshold", double threshold = 1,
        List<Dimension>? dimensions = null, string? unit = null, string? lowSamples = null, string metric = MetricId)
    {
        var extended = !IsStandard(statistic);
        return new MetricAlarm("cis-alarm", null, true, ["arn:aws:sns:us-east-1:111122223333:security"], metric, Namespace, dimensions,
            extended ? null : statistic, period, threshold, comparison, evaluationPeriods, null, "OK")
        {
            ExtendedStatistic = extended ? statistic : null,
            DatapointsToAlarm = datapointsToAlarm,
            TreatMissingData = treatMissingData,
            Unit = unit,
            EvaluateLowSampleCountPercentile = lowSamples,
        };
    }

    /// <summary>An alarm on <paramref name="expression"/> over m1 (the filter's metric) and, when named, <c>other</c> (a metric no filter publishes).</summary>
    public static MetricAlarm MathAlarm(string expression, string statistic = "Sum", int period = 300, int evaluationPeriods = 1,
        int? datapointsToAlarm = 1, string? treatMissingData = "notBreaching", string comparison = "GreaterThanOrEqualToThreshold", double threshold = 1)
    {
        List<MetricDataQuery> queries = [new(MetricId, new MetricStat(new Metric(Namespace, MetricId, null), period, statistic), null, false)];
        if (expression.Contains("other", StringComparison.Ordinal))
            queries.Add(new("other", new MetricStat(new Metric("AWS/EC2", "CPUUtilization", null), period, "Average"), null, false));
        queries.Add(new("e1", null, expression, true));
        return new MetricAlarm("cis-math-alarm", null, true, ["arn:aws:sns:us-east-1:111122223333:security"], null, null, null, null, null,
            threshold, comparison, evaluationPeriods, queries, "OK")
        {
            DatapointsToAlarm = datapointsToAlarm,
            TreatMissingData = treatMissingData,
        };
    }

    public static AlarmJudgement Judge(MetricAlarm alarm, string controlId, params MetricFilter[] filters) =>
        OneEventAlarm.Judge(alarm, new MetricSource(filters), CisMonitoringControls.Get(controlId).RequiredEvents);

    public static string Comparison(string symbol) => symbol switch
    {
        ">=" => "GreaterThanOrEqualToThreshold",
        ">" => "GreaterThanThreshold",
        "<" => "LessThanThreshold",
        "<=" => "LessThanOrEqualToThreshold",
        _ => throw new ArgumentException(symbol),
    };

    private static bool IsStandard(string statistic) => statistic is "Sum" or "SampleCount" or "Average" or "Minimum" or "Maximum";
}
