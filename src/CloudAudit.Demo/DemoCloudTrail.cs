using CloudAudit.Inventory;
using CloudAudit.Inventory.Catalog;
using CloudAudit.Inventory.Snapshot;
using static CloudAudit.Demo.DemoRecorder;

namespace CloudAudit.Demo;

/// <summary>
/// Production: a well-run multi-region audit trail (KMS, validation, CloudWatch Logs, S3 data
/// events; RDS Data API events left out to save cost) beside a forgotten single-region EU trail whose bucket was deleted
/// (delivery fails). Development: one single-region trail that somebody stopped, logging to a bucket whose logging
/// settings the scanner may not read.
/// </summary>
internal sealed class DemoCloudTrail : IDemoPart
{
    public const string AuditTrail = "org-audit-trail";
    public static string AuditTrailArn(string account) => $"arn:aws:cloudtrail:us-east-1:{account}:trail/{AuditTrail}";
    public static string AuditLogGroup(string account) => $"aws-cloudtrail-logs-{account}";
    public static string AuditLogGroupArn(string account) => $"arn:aws:logs:us-east-1:{account}:log-group:{AuditLogGroup(account)}:*";
    public const string SecurityLogGroup = "security-audit-trail-logs";
    public static string SecurityTrailArn(string account) => $"arn:aws:cloudtrail:us-east-1:{account}:trail/security-audit-trail";

    public const string OrganizationTrailArn = $"arn:aws:cloudtrail:us-east-1:{DemoAccount.ManagementAccount}:trail/northwind-org-trail";

    /// <summary>The organization trail as a member sees it (a shadow trail): single-region, so only us-east-1 is recorded.</summary>
    private const string OrganizationTrail = $$"""
        {"Name": "northwind-org-trail", "S3BucketName": "northwind-org-trail-logs", "IncludeGlobalServiceEvents": true,
         "IsMultiRegionTrail": false, "HomeRegion": "us-east-1", "TrailARN": "{{OrganizationTrailArn}}", "LogFileValidationEnabled": true,
         "HasCustomEventSelectors": false, "HasInsightSelectors": false, "IsOrganizationTrail": true}
        """;

    /// <summary>The security account: one trail that does everything the CIS logging section asks.</summary>
    public void Security(DemoRecorder a, DemoClock clock)
    {
        var id = a.AccountId;
        var arn = SecurityTrailArn(id);
        var bucket = $"northwind-security-trail-{id}";
        var trail = $$"""
            {"Name": "security-audit-trail", "S3BucketName": "{{bucket}}", "IncludeGlobalServiceEvents": true,
             "IsMultiRegionTrail": true, "HomeRegion": "us-east-1", "TrailARN": "{{arn}}", "LogFileValidationEnabled": true,
             "CloudWatchLogsLogGroupArn": "arn:aws:logs:us-east-1:{{id}}:log-group:{{SecurityLogGroup}}:*",
             "CloudWatchLogsRoleArn": "arn:aws:iam::{{id}}:role/CloudTrailToCloudWatch",
             "KmsKeyId": "{{DemoKms.KeyArn(id, "us-east-1", DemoKms.SecurityKey)}}",
             "HasCustomEventSelectors": true, "HasInsightSelectors": true, "IsOrganizationTrail": false}
            """;
        // The organization trail of the management account, created for us-east-1 only: its shadow is listed there alone.
        foreach (var region in a.Regions)
            a.Regional(CloudTrailCalls.DescribeTrails, region, region == "us-east-1"
                ? $$"""{"trailList": [{{trail}}, {{OrganizationTrail}}]}"""
                : $$"""{"trailList": [{{trail}}]}""");
        a.Target(CloudTrailCalls.GetTrailStatus, "us-east-1", Params(("Name", OrganizationTrailArn)), $$"""
            {"IsLogging": true, "LatestDeliveryTime": "{{clock.Ago(TimeSpan.FromMinutes(4))}}", "StartLoggingTime": "{{clock.DaysAgo(800)}}"}
            """);
        a.Target(CloudTrailCalls.GetEventSelectors, "us-east-1", Params(("TrailName", OrganizationTrailArn)), $$"""
            {"TrailARN": "{{OrganizationTrailArn}}", "EventSelectors": [{"ReadWriteType": "All", "IncludeManagementEvents": true, "DataResources": []}]}
            """);
        // Its bucket is the management account's: the security account may not read its settings.
        foreach (var call in new[] { S3Calls.GetTrailBucketPublicAccessBlock, S3Calls.GetTrailBucketLogging })
            a.Failure(call, AwsIds.GlobalRegion, Params(("Bucket", "northwind-org-trail-logs")), ErrorKind.AccessDenied, "AccessDenied", "Access Denied", 403);
        a.Target(CloudTrailCalls.GetTrailStatus, "us-east-1", Params(("Name", arn)), $$"""
            {"IsLogging": true, "LatestDeliveryTime": "{{clock.Ago(TimeSpan.FromMinutes(3))}}",
             "LatestCloudWatchLogsDeliveryTime": "{{clock.Ago(TimeSpan.FromMinutes(1))}}", "StartLoggingTime": "{{clock.DaysAgo(700)}}"}
            """);
        a.Target(CloudTrailCalls.GetEventSelectors, "us-east-1", Params(("TrailName", arn)), $$"""
            {"TrailARN": "{{arn}}", "EventSelectors": [
              {"ReadWriteType": "All", "IncludeManagementEvents": true, "ExcludeManagementEventSources": [],
               "DataResources": [{"Type": "AWS::S3::Object", "Values": ["arn:aws:s3"]}]}]}
            """);
        a.Global(S3Calls.GetCallerIdentity, $$"""{"UserId": "AROA4NORTHWINDSEC0001:scan", "Account": "{{id}}", "Arn": "arn:aws:sts::{{id}}:assumed-role/SecurityAudit/scan"}""");
        const string allBlocked = """
            {"PublicAccessBlockConfiguration": {"BlockPublicAcls": true, "IgnorePublicAcls": true, "BlockPublicPolicy": true, "RestrictPublicBuckets": true}}
            """;
        a.Target(S3Calls.GetAccountPublicAccessBlock, AwsIds.GlobalRegion, Params(("AccountId", id)), allBlocked);
        a.Target(S3Calls.GetTrailBucketPublicAccessBlock, AwsIds.GlobalRegion, Params(("Bucket", bucket)), allBlocked);
        a.Target(S3Calls.GetTrailBucketLogging, AwsIds.GlobalRegion, Params(("Bucket", bucket)), $$"""
            {"LoggingEnabled": {"TargetBucket": "northwind-security-access-logs-{{id}}", "TargetPrefix": "trail/"} }
            """);
    }

    public void Production(DemoRecorder a, DemoClock clock)
    {
        var id = a.AccountId;
        var audit = $$"""
            {"Name": "{{AuditTrail}}", "S3BucketName": "northwind-audit-logs-{{id}}", "IncludeGlobalServiceEvents": true,
             "IsMultiRegionTrail": true, "HomeRegion": "us-east-1", "TrailARN": "{{AuditTrailArn(id)}}",
             "LogFileValidationEnabled": true, "CloudWatchLogsLogGroupArn": "{{AuditLogGroupArn(id)}}",
             "CloudWatchLogsRoleArn": "arn:aws:iam::{{id}}:role/CloudTrailToCloudWatch",
             "KmsKeyId": "{{DemoKms.KeyArn(id, "us-east-1", DemoKms.CloudTrailKey)}}",
             "HasCustomEventSelectors": true, "HasInsightSelectors": false, "IsOrganizationTrail": false}
            """;
        var legacyArn = $"arn:aws:cloudtrail:eu-west-1:{id}:trail/legacy-eu-trail";
        var legacy = $$"""
            {"Name": "legacy-eu-trail", "S3BucketName": "northwind-legacy-trail-eu", "IncludeGlobalServiceEvents": false,
             "IsMultiRegionTrail": false, "HomeRegion": "eu-west-1", "TrailARN": "{{legacyArn}}",
             "LogFileValidationEnabled": false, "HasCustomEventSelectors": false, "HasInsightSelectors": false,
             "IsOrganizationTrail": false}
            """;
        foreach (var region in a.Regions)
            a.Regional(CloudTrailCalls.DescribeTrails, region,
                region == "eu-west-1" ? $$"""{"trailList": [{{audit}}, {{legacy}}]}""" : $$"""{"trailList": [{{audit}}]}""");

        a.Target(CloudTrailCalls.GetTrailStatus, "us-east-1", Params(("Name", AuditTrailArn(id))), $$"""
            {"IsLogging": true, "LatestDeliveryTime": "{{clock.Ago(TimeSpan.FromMinutes(4))}}",
             "LatestCloudWatchLogsDeliveryTime": "{{clock.Ago(TimeSpan.FromMinutes(2))}}",
             "StartLoggingTime": "{{clock.DaysAgo(412)}}", "LatestDigestDeliveryTime": "{{clock.Ago(TimeSpan.FromMinutes(31))}}"}
            """);
        a.Target(CloudTrailCalls.GetTrailStatus, "eu-west-1", Params(("Name", legacyArn)), $$"""
            {"IsLogging": true, "LatestDeliveryTime": "{{clock.DaysAgo(6)}}", "LatestDeliveryError": "NoSuchBucket",
             "LatestDeliveryAttemptTime": "{{clock.Ago(TimeSpan.FromMinutes(9))}}", "StartLoggingTime": "{{clock.DaysAgo(1630)}}"}
            """);
        a.Target(CloudTrailCalls.GetEventSelectors, "us-east-1", Params(("TrailName", AuditTrailArn(id))), $$"""
            {"TrailARN": "{{AuditTrailArn(id)}}", "AdvancedEventSelectors": [
              {"Name": "Management events", "FieldSelectors": [{"Field": "eventCategory", "Equals": ["Management"]},
                {"Field": "eventSource", "NotEquals": ["rdsdata.amazonaws.com"]}]},
              {"Name": "S3 object reads and writes", "FieldSelectors": [
                {"Field": "eventCategory", "Equals": ["Data"]},
                {"Field": "resources.type", "Equals": ["AWS::S3::Object"]}]}]}
            """);
        a.Target(CloudTrailCalls.GetEventSelectors, "eu-west-1", Params(("TrailName", legacyArn)), $$"""
            {"TrailARN": "{{legacyArn}}", "EventSelectors": [
              {"ReadWriteType": "All", "IncludeManagementEvents": true, "DataResources": [], "ExcludeManagementEventSources": []}]}
            """);

        // The audit bucket is locked down; the legacy bucket predates Block Public Access.
        a.Global(S3Calls.GetCallerIdentity, $$"""{"UserId": "AIDA4NORTHWINDAUDIT01", "Account": "{{id}}", "Arn": "arn:aws:iam::{{id}}:user/security-auditor"}""");
        a.Target(S3Calls.GetAccountPublicAccessBlock, AwsIds.GlobalRegion, Params(("AccountId", id)), """
            {"PublicAccessBlockConfiguration": {"BlockPublicAcls": true, "IgnorePublicAcls": false, "BlockPublicPolicy": false, "RestrictPublicBuckets": false}}
            """);
        a.Target(S3Calls.GetTrailBucketPublicAccessBlock, AwsIds.GlobalRegion, Params(("Bucket", $"northwind-audit-logs-{id}")), """
            {"PublicAccessBlockConfiguration": {"BlockPublicAcls": true, "IgnorePublicAcls": true, "BlockPublicPolicy": true, "RestrictPublicBuckets": true}}
            """);
        a.Failure(S3Calls.GetTrailBucketPublicAccessBlock, AwsIds.GlobalRegion, Params(("Bucket", "northwind-legacy-trail-eu")),
            ErrorKind.NotFound, "NoSuchPublicAccessBlockConfiguration", "The public access block configuration was not found", 404);
        a.Target(S3Calls.GetTrailBucketLogging, AwsIds.GlobalRegion, Params(("Bucket", $"northwind-audit-logs-{id}")), $$"""
            {"LoggingEnabled": {"TargetBucket": "northwind-s3-access-logs-{{id}}", "TargetPrefix": "audit-logs/"} }
            """);
        a.Target(S3Calls.GetTrailBucketLogging, AwsIds.GlobalRegion, Params(("Bucket", "northwind-legacy-trail-eu")), "{}");
    }

    public void Development(DemoRecorder a, DemoClock clock)
    {
        var id = a.AccountId;
        var arn = $"arn:aws:cloudtrail:us-east-1:{id}:trail/dev-trail";
        var trail = $$"""
            {"Name": "dev-trail", "S3BucketName": "northwind-dev-trail-logs", "IncludeGlobalServiceEvents": true,
             "IsMultiRegionTrail": false, "HomeRegion": "us-east-1", "TrailARN": "{{arn}}", "LogFileValidationEnabled": true,
             "HasCustomEventSelectors": false, "HasInsightSelectors": false, "IsOrganizationTrail": false}
            """;
        foreach (var region in a.Regions)
            a.Regional(CloudTrailCalls.DescribeTrails, region, region == "us-east-1" ? $$"""{"trailList": [{{trail}}]}""" : """{"trailList": []}""");
        a.Target(CloudTrailCalls.GetTrailStatus, "us-east-1", Params(("Name", arn)), $$"""
            {"IsLogging": false, "LatestDeliveryTime": "{{clock.DaysAgo(38)}}", "StopLoggingTime": "{{clock.DaysAgo(38)}}",
             "StartLoggingTime": "{{clock.DaysAgo(301)}}"}
            """);
        a.Target(CloudTrailCalls.GetEventSelectors, "us-east-1", Params(("TrailName", arn)), $$"""
            {"TrailARN": "{{arn}}", "EventSelectors": [{"ReadWriteType": "All", "IncludeManagementEvents": true, "DataResources": [], "ExcludeManagementEventSources": []}]}
            """);
        a.Global(S3Calls.GetCallerIdentity, $$"""{"UserId": "AROA4NORTHWINDDEV001:scan", "Account": "{{id}}", "Arn": "arn:aws:sts::{{id}}:assumed-role/SecurityAudit/scan"}""");
        a.Target(S3Calls.GetAccountPublicAccessBlock, AwsIds.GlobalRegion, Params(("AccountId", id)), """
            {"PublicAccessBlockConfiguration": {"BlockPublicAcls": true, "IgnorePublicAcls": true, "BlockPublicPolicy": true, "RestrictPublicBuckets": true}}
            """);
        a.Target(S3Calls.GetTrailBucketPublicAccessBlock, AwsIds.GlobalRegion, Params(("Bucket", "northwind-dev-trail-logs")), """
            {"PublicAccessBlockConfiguration": {"BlockPublicAcls": true, "IgnorePublicAcls": true, "BlockPublicPolicy": true, "RestrictPublicBuckets": true}}
            """);
        // A bucket policy written for a log shipper denies everything else, the scanner included.
        a.Failure(S3Calls.GetTrailBucketLogging, AwsIds.GlobalRegion, Params(("Bucket", "northwind-dev-trail-logs")),
            ErrorKind.AccessDenied, "AccessDenied", "Access Denied", 403);
    }
}
