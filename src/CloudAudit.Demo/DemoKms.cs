using System.Text.Json.Nodes;
using CloudAudit.Inventory.Catalog;
using CloudAudit.Inventory.Snapshot;
using static CloudAudit.Demo.DemoRecorder;

namespace CloudAudit.Demo;

/// <summary>
/// Production: customer keys for CloudTrail (its policy bound to the trail), flow logs, the data lake
/// (rotation never turned on, shared with the organization through aws:PrincipalOrgID), RDS, backups (still
/// shared with a former backup vendor's account), Terraform state (rotation off) and a multi-Region key, beside
/// AWS managed keys, a signing key, a key pending deletion, and an ML key whose key policy lets the scanner
/// describe it and nothing more. Development: one key without rotation (usable only through S3 in its own
/// account), one with, a disabled key and AWS managed keys. Security: one rotated key, used by CloudTrail for
/// its own trail only. Customer keys without a statement of their own keep the console's default policy.
/// </summary>
internal sealed class DemoKms : IDemoPart
{
    public const string CloudTrailKey = "6f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b";
    public const string FlowLogsKey = "0d9c8b7a-6f5e-4d3c-2b1a-0f9e8d7c6b5a";
    public const string DataLakeKey = "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d";
    public const string OrdersDatabaseKey = "2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e";
    public const string BackupsKey = "3c4d5e6f-7a8b-4c9d-8e1f-2a3b4c5d6e7f";
    public const string TerraformStateKey = "6a7b8c9d-0e1f-4a2b-9c3d-4e5f6a7b8c9d";
    public const string SecurityKey = "3c2b1a0f-9e8d-4c7b-a6f5-e4d3c2b1a0f9";
    public const string AwsManagedRdsKey = "8f7e6d5c-4b3a-4f2e-9d1c-0b9a8f7e6d5c";
    private const string MultiRegionKey = "mrk-4f3e2d1c0b9a48776655443322110000";
    private const string FormerBackupVendor = "444455556666";

    public static string KeyArn(string account, string region, string keyId) => $"arn:aws:kms:{region}:{account}:key/{keyId}";

    /// <summary>
    /// One key's answers. Rotation null: not a key that can rotate, so its status is never read. Statement: what the
    /// key policy adds to the default one. ReadsDenied: the key policy lets the scanner describe the key, nothing more.
    /// </summary>
    private sealed record Key(string Id, string Description, double AgeDays, bool? Rotation = null,
        string Manager = "CUSTOMER", string Spec = "SYMMETRIC_DEFAULT", string State = "Enabled",
        bool ReadsDenied = false, string? PrimaryRegion = null, string? ReplicaRegion = null, string? Statement = null);

    public void Production(DemoRecorder a, DemoClock clock)
    {
        var id = a.AccountId;
        Record(a, clock, "us-east-1",
        [
            new(CloudTrailKey, "CloudTrail log encryption", 412, Rotation: true, Statement: CloudTrailEncrypts(id, DemoCloudTrail.AuditTrailArn(id))),
            new(FlowLogsKey, "VPC flow log encryption", 250, Rotation: true, Statement: $$"""
                {"Sid":"AllowFlowLogsDelivery","Effect":"Allow","Principal":{"Service":"delivery.logs.amazonaws.com"},"Action":["kms:Encrypt","kms:Decrypt","kms:ReEncrypt*","kms:GenerateDataKey*","kms:DescribeKey"],"Resource":"*",
                 "Condition":{"StringEquals":{"aws:SourceAccount":"{{id}}"} } }
                """),
            // Analysts in the other accounts read the curated zone.
            new(DataLakeKey, "Data lake raw and curated zones", 700, Rotation: false, Statement: $$"""
                {"Sid":"AllowOrganizationUse","Effect":"Allow","Principal":"*","Action":["kms:Decrypt","kms:DescribeKey"],"Resource":"*",
                 "Condition":{"StringEquals":{"aws:PrincipalOrgID":"{{DemoAccount.OrganizationId}}"} } }
                """),
            new(OrdersDatabaseKey, "RDS orders database", 820, Rotation: true),
            new(MultiRegionKey, "Customer PII tokenization (multi-Region)", 300, Rotation: true, ReplicaRegion: "eu-west-1"),
            new("9e8d7c6b-5a4f-4e3d-8c1b-0a9f8e7d6c5b", "Default key that protects my S3 objects when no other key is defined", 1300, Manager: "AWS"),
            new(AwsManagedRdsKey, "Default key that protects my RDS database volumes when no other key is defined", 900, Manager: "AWS"),
            new(DemoEfs.AwsManagedKey, "Default key that protects my EFS filesystems when no other key is defined", 760, Manager: "AWS"),
            new("7a6b5c4d-3e2f-4a1b-8c9d-0e1f2a3b4c5d", "Release artifact signing", 510, Spec: "RSA_2048"),
            new("5c4d3e2f-1a0b-4c9d-8e7f-6a5b4c3d2e1f", "Reporting exports (retired)", 1100, State: "PendingDeletion"),
        ]);
        Record(a, clock, "eu-west-1",
        [
            // Shared for cross-account snapshot copies with a backup vendor the company no longer works with.
            new(BackupsKey, "Backups bucket and vault", 640, Rotation: true, Statement: $$"""
                {"Sid":"AllowBackupVendorCopies","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::{{FormerBackupVendor}}:root"},
                 "Action":["kms:Decrypt","kms:DescribeKey","kms:CreateGrant","kms:ReEncrypt*"],"Resource":"*"}
                """),
            new(MultiRegionKey, "Customer PII tokenization (multi-Region)", 300, Rotation: true, PrimaryRegion: "us-east-1"),
            // The key policy grants the auditors DescribeKey but neither GetKeyRotationStatus nor GetKeyPolicy.
            new("4d5e6f7a-8b9c-4d0e-9f1a-2b3c4d5e6f7a", "ML feature store", 150, Rotation: false, ReadsDenied: true),
        ]);
        Record(a, clock, "eu-central-1",
        [
            new(TerraformStateKey, "Terraform state and customer exports", 900, Rotation: false),
        ]);
    }

    public void Development(DemoRecorder a, DemoClock clock)
    {
        var id = a.AccountId;
        Record(a, clock, "us-east-1",
        [
            new("b1c2d3e4-f5a6-4b7c-8d9e-0f1a2b3c4d5e", "dev application data", 330, Rotation: false, Statement: $$"""
                {"Sid":"AllowS3InThisAccount","Effect":"Allow","Principal":"*","Action":["kms:Encrypt","kms:Decrypt","kms:GenerateDataKey*"],"Resource":"*",
                 "Condition":{"StringEquals":{"kms:CallerAccount":"{{id}}","kms:ViaService":"s3.us-east-1.amazonaws.com"} } }
                """),
            new("c2d3e4f5-a6b7-4c8d-9e0f-1a2b3c4d5e6f", "dev secrets", 290, Rotation: true),
            new("d3e4f5a6-b7c8-4d9e-8f1a-2b3c4d5e6f7a", "load test (disabled)", 200, State: "Disabled"),
            new("e4f5a6b7-c8d9-4e0f-9a1b-2c3d4e5f6a7b", "Default key that protects my S3 objects when no other key is defined", 600, Manager: "AWS"),
        ]);
        Record(a, clock, "eu-west-1",
        [
            new("f5a6b7c8-d9e0-4f1a-8b2c-3d4e5f6a7b8c", "Default key that protects my RDS database volumes when no other key is defined", 260, Manager: "AWS"),
        ]);
        Record(a, clock, "eu-central-1", []);
    }

    /// <summary>The security account: one key for the trail and its logs, rotated.</summary>
    public void Security(DemoRecorder a, DemoClock clock)
    {
        var id = a.AccountId;
        Record(a, clock, "us-east-1",
            [new(SecurityKey, "security trail and log encryption", 700, Rotation: true, Statement: CloudTrailEncrypts(id, DemoCloudTrail.SecurityTrailArn(id)))]);
        Record(a, clock, "eu-west-1", []);
        Record(a, clock, "eu-central-1", []);
    }

    private static void Record(DemoRecorder a, DemoClock clock, string region, IReadOnlyList<Key> keys)
    {
        var id = a.AccountId;
        a.Regional(KmsCalls.ListKeys, region,
            $$"""{"Keys": [{{string.Join(",", keys.Select(k => $$"""{"KeyId": "{{k.Id}}", "KeyArn": "{{KeyArn(id, region, k.Id)}}"}"""))}}]}""");
        foreach (var key in keys)
        {
            var arn = KeyArn(id, region, key.Id);
            a.Target(KmsCalls.DescribeKey, region, Params(("KeyId", arn)), $$"""{"KeyMetadata": {{Metadata(a.AccountId, region, key, clock)}}}""");
            // AWS managed keys' policies are AWS's: only customer keys' policies are read.
            var policyTarget = Params(("KeyId", key.Id), ("PolicyName", "default"));
            if (key.Manager == "CUSTOMER" && key.ReadsDenied)
                a.Failure(ResourcePolicyCalls.GetKeyPolicy, region, policyTarget, ErrorKind.AccessDenied, "AccessDeniedException",
                    $"User: arn:aws:iam::{id}:user/security-auditor is not authorized to perform: kms:GetKeyPolicy on resource: {arn} because no resource-based policy allows the kms:GetKeyPolicy action", 400);
            else if (key.Manager == "CUSTOMER")
                a.Target(ResourcePolicyCalls.GetKeyPolicy, region, policyTarget,
                    new JsonObject { ["Policy"] = KeyPolicy(id, key.Statement), ["PolicyName"] = "default" }.ToJsonString());
            if (key.Rotation is not { } enabled)
                continue;
            if (key.ReadsDenied)
                a.Failure(KmsCalls.GetKeyRotationStatus, region, Params(("KeyId", arn)), ErrorKind.AccessDenied, "AccessDeniedException",
                    $"User: arn:aws:iam::{id}:user/security-auditor is not authorized to perform: kms:GetKeyRotationStatus on resource: {arn} because no resource-based policy allows the kms:GetKeyRotationStatus action", 400);
            else
                a.Target(KmsCalls.GetKeyRotationStatus, region, Params(("KeyId", arn)), enabled
                    ? $$"""{"KeyRotationEnabled": true, "KeyId": "{{arn}}", "RotationPeriodInDays": 365, "NextRotationDate": "{{clock.DaysAgo(key.AgeDays % 365 - 365)}}"}"""
                    : $$"""{"KeyRotationEnabled": false, "KeyId": "{{arn}}"}""");
        }
    }

    /// <summary>The console's default key policy (the account may use IAM policies) plus the key's own statement.</summary>
    private static string KeyPolicy(string account, string? statement) => $$"""
        {"Version":"2012-10-17","Id":"key-consolepolicy-3","Statement":[
          {"Sid":"Enable IAM User Permissions","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::{{account}}:root"},"Action":"kms:*","Resource":"*"}{{(statement is null ? "" : "," + statement)}}]}
        """;

    /// <summary>CloudTrail may encrypt with the key for one trail of the account (aws:SourceArn).</summary>
    private static string CloudTrailEncrypts(string account, string trailArn) => $$"""
        {"Sid":"AllowCloudTrailToEncrypt","Effect":"Allow","Principal":{"Service":"cloudtrail.amazonaws.com"},"Action":"kms:GenerateDataKey*","Resource":"*",
         "Condition":{"StringEquals":{"aws:SourceArn":"{{trailArn}}"},
           "StringLike":{"kms:EncryptionContext:aws:cloudtrail:arn":"arn:aws:cloudtrail:*:{{account}}:trail/*"} } }
        """;

    private static string Metadata(string account, string region, Key key, DemoClock clock)
    {
        var symmetric = key.Spec == "SYMMETRIC_DEFAULT";
        var algorithms = symmetric
            ? """ "KeyUsage": "ENCRYPT_DECRYPT", "EncryptionAlgorithms": ["SYMMETRIC_DEFAULT"] """
            : """ "KeyUsage": "SIGN_VERIFY", "SigningAlgorithms": ["RSASSA_PSS_SHA_256", "RSASSA_PKCS1_V1_5_SHA_256"] """;
        var deletion = key.State == "PendingDeletion"
            ? $$""", "DeletionDate": "{{clock.DaysAgo(-23)}}", "PendingDeletionWindowInDays": 30"""
            : "";
        var multiRegion = (key.PrimaryRegion, key.ReplicaRegion) switch
        {
            (null, null) => """, "MultiRegion": false""",
            (null, { } replica) => $$""", "MultiRegion": true, "MultiRegionConfiguration": {"MultiRegionKeyType": "PRIMARY", "PrimaryKey": {"Arn": "{{KeyArn(account, region, key.Id)}}", "Region": "{{region}}"}, "ReplicaKeys": [{"Arn": "{{KeyArn(account, replica, key.Id)}}", "Region": "{{replica}}"}]}""",
            ({ } primary, _) => $$""", "MultiRegion": true, "MultiRegionConfiguration": {"MultiRegionKeyType": "REPLICA", "PrimaryKey": {"Arn": "{{KeyArn(account, primary, key.Id)}}", "Region": "{{primary}}"}, "ReplicaKeys": []}""",
        };
        return $$"""
            {"AWSAccountId": "{{account}}", "KeyId": "{{key.Id}}", "Arn": "{{KeyArn(account, region, key.Id)}}",
             "CreationDate": "{{clock.DaysAgo(key.AgeDays)}}", "Enabled": {{(key.State == "Enabled" ? "true" : "false")}},
             "Description": "{{key.Description}}", "KeyState": "{{key.State}}", "Origin": "AWS_KMS", "KeyManager": "{{key.Manager}}",
             "CustomerMasterKeySpec": "{{key.Spec}}", "KeySpec": "{{key.Spec}}", {{algorithms}}{{deletion}}{{multiRegion}}}
            """;
    }
}
