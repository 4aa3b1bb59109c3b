using System.Text.Json.Nodes;
using CloudAudit.Inventory;
using CloudAudit.Inventory.Catalog;
using CloudAudit.Inventory.Snapshot;

namespace CloudAudit.Demo;

/// <summary>
/// Production: a dozen buckets (audit logs, access-log buckets per region, a data lake shared with the
/// organization, Athena results, backups, Terraform state, customer exports, deployment artifacts the
/// development account's CI reads) mostly well kept and denying plain HTTP, beside a public static website
/// bucket, the legacy trail bucket (its policy from before aws:SourceArn) and an ML bucket whose policy denies
/// the scanner. Development: fewer buckets, SSE-S3 everywhere, no access logs, lifecycle rules and TLS denies
/// missing, a scratch bucket with a leftover public-read policy that account-level Block Public Access keeps
/// private. The trail buckets' Block Public Access and logging come from DemoCloudTrail.
/// </summary>
internal sealed class DemoS3 : IDemoPart
{
    /// <summary>One bucket's answers; null Block Public Access or logging means DemoCloudTrail records it; null Policy: none.</summary>
    private sealed record Bucket(string Name, string Region, double AgeDays, string Encryption, string Versioning,
        string? LifecycleRules, string? PublicAccessBlock = AllBlocked, string? Logging = NoLogging, bool Denied = false, string? Policy = null);

    private const string AllBlocked = """{"PublicAccessBlockConfiguration": {"BlockPublicAcls": true, "IgnorePublicAcls": true, "BlockPublicPolicy": true, "RestrictPublicBuckets": true}}""";
    private const string NoBlock = "none";
    private const string NoLogging = "{}";
    private const string? FromTrail = null;
    private const string SseS3 = """{"ServerSideEncryptionConfiguration": {"Rules": [{"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "AES256"}, "BucketKeyEnabled": false}]}}""";
    private const string Unversioned = "{}";
    private const string Versioned = """{"Status": "Enabled"}""";
    private const string Suspended = """{"Status": "Suspended"}""";
    private const string AbortAfterWeek = """{"ID": "abort-incomplete-uploads", "Filter": {}, "Status": "Enabled", "AbortIncompleteMultipartUpload": {"DaysAfterInitiation": 7}}""";

    private static string Kms(string keyArn, string algorithm = "aws:kms") => $$"""
        {"ServerSideEncryptionConfiguration": {"Rules": [{"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "{{algorithm}}", "KMSMasterKeyID": "{{keyArn}}"}, "BucketKeyEnabled": true}]} }
        """;

    private static string LogsTo(string target, string bucket) =>
        $$"""{"LoggingEnabled": {"TargetBucket": "{{target}}", "TargetPrefix": "{{bucket}}/"} }""";

    private static string ExpireAfter(int days, string id = "expire-objects") =>
        $$"""{"ID": "{{id}}", "Filter": {}, "Status": "Enabled", "Expiration": {"Days": {{days}} }, "AbortIncompleteMultipartUpload": {"DaysAfterInitiation": 1} }""";

    public void Production(DemoRecorder a, DemoClock clock)
    {
        var id = a.AccountId;
        var logsUs = $"northwind-s3-access-logs-{id}";
        var logsEu = $"northwind-s3-access-logs-eu-{id}";
        var dataLakeKey = DemoKms.KeyArn(id, "us-east-1", DemoKms.DataLakeKey);
        var audit = $"northwind-audit-logs-{id}";
        var raw = $"northwind-datalake-raw-{id}";
        var curated = $"northwind-datalake-curated-{id}";
        var artifacts = $"northwind-deploy-artifacts-{id}";
        Record(a, clock,
        [
            new(audit, "us-east-1", 412, Kms(DemoKms.KeyArn(id, "us-east-1", DemoKms.CloudTrailKey)),
                """{"Status": "Enabled", "MFADelete": "Enabled"}""",
                """
                {"ID": "archive-and-retain", "Filter": {}, "Status": "Enabled",
                 "Transitions": [{"Days": 90, "StorageClass": "GLACIER_IR"}, {"Days": 365, "StorageClass": "DEEP_ARCHIVE"}],
                 "NoncurrentVersionExpiration": {"NoncurrentDays": 365}, "AbortIncompleteMultipartUpload": {"DaysAfterInitiation": 7}}
                """, PublicAccessBlock: FromTrail, Logging: FromTrail, Policy: DemoBucketPolicies.Trail(audit, id, DemoCloudTrail.AuditTrailArn(id))),
            new("northwind-legacy-trail-eu", "eu-west-1", 1630, SseS3, Unversioned, null, PublicAccessBlock: FromTrail, Logging: FromTrail,
                Policy: DemoBucketPolicies.Trail("northwind-legacy-trail-eu", id, trailArn: null)),
            new(logsUs, "us-east-1", 410, SseS3, Unversioned, ExpireAfter(365, "expire-access-logs"), Policy: AccessLogsPolicy(logsUs, id)),
            new(logsEu, "eu-west-1", 380, SseS3, Unversioned, ExpireAfter(365, "expire-access-logs"), Policy: AccessLogsPolicy(logsEu, id)),
            new(raw, "us-east-1", 700, Kms(dataLakeKey), Versioned,
                """
                {"ID": "tier-raw-data", "Filter": {"Prefix": "raw/"}, "Status": "Enabled",
                 "Transitions": [{"Days": 30, "StorageClass": "STANDARD_IA"}, {"Days": 180, "StorageClass": "GLACIER_IR"}]},
                """ + AbortAfterWeek, Logging: LogsTo(logsUs, raw), Policy: TlsOnly(raw)),
            // Analysts anywhere in the organization read the curated zone (its KMS key is shared the same way).
            new(curated, "us-east-1", 690, Kms(dataLakeKey), Versioned,
                """
                {"ID": "tiering-and-old-versions", "Filter": {}, "Status": "Enabled",
                 "Transitions": [{"Days": 0, "StorageClass": "INTELLIGENT_TIERING"}],
                 "NoncurrentVersionExpiration": {"NoncurrentDays": 30}, "AbortIncompleteMultipartUpload": {"DaysAfterInitiation": 3}}
                """, Logging: LogsTo(logsUs, curated), Policy: DemoBucketPolicies.Of(
                    DemoBucketPolicies.OrganizationReads(curated, "OrganizationAnalystsRead", "*", prefix: "curated/"), DemoBucketPolicies.TlsDeny(curated))),
            new($"northwind-athena-results-{id}", "us-east-1", 520, SseS3, Unversioned, ExpireAfter(30)),
            // Served as a website straight from S3 (over plain HTTP), so Block Public Access was never turned on.
            new("www.northwind-analytics.example", "us-east-1", 1210, SseS3, Suspended, null, PublicAccessBlock: NoBlock,
                Policy: DemoBucketPolicies.Of(DemoBucketPolicies.PublicRead("www.northwind-analytics.example", "PublicReadForWebsite"))),
            new($"northwind-backups-{id}", "eu-west-1", 640, Kms(DemoKms.KeyArn(id, "eu-west-1", DemoKms.BackupsKey)),
                """{"Status": "Enabled", "MFADelete": "Disabled"}""",
                """
                {"ID": "archive-backups", "Filter": {}, "Status": "Enabled",
                 "Transitions": [{"Days": 30, "StorageClass": "DEEP_ARCHIVE"}],
                 "NoncurrentVersionExpiration": {"NoncurrentDays": 35}, "AbortIncompleteMultipartUpload": {"DaysAfterInitiation": 7}}
                """, Logging: LogsTo(logsEu, $"northwind-backups-{id}"), Policy: TlsOnly($"northwind-backups-{id}")),
            new($"northwind-tfstate-{id}", "eu-central-1", 900, Kms(DemoKms.KeyArn(id, "eu-central-1", DemoKms.TerraformStateKey)), Versioned,
                """{"ID": "keep-ten-state-versions", "Filter": {}, "Status": "Enabled", "NoncurrentVersionExpiration": {"NoncurrentDays": 90, "NewerNoncurrentVersions": 10}}""",
                Policy: TlsOnly($"northwind-tfstate-{id}")),
            // Its bucket policy allows only the ML training role; the scanner is denied every read.
            new($"northwind-ml-artifacts-{id}", "eu-west-1", 150, "", "", null, Denied: true),
            new($"northwind-customer-exports-{id}", "eu-central-1", 230, Kms(DemoKms.KeyArn(id, "eu-central-1", DemoKms.TerraformStateKey), "aws:kms:dsse"), Versioned,
                """{"ID": "short-lived-exports", "Filter": {}, "Status": "Enabled", "Expiration": {"Days": 14}, "NoncurrentVersionExpiration": {"NoncurrentDays": 1}, "AbortIncompleteMultipartUpload": {"DaysAfterInitiation": 1}}""",
                PublicAccessBlock: """{"PublicAccessBlockConfiguration": {"BlockPublicAcls": true, "IgnorePublicAcls": true, "BlockPublicPolicy": false, "RestrictPublicBuckets": false}}""",
                Policy: TlsOnly($"northwind-customer-exports-{id}")),
            // The development account's CI role reads release builds, guarded by aws:PrincipalOrgID.
            new(artifacts, "us-east-1", 800, SseS3, Versioned,
                """{"ID": "old-builds", "Filter": {}, "Status": "Enabled", "NoncurrentVersionExpiration": {"NoncurrentDays": 30}, "AbortIncompleteMultipartUpload": {"DaysAfterInitiation": 1}}""",
                Logging: LogsTo(logsUs, artifacts), Policy: DemoBucketPolicies.Of(
                    DemoBucketPolicies.OrganizationReads(artifacts, "DevAccountReadsArtifacts", $"arn:aws:iam::{DemoAccount.DevelopmentAccount}:role/ci-deployer"),
                    DemoBucketPolicies.TlsDeny(artifacts))),
        ]);
    }

    public void Development(DemoRecorder a, DemoClock clock)
    {
        var id = a.AccountId;
        Record(a, clock,
        [
            // The log shipper's bucket policy denies everyone else; only its Block Public Access is readable (DemoCloudTrail).
            new("northwind-dev-trail-logs", "us-east-1", 301, "", "", null, PublicAccessBlock: FromTrail, Logging: FromTrail, Denied: true),
            // Made public for a prototype; the account's Block Public Access (RestrictPublicBuckets) still keeps it private.
            new("northwind-dev-scratch", "us-east-1", 420, SseS3, Unversioned, null, PublicAccessBlock: NoBlock,
                Policy: DemoBucketPolicies.Of(DemoBucketPolicies.PublicRead("northwind-dev-scratch", "PublicReadForPrototype"))),
            new($"northwind-dev-datalake-{id}", "eu-west-1", 260, SseS3, Versioned, null, Policy: TlsOnly($"northwind-dev-datalake-{id}")),
            new("northwind-dev-tfstate", "eu-central-1", 610,
                """{"ServerSideEncryptionConfiguration": {"Rules": [{"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "aws:kms"}, "BucketKeyEnabled": true}]}}""",
                Versioned, """{"ID": "old-state", "Filter": {}, "Status": "Enabled", "NoncurrentVersionExpiration": {"NoncurrentDays": 30}}, """ + AbortAfterWeek),
            new($"northwind-dev-ci-artifacts-{id}", "us-east-1", 180, SseS3, Suspended,
                """{"ID": "expire-artifacts", "Filter": {"Prefix": "builds/"}, "Status": "Enabled", "Expiration": {"Days": 14}}"""),
        ]);
    }

    /// <summary>The security account: the trail bucket (settings from DemoCloudTrail) and its access-log bucket, by the book.</summary>
    public void Security(DemoRecorder a, DemoClock clock)
    {
        var id = a.AccountId;
        var logs = $"northwind-security-access-logs-{id}";
        var trail = $"northwind-security-trail-{id}";
        var trailKey = DemoKms.KeyArn(id, "us-east-1", DemoKms.SecurityKey);
        Record(a, clock,
        [
            new(trail, "us-east-1", 700, Kms(trailKey), """{"Status": "Enabled", "MFADelete": "Enabled"}""",
                """
                {"ID": "retain-seven-years", "Filter": {}, "Status": "Enabled",
                 "Transitions": [{"Days": 90, "StorageClass": "DEEP_ARCHIVE"}],
                 "NoncurrentVersionExpiration": {"NoncurrentDays": 30}, "AbortIncompleteMultipartUpload": {"DaysAfterInitiation": 7}}
                """, PublicAccessBlock: FromTrail, Logging: FromTrail, Policy: DemoBucketPolicies.Trail(trail, id, DemoCloudTrail.SecurityTrailArn(id))),
            new(logs, "us-east-1", 700, Kms(trailKey), """{"Status": "Enabled", "MFADelete": "Enabled"}""",
                """
                {"ID": "expire-access-logs", "Filter": {}, "Status": "Enabled", "Expiration": {"Days": 400},
                 "NoncurrentVersionExpiration": {"NoncurrentDays": 7}, "AbortIncompleteMultipartUpload": {"DaysAfterInitiation": 1}}
                """, Policy: AccessLogsPolicy(logs, id)),
        ]);
    }

    private static string TlsOnly(string bucket) => DemoBucketPolicies.Of(DemoBucketPolicies.TlsDeny(bucket));

    private static string AccessLogsPolicy(string bucket, string account) =>
        DemoBucketPolicies.Of(DemoBucketPolicies.ServerAccessLogs(bucket, account), DemoBucketPolicies.TlsDeny(bucket));

    private static void Record(DemoRecorder a, DemoClock clock, IReadOnlyList<Bucket> buckets)
    {
        var listed = buckets.Select(b => $$"""
            {"Name": "{{b.Name}}", "CreationDate": "{{clock.DaysAgo(b.AgeDays)}}", "BucketRegion": "{{b.Region}}", "BucketArn": "arn:aws:s3:::{{b.Name}}"}
            """);
        a.Global(S3Calls.ListBuckets, $$"""
            {"Buckets": [{{string.Join(",", listed)}}], "Owner": {"ID": "{{CanonicalId(a.AccountId)}}"}, "Prefix": null}
            """);
        foreach (var bucket in buckets)
        {
            var target = DemoRecorder.Params(("Bucket", bucket.Name));
            if (bucket.Denied)
            {
                foreach (var call in new[] { S3Calls.GetBucketEncryption, S3Calls.GetBucketVersioning, S3Calls.GetBucketLifecycleConfiguration, ResourcePolicyCalls.GetBucketPolicy })
                    a.Failure(call, AwsIds.GlobalRegion, target, ErrorKind.AccessDenied, "AccessDenied", "Access Denied", 403);
                if (bucket.PublicAccessBlock is not null)
                    a.Failure(S3Calls.GetBucketPublicAccessBlock, AwsIds.GlobalRegion, target, ErrorKind.AccessDenied, "AccessDenied", "Access Denied", 403);
                if (bucket.Logging is not null)
                    a.Failure(S3Calls.GetBucketLogging, AwsIds.GlobalRegion, target, ErrorKind.AccessDenied, "AccessDenied", "Access Denied", 403);
                continue;
            }
            a.Target(S3Calls.GetBucketEncryption, AwsIds.GlobalRegion, target, bucket.Encryption);
            a.Target(S3Calls.GetBucketVersioning, AwsIds.GlobalRegion, target, bucket.Versioning);
            if (bucket.LifecycleRules is null)
                a.Failure(S3Calls.GetBucketLifecycleConfiguration, AwsIds.GlobalRegion, target, ErrorKind.NotFound,
                    "NoSuchLifecycleConfiguration", "The lifecycle configuration does not exist", 404);
            else
                a.Target(S3Calls.GetBucketLifecycleConfiguration, AwsIds.GlobalRegion, target,
                    $$"""{"Rules": [{{bucket.LifecycleRules}}], "TransitionDefaultMinimumObjectSize": "all_storage_classes_128K"}""");
            if (bucket.PublicAccessBlock == NoBlock)
                a.Failure(S3Calls.GetBucketPublicAccessBlock, AwsIds.GlobalRegion, target, ErrorKind.NotFound,
                    "NoSuchPublicAccessBlockConfiguration", "The public access block configuration was not found", 404);
            else if (bucket.PublicAccessBlock is not null)
                a.Target(S3Calls.GetBucketPublicAccessBlock, AwsIds.GlobalRegion, target, bucket.PublicAccessBlock);
            if (bucket.Logging is not null)
                a.Target(S3Calls.GetBucketLogging, AwsIds.GlobalRegion, target, bucket.Logging);
            if (bucket.Policy is null)
                a.Failure(ResourcePolicyCalls.GetBucketPolicy, AwsIds.GlobalRegion, target, ErrorKind.NotFound, "NoSuchBucketPolicy", "The bucket policy does not exist", 404);
            else
                a.Target(ResourcePolicyCalls.GetBucketPolicy, AwsIds.GlobalRegion, target, new JsonObject { ["Policy"] = bucket.Policy }.ToJsonString());
        }
    }

    /// <summary>A stable 64-hex-digit canonical user ID for the account.</summary>
    private static string CanonicalId(string account) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"canonical:{account}")));
}
