using System.Text.Json;
using System.Text.Json.Nodes;
using CloudAudit.Checks.CloudWatch;
using CloudAudit.Checks.CloudWatch.FilterPatterns;
using CloudAudit.Checks.Framework;
using CloudAudit.Checks.Tests.Support;
using CloudAudit.Inventory.Catalog;
using static CloudAudit.Checks.Tests.Support.TrailData;
using static CloudAudit.Demo.DemoRecorder;

namespace CloudAudit.Checks.Tests.CloudWatch;

/// <summary>The CIS monitoring family, every row: PASS, FAIL and NOT ASSESSED, and each link of the chain.</summary>
public class CisMonitoringAlarmTests
{
    private const string LogGroup = "ct-logs";
    internal const string Region = "ap-southeast-2"; // deliberately outside the scanned regions
    private const string Topic = "arn:aws:sns:ap-southeast-2:111122223333:security";

    public static TheoryData<string> Rows => new(CisMonitoringAlarms.Rows.Select(r => r.CheckId));

    internal sealed record Setup(string? Pattern, bool Alarm = true, bool ActionsEnabled = true, bool Confirmed = true,
        double Threshold = 1, string LogGroupAccount = TestAccount.Id, bool DenyFilters = false, bool DenySubscriptions = false,
        string MetricValue = "1", string AlarmChanges = "{}", bool SecondGoodAlarm = false, string Selectors = AllManagementEvents);

    internal static TestAccount Account(string controlId, Setup setup)
    {
        var control = CisMonitoringControls.Get(controlId);
        var account = new TestAccount("us-east-1", "eu-west-1")
            .WithTrails(Good(logGroupArn: LogGroupArn(LogGroup, Region, setup.LogGroupAccount), selectors: setup.Selectors));
        var filterTarget = Params(("logGroupName", LogGroup));
        if (setup.DenyFilters)
            account.Denied(MonitoringCalls.DescribeTrailMetricFilters, Region, filterTarget);
        else
        {
            var filters = new JsonArray();
            if (setup.Pattern is not null)
                filters.Add(new JsonObject
                {
                    ["filterName"] = "my-filter", ["filterPattern"] = setup.Pattern, ["logGroupName"] = LogGroup,
                    ["metricTransformations"] = new JsonArray(new JsonObject { ["metricName"] = "m1", ["metricNamespace"] = "Security", ["metricValue"] = setup.MetricValue }),
                });
            account.Record.Target(MonitoringCalls.DescribeTrailMetricFilters, Region, filterTarget, new JsonObject { ["metricFilters"] = filters }.ToJsonString());
        }
        var alarms = new JsonArray();
        if (setup.Alarm)
        {
            var alarm = JsonNode.Parse($$"""
                {"AlarmName": "a1", "ActionsEnabled": {{(setup.ActionsEnabled ? "true" : "false")}}, "AlarmActions": ["{{Topic}}"],
                 "MetricName": "m1", "Namespace": "Security", "Statistic": "Sum", "Period": 300, "Threshold": {{setup.Threshold}},
                 "ComparisonOperator": "GreaterThanOrEqualToThreshold", "EvaluationPeriods": 1}
                """)!.AsObject();
            foreach (var (name, value) in JsonNode.Parse(setup.AlarmChanges)!.AsObject())
                alarm[name] = value?.DeepClone();
            alarms.Add(alarm);
        }
        if (setup.SecondGoodAlarm)
            alarms.Add(JsonNode.Parse($$"""
                {"AlarmName": "a2", "ActionsEnabled": true, "AlarmActions": ["{{Topic}}"], "MetricName": "m1", "Namespace": "Security",
                 "Statistic": "Maximum", "Period": 60, "Threshold": 1, "ComparisonOperator": "GreaterThanOrEqualToThreshold", "EvaluationPeriods": 1}
                """));
        account.Record.Target(MonitoringCalls.DescribeTrailRegionAlarms, Region, Params(("AlarmTypes", new JsonArray("MetricAlarm"))),
            new JsonObject { ["MetricAlarms"] = alarms }.ToJsonString());
        var topicTarget = Params(("TopicArn", Topic));
        if (setup.DenySubscriptions)
            account.Denied(MonitoringCalls.ListAlarmTopicSubscriptions, Region, topicTarget);
        else
            account.Record.Target(MonitoringCalls.ListAlarmTopicSubscriptions, Region, topicTarget, $$"""
                {"Subscriptions": [{"SubscriptionArn": "{{(setup.Confirmed ? Topic + ":1b2c" : "PendingConfirmation")}}", "Protocol": "email", "Endpoint": "sec@example.com", "TopicArn": "{{Topic}}"}]}
                """);
        return account;
    }

    private static string ControlOf(string checkId) => CisMonitoringAlarms.Rows.Single(r => r.CheckId == checkId).ControlId;

    [Theory]
    [MemberData(nameof(Rows))]
    public void Passes_with_the_recommended_filter_an_alarm_and_a_confirmed_subscriber(string checkId)
    {
        var control = CisMonitoringControls.Get(ControlOf(checkId));
        var result = Account(control.Id, new Setup(control.RecommendedPattern)).Run(checkId);
        Assert.Equal(CheckStatus.Pass, result.Status);
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public void Fails_when_the_filter_misses_an_event_and_proposes_the_full_pattern(string checkId)
    {
        var control = CisMonitoringControls.Get(ControlOf(checkId));
        var finding = Assert.Single(Account(control.Id, new Setup("{ $.eventName = \"SomethingElse\" }")).Run(checkId).Findings);
        Assert.Equal(Region, finding.Region);
        Assert.EndsWith($"log-group:{LogGroup}", finding.ResourceId);
        var cli = finding.Remediation!.Cli;
        Assert.Contains($"--log-group-name {LogGroup}", cli);
        Assert.Contains($"--region {Region}", cli);
        Assert.Contains("--alarm-actions <SNS_TOPIC_ARN>", cli);
        Assert.DoesNotContain("...", cli);
        // The proposed pattern is the control's recommended one and passes the check's own evaluator.
        Assert.Contains(TestShell.Quote(control.RecommendedPattern), cli);
        Assert.True(CisMonitoringControls.Assess(control.RecommendedPattern, control).Passes);
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public void Is_not_assessed_when_the_metric_filters_cannot_be_read(string checkId)
    {
        var result = Account(ControlOf(checkId), new Setup(null, DenyFilters: true)).Run(checkId);
        Assert.Equal(CheckStatus.NotAssessed, result.Status);
        Assert.Contains("DescribeMetricFilters", result.Reason);
    }

    [Fact]
    public void Any_spacing_quoting_or_order_of_the_cis_pattern_passes()
    {
        const string reordered = """{($.eventName=DetachGroupPolicy)||($.eventName=AttachGroupPolicy)||($.eventName=DetachUserPolicy)||($.eventName=AttachUserPolicy)||($.eventName=DetachRolePolicy)||($.eventName=AttachRolePolicy)||($.eventName=DeletePolicyVersion)||($.eventName=CreatePolicyVersion)||($.eventName=DeletePolicy)||($.eventName=CreatePolicy)||($.eventName=PutUserPolicy)||($.eventName=PutRolePolicy)||($.eventName=PutGroupPolicy)||($.eventName=DeleteUserPolicy)||($.eventName=DeleteRolePolicy)||($.eventName=DeleteGroupPolicy)}""";
        Assert.Equal(CheckStatus.Pass, Account("4.4", new Setup(reordered)).Run("aws-cw-004").Status);
    }

    [Fact]
    public void An_and_where_or_is_needed_fails()
    {
        var result = Account("4.7", new Setup("{ ($.eventSource = kms.amazonaws.com) && ($.eventName = DisableKey) && ($.eventName = ScheduleKeyDeletion) }")).Run("aws-cw-007");
        Assert.Contains("matches none of these events", Assert.Single(result.Findings).Description);
    }

    [Fact]
    public void A_pattern_matching_every_call_is_not_a_monitor()
    {
        var result = Account("4.4", new Setup("{ $.eventVersion = * }")).Run("aws-cw-004");
        Assert.Contains("not a monitor", Assert.Single(result.Findings).Description);
    }

    [Fact]
    public void Filter_without_an_alarm_on_its_metric_fails()
    {
        var result = Account("4.4", new Setup(CisMonitoringControls.Get("4.4").RecommendedPattern, Alarm: false)).Run("aws-cw-004");
        Assert.Contains("no alarm watches its metric", Assert.Single(result.Findings).Description);
    }

    [Fact]
    public void Alarm_with_actions_disabled_fails_with_the_enable_fix()
    {
        var finding = Assert.Single(Account("4.4", new Setup(CisMonitoringControls.Get("4.4").RecommendedPattern, ActionsEnabled: false)).Run("aws-cw-004").Findings);
        Assert.Equal("aws cloudwatch enable-alarm-actions --region ap-southeast-2 --alarm-names a1", finding.Remediation!.Cli);
    }

    [Fact]
    public void Alarm_whose_topic_has_no_confirmed_subscription_fails_with_the_subscribe_fix()
    {
        var finding = Assert.Single(Account("4.4", new Setup(CisMonitoringControls.Get("4.4").RecommendedPattern, Confirmed: false)).Run("aws-cw-004").Findings);
        Assert.Contains($"--topic-arn {Topic}", finding.Remediation!.Cli);
    }

    [Fact]
    public void Alarm_that_cannot_fire_on_one_event_fails()
    {
        var result = Account("4.4", new Setup(CisMonitoringControls.Get("4.4").RecommendedPattern, Threshold: 5)).Run("aws-cw-004");
        Assert.Contains("its Sum over 300 seconds is 1, which does not meet >= 5", Assert.Single(result.Findings).Description);
    }

    [Fact]
    public void An_alarm_needing_three_breaching_periods_fails()
    {
        var result = Account("4.4", new Setup(CisMonitoringControls.Get("4.4").RecommendedPattern,
            AlarmChanges: """{"EvaluationPeriods": 3, "DatapointsToAlarm": 3, "TreatMissingData": "notBreaching"}""")).Run("aws-cw-004");
        var finding = result.Single();
        Assert.Contains("alarm a1 would not fire on a single event: it needs 3 breaching datapoints out of 3", finding.Description);
        // The fix rewrites that alarm on the filter's metric, notifying the topic it already notifies.
        var cli = finding.Remediation!.Cli;
        Assert.Contains("--alarm-name a1", cli);
        Assert.Contains("--metric-name m1", cli);
        Assert.Contains("--namespace Security", cli);
        Assert.Contains("--evaluation-periods 1 --datapoints-to-alarm 1", cli);
        Assert.Contains($"--alarm-actions {Topic}", cli);
    }

    [Fact]
    public void An_alarm_stuck_in_alarm_between_events_fails()
    {
        var result = Account("4.4", new Setup(CisMonitoringControls.Get("4.4").RecommendedPattern,
            AlarmChanges: """{"TreatMissingData": "breaching"}""")).Run("aws-cw-004");
        Assert.Contains("alarm a1 is in ALARM without any event", result.Single().Description);
    }

    [Fact]
    public void An_alarm_whose_firing_cannot_be_decided_is_not_assessed_with_the_reason()
    {
        var result = Account("4.4", new Setup(CisMonitoringControls.Get("4.4").RecommendedPattern, MetricValue: "$.requestParameters.count")).Run("aws-cw-004");
        Assert.Equal(CheckStatus.NotAssessed, result.Status);
        Assert.Contains("whether one event fires alarm a1 cannot be decided", result.Reason);
        Assert.Contains("$.requestParameters.count", result.Reason);
        var math = Account("4.4", new Setup(CisMonitoringControls.Get("4.4").RecommendedPattern, AlarmChanges: """
            {"MetricName": null, "Namespace": null, "Statistic": null, "Period": null,
             "Metrics": [{"Id": "m1", "MetricStat": {"Metric": {"Namespace": "Security", "MetricName": "m1"}, "Period": 300, "Stat": "Sum"}, "ReturnData": false},
                         {"Id": "e1", "Expression": "RATE(m1)", "ReturnData": true}]}
            """)).Run("aws-cw-004");
        Assert.Equal(CheckStatus.NotAssessed, math.Status);
        Assert.Contains("RATE", math.Reason);
    }

    [Fact]
    public void One_alarm_that_fires_is_enough_beside_one_that_cannot_be_decided()
    {
        var result = Account("4.4", new Setup(CisMonitoringControls.Get("4.4").RecommendedPattern, AlarmChanges: """{"Statistic": null, "ExtendedStatistic": "tm90"}""",
            SecondGoodAlarm: true)).Run("aws-cw-004");
        Assert.Equal(CheckStatus.Pass, result.Status);
    }

    [Fact]
    public void A_metric_math_alarm_over_the_filters_metric_is_judged()
    {
        var result = Account("4.4", new Setup(CisMonitoringControls.Get("4.4").RecommendedPattern, AlarmChanges: """
            {"MetricName": null, "Namespace": null, "Statistic": null, "Period": null, "Threshold": 1,
             "Metrics": [{"Id": "m1", "MetricStat": {"Metric": {"Namespace": "Security", "MetricName": "m1"}, "Period": 300, "Stat": "Sum"}, "ReturnData": false},
                         {"Id": "e1", "Expression": "FILL(m1, 0) > 0", "ReturnData": true}]}
            """)).Run("aws-cw-004");
        Assert.Equal(CheckStatus.Pass, result.Status);
    }

    [Fact]
    public void Unreadable_subscriptions_are_not_assessed()
    {
        var result = Account("4.4", new Setup(CisMonitoringControls.Get("4.4").RecommendedPattern, DenySubscriptions: true)).Run("aws-cw-004");
        Assert.Equal(CheckStatus.NotAssessed, result.Status);
    }

    [Fact]
    public void Organization_trail_log_group_in_another_account_is_not_assessed()
    {
        var result = Account("4.4", new Setup(null, LogGroupAccount: "999988887777")).Run("aws-cw-004");
        Assert.Equal(CheckStatus.NotAssessed, result.Status);
        Assert.Contains("999988887777", result.Reason);
        Assert.Contains("organization trail", result.Reason);
    }

    [Fact]
    public void Without_cloudwatch_delivery_the_finding_points_at_its_root_cause()
    {
        var result = new TestAccount("us-east-1").WithTrails(Good()).Run("aws-cw-004");
        Assert.Equal(CheckStatus.Fail, result.Status);
        Assert.Equal("aws-ct-008", result.RootCause);
        Assert.Contains("--log-group-name <CLOUDTRAIL_LOG_GROUP>", Assert.Single(result.Findings).Remediation!.Cli);
    }
}

internal static class TestShell
{
    public static string Quote(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
