using System.Globalization;
using CloudAudit.Checks.CloudWatch.Alarms;
using CloudAudit.Checks.CloudWatch.FilterPatterns;
using CloudAudit.Checks.Tests.Support;
using CloudAudit.Inventory.Views;
using static CloudAudit.Checks.Tests.CloudWatch.AlarmShapes;

namespace CloudAudit.Checks.Tests.CloudWatch;

/// <summary>
/// Whether one event fires an alarm, decided from the alarm's whole definition: every row of the table in
/// docs/cis-monitoring.md, and the shapes the table cannot show (dimensions, units, several filters).
/// </summary>
public class OneEventAlarmTests
{
    private const string Control = "4.5"; // CloudTrail changes: five events
    private static readonly string Pattern = CisMonitoringControls.Get(Control).RecommendedPattern;

    /// <summary>The documented table's rows: "metric value | default | statistic | period | N | M | missing | expression | condition | verdict".</summary>
    public static TheoryData<string> DocumentedShapes => new(DocumentedTable.Rows("cis-monitoring.md", "| metric value |"));

    [Theory]
    [MemberData(nameof(DocumentedShapes))]
    public void Each_documented_shape_gives_its_verdict(string row)
    {
        var cells = DocumentedTable.Cells(row);
        Assert.Equal(10, cells.Length);
        string? Cell(int i) => cells[i] == "—" ? null : cells[i];
        int? Int(int i) => Cell(i) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : null;
        var filter = Filter(Pattern, cells[0], Cell(1) is { } d ? double.Parse(d, CultureInfo.InvariantCulture) : null);
        var condition = cells[8].Split(' ');
        var (comparison, threshold) = (Comparison(condition[0]), double.Parse(condition[1], CultureInfo.InvariantCulture));
        var alarm = Cell(7) is { } expression
            ? MathAlarm(expression, cells[2], Int(3)!.Value, Int(4)!.Value, Int(5), Cell(6), comparison, threshold)
            : Alarm(cells[2], Int(3)!.Value, Int(4)!.Value, Int(5), Cell(6), comparison, threshold);
        var expected = cells[9].Split(':')[0] switch
        {
            "fires" => AlarmFiring.Fires,
            "does not fire" => AlarmFiring.DoesNotFire,
            "not assessed" => AlarmFiring.NotDecidable,
            var other => throw new InvalidOperationException($"unknown verdict '{other}'"),
        };

        var judgement = Judge(alarm, Control, filter);

        Assert.True(judgement.Firing == expected, $"{row}\n→ {judgement.Firing}: {judgement.Reason}");
    }

    [Fact]
    public void The_reasons_say_what_the_alarm_sees()
    {
        var average = Judge(Alarm("Average"), Control, Filter(Pattern, defaultValue: 0));
        Assert.Contains("for CreateTrail, when 1 other minute of the period carries the filter's default value, its Average over 300 seconds is 0.5", average.Reason);
        var threeOfThree = Judge(Alarm(evaluationPeriods: 3, datapointsToAlarm: 3), Control, Filter(Pattern));
        Assert.Contains("needs 3 breaching datapoints out of 3", threeOfThree.Reason);
        var stuck = Judge(Alarm(treatMissingData: "breaching"), Control, Filter(Pattern));
        Assert.StartsWith("is in ALARM without any event", stuck.Reason);
        var dynamic = Judge(Alarm(), Control, Filter(Pattern, "$.requestParameters.count"));
        Assert.Contains("publishes $.requestParameters.count of each event", dynamic.Reason);
    }

    [Fact]
    public void A_filter_with_dimensions_feeds_only_the_alarm_with_those_dimensions()
    {
        var byName = Filter(Pattern, dimensions: new() { ["EventName"] = "$.eventName" });

        var withoutDimensions = Judge(Alarm(), Control, byName);
        Assert.Equal(AlarmFiring.DoesNotFire, withoutDimensions.Firing);
        Assert.Contains("gives it no datapoint", withoutDimensions.Reason);

        // An alarm on one event name's metric misses the control's other events.
        var oneName = Judge(Alarm(dimensions: [new Dimension("EventName", "CreateTrail")]), Control, byName);
        Assert.Equal(AlarmFiring.DoesNotFire, oneName.Firing);
        Assert.Contains("UpdateTrail gives it no datapoint", oneName.Reason);
    }

    [Fact]
    public void A_dimension_from_the_accounts_own_data_cannot_be_decided()
    {
        var byUser = Filter(Pattern, dimensions: new() { ["User"] = "$.userIdentity.arn" });
        var judgement = Judge(Alarm(dimensions: [new Dimension("User", "arn:aws:iam::111122223333:user/alice")]), Control, byUser);
        Assert.Equal(AlarmFiring.NotDecidable, judgement.Firing);
        Assert.Contains("$.userIdentity.arn", judgement.Reason);
    }

    [Fact]
    public void An_alarm_asking_for_another_unit_sees_no_datapoint()
    {
        Assert.Equal(AlarmFiring.DoesNotFire, Judge(Alarm(unit: "Seconds"), Control, Filter(Pattern, unit: "Count")).Firing);
        Assert.Equal(AlarmFiring.DoesNotFire, Judge(Alarm(unit: "Count"), Control, Filter(Pattern)).Firing); // the filter publishes None
        Assert.Equal(AlarmFiring.Fires, Judge(Alarm(unit: "Count"), Control, Filter(Pattern, unit: "Count")).Firing);
    }

    [Fact]
    public void Filters_sharing_a_metric_each_publish_into_it()
    {
        // Each filter matches part of the control's events; together they cover all five.
        var trails = Filter("{ ($.eventName = CreateTrail) || ($.eventName = UpdateTrail) || ($.eventName = DeleteTrail) }", name: "trails");
        var logging = Filter("{ ($.eventName = StartLogging) || ($.eventName = StopLogging) }", name: "logging");
        Assert.Equal(AlarmFiring.Fires, Judge(Alarm(), Control, trails, logging).Firing);
        // A second filter with a default value makes the metric dense: the event's minute carries its 0 beside the 1.
        var quiet = Filter("{ $.eventName = \"NeverHappens\" }", defaultValue: 0, name: "quiet");
        var average = Judge(Alarm("Average", period: 60), Control, Filter(Pattern), quiet);
        Assert.Equal(AlarmFiring.DoesNotFire, average.Firing);
        Assert.Contains("is 0.5", average.Reason);
    }

    [Fact]
    public void A_percentile_alarm_that_ignores_low_sample_counts_never_evaluates_one_event()
    {
        var judgement = Judge(Alarm("p99", lowSamples: "ignore"), Control, Filter(Pattern));
        Assert.Equal(AlarmFiring.DoesNotFire, judgement.Firing);
        Assert.Contains("too few samples", judgement.Reason);
        Assert.Equal(AlarmFiring.Fires, Judge(Alarm("p99", lowSamples: "evaluate"), Control, Filter(Pattern)).Firing);
    }

    [Fact]
    public void Anomaly_detection_and_ambiguous_results_cannot_be_decided()
    {
        var anomaly = Alarm(comparison: "GreaterThanUpperThreshold") with { ThresholdMetricId = "ad1" };
        Assert.Equal(AlarmFiring.NotDecidable, Judge(anomaly, Control, Filter(Pattern)).Firing);
        var twoResults = MathAlarm("m1") with
        {
            Metrics = [new("m1", new MetricStat(new Metric(Namespace, MetricId, null), 300, "Sum"), null, true), new("e1", null, "m1 * 2", true)],
        };
        Assert.Contains("ReturnData", Judge(twoResults, Control, Filter(Pattern)).Reason);
        Assert.Contains("cannot be read", Judge(MathAlarm("m1 >"), Control, Filter(Pattern)).Reason);
    }

    [Fact]
    public void Logical_operators_and_arrays_follow_the_metric_math_rules()
    {
        Assert.Equal(AlarmFiring.Fires, Judge(MathAlarm("m1 > 0 AND m1 < 5"), Control, Filter(Pattern)).Firing);
        Assert.Equal(AlarmFiring.Fires, Judge(MathAlarm("MAX([m1, FILL(m1, 0)])"), Control, Filter(Pattern)).Firing);
        Assert.Equal(AlarmFiring.Fires, Judge(MathAlarm("AVG([m1, FILL(m1, 0)]) * 2"), Control, Filter(Pattern)).Firing);
        Assert.Equal(AlarmFiring.DoesNotFire, Judge(MathAlarm("m1 / 0"), Control, Filter(Pattern)).Firing); // division by zero drops it
        Assert.Equal(AlarmFiring.Fires, Judge(MathAlarm("-m1 < 0 || m1 ^ 2 >= 1"), Control, Filter(Pattern)).Firing);
        Assert.Equal(AlarmFiring.Fires, Judge(MathAlarm("SUM(METRICS(\"m\")) * PERIOD(m1) / 300"), Control, Filter(Pattern)).Firing);
    }
}
