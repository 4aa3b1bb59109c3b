using CloudAudit.Inventory.Catalog;

namespace CloudAudit.Demo;

/// <summary>
/// Production records everything in every region, global types in us-east-1 only, but the
/// Frankfurt recorder was stopped during a migration and eu-west-1 delivers daily and unencrypted.
/// Development has a hand-picked recorder in eu-west-1 with no delivery channel, and nothing elsewhere.
/// </summary>
internal sealed class DemoConfig : IDemoPart
{
    public void Production(DemoRecorder a, DemoClock clock)
    {
        var id = a.AccountId;
        foreach (var region in a.Regions)
        {
            Recorder(a, region, $$"""
                {"allSupported": true, "includeGlobalResourceTypes": {{(region == "us-east-1" ? "true" : "false")}}, "resourceTypes": [],
                 "exclusionByResourceTypes": {"resourceTypes": []}, "recordingStrategy": {"useOnly": "ALL_SUPPORTED_RESOURCE_TYPES"} }
                """);
            var stopped = region == "eu-central-1";
            a.Regional(ConfigCalls.DescribeConfigurationRecorderStatus, region, $$"""
                {"ConfigurationRecordersStatus": [{"arn": "{{RecorderArn(id, region)}}", "name": "default",
                  "lastStartTime": "{{clock.DaysAgo(400)}}", {{(stopped ? $"\"lastStopTime\": \"{clock.DaysAgo(19)}\", " : "")}}
                  "recording": {{(stopped ? "false" : "true")}}, "lastStatus": "SUCCESS", "lastStatusChangeTime": "{{clock.DaysAgo(stopped ? 19 : 0.1)}}"}]}
                """);
            var daily = region == "eu-west-1";
            var key = daily ? "" : $", \"s3KmsKeyArn\": \"arn:aws:kms:{region}:{id}:key/9b8a7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d\"";
            a.Regional(ConfigCalls.DescribeDeliveryChannels, region, $$"""
                {"DeliveryChannels": [{"name": "default", "s3BucketName": "northwind-config-{{id}}", "s3KeyPrefix": "{{region}}"{{key}},
                  "configSnapshotDeliveryProperties": {"deliveryFrequency": "{{(daily ? "TwentyFour_Hours" : "Six_Hours")}}"} }]}
                """);
        }
    }

    public void Development(DemoRecorder a, DemoClock clock)
    {
        foreach (var region in a.Regions)
        {
            if (region != "eu-west-1")
            {
                a.Regional(ConfigCalls.DescribeConfigurationRecorders, region, """{"ConfigurationRecorders": []}""");
                a.Regional(ConfigCalls.DescribeConfigurationRecorderStatus, region, """{"ConfigurationRecordersStatus": []}""");
                a.Regional(ConfigCalls.DescribeDeliveryChannels, region, """{"DeliveryChannels": []}""");
                continue;
            }
            Recorder(a, region, """
                {"allSupported": false, "includeGlobalResourceTypes": false,
                 "resourceTypes": ["AWS::EC2::Instance", "AWS::EC2::SecurityGroup", "AWS::S3::Bucket"],
                 "exclusionByResourceTypes": {"resourceTypes": []}, "recordingStrategy": {"useOnly": "INCLUSION_BY_RESOURCE_TYPES"}}
                """);
            a.Regional(ConfigCalls.DescribeConfigurationRecorderStatus, region, $$"""
                {"ConfigurationRecordersStatus": [{"arn": "{{RecorderArn(a.AccountId, region)}}", "name": "default",
                  "lastStartTime": "{{clock.DaysAgo(120)}}", "recording": true, "lastStatus": "FAILURE",
                  "lastErrorCode": "NoAvailableDeliveryChannelException", "lastErrorMessage": "Delivery channel is not available to start configuration recorder.",
                  "lastStatusChangeTime": "{{clock.DaysAgo(120)}}"}]}
                """);
            a.Regional(ConfigCalls.DescribeDeliveryChannels, region, """{"DeliveryChannels": []}""");
        }
    }

    private static string RecorderArn(string account, string region) =>
        $"arn:aws:config:{region}:{account}:configuration-recorder/default/{account[..4]}{region.Replace("-", "", StringComparison.Ordinal)[..6]}q7x2";

    private static void Recorder(DemoRecorder a, string region, string recordingGroup) =>
        a.Regional(ConfigCalls.DescribeConfigurationRecorders, region, $$"""
            {"ConfigurationRecorders": [{"arn": "{{RecorderArn(a.AccountId, region)}}", "name": "default",
              "roleARN": "arn:aws:iam::{{a.AccountId}}:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig",
              "recordingGroup": {{recordingGroup}},
              "recordingMode": {"recordingFrequency": "CONTINUOUS", "recordingModeOverrides": []}, "recordingScope": "PAID"}]}
            """);
}
