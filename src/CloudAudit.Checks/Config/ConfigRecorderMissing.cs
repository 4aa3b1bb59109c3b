using System.Text.Json.Nodes;
using CloudAudit.Checks.Framework;
using CloudAudit.Inventory.Catalog;

namespace CloudAudit.Checks.Config;

/// <summary>CIS 3.3: every scanned region has a customer configuration recorder.</summary>
public sealed class ConfigRecorderMissing : Check
{
    public override CheckInfo Info { get; } = new()
    {
        Id = "aws-cfg-001",
        Title = "AWS Config has no configuration recorder",
        Service = "Config",
        Severity = Severity.Medium,
        ResourceType = "AWS::Config::ConfigurationRecorder",
        Description = "Calls DescribeConfigurationRecorders in every scanned region and fails each region without a customer "
            + "configuration recorder. Service-linked recorders (recordingScope INTERNAL, created by another AWS service for its "
            + "own use) record nothing for you and do not count. Regions where Config is not offered are not applicable.",
        Rationale = "AWS Config is the account's configuration history: what every resource looked like, when it changed and "
            + "who changed it. Without a recorder, incident responders cannot tell when a security group was opened or a bucket "
            + "policy loosened, Config rules and conformance packs evaluate nothing, and Security Hub controls that rely on Config fail silently.",
        CommonCauses =
        [
            "Config was enabled only in the home region when the account was set up.",
            "The recorder was deleted to save cost on busy accounts instead of excluding noisy resource types.",
            "Regions opted in later were never added to the organization's Config deployment.",
        ],
        Recommendation = "Create a customer configuration recorder that records all supported resource types, with a delivery channel, and start it.",
        Remediation = new(
            Cli: """
                # Needs the AWS Config service-linked role (once per account): aws iam create-service-linked-role --aws-service-name config.amazonaws.com
                aws configservice put-configuration-recorder --region {region} --configuration-recorder {recorder}
                aws configservice put-delivery-channel --region {region} --delivery-channel '{"name":"default","s3BucketName":"<CONFIG_BUCKET>","s3KmsKeyArn":"<KMS_KEY_ARN>","configSnapshotDeliveryProperties":{"deliveryFrequency":"Six_Hours"}}'
                aws configservice start-configuration-recorder --region {region} --configuration-recorder-name default
                """,
            Terraform: """
                # The region argument needs AWS provider 6 or newer; with older providers use a provider alias per region.
                resource "aws_config_configuration_recorder" "{region:id}" {
                  region   = {region}
                  name     = "default"
                  role_arn = {role_arn}

                  recording_group {
                    all_supported                 = true
                    include_global_resource_types = {include_global:raw}
                  }
                }

                resource "aws_config_delivery_channel" "{region:id}" {
                  region         = {region}
                  name           = "default"
                  s3_bucket_name = "<CONFIG_BUCKET>"
                  s3_kms_key_arn = "<KMS_KEY_ARN>"
                  depends_on     = [aws_config_configuration_recorder.{region:id}]

                  snapshot_delivery_properties {
                    delivery_frequency = "Six_Hours"
                  }
                }

                resource "aws_config_configuration_recorder_status" "{region:id}" {
                  region     = {region}
                  name       = aws_config_configuration_recorder.{region:id}.name
                  is_enabled = true
                  depends_on = [aws_config_delivery_channel.{region:id}]
                }
                """,
            DocUrl: "https://docs.aws.amazon.com/config/latest/developerguide/gs-cli.html",
            Effort: Effort.Medium),
        Compliance = Cis.Refs(v3: "3.3", v5: "3.3"),
    };

    public override IReadOnlyList<ApiCall> Reads { get; } = [ConfigCalls.DescribeConfigurationRecorders];

    public override void Evaluate(CheckContext context, Verdict verdict)
    {
        var survey = RecorderSurvey.Of(context);
        verdict.AddGaps(survey.Gaps);
        var covered = survey.CustomerRecorders.Select(r => r.Region).ToHashSet();
        var unknown = survey.Gaps.Select(g => g.Region).Concat(survey.NotOffered).ToHashSet();
        // With no recorder recording global types, the designated region is where one should be created.
        var globalRegion = survey.GlobalTypesRecorded ? null
            : context.Regions.Contains(RecorderSurvey.PreferredGlobalRegion) ? RecorderSurvey.PreferredGlobalRegion : context.Regions.FirstOrDefault();
        foreach (var region in context.Regions.Where(r => !unknown.Contains(r)))
        {
            verdict.Scanned($"arn:{context.Partition}:config:{region}:{context.AccountId}:configuration-recorder");
            if (covered.Contains(region)) continue;
            verdict.Fail($"arn:{context.Partition}:config:{region}:{context.AccountId}:configuration-recorder", region,
                $"AWS Config has no customer configuration recorder in {region}.",
                new SlotValues()
                    .With("recorder", Recorder("default", RecorderSurvey.ServiceLinkedRoleArn(context), region == globalRegion))
                    .With("role_arn", RecorderSurvey.ServiceLinkedRoleArn(context))
                    .With("include_global", region == globalRegion ? "true" : "false"));
        }
        if (survey.NotOffered.Count == context.Regions.Count)
            verdict.NotApplicable($"AWS Config is not offered in {string.Join(", ", survey.NotOffered)}");
    }

    /// <summary>A recorder of every supported resource type (and of global IAM types when <paramref name="includeGlobal"/>), as --configuration-recorder takes it.</summary>
    private static string Recorder(string name, string roleArn, bool includeGlobal) => CliFix.Json(new JsonObject
    {
        ["name"] = name,
        ["roleARN"] = roleArn,
        ["recordingGroup"] = new JsonObject { ["allSupported"] = true, ["includeGlobalResourceTypes"] = includeGlobal },
    });
}
