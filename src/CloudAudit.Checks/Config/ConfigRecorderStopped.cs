using CloudAudit.Checks.Framework;
using CloudAudit.Inventory.Catalog;
using CloudAudit.Inventory.Views;

namespace CloudAudit.Checks.Config;

/// <summary>CIS 3.3: the customer configuration recorder is recording, and its last recording succeeded.</summary>
public sealed class ConfigRecorderStopped : RecorderRegionCheck
{
    public override CheckInfo Info { get; } = new()
    {
        Id = "aws-cfg-002",
        Title = "AWS Config recorder is stopped",
        Service = "Config",
        Severity = Severity.High,
        ResourceType = "AWS::Config::ConfigurationRecorder",
        Description = "For each scanned region with a customer configuration recorder, reads DescribeConfigurationRecorderStatus "
            + "and fails the recorder when recording is false, or when it is recording but its lastStatus is Failure (the CIS "
            + "audit requires both recording and a successful last status).",
        Rationale = "A stopped recorder looks like a working Config setup in every inventory, yet records nothing: rules stop "
            + "evaluating and the configuration timeline has a hole exactly where an intruder or a careless change would be. "
            + "Stopping the recorder is also a known step attackers take to hide their changes.",
        CommonCauses =
        [
            "The recorder was stopped to cut cost during a migration or a load test and never restarted.",
            "The delivery bucket or the recorder's role was deleted or lost its permissions, so recording fails.",
            "Somebody with config:StopConfigurationRecorder turned it off; no alarm watches that API call.",
        ],
        Recommendation = "Start the configuration recorder, and if its last status is Failure fix the role or delivery channel it reports.",
        Remediation = new(
            Cli: "aws configservice start-configuration-recorder --region {region} --configuration-recorder-name {recorder}",
            Terraform: """
                resource "aws_config_configuration_recorder_status" "{recorder:id}" {
                  region     = {region}
                  name       = {recorder}
                  is_enabled = true
                }
                """,
            DocUrl: "https://docs.aws.amazon.com/config/latest/developerguide/stop-start-recorder.html",
            Effort: Effort.Low),
        Compliance = Cis.Refs(v3: "3.3", v5: "3.3"),
    };

    protected override IReadOnlyList<ApiCall> ExtraReads { get; } = [ConfigCalls.DescribeConfigurationRecorderStatus];

    protected override void JudgeRegion(string region, ConfigurationRecorder recorder, RecorderSurvey survey, CheckContext context, Verdict verdict)
    {
        if (!verdict.Accept(context.Data.Config().Status(region), out var statuses)) return;
        var status = statuses.ConfigurationRecordersStatus?.FirstOrDefault(s => s.Name == recorder.Name);
        string? problem = status switch
        {
            null => "has no recording status (it was never started)",
            { Recording: not true } => status.LastStopTime is { } stopped ? $"is stopped (since {AwsDates.Day(stopped)})" : "is stopped",
            _ when string.Equals(status.LastStatus, "Failure", StringComparison.OrdinalIgnoreCase) => $"is recording but its last recording failed ({status.LastErrorCode ?? "no error code"})",
            _ => null,
        };
        if (problem is not null)
            verdict.Fail(RecorderArn(context, region, recorder), region, $"Configuration recorder {recorder.Name} in {region} {problem}.",
                Slots(recorder, region, survey, context));
    }
}
