using CloudAudit.Inventory.Catalog;

namespace CloudAudit.Demo;

/// <summary>
/// Production records everything in every region, global types in us-east-1 only, but the
/// Frankfurt recorder was stopped during a migration and eu-west-1 delivers daily and unencrypted.
/// Development has a hand-picked recorder in eu-west-1 with no delivery channel, and nothing elsewhere.
/// The security account is configured by the book in every region.
/// </summary>
internal sealed class DemoConfig : IDemoPart
{
    public void Production(DemoRecorder a, DemoClock clock)
    {
        var id = a.AccountId;
        foreach (var region in a.Regions)
        {
            Recorder(a, region, AllSupported(globalTypes: region == "us-east-1"));
            Status(a, clock, region, startedDaysAgo: 400, stoppedDaysAgo: region == "eu-central-1" ? 19 : null);
            var daily = region == "eu-west-1";
            Channel(a, region, $"northwind-config-{id}", region,
                daily ? null : $"arn:aws:kms:{region}:{id}:key/9b8a7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d", daily ? "TwentyFour_Hours" : "Six_Hours");
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

    /// <summary>
    /// The security account records everything, global types in us-east-1, and delivers hourly to its
    /// trail bucket under the trail's KMS key (a bucket's key must be in the bucket's region).
    /// </summary>
    public void Security(DemoRecorder a, DemoClock clock)
    {
        var id = a.AccountId;
        var key = DemoKms.KeyArn(id, "us-east-1", DemoKms.SecurityKey);
        foreach (var region in a.Regions)
        {
            Recorder(a, region, AllSupported(globalTypes: region == "us-east-1"));
            Status(a, clock, region, startedDaysAgo: 880, stoppedDaysAgo: null);
            Channel(a, region, $"northwind-security-trail-{id}", "config", key, "One_Hour");
        }
    }

    private static string RecorderArn(string account, string region) =>
        $"arn:aws:config:{region}:{account}:configuration-recorder/default/{account[..4]}{region.Replace("-", "", StringComparison.Ordinal)[..6]}q7x2";

    private static string AllSupported(bool globalTypes) => $$"""
        {"allSupported": true, "includeGlobalResourceTypes": {{(globalTypes ? "true" : "false")}}, "resourceTypes": [],
         "exclusionByResourceTypes": {"resourceTypes": []}, "recordingStrategy": {"useOnly": "ALL_SUPPORTED_RESOURCE_TYPES"} }
        """;

    /// <summary>A recorder that last started successfully, and may since have been stopped.</summary>
    private static void Status(DemoRecorder a, DemoClock clock, string region, double startedDaysAgo, double? stoppedDaysAgo) =>
        a.Regional(ConfigCalls.DescribeConfigurationRecorderStatus, region, $$"""
            {"ConfigurationRecordersStatus": [{"arn": "{{RecorderArn(a.AccountId, region)}}", "name": "default",
              "lastStartTime": "{{clock.DaysAgo(startedDaysAgo)}}", {{(stoppedDaysAgo is { } stopped ? $"\"lastStopTime\": \"{clock.DaysAgo(stopped)}\", " : "")}}
              "recording": {{(stoppedDaysAgo is null ? "true" : "false")}}, "lastStatus": "SUCCESS", "lastStatusChangeTime": "{{clock.DaysAgo(stoppedDaysAgo ?? 0.1)}}"}]}
            """);

    private static void Channel(DemoRecorder a, string region, string bucket, string prefix, string? kmsKey, string frequency)
    {
        var key = kmsKey is null ? "" : $", \"s3KmsKeyArn\": \"{kmsKey}\"";
        a.Regional(ConfigCalls.DescribeDeliveryChannels, region, $$"""
            {"DeliveryChannels": [{"name": "default", "s3BucketName": "{{bucket}}", "s3KeyPrefix": "{{prefix}}"{{key}},
              "configSnapshotDeliveryProperties": {"deliveryFrequency": "{{frequency}}"} }]}
            """);
    }

    private static void Recorder(DemoRecorder a, string region, string recordingGroup) =>
        a.Regional(ConfigCalls.DescribeConfigurationRecorders, region, $$"""
            {"ConfigurationRecorders": [{"arn": "{{RecorderArn(a.AccountId, region)}}", "name": "default",
              "roleARN": "arn:aws:iam::{{a.AccountId}}:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig",
              "recordingGroup": {{recordingGroup}},
              "recordingMode": {"recordingFrequency": "CONTINUOUS", "recordingModeOverrides": []}, "recordingScope": "PAID"}]}
            """);
}
