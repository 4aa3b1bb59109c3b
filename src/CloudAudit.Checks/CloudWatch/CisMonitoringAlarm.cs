using CloudAudit.Checks.CloudTrail;
using CloudAudit.Checks.CloudWatch.FilterPatterns;
using CloudAudit.Checks.Framework;
using CloudAudit.Inventory;
using CloudAudit.Inventory.Catalog;

namespace CloudAudit.Checks.CloudWatch;

/// <summary>One CIS monitoring control as a check; see <see cref="CisMonitoringAlarms"/>.</summary>
[FamilyMember]
public sealed class CisMonitoringAlarm : Check
{
    private const string DocUrl = "https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/MonitoringPolicyExamples.html";
    private readonly CisMonitoringControl _control;

    public CisMonitoringAlarm(MonitoringRow row)
    {
        _control = CisMonitoringControls.Get(row.ControlId);
        var watched = _control.EventNames.Count > 0
            ? $"the {_control.EventNames.Count} events CIS names ({string.Join(", ", _control.EventNames)})"
            : $"the events CIS {row.ControlId} describes ({InSentence(_control.Title)})";
        Info = new CheckInfo
        {
            Id = row.CheckId,
            Title = row.Title,
            Service = "CloudWatch",
            Severity = row.Severity,
            ResourceType = "AWS::Logs::LogGroup",
            Description = $"Checks that a CloudWatch metric filter and alarm catch {InSentence(_control.Title)} (CIS {row.ControlId}). "
                + "Follows the CIS audit procedure end to end: a multi-region, logging trail recording all management events "
                + "delivers to a CloudWatch Logs group (read in that group's region, whatever --regions says); a metric filter on "
                + $"that group whose pattern, parsed and evaluated against synthetic CloudTrail records, matches {watched} and no "
                + "ordinary API activity; an alarm on the filter's metric that one matching event sets to ALARM, judged from its whole "
                + "definition (statistic and period over what the filters publish, their default values, EvaluationPeriods and "
                + "DatapointsToAlarm, missing-data treatment, metric math), with its actions enabled; and an SNS topic among the alarm "
                + "actions with at least one confirmed subscription. Any spacing, quoting or order of the pattern passes; a missing "
                + "event or an && where || is needed fails. An alarm whose firing its definition cannot decide (a value read from the "
                + "event, an anomaly band) leaves the control NOT ASSESSED. docs/cis-monitoring.md lists the alarm shapes that fire and those that do not.",
            Rationale = row.Rationale,
            CommonCauses = [.. row.Causes, "CloudTrail does not deliver to CloudWatch Logs at all (reported once, under aws-ct-008)."],
            Recommendation = $"Create a metric filter for CIS {row.ControlId} on the CloudTrail log group and an alarm on its metric that notifies a subscribed SNS topic.",
            Remediation = new RemediationTemplate(
                Cli: """
                    # Metric filter on the CloudTrail log group, then an alarm on its metric.
                    aws logs put-metric-filter --region {region} \
                      --log-group-name {cloudtrail_log_group} \
                      --filter-name {filter_name} \
                      --filter-pattern {pattern} \
                      --metric-transformations metricName={metric_name},metricNamespace={metric_namespace},metricValue=1
                    aws cloudwatch put-metric-alarm --region {region} \
                      --alarm-name {filter_name} \
                      --alarm-description {alarm_description} \
                      --metric-name {metric_name} \
                      --namespace {metric_namespace} \
                      --statistic Sum --period 300 --threshold 1 \
                      --comparison-operator GreaterThanOrEqualToThreshold \
                      --evaluation-periods 1 \
                      --treat-missing-data notBreaching \
                      --alarm-actions {sns_topic_arn}
                    """,
                Terraform: """
                    # Apply with the AWS provider configured for the log group's region, {region}.
                    resource "aws_cloudwatch_log_metric_filter" "{filter_name:id}" {
                      name           = {filter_name}
                      log_group_name = {cloudtrail_log_group}
                      pattern        = {pattern}

                      metric_transformation {
                        name      = {metric_name}
                        namespace = {metric_namespace}
                        value     = "1"
                      }
                    }

                    resource "aws_cloudwatch_metric_alarm" "{filter_name:id}" {
                      alarm_name          = {filter_name}
                      alarm_description   = {alarm_description}
                      metric_name         = aws_cloudwatch_log_metric_filter.{filter_name:id}.metric_transformation[0].name
                      namespace           = aws_cloudwatch_log_metric_filter.{filter_name:id}.metric_transformation[0].namespace
                      statistic           = "Sum"
                      period              = 300
                      threshold           = 1
                      comparison_operator = "GreaterThanOrEqualToThreshold"
                      evaluation_periods  = 1
                      treat_missing_data  = "notBreaching"
                      alarm_actions       = [{sns_topic_arn}]
                    }
                    """,
                DocUrl: DocUrl,
                Effort: Effort.Medium) { When = "no filter monitors the control, or its metric has no alarm" },
            RemediationVariants =
            [
                new RemediationTemplate(
                    Cli: "aws cloudwatch enable-alarm-actions --region {region} --alarm-names {alarm_name}",
                    Terraform: """
                        # In the aws_cloudwatch_metric_alarm resource that manages {alarm_name}:
                        resource "aws_cloudwatch_metric_alarm" "{alarm_name:id}" {
                          alarm_name      = {alarm_name}
                          actions_enabled = true
                        }
                        """,
                    DocUrl: "https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/AlarmThatSendsEmail.html",
                    Effort: Effort.Low) { When = "the alarm exists but its actions are disabled" },
                new RemediationTemplate(
                    Cli: """
                        # Subscribe the security team, then confirm the subscription from the email AWS sends.
                        aws sns subscribe --region {region} --topic-arn {topic_arn} \
                          --protocol email --notification-endpoint <SECURITY_TEAM_EMAIL>
                        """,
                    Terraform: """
                        resource "aws_sns_topic_subscription" "{filter_name:id}_security_team" {
                          topic_arn = {topic_arn}
                          protocol  = "email"
                          endpoint  = "<SECURITY_TEAM_EMAIL>"
                        }
                        """,
                    DocUrl: "https://docs.aws.amazon.com/sns/latest/dg/sns-create-subscribe-endpoint-to-topic.html",
                    Effort: Effort.Low) { When = "the alarm notifies a topic nobody confirmed a subscription to" },
                RecordEveryManagementEvent(advanced: false),
                RecordEveryManagementEvent(advanced: true),
                new RemediationTemplate(
                    Cli: """
                        # Make the alarm fire on one event: the Sum of the filter's metric, one breaching datapoint of one,
                        # no data between events treated as not breaching. PutMetricAlarm replaces the whole alarm:
                        # add back any OK or insufficient-data actions it had.
                        aws cloudwatch put-metric-alarm --region {region} \
                          --alarm-name {alarm_name} \
                          --metric-name {metric_name} \
                          --namespace {metric_namespace} \
                          --statistic Sum --period 300 --threshold 1 \
                          --comparison-operator GreaterThanOrEqualToThreshold \
                          --evaluation-periods 1 --datapoints-to-alarm 1 \
                          --treat-missing-data notBreaching \
                          --alarm-actions {topic_arn}
                        """,
                    Terraform: """
                        # In the aws_cloudwatch_metric_alarm resource that manages {alarm_name}:
                        resource "aws_cloudwatch_metric_alarm" "{alarm_name:id}" {
                          alarm_name          = {alarm_name}
                          metric_name         = {metric_name}
                          namespace           = {metric_namespace}
                          statistic           = "Sum"
                          period              = 300
                          threshold           = 1
                          comparison_operator = "GreaterThanOrEqualToThreshold"
                          evaluation_periods  = 1
                          datapoints_to_alarm = 1
                          treat_missing_data  = "notBreaching"
                          alarm_actions       = [{topic_arn}]
                        }
                        """,
                    DocUrl: "https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/alarms-and-missing-data.html",
                    Effort: Effort.Low) { When = "an alarm watches the filter's metric but one event does not set it to ALARM" },
            ],
            FixedSlots = new Dictionary<string, string>
            {
                ["filter_name"] = _control.FilterName,
                ["metric_name"] = _control.MetricName,
                ["metric_namespace"] = _control.MetricNamespace,
                ["pattern"] = _control.RecommendedPattern,
                ["alarm_description"] = $"CIS {row.ControlId}: {_control.Title}",
            },
            Compliance = Cis.Refs(v3: row.ControlId, v5: row.ControlId, v14: row.ControlId),
        };
    }

    public override CheckInfo Info { get; }

    /// <summary>PutEventSelectors with the trail's own selectors, exclusions taken out (see <see cref="SelectorFix"/>).</summary>
    private static RemediationTemplate RecordEveryManagementEvent(bool advanced) => new(
        Cli: $$"""
            # Record every management event: the trail's own selectors without their exclusions (data-event selectors are kept).
            aws cloudtrail put-event-selectors --region {home_region} \
              --trail-name {trail_name} \
              --{{(advanced ? "advanced-event-selectors" : "event-selectors")}} {event_selectors}
            """,
        Terraform: advanced
            ? """
                # In the aws_cloudtrail resource that manages {trail_name}: one selector for every management event
                # (keep its data-event selectors as they are).
                resource "aws_cloudtrail" "{trail_name:id}" {
                  name           = {trail_name}
                  s3_bucket_name = {bucket}

                  advanced_event_selector {
                    name = "Management events"
                    field_selector {
                      field  = "eventCategory"
                      equals = ["Management"]
                    }
                  }
                }
                """
            : """
                # In the aws_cloudtrail resource that manages {trail_name}: no exclude_management_event_sources
                # (keep its data resources as they are).
                resource "aws_cloudtrail" "{trail_name:id}" {
                  name           = {trail_name}
                  s3_bucket_name = {bucket}

                  event_selector {
                    read_write_type           = "All"
                    include_management_events = true
                  }
                }
                """,
        DocUrl: "https://docs.aws.amazon.com/awscloudtrail/latest/userguide/logging-management-events-with-cloudtrail.html",
        Effort: Effort.Low)
    {
        When = $"the trail's {(advanced ? "advanced event selectors" : "event selectors")} leave out events the control needs",
    };

    public override IReadOnlyList<ApiCall> Reads { get; } =
    [
        CloudTrailCalls.DescribeTrails, CloudTrailCalls.GetTrailStatus, CloudTrailCalls.GetEventSelectors,
        MonitoringCalls.DescribeTrailMetricFilters, MonitoringCalls.DescribeTrailRegionAlarms, MonitoringCalls.ListAlarmTopicSubscriptions,
    ];

    public override void Evaluate(CheckContext context, Verdict verdict)
    {
        var delivery = CloudWatchDelivery.Of(context);
        verdict.Scanned();
        if (delivery.Working.Count == 0)
        {
            verdict.AddGaps(delivery.Gaps);
            if (verdict.Gaps.Count > 0) return;
            verdict.CausedBy(CloudWatchLogsIntegration.CheckId);
            verdict.Fail(context.AccountId, AwsIds.GlobalRegion,
                $"No multi-region trail delivers management events to CloudWatch Logs (see aws-ct-008), so nothing can alert on {InSentence(_control.Title)}.",
                new SlotValues().Placeholder("cloudtrail_log_group", "CLOUDTRAIL_LOG_GROUP").Placeholder("sns_topic_arn", "SNS_TOPIC_ARN"));
            return;
        }

        var outcomes = delivery.Working.Select(d => MonitoringChain.Follow(context, d, _control)).ToList();
        if (outcomes.Any(o => o.Passes))
            return;
        verdict.AddGaps(outcomes.SelectMany(o => o.Gaps));
        verdict.AddGaps(delivery.Gaps);
        if (verdict.Gaps.Count > 0)
            return;
        foreach (var outcome in outcomes)
            Report(context, verdict, outcome);
    }

    /// <summary>"Unauthorized API calls" → "unauthorized API calls"; titles that start with an acronym stay as they are.</summary>
    private static string InSentence(string title)
    {
        var firstWord = title.Split(' ')[0];
        return firstWord.Skip(1).Any(char.IsUpper) ? title : char.ToLowerInvariant(title[0]) + title[1..];
    }

    private void Report(CheckContext context, Verdict verdict, ChainOutcome outcome)
    {
        var group = outcome.Delivery.LogGroup;
        var resource = $"arn:{group.Partition}:logs:{group.Region}:{group.Account}:log-group:{outcome.Delivery.LogGroupName}";
        var description = $"CIS {_control.Id} is not monitored: {outcome.Explanation}.";
        var slots = new SlotValues()
            .With("cloudtrail_log_group", outcome.Delivery.LogGroupName)
            .Placeholder("sns_topic_arn", "SNS_TOPIC_ARN");
        switch (outcome.Break)
        {
            case ChainBreak.ActionsDisabled:
                verdict.Fail(resource, group.Region, description, slots.With("alarm_name", outcome.Alarm!.AlarmName), remediation: Info.RemediationVariants[0]);
                break;
            case ChainBreak.NoConfirmedSubscriber when outcome.TopicArn is not null:
                verdict.Fail(resource, group.Region, description, slots.With("topic_arn", outcome.TopicArn), remediation: Info.RemediationVariants[1]);
                break;
            case ChainBreak.AlarmWouldNotFire when outcome is { Alarm: { } alarm, Metric: { } metric }:
                var topic = (alarm.AlarmActions ?? []).FirstOrDefault(a => Arn.TryParse(a)?.Service == "sns");
                verdict.Fail(resource, group.Region, description, slots
                        .With("alarm_name", alarm.AlarmName).With("metric_name", metric.Name).With("metric_namespace", metric.Namespace)
                        .With("topic_arn", topic is null ? new SlotValue.Placeholder("SNS_TOPIC_ARN") : topic),
                    remediation: Info.RemediationVariants[4]);
                break;
            case ChainBreak.EventsNotRecorded when outcome.Delivery.Trail.Selectors is { } selectors:
                var trail = outcome.Delivery.Trail.Trail;
                verdict.Fail(trail.Arn, trail.HomeRegion ?? group.Region, description,
                    CloudTrailEnabled.TrailSlots(trail).With("event_selectors", SelectorFix.WithoutExclusions(selectors)),
                    resourceType: "AWS::CloudTrail::Trail", remediation: Info.RemediationVariants[SelectorFix.IsAdvanced(selectors) ? 3 : 2]);
                break;
            default:
                verdict.Fail(resource, group.Region, description, slots);
                break;
        }
    }
}
