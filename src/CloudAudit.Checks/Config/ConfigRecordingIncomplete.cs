using CloudAudit.Checks.Framework;
using CloudAudit.Inventory.Views;

namespace CloudAudit.Checks.Config;

/// <summary>CIS 3.3: the recorder records all supported resource types, and global IAM types are recorded in one region.</summary>
public sealed class ConfigRecordingIncomplete : RecorderRegionCheck
{
    public override CheckInfo Info { get; } = new()
    {
        Id = "aws-cfg-003",
        Title = "AWS Config recorder does not record all resource types",
        Service = "Config",
        Severity = Severity.Medium,
        ResourceType = "AWS::Config::ConfigurationRecorder",
        Description = "For each scanned region with a customer configuration recorder, fails a recording group that does not "
            + "record all supported resource types (allSupported false, or an INCLUSION_BY_RESOURCE_TYPES or "
            + "EXCLUSION_BY_RESOURCE_TYPES strategy). Global IAM resource types must be recorded in at least one scanned region: "
            + "when none records them, the recorder in us-east-1 (or the first region with a recorder) fails. Recording them in "
            + "one region rather than all is AWS's advice, to avoid duplicate configuration items.",
        Rationale = "Whatever the recorder skips has no configuration history and no Config rule evaluation. Exclusions chosen "
            + "to save cost tend to drop exactly the resources attackers touch (IAM roles and policies, security groups, network "
            + "interfaces), and resource types AWS adds later are never recorded under an inclusion list.",
        CommonCauses =
        [
            "The recorder was created with a hand-picked list of resource types years ago and never widened.",
            "Noisy resource types were excluded to cut cost, with more excluded than intended.",
            "Global resource recording was turned off in every region to avoid duplicates, instead of keeping it in one.",
        ],
        Recommendation = "Record all supported resource types in every region, with global IAM types in exactly one region.",
        Remediation = new(
            Cli: "# The recorder keeps its role and recording mode; it records every supported resource type.\n" + CliFix.ReadEditWrite(
                "aws configservice describe-configuration-recorders --region {region} --configuration-recorder-names {recorder} --query 'ConfigurationRecorders[0]'",
                "configuration-recorder",
                "--argjson global {include_global:raw} '{name, roleARN, recordingMode} | with_entries(select(.value != null)) "
                + "| .recordingGroup = {allSupported: true, includeGlobalResourceTypes: $global, recordingStrategy: {useOnly: \"ALL_SUPPORTED_RESOURCE_TYPES\"}}'",
                "aws configservice put-configuration-recorder --region {region}",
                input: "--configuration-recorder"),
            Terraform: """
                resource "aws_config_configuration_recorder" "{recorder:id}" {
                  region   = {region}
                  name     = {recorder}
                  role_arn = {role_arn}

                  recording_group {
                    all_supported                 = true
                    include_global_resource_types = {include_global:raw}
                  }
                }
                """,
            DocUrl: "https://docs.aws.amazon.com/config/latest/developerguide/select-resources.html",
            Effort: Effort.Low),
        Compliance = Cis.Refs(v3: "3.3", v5: "3.3"),
    };

    protected override void JudgeRegion(string region, ConfigurationRecorder recorder, RecorderSurvey survey, CheckContext context, Verdict verdict)
    {
        var problems = new List<string>();
        var group = recorder.RecordingGroup;
        switch (group?.RecordingStrategy?.UseOnly)
        {
            case "INCLUSION_BY_RESOURCE_TYPES":
                problems.Add($"records only {group.ResourceTypes?.Count ?? 0} listed resource types (INCLUSION_BY_RESOURCE_TYPES)");
                break;
            case "EXCLUSION_BY_RESOURCE_TYPES":
                var excluded = group.ExclusionByResourceTypes?.ResourceTypes ?? [];
                problems.Add($"excludes {excluded.Count} resource types ({string.Join(", ", excluded.Take(5))}{(excluded.Count > 5 ? ", …" : "")})");
                break;
            default:
                if (group?.AllSupported != true) problems.Add("does not record all supported resource types (allSupported is false)");
                break;
        }
        if (survey.GlobalTypesMissing && region == survey.GlobalTypesRegion)
            problems.Add("does not record global IAM resource types, and no recorder in the scanned regions does");
        if (problems.Count > 0)
            verdict.Fail(RecorderArn(context, region, recorder), region,
                $"Configuration recorder {recorder.Name} in {region} {string.Join("; it ", problems)}.",
                Slots(recorder, region, survey, context));
    }
}
