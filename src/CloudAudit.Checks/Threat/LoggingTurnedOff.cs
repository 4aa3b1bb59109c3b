using System.Text.Json.Nodes;
using CloudAudit.Checks.Config;
using CloudAudit.Checks.Framework;
using CloudAudit.Inventory;
using CloudAudit.Inventory.Catalog;
using CloudAudit.Inventory.Views;

namespace CloudAudit.Checks.Threat;

/// <summary>
/// TF-101 (cloud-audit's own): a trail stopped or deleted, a GuardDuty detector disabled or deleted, or an AWS Config
/// recorder or delivery channel stopped or deleted, within the window: the evidence path cut while it happened.
/// </summary>
public sealed class LoggingTurnedOff : EventDetector
{
    private enum Target { Trail, Detector, Recorder, Channel }

    /// <summary>The calls that turn logging or detection off, what they act on, and the request member naming it.</summary>
    private static readonly IReadOnlyDictionary<string, (Target Target, string Member, string Verb)> Calls =
        new Dictionary<string, (Target, string, string)>(StringComparer.Ordinal)
        {
            ["StopLogging"] = (Target.Trail, "name", "stopped"),
            ["DeleteTrail"] = (Target.Trail, "name", "deleted"),
            ["DeleteDetector"] = (Target.Detector, "detectorId", "deleted"),
            ["UpdateDetector"] = (Target.Detector, "detectorId", "disabled"),
            ["StopConfigurationRecorder"] = (Target.Recorder, "configurationRecorderName", "stopped"),
            ["DeleteConfigurationRecorder"] = (Target.Recorder, "configurationRecorderName", "deleted"),
            ["DeleteDeliveryChannel"] = (Target.Channel, "deliveryChannelName", "deleted"),
        };

    private static RemediationTemplate Fix(string restore, string terraform, string docUrl, string when) =>
        new(restore + "\n" + Containment.ActivityOfCaller, terraform, docUrl, Effort.Low) { When = when };

    public override CheckInfo Info { get; } = new()
    {
        Id = "aws-tf-101",
        Title = "Logging or threat detection turned off in the window",
        Service = "Threat feed",
        Severity = Severity.High,
        Category = Category.Threat,
        ResourceType = "AWS::CloudTrail::Trail",
        Description = "Reads CloudTrail's event history over the collection window, in each scanned region, for the calls that "
            + "turn the account's evidence off: StopLogging and DeleteTrail, DeleteDetector and UpdateDetector with enable "
            + "false (GuardDuty), StopConfigurationRecorder, DeleteConfigurationRecorder and DeleteDeliveryChannel (AWS Config). "
            + "Each one that succeeded fails as High, and as Critical when the collected inventory shows it still off (the "
            + "trail not logging or gone, the detector disabled or gone, the recorder stopped or gone); a call AWS refused "
            + "(an attempt) fails as High. The finding names the caller, its access key, where it called from and when. "
            + "Calls AWS services made themselves are left out.",
        Rationale = "Turning off the trail, the threat detector or the configuration recorder is what an intruder does right "
            + "after getting in, so that what follows leaves no record and raises no alert; a refused attempt means someone "
            + "tried. Configuration checks only see the state at scan time: a trail stopped for an hour and started again "
            + "looks healthy, while the hour's activity is gone.",
        CommonCauses =
        [
            "An intruder with stolen credentials blinding the account before acting.",
            "An engineer stopping a trail or recorder to save costs or while troubleshooting, without telling anyone.",
            "Infrastructure code that deleted and re-created a trail, detector or recorder.",
        ],
        Recommendation = "Turn it back on now, find out who turned it off and whether they were entitled to, and deny these calls to all but a break-glass role with an SCP.",
        Remediation = Fix(
            "aws cloudtrail start-logging --region {region} --name {target}",
            """
            resource "aws_cloudtrail" "{target:id}" {
              name           = {target}
              s3_bucket_name = "<TRAIL_BUCKET>"
              enable_logging = true
            }
            """,
            "https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-turning-off-logging.html", "a trail was stopped"),
        RemediationVariants =
        [
            Fix("""
                aws cloudtrail create-trail --region {region} --name {target} --s3-bucket-name <TRAIL_BUCKET> --is-multi-region-trail --enable-log-file-validation
                aws cloudtrail start-logging --region {region} --name {target}
                """,
                """
                resource "aws_cloudtrail" "{target:id}" {
                  name                       = {target}
                  s3_bucket_name             = "<TRAIL_BUCKET>"
                  is_multi_region_trail      = true
                  enable_log_file_validation = true
                }
                """,
                "https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-create-and-update-a-trail-by-using-the-aws-cli-create-trail.html",
                "a trail was deleted"),
            Fix("aws guardduty update-detector --region {region} --detector-id {target} --enable",
                """
                resource "aws_guardduty_detector" "{region:id}" {
                  region = {region}
                  enable = true
                }
                """,
                "https://docs.aws.amazon.com/guardduty/latest/ug/guardduty_suspend-disable.html", "a GuardDuty detector was disabled"),
            Fix("aws guardduty create-detector --region {region} --enable",
                """
                resource "aws_guardduty_detector" "{region:id}" {
                  region = {region}
                  enable = true
                }
                """,
                "https://docs.aws.amazon.com/guardduty/latest/ug/guardduty_settingup.html", "a GuardDuty detector was deleted"),
            Fix("aws configservice start-configuration-recorder --region {region} --configuration-recorder-name {target}",
                """
                resource "aws_config_configuration_recorder_status" "{target:id}" {
                  region     = {region}
                  name       = {target}
                  is_enabled = true
                }
                """,
                "https://docs.aws.amazon.com/config/latest/developerguide/stop-start-recorder.html", "an AWS Config recorder was stopped"),
            Fix("""
                aws configservice put-configuration-recorder --region {region} --configuration-recorder {recorder} --recording-group allSupported=true,includeGlobalResourceTypes=true
                aws configservice put-delivery-channel --region {region} --delivery-channel '{"name":"default","s3BucketName":"<CONFIG_BUCKET>"}'
                aws configservice start-configuration-recorder --region {region} --configuration-recorder-name {recorder_name}
                """,
                """
                resource "aws_config_configuration_recorder" "{recorder_name:id}" {
                  region   = {region}
                  name     = {recorder_name}
                  role_arn = {config_role_arn}
                  recording_group {
                    all_supported                 = true
                    include_global_resource_types = true
                  }
                }
                """,
                "https://docs.aws.amazon.com/config/latest/developerguide/gs-cli-prereq.html", "an AWS Config recorder or delivery channel was deleted"),
        ],
        Threat = new("TF-101-logging-turned-off",
        [
            "https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-turning-off-logging.html",
            "https://attack.mitre.org/techniques/T1562/008/",
            "https://docs.aws.amazon.com/guardduty/latest/ug/guardduty_suspend-disable.html",
        ]) { Escalation = "critical when it is still off at collection" },
    };

    protected override IReadOnlyList<ApiCall> EventReads { get; } =
    [
        CloudTrailEventCalls.StopLogging, CloudTrailEventCalls.DeleteTrail, CloudTrailEventCalls.DeleteDetector, CloudTrailEventCalls.UpdateDetector,
        CloudTrailEventCalls.StopConfigurationRecorder, CloudTrailEventCalls.DeleteConfigurationRecorder, CloudTrailEventCalls.DeleteDeliveryChannel,
    ];

    protected override IReadOnlyList<ApiCall> ContextReads { get; } =
    [
        CloudTrailCalls.DescribeTrails, CloudTrailCalls.GetTrailStatus, GuardDutyCalls.ListDetectors, GuardDutyCalls.GetDetector,
        ConfigCalls.DescribeConfigurationRecorders, ConfigCalls.DescribeConfigurationRecorderStatus, ConfigCalls.DescribeDeliveryChannels,
    ];

    protected override string NothingFound => "no trail, GuardDuty detector or AWS Config recorder turned off in";

    protected override void Judge(EventHistory history, CheckContext context, Verdict verdict)
    {
        foreach (var e in history.Events.Where(e => e.Actor.Type != "AWSService" && Calls.ContainsKey(e.EventName)))
        {
            var (target, member, verb) = Calls[e.EventName];
            // UpdateDetector also changes settings; only enable=false turns the detector off.
            if (e.EventName == "UpdateDetector" && !(e.RequestParameters?["enable"] is System.Text.Json.Nodes.JsonValue enable
                && enable.TryGetValue<bool>(out var enabled) && !enabled)) continue;
            var name = e.Request(member) ?? "unknown";
            var who = $"by {e.Actor.Label}{e.Origin} at {e.When}";
            var slots = SignedWith(e).With("target", target == Target.Trail ? TrailName(name) : name);
            if (target is Target.Recorder or Target.Channel)
                RecorderSlots(slots, target == Target.Recorder ? name : "default", context);
            var fix = Template(e.EventName);
            var resource = ResourceArn(target, name, e.Region, context);
            if (e.Failed)
            {
                verdict.Fail(resource, e.Region, $"{Noun(target)} {name}: {e.EventName} was attempted {who} and refused ({e.ErrorCode}): someone tried to turn it off.",
                    slots, resourceType: TypeOf(target), remediation: fix, discriminator: e.EventId);
                continue;
            }
            var stillOff = StillOff(e, target, name, context, verdict);
            var now = stillOff switch
            {
                true => "It is still off in the collected inventory.",
                false => "It has been turned back on since.",
                null => "Whether it is still off could not be read.",
            };
            verdict.Fail(resource, e.Region, $"{Noun(target)} {name} was {verb} {who} ({e.EventName}). {now}", slots,
                resourceType: TypeOf(target), severity: stillOff == true ? Severity.Critical : Severity.High, remediation: fix, discriminator: e.EventId);
        }
    }

    private RemediationTemplate Template(string eventName) => eventName switch
    {
        "StopLogging" => Info.Remediation,
        "DeleteTrail" => Info.RemediationVariants[0],
        "UpdateDetector" => Info.RemediationVariants[1],
        "DeleteDetector" => Info.RemediationVariants[2],
        "StopConfigurationRecorder" => Info.RemediationVariants[3],
        _ => Info.RemediationVariants[4],
    };

    /// <summary>Whether the collected inventory shows the target still off; null when it could not be read (the gap recorded).</summary>
    private static bool? StillOff(TrailEvent e, Target target, string name, CheckContext context, Verdict verdict)
    {
        switch (target)
        {
            case Target.Trail:
                var trails = context.Data.CloudTrail().Trails();
                var trail = trails.Items.FirstOrDefault(t => t.Arn == name || (t.Name == TrailName(name) && t.HomeRegion == e.Region));
                if (trail is null) return Unknown(trails.Gaps, verdict) ? null : true;
                if (e.EventName == "DeleteTrail") return false;
                if (!verdict.Read(context.Data.CloudTrail().Status(trail), out var status)) return null;
                return status.IsLogging == false;
            case Target.Detector:
                var detectors = context.Data.GuardDuty().Detectors().FirstOrDefault(r => r.Region == e.Region);
                if (!verdict.Accept(detectors, out var listed)) return null;
                if (!(listed.DetectorIds ?? []).Contains(name)) return true;
                if (e.EventName == "DeleteDetector") return false;
                if (!verdict.Read(context.Data.GuardDuty().Detector(new DetectorRef(e.Region, name)), out var detector)) return null;
                return detector.Status != "ENABLED";
            case Target.Recorder:
                if (e.EventName == "DeleteConfigurationRecorder")
                {
                    var recorders = context.Data.Config().Recorders().FirstOrDefault(r => r.Region == e.Region);
                    return verdict.Accept(recorders, out var list) ? (list.ConfigurationRecorders ?? []).All(r => r.Name != name) : null;
                }
                if (!verdict.Accept(context.Data.Config().Status(e.Region), out var statuses)) return null;
                return (statuses.ConfigurationRecordersStatus ?? []).FirstOrDefault(s => s.Name == name)?.Recording != true;
            default:
                if (!verdict.Accept(context.Data.Config().DeliveryChannels(e.Region), out var channels)) return null;
                return (channels.DeliveryChannels ?? []).All(c => c.Name != name);
        }
    }

    private static bool Unknown(IReadOnlyList<DataGap> gaps, Verdict verdict)
    {
        verdict.AddGaps(gaps);
        return gaps.Count > 0;
    }

    /// <summary>The trail's name from a name or an ARN (arn:…:trail/NAME).</summary>
    private static string TrailName(string nameOrArn) => nameOrArn[(nameOrArn.LastIndexOf('/') + 1)..];

    private static string ResourceArn(Target target, string name, string region, CheckContext context) => target switch
    {
        Target.Trail => name.StartsWith("arn:", StringComparison.Ordinal) ? name : $"arn:{context.Partition}:cloudtrail:{region}:{context.AccountId}:trail/{name}",
        Target.Detector => $"arn:{context.Partition}:guardduty:{region}:{context.AccountId}:detector/{name}",
        Target.Recorder => $"arn:{context.Partition}:config:{region}:{context.AccountId}:configuration-recorder/{name}",
        _ => $"arn:{context.Partition}:config:{region}:{context.AccountId}:delivery-channel/{name}",
    };

    private static string Noun(Target target) => target switch
    {
        Target.Trail => "Trail",
        Target.Detector => "GuardDuty detector",
        Target.Recorder => "AWS Config recorder",
        _ => "AWS Config delivery channel",
    };

    private static string TypeOf(Target target) => target switch
    {
        Target.Trail => "AWS::CloudTrail::Trail",
        Target.Detector => "AWS::GuardDuty::Detector",
        Target.Recorder => "AWS::Config::ConfigurationRecorder",
        _ => "AWS::Config::DeliveryChannel",
    };

    /// <summary>
    /// The recorder to recreate ({recorder}, as the CLI's JSON, {recorder_name}) with AWS Config's service-linked role
    /// ({config_role_arn}): a deleted delivery channel is recreated beside the default recorder.
    /// </summary>
    private static void RecorderSlots(SlotValues slots, string recorder, CheckContext context)
    {
        var role = RecorderSurvey.ServiceLinkedRoleArn(context);
        slots.With("recorder_name", recorder).With("config_role_arn", role)
            .With("recorder", CliFix.Json(new JsonObject { ["name"] = recorder, ["roleARN"] = role }));
    }
}
