using CloudAudit.Checks.Framework;
using CloudAudit.Inventory.Catalog;
using CloudAudit.Inventory.Views;

namespace CloudAudit.Checks.Bedrock;

/// <summary>Bedrock model invocation logging has no destination in a scanned region.</summary>
public sealed class InvocationLoggingOff : RegionalServiceCheck<GetModelInvocationLoggingConfigurationResponse>
{
    public override CheckInfo Info { get; } = new()
    {
        Id = "aws-bedrock-001",
        Title = "Bedrock model invocation logging disabled",
        Service = "Bedrock",
        Severity = Severity.High,
        ResourceType = "AWS::Bedrock::ModelInvocationLoggingConfiguration",
        Description = "Calls GetModelInvocationLoggingConfiguration in every scanned region and fails each region whose logging "
            + "configuration has neither a CloudWatch Logs group nor an S3 bucket. Every region is judged, used or not: "
            + "stolen credentials are typically used to invoke models in regions the owner never uses. Regions where Bedrock "
            + "is not offered are not applicable.",
        Rationale = "CloudTrail records that InvokeModel was called, not what was asked or answered. Without invocation logs "
            + "there is no record of prompts leaking customer data, of jailbreak attempts, or of an attacker reselling the "
            + "account's model access (LLMjacking); attackers check this setting first and prefer regions where it is off.",
        CommonCauses =
        [
            "Invocation logging is off by default and is configured per region.",
            "It was enabled in the region the application uses, but not in the others.",
            "Logging was switched off because prompts contain sensitive data, instead of protecting the log destination.",
        ],
        Recommendation = "Enable model invocation logging in every region to a KMS-encrypted CloudWatch Logs group or S3 bucket with restricted access.",
        Remediation = new(
            Cli: """
                # The role must let bedrock.amazonaws.com write to the log group: https://docs.aws.amazon.com/bedrock/latest/userguide/model-invocation-logging.html
                aws logs create-log-group --region {region} --log-group-name /aws/bedrock/model-invocations
                aws bedrock put-model-invocation-logging-configuration --region {region} --logging-config '{"cloudWatchConfig":{"logGroupName":"/aws/bedrock/model-invocations","roleArn":"<BEDROCK_LOGGING_ROLE_ARN>"},"textDataDeliveryEnabled":true,"imageDataDeliveryEnabled":true,"embeddingDataDeliveryEnabled":true}'
                """,
            Terraform: """
                resource "aws_cloudwatch_log_group" "bedrock_invocations_{region:id}" {
                  region = {region}
                  name   = "/aws/bedrock/model-invocations"
                }

                resource "aws_bedrock_model_invocation_logging_configuration" "{region:id}" {
                  region = {region}

                  logging_config {
                    text_data_delivery_enabled      = true
                    image_data_delivery_enabled     = true
                    embedding_data_delivery_enabled = true

                    cloudwatch_config {
                      log_group_name = aws_cloudwatch_log_group.bedrock_invocations_{region:id}.name
                      role_arn       = "<BEDROCK_LOGGING_ROLE_ARN>"
                    }
                  }
                }
                """,
            DocUrl: "https://docs.aws.amazon.com/bedrock/latest/userguide/model-invocation-logging.html",
            Effort: Effort.Low),
    };

    public override IReadOnlyList<ApiCall> Reads { get; } = [BedrockCalls.GetModelInvocationLoggingConfiguration];

    protected override string ServiceName => "Amazon Bedrock";

    protected override (string Service, string What) Setting => ("bedrock", "model-invocation-logging");

    protected override IEnumerable<RegionRead<GetModelInvocationLoggingConfigurationResponse>> Read(CheckContext context) =>
        context.Data.Bedrock().InvocationLogging();

    protected override void JudgeRegion(string region, GetModelInvocationLoggingConfigurationResponse configuration, CheckContext context, Verdict verdict)
    {
        if (configuration.LoggingConfig?.HasDestination != true)
            verdict.Fail(RegionSetting(context, "bedrock", region, "model-invocation-logging"), region,
                $"Bedrock model invocation logging is off in {region}: prompts and responses are not recorded.");
    }
}
