using CloudAudit.Checks.CloudTrail;
using CloudAudit.Checks.CloudWatch.Alarms;
using CloudAudit.Checks.CloudWatch.FilterPatterns;
using CloudAudit.Checks.Framework;
using CloudAudit.Inventory;
using CloudAudit.Inventory.Views;

namespace CloudAudit.Checks.CloudWatch;

/// <summary>The outcome of following one log group's filter → metric → alarm → SNS chain for a control.</summary>
public sealed record ChainOutcome(LogGroupDelivery Delivery, bool Passes, string Explanation, ChainBreak Break,
    IReadOnlyList<DataGap> Gaps, MetricAlarm? Alarm = null, string? TopicArn = null)
{
    /// <summary>The covering filter's metric the alarm watches (namespace, name), when the break is at the alarm.</summary>
    public (string Namespace, string Name)? Metric { get; init; }
}

/// <summary>Where the chain broke, which decides the fix to propose.</summary>
public enum ChainBreak { None, EventsNotRecorded, NoCoveringFilter, NoAlarm, AlarmWouldNotFire, ActionsDisabled, NoSnsAction, NoConfirmedSubscriber }

/// <summary>
/// The CIS audit steps after delivery: a metric filter on the trail's log group whose pattern covers
/// the control's events (judged semantically), an alarm on that filter's metric that fires on a
/// single event with actions enabled, and an SNS topic action with at least one confirmed subscription.
/// Everything is read in the log group's own region.
/// </summary>
public static class MonitoringChain
{
    public static ChainOutcome Follow(CheckContext context, LogGroupDelivery delivery, CisMonitoringControl control)
    {
        var monitoring = context.Data.Monitoring();
        var group = delivery.LogGroup;
        if (group.Account != context.AccountId)
            return Unassessable(delivery, DataGap.OutOfReach(group.Region, "logs", "DescribeMetricFilters",
                $"the trail {delivery.Trail.Trail.Name} delivers to log group {delivery.LogGroupName} in account {group.Account} "
                + "(an organization trail); its metric filters and alarms can only be assessed in that account",
                delivery.LogGroupName));

        if (MissingEvents(delivery, control) is { } missing)
            return Broken(delivery, ChainBreak.EventsNotRecorded, missing);

        if (!monitoring.MetricFilters(group).TryGet(out var filters, out var filterGap))
            return Unassessable(delivery, filterGap!);
        var assessed = (filters.MetricFilters ?? []).Select(f => (Filter: f, Assessment: CisMonitoringControls.Assess(f.FilterPattern, control))).ToList();
        var covering = assessed.Where(a => a.Assessment.Passes).Select(a => a.Filter).ToList();
        if (covering.Count == 0)
            return Broken(delivery, ChainBreak.NoCoveringFilter, NoCoveringFilter(delivery, control, assessed.Select(a => a.Assessment).ToList(), assessed.Select(a => a.Filter.FilterName).ToList()));

        if (!monitoring.Alarms(group.Region).TryGet(out var alarmList, out var alarmGap))
            return Unassessable(delivery, alarmGap!);
        var metrics = covering.SelectMany(f => f.MetricTransformations ?? []).Select(t => (t.MetricNamespace, t.MetricName)).ToHashSet();
        var alarms = (alarmList.MetricAlarms ?? []).Where(a => a.WatchedMetrics().Any(metrics.Contains)).ToList();
        var filterNames = string.Join(", ", covering.Select(f => f.FilterName));
        if (alarms.Count == 0)
            return Broken(delivery, ChainBreak.NoAlarm, $"filter {filterNames} matches the events but no alarm watches its metric");

        var source = new MetricSource(filters.MetricFilters ?? []);
        var best = Broken(delivery, ChainBreak.NoAlarm, "");
        var gaps = new List<DataGap>();
        foreach (var alarm in alarms)
        {
            var outcome = Judge(monitoring, delivery, alarm, source, control, gaps) is { } judged
                ? judged with { Metric = alarm.WatchedMetrics().First(metrics.Contains) }
                : null;
            if (outcome is null) continue;
            if (outcome.Passes) return outcome;
            if (outcome.Break > best.Break || best.Explanation.Length == 0) best = outcome;
        }
        if (best.Explanation.Length == 0)
            best = Broken(delivery, ChainBreak.AlarmWouldNotFire, $"no alarm on the metric of filter {filterNames} can be judged");
        return best with { Gaps = gaps };
    }

    /// <summary>The chain from one alarm on: null (with a gap) when whether one event fires the alarm cannot be decided.</summary>
    private static ChainOutcome? Judge(MonitoringView monitoring, LogGroupDelivery delivery, MetricAlarm alarm, MetricSource source,
        CisMonitoringControl control, List<DataGap> gaps)
    {
        var judgement = OneEventAlarm.Judge(alarm, source, control.RequiredEvents);
        switch (judgement.Firing)
        {
            case AlarmFiring.NotDecidable:
                gaps.Add(DataGap.NotDecidable(delivery.LogGroup.Region, "cloudwatch", "DescribeAlarms",
                    $"whether one event fires alarm {alarm.AlarmName} cannot be decided: {judgement.Reason}", alarm.AlarmName));
                return null;
            case AlarmFiring.DoesNotFire:
                return Broken(delivery, ChainBreak.AlarmWouldNotFire, $"alarm {alarm.AlarmName} {judgement.Reason}", alarm);
        }
        if (alarm.ActionsEnabled != true)
            return Broken(delivery, ChainBreak.ActionsDisabled, $"alarm {alarm.AlarmName} has its actions disabled, so it notifies nobody", alarm);
        var topics = (alarm.AlarmActions ?? []).Select(Arn.TryParse).OfType<Arn>().Where(a => a.Service == "sns").ToList();
        if (topics.Count == 0)
            return Broken(delivery, ChainBreak.NoSnsAction, $"alarm {alarm.AlarmName} has no SNS topic among its actions", alarm);
        foreach (var topic in topics)
        {
            if (!monitoring.Subscriptions(topic).TryGet(out var subscriptions, out var gap))
            {
                gaps.Add(gap!);
                continue;
            }
            if ((subscriptions.Subscriptions ?? []).Any(s => s.Confirmed))
                return new ChainOutcome(delivery, true, $"alarm {alarm.AlarmName} notifies {topic}", ChainBreak.None, [], alarm, topic.ToString());
        }
        return Broken(delivery, ChainBreak.NoConfirmedSubscriber,
            $"alarm {alarm.AlarmName} notifies {string.Join(", ", topics.Select(t => t.Resource))}, which has no confirmed subscription", alarm,
            topics[0].ToString());
    }

    /// <summary>
    /// The control's events the trail's selectors leave out, grouped by the setting that drops them; null when it
    /// records them all. For the controls about every service, also the events each exclusion singles out.
    /// </summary>
    private static string? MissingEvents(LogGroupDelivery delivery, CisMonitoringControl control)
    {
        if (delivery.Trail.Selectors is not { } selectors)
            return null;
        IEnumerable<CloudTrailSample> events = control.RequiredEvents;
        if (control.WatchesEveryService)
            events = events.Concat(EventSelection.Probes(selectors, control.RequiredEvents.Concat(CisMonitoringControls.BenignEvents)));
        var missed = events.Select(e => (e.Label, Recording: EventSelection.Of(selectors, e))).Where(r => !r.Recording.Recorded).ToList();
        if (missed.Count == 0)
            return null;
        var reasons = missed.GroupBy(m => m.Recording.Exclusion)
            .Select(g => $"{string.Join(", ", g.Select(m => m.Label).Distinct())}: {g.Key}");
        var everyService = control.WatchesEveryService ? $"; CIS {control.Id} watches every service's events" : "";
        return $"trail {delivery.Trail.Trail.Name} does not record {string.Join("; ", reasons)}{everyService}";
    }

    /// <summary>Names the closest filter and what it lacks, or says that none is even close.</summary>
    private static string NoCoveringFilter(LogGroupDelivery delivery, CisMonitoringControl control, IReadOnlyList<PatternAssessment> assessments, IReadOnlyList<string> names)
    {
        if (assessments.Count == 0)
            return $"log group {delivery.LogGroupName} has no metric filter";
        var closest = Enumerable.Range(0, assessments.Count)
            .OrderBy(i => assessments[i].ParseError is null ? 0 : 1)
            .ThenBy(i => assessments[i].MatchedBenignEvents.Count > 0 ? 1 : 0)
            .ThenBy(i => assessments[i].MissedEvents.Count).First();
        var best = assessments[closest];
        return best.ParseError is null && best.MatchedBenignEvents.Count == 0 && best.MissedEvents.Count == control.RequiredEvents.Count
            ? assessments.Count == 1
                ? $"the only metric filter on {delivery.LogGroupName}, {names[0]}, matches none of these events"
                : $"none of the {assessments.Count} metric filters on {delivery.LogGroupName} matches these events"
            : $"the closest metric filter on {delivery.LogGroupName}, {names[closest]}, {best.Explanation}";
    }

    private static ChainOutcome Broken(LogGroupDelivery delivery, ChainBreak why, string explanation, MetricAlarm? alarm = null, string? topic = null) =>
        new(delivery, false, explanation, why, [], alarm, topic);

    private static ChainOutcome Unassessable(LogGroupDelivery delivery, DataGap gap) =>
        new(delivery, false, gap.Message, ChainBreak.None, [gap]);
}
