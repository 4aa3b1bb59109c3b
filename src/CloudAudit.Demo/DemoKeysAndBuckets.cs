using System.Text.Json.Nodes;
using CloudAudit.Inventory;
using CloudAudit.Inventory.Catalog;
using CloudAudit.Inventory.Snapshot;
using static CloudAudit.Demo.DemoRecorder;

namespace CloudAudit.Demo;

/// <summary>
/// KMS key policies and S3 bucket policies. Production: the CloudTrail key bound to its trail, a backup key still
/// shared with a former vendor's account, a key shared with the whole organization; a public static-site bucket
/// (HTTP only), the legacy trail bucket with a policy from before aws:SourceArn, a data lake without any policy.
/// An SCP denies KMS in eu-central-1. Development: a key for S3 in its own account, and the trail bucket whose
/// policy denies everyone but the log shipper, the scanner included.
/// </summary>
internal sealed class DemoKeysAndBuckets : IDemoPart
{
    private const string FormerBackupVendor = "444455556666";

    public void Production(DemoRecorder a, DemoClock clock)
    {
        var id = a.AccountId;
        Keys(a, "us-east-1",
            ("6f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b", "CUSTOMER", "CloudTrail log encryption", KeyPolicy(id, $$"""
                {"Sid":"AllowCloudTrailToEncrypt","Effect":"Allow","Principal":{"Service":"cloudtrail.amazonaws.com"},"Action":"kms:GenerateDataKey*","Resource":"*",
                 "Condition":{"StringEquals":{"aws:SourceArn":"{{DemoCloudTrail.AuditTrailArn(id)}}"},
                   "StringLike":{"kms:EncryptionContext:aws:cloudtrail:arn":"arn:aws:cloudtrail:*:{{id}}:trail/*"} } }
                """)),
            ("8d2c4e6f-1a3b-4c5d-9e7f-0a1b2c3d4e5f", "CUSTOMER", "Nightly RDS snapshot copies", KeyPolicy(id, $$"""
                {"Sid":"AllowBackupVendorCopies","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::{{FormerBackupVendor}}:root"},
                 "Action":["kms:Decrypt","kms:DescribeKey","kms:CreateGrant","kms:ReEncrypt*"],"Resource":"*"}
                """)),
            ("3b9f1c7e-2d4a-4e8b-a6c5-7f0e1d2c3b4a", "CUSTOMER", "Shared AMI and snapshot encryption", KeyPolicy(id, $$"""
                {"Sid":"AllowOrganizationUse","Effect":"Allow","Principal":"*","Action":["kms:Decrypt","kms:DescribeKey","kms:CreateGrant"],"Resource":"*",
                 "Condition":{"StringEquals":{"aws:PrincipalOrgID":"{{DemoResourcePolicies.OrganizationId}}"} } }
                """)),
            ("0e9d8c7b-6a5f-4e3d-8c2b-1a0f9e8d7c6b", "AWS", "Default key that protects my S3 objects when no other key is defined", null));
        Keys(a, "eu-west-1", ("5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d", "CUSTOMER", "EU customer exports", KeyPolicy(id, null)));
        a.Failure(ResourcePolicyCalls.ListKeys, "eu-central-1", null, ErrorKind.AccessDenied, "AccessDeniedException",
            $"User: arn:aws:iam::{id}:user/security-auditor is not authorized to perform: kms:ListKeys with an explicit deny in a service control policy", 400);

        Buckets(a,
            ($"northwind-audit-logs-{id}", "us-east-1", TrailBucketPolicy($"northwind-audit-logs-{id}", id, withConditions: true), false),
            ("northwind-legacy-trail-eu", "eu-west-1", TrailBucketPolicy("northwind-legacy-trail-eu", id, withConditions: false), false),
            ($"northwind-s3-access-logs-{id}", "us-east-1", Policy(ServiceWrite($"northwind-s3-access-logs-{id}", "logging.s3.amazonaws.com", id), TlsDeny($"northwind-s3-access-logs-{id}")), true),
            ("northwind-static-site", "us-east-1", Policy("""
                {"Sid":"PublicReadForWebsite","Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::northwind-static-site/*"}
                """), false),
            ("northwind-data-lake", "us-east-1", null, true),
            ($"northwind-deploy-artifacts-{id}", "us-east-1", Policy($$"""
                {"Sid":"DevAccountReadsArtifacts","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::{{DemoAccount.DevelopmentAccount}}:role/ci-deployer"},
                 "Action":"s3:GetObject","Resource":"arn:aws:s3:::northwind-deploy-artifacts-{{id}}/*",
                 "Condition":{"StringEquals":{"aws:PrincipalOrgID":"{{DemoResourcePolicies.OrganizationId}}"} } }
                """, TlsDeny($"northwind-deploy-artifacts-{id}")), true));
    }

    public void Development(DemoRecorder a, DemoClock clock)
    {
        var id = a.AccountId;
        Keys(a, "us-east-1", ("7c6b5a4f-3e2d-4c1b-9a0f-8e7d6c5b4a39", "CUSTOMER", "Dev S3 bucket key", KeyPolicy(id, $$"""
            {"Sid":"AllowS3InThisAccount","Effect":"Allow","Principal":"*","Action":["kms:Encrypt","kms:Decrypt","kms:GenerateDataKey*"],"Resource":"*",
             "Condition":{"StringEquals":{"kms:CallerAccount":"{{id}}","kms:ViaService":"s3.us-east-1.amazonaws.com"} } }
            """)));
        Keys(a, "eu-west-1");
        Keys(a, "eu-central-1");
        Buckets(a,
            ("northwind-dev-trail-logs", "us-east-1", null, false),
            ("northwind-dev-staging", "us-east-1", Policy(TlsDeny("northwind-dev-staging")), true),
            ("northwind-dev-artifacts", "us-east-1", null, true));
        // The trail bucket's policy denies every principal but the log shipper, the scanner included.
        a.Failure(ResourcePolicyCalls.GetBucketPolicy, AwsIds.GlobalRegion, Params(("Bucket", "northwind-dev-trail-logs")),
            ErrorKind.AccessDenied, "AccessDenied", "Access Denied", 403);
    }

    private static void Keys(DemoRecorder a, string region, params (string KeyId, string Manager, string Description, string? Policy)[] keys)
    {
        string Arn(string keyId) => $"arn:aws:kms:{region}:{a.AccountId}:key/{keyId}";
        a.Regional(ResourcePolicyCalls.ListKeys, region, new JsonObject
        {
            ["Keys"] = new JsonArray([.. keys.Select(k => (JsonNode)new JsonObject { ["KeyId"] = k.KeyId, ["KeyArn"] = Arn(k.KeyId) })]),
            ["Truncated"] = false,
        }.ToJsonString());
        foreach (var key in keys)
        {
            a.Target(ResourcePolicyCalls.DescribeKey, region, Params(("KeyId", key.KeyId)), new JsonObject
            {
                ["KeyMetadata"] = new JsonObject
                {
                    ["AWSAccountId"] = a.AccountId, ["KeyId"] = key.KeyId, ["Arn"] = Arn(key.KeyId), ["CreationDate"] = "2023-09-14T10:22:31+00:00",
                    ["Enabled"] = true, ["Description"] = key.Description, ["KeyUsage"] = "ENCRYPT_DECRYPT", ["KeyState"] = "Enabled",
                    ["Origin"] = "AWS_KMS", ["KeyManager"] = key.Manager, ["CustomerMasterKeySpec"] = "SYMMETRIC_DEFAULT",
                    ["KeySpec"] = "SYMMETRIC_DEFAULT", ["EncryptionAlgorithms"] = new JsonArray("SYMMETRIC_DEFAULT"), ["MultiRegion"] = false,
                },
            }.ToJsonString());
            if (key.Policy is not null)
                a.Target(ResourcePolicyCalls.GetKeyPolicy, region, Params(("KeyId", key.KeyId), ("PolicyName", "default")),
                    new JsonObject { ["Policy"] = key.Policy, ["PolicyName"] = "default" }.ToJsonString());
        }
    }

    /// <summary>The console's default key policy (the account may use IAM policies) plus one statement.</summary>
    private static string KeyPolicy(string account, string? statement) => $$"""
        {"Version":"2012-10-17","Id":"key-consolepolicy-3","Statement":[
          {"Sid":"Enable IAM User Permissions","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::{{account}}:root"},"Action":"kms:*","Resource":"*"}{{(statement is null ? "" : "," + statement)}}]}
        """;

    /// <summary>Records the bucket list, each bucket's policy and (except for trail buckets, recorded with CloudTrail) its Block Public Access.</summary>
    private static void Buckets(DemoRecorder a, params (string Name, string Region, string? Policy, bool Blocked)[] buckets)
    {
        a.Global(ResourcePolicyCalls.ListBuckets, new JsonObject
        {
            ["Buckets"] = new JsonArray([.. buckets.Select(b => (JsonNode)new JsonObject
                { ["Name"] = b.Name, ["CreationDate"] = "2022-11-08T15:04:12+00:00", ["BucketRegion"] = b.Region })]),
            ["Owner"] = new JsonObject { ["DisplayName"] = "aws-northwind", ["ID"] = "8f2e4c6a0b1d3f5e7a9c2b4d6f8e0a1c3e5b7d9f1a3c5e7b9d0f2a4c6e8b0d2f" },
        }.ToJsonString());
        foreach (var bucket in buckets)
        {
            var target = Params(("Bucket", bucket.Name));
            if (bucket.Policy is not null)
                a.Target(ResourcePolicyCalls.GetBucketPolicy, AwsIds.GlobalRegion, target, new JsonObject { ["Policy"] = bucket.Policy }.ToJsonString());
            else if (bucket.Name != "northwind-dev-trail-logs")
                a.Failure(ResourcePolicyCalls.GetBucketPolicy, AwsIds.GlobalRegion, target, ErrorKind.NotFound, "NoSuchBucketPolicy", "The bucket policy does not exist", 404);
            if (bucket.Name.Contains("trail", StringComparison.Ordinal) || bucket.Name.StartsWith("northwind-audit-logs-", StringComparison.Ordinal))
                continue;
            if (bucket.Blocked)
                a.Target(ResourcePolicyCalls.GetBucketPublicAccessBlock, AwsIds.GlobalRegion, target, """
                    {"PublicAccessBlockConfiguration": {"BlockPublicAcls": true, "IgnorePublicAcls": true, "BlockPublicPolicy": true, "RestrictPublicBuckets": true}}
                    """);
            else
                a.Failure(ResourcePolicyCalls.GetBucketPublicAccessBlock, AwsIds.GlobalRegion, target, ErrorKind.NotFound,
                    "NoSuchPublicAccessBlockConfiguration", "The public access block configuration was not found", 404);
        }
    }

    private static string Policy(params string[] statements) => $$"""{"Version":"2012-10-17","Statement":[{{string.Join(",", statements)}}]}""";

    private static string TlsDeny(string bucket) => $$"""
        {"Sid":"DenyInsecureTransport","Effect":"Deny","Principal":"*","Action":"s3:*",
         "Resource":["arn:aws:s3:::{{bucket}}","arn:aws:s3:::{{bucket}}/*"],"Condition":{"Bool":{"aws:SecureTransport":"false"} } }
        """;

    private static string ServiceWrite(string bucket, string service, string account) => $$"""
        {"Sid":"ServerAccessLogsDelivery","Effect":"Allow","Principal":{"Service":"{{service}}"},"Action":"s3:PutObject",
         "Resource":"arn:aws:s3:::{{bucket}}/*","Condition":{"StringEquals":{"aws:SourceAccount":"{{account}}"} } }
        """;

    /// <summary>CloudTrail's bucket policy: with aws:SourceArn (the current form, plus a TLS deny) or as written before it existed.</summary>
    private static string TrailBucketPolicy(string bucket, string account, bool withConditions)
    {
        var condition = withConditions ? $$""","Condition":{"StringEquals":{"aws:SourceArn":"{{DemoCloudTrail.AuditTrailArn(account)}}"} }""" : "";
        var statements = new List<string>
        {
            $$"""{"Sid":"AWSCloudTrailAclCheck","Effect":"Allow","Principal":{"Service":"cloudtrail.amazonaws.com"},"Action":"s3:GetBucketAcl","Resource":"arn:aws:s3:::{{bucket}}"{{condition}}}""",
            $$"""{"Sid":"AWSCloudTrailWrite","Effect":"Allow","Principal":{"Service":"cloudtrail.amazonaws.com"},"Action":"s3:PutObject","Resource":"arn:aws:s3:::{{bucket}}/AWSLogs/{{account}}/*"{{condition}}}""",
        };
        if (withConditions) statements.Add(TlsDeny(bucket));
        return Policy([.. statements]);
    }
}
