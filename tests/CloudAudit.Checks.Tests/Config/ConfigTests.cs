using CloudAudit.Checks.Framework;
using CloudAudit.Checks.Tests.Support;
using CloudAudit.Inventory.Catalog;

namespace CloudAudit.Checks.Tests.Config;

public class ConfigTests
{
    private const string AllTypes = """{"allSupported": true, "includeGlobalResourceTypes": true, "recordingStrategy": {"useOnly": "ALL_SUPPORTED_RESOURCE_TYPES"}}""";
    private const string RegionalTypes = """{"allSupported": true, "includeGlobalResourceTypes": false, "recordingStrategy": {"useOnly": "ALL_SUPPORTED_RESOURCE_TYPES"}}""";

    private static string Recorders(string group, string name = "default", string scope = "PAID") => $$"""
        {"ConfigurationRecorders": [{"name": "{{name}}", "roleARN": "arn:aws:iam::111122223333:role/config-role", "recordingGroup": {{group}}, "recordingScope": "{{scope}}"}]}
        """;

    private static TestAccount Healthy(TestAccount account, string region, string group = AllTypes) => account
        .Answer(ConfigCalls.DescribeConfigurationRecorders, region, Recorders(group))
        .Answer(ConfigCalls.DescribeConfigurationRecorderStatus, region, """{"ConfigurationRecordersStatus": [{"name": "default", "recording": true, "lastStatus": "SUCCESS"}]}""")
        .Answer(ConfigCalls.DescribeDeliveryChannels, region, """
            {"DeliveryChannels": [{"name": "default", "s3BucketName": "config-bucket", "s3KmsKeyArn": "arn:aws:kms:us-east-1:111122223333:key/k1",
              "configSnapshotDeliveryProperties": {"deliveryFrequency": "Six_Hours"}}]}
            """);

    [Fact]
    public void Every_check_passes_a_fully_configured_account_recording_global_types_once()
    {
        var account = Healthy(Healthy(new TestAccount("us-east-1", "eu-west-1"), "us-east-1"), "eu-west-1", RegionalTypes);
        foreach (var id in new[] { "aws-cfg-001", "aws-cfg-002", "aws-cfg-003", "aws-cfg-004" })
            Assert.Equal(CheckStatus.Pass, account.Run(id).Status);
    }

    [Fact]
    public void A_region_with_only_a_service_linked_recorder_has_no_recorder()
    {
        var account = Healthy(new TestAccount("us-east-1", "eu-west-1"), "us-east-1")
            .Answer(ConfigCalls.DescribeConfigurationRecorders, "eu-west-1", Recorders(RegionalTypes, "AWSConfigurationRecorderForCloudWatch", "INTERNAL"));
        var finding = account.Run("aws-cfg-001").Single();
        Assert.Equal("eu-west-1", finding.Region);
        Assert.Contains("--configuration-recorder '{\"name\":\"default\",\"roleARN\":\"arn:aws:iam::111122223333:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig\","
            + "\"recordingGroup\":{\"allSupported\":true,\"includeGlobalResourceTypes\":false}}'", finding.Remediation!.Cli);
        Assert.Equal(["3.3", "3.3", "4.3", "4.3"], ConfigInfo("aws-cfg-001").Compliance.Select(c => c.Control).ToArray());
    }

    [Fact]
    public void Recorder_reads_that_fail_are_not_assessed_and_an_absent_service_is_not_applicable()
    {
        Assert.Equal(CheckStatus.NotAssessed, new TestAccount("us-east-1").Denied(ConfigCalls.DescribeConfigurationRecorders, "us-east-1").Run("aws-cfg-001").Status);
        Assert.Equal(CheckStatus.NotApplicable, new TestAccount("us-east-1").NotOffered(ConfigCalls.DescribeConfigurationRecorders, "us-east-1").Run("aws-cfg-001").Status);
    }

    [Fact]
    public void A_stopped_recorder_and_a_failing_one_fail_aws_cfg_002()
    {
        var account = Healthy(Healthy(new TestAccount("us-east-1", "eu-west-1"), "us-east-1"), "eu-west-1", RegionalTypes)
            .Answer(ConfigCalls.DescribeConfigurationRecorderStatus, "us-east-1",
                """{"ConfigurationRecordersStatus": [{"name": "default", "recording": false, "lastStopTime": "2026-10-02T08:00:00Z"}]}""")
            .Answer(ConfigCalls.DescribeConfigurationRecorderStatus, "eu-west-1",
                """{"ConfigurationRecordersStatus": [{"name": "default", "recording": true, "lastStatus": "Failure", "lastErrorCode": "AccessDenied"}]}""");
        var findings = account.Run("aws-cfg-002").Findings;
        Assert.Equal(["Configuration recorder default in us-east-1 is stopped (since 2026-10-02).",
                      "Configuration recorder default in eu-west-1 is recording but its last recording failed (AccessDenied)."],
            findings.Select(f => f.Description).ToArray());
        Assert.Equal("aws configservice start-configuration-recorder --region us-east-1 --configuration-recorder-name default", findings[0].Remediation!.Cli);
    }

    [Fact]
    public void Status_that_cannot_be_read_is_not_assessed()
    {
        var account = new TestAccount("us-east-1").Answer(ConfigCalls.DescribeConfigurationRecorders, "us-east-1", Recorders(AllTypes))
            .Denied(ConfigCalls.DescribeConfigurationRecorderStatus, "us-east-1");
        Assert.Equal(CheckStatus.NotAssessed, account.Run("aws-cfg-002").Status);
    }

    [Fact]
    public void Inclusion_lists_fail_and_missing_global_types_are_charged_to_the_designated_region()
    {
        var account = Healthy(Healthy(new TestAccount("us-east-1", "eu-west-1"), "us-east-1", RegionalTypes), "eu-west-1", """
            {"allSupported": false, "includeGlobalResourceTypes": false, "resourceTypes": ["AWS::S3::Bucket"], "recordingStrategy": {"useOnly": "INCLUSION_BY_RESOURCE_TYPES"}}
            """);
        var findings = account.Run("aws-cfg-003").Findings;
        Assert.Equal(["us-east-1", "eu-west-1"], findings.Select(f => f.Region).ToArray());
        Assert.Contains("does not record global IAM resource types", findings[0].Description);
        Assert.Contains("jq --argjson global true '", findings[0].Remediation!.Cli);
        Assert.Contains("records only 1 listed resource types", findings[1].Description);
        Assert.Contains("jq --argjson global false '", findings[1].Remediation!.Cli);
        Assert.Contains("recordingStrategy: {useOnly: \"ALL_SUPPORTED_RESOURCE_TYPES\"}", findings[1].Remediation!.Cli);
    }

    [Fact]
    public void Global_types_are_not_charged_when_an_unreadable_region_might_record_them()
    {
        var account = Healthy(new TestAccount("us-east-1", "eu-west-1"), "us-east-1", RegionalTypes)
            .Denied(ConfigCalls.DescribeConfigurationRecorders, "eu-west-1");
        var result = account.Run("aws-cfg-003");
        Assert.Equal(CheckStatus.NotAssessed, result.Status);
        Assert.Empty(result.Findings);
    }

    [Fact]
    public void No_delivery_channel_is_high_and_a_daily_unencrypted_one_is_low()
    {
        var account = Healthy(Healthy(new TestAccount("us-east-1", "eu-west-1"), "us-east-1"), "eu-west-1", RegionalTypes)
            .Answer(ConfigCalls.DescribeDeliveryChannels, "us-east-1", """{"DeliveryChannels": []}""")
            .Answer(ConfigCalls.DescribeDeliveryChannels, "eu-west-1", """{"DeliveryChannels": [{"name": "main", "s3BucketName": "cfg-eu"}]}""");
        var findings = account.Run("aws-cfg-004").Findings;
        Assert.Equal([Severity.High, Severity.Low], findings.Select(f => f.Severity).ToArray());
        Assert.Contains("\"s3BucketName\":\"<CONFIG_BUCKET>\"", findings[0].Remediation!.Cli);
        Assert.Contains("describe-delivery-channels --region eu-west-1 --delivery-channel-names main --query 'DeliveryChannels[0]' --output json > delivery-channel.json\n"
            + "jq --arg key <KMS_KEY_ARN> '", findings[1].Remediation!.Cli);
        Assert.Contains("only every 24 hours and writes to S3 without a KMS key", findings[1].Description);
    }

    [Fact]
    public void Recorder_checks_are_not_applicable_without_a_customer_recorder()
    {
        var account = new TestAccount("us-east-1").Answer(ConfigCalls.DescribeConfigurationRecorders, "us-east-1", """{"ConfigurationRecorders": []}""");
        foreach (var id in new[] { "aws-cfg-002", "aws-cfg-003", "aws-cfg-004" })
            Assert.Equal(CheckStatus.NotApplicable, account.Run(id).Status);
    }

    private static CheckInfo ConfigInfo(string id) => CheckRegistry.Find(id)!.Info;
}
