using System.Text.Json.Nodes;
using CloudAudit.Inventory;
using CloudAudit.Inventory.Catalog;
using CloudAudit.Inventory.Snapshot;
using static CloudAudit.Demo.DemoRecorder;

namespace CloudAudit.Checks.Tests.Support;

/// <summary>Organizations, KMS keys, buckets, topics, queues, secrets and functions with their policies, for tests.</summary>
public static class ResourcePolicyFixtures
{
    public const string OrgId = "o-testorg0001";
    public const string Region = "us-east-1";

    /// <summary>The account is a member of <see cref="OrgId"/>; member accounts cannot list the organization.</summary>
    public static TestAccount InOrganization(this TestAccount account, params string[] listedMembers)
    {
        account.Record.Global(ResourcePolicyCalls.DescribeOrganization, $$$"""
            {"Organization": {"Id": "{{{OrgId}}}", "Arn": "arn:aws:organizations::999988887777:organization/{{{OrgId}}}",
             "FeatureSet": "ALL", "MasterAccountId": "999988887777", "MasterAccountEmail": "aws-root@example.com"}}
            """);
        if (listedMembers.Length == 0)
            account.Record.Failure(ResourcePolicyCalls.ListAccounts, AwsIds.GlobalRegion, null, ErrorKind.AccessDenied, "AccessDeniedException",
                "You don't have permissions to access this resource.", 400);
        else
            account.Record.Global(ResourcePolicyCalls.ListAccounts, new JsonObject
            {
                ["Accounts"] = new JsonArray([.. listedMembers.Select(m => (JsonNode)new JsonObject { ["Id"] = m, ["Status"] = "ACTIVE" })]),
            }.ToJsonString());
        return account;
    }

    public static TestAccount Standalone(this TestAccount account)
    {
        account.Record.Failure(ResourcePolicyCalls.DescribeOrganization, AwsIds.GlobalRegion, null, ErrorKind.NotFound,
            "AWSOrganizationsNotInUseException", "Your account is not a member of an organization.", 400);
        account.Record.Failure(ResourcePolicyCalls.ListAccounts, AwsIds.GlobalRegion, null, ErrorKind.NotFound,
            "AWSOrganizationsNotInUseException", "Your account is not a member of an organization.", 400);
        return account;
    }

    /// <summary>Customer managed keys with their policies, in one region.</summary>
    public static TestAccount WithKeys(this TestAccount account, string region, params (string KeyId, string Manager, string? Policy)[] keys)
    {
        account.Record.Regional(ResourcePolicyCalls.ListKeys, region, new JsonObject
        {
            ["Keys"] = new JsonArray([.. keys.Select(k => (JsonNode)new JsonObject { ["KeyId"] = k.KeyId, ["KeyArn"] = KeyArn(k.KeyId, region) })]),
            ["Truncated"] = false,
        }.ToJsonString());
        foreach (var key in keys)
        {
            // Listed keys are described by ARN (KmsCalls.DescribeKey), their policies read by key ID.
            account.Record.Target(ResourcePolicyCalls.DescribeKey, region, Params(("KeyId", KeyArn(key.KeyId, region))), new JsonObject
            {
                ["KeyMetadata"] = new JsonObject
                {
                    ["AWSAccountId"] = TestAccount.Id, ["KeyId"] = key.KeyId, ["Arn"] = KeyArn(key.KeyId, region),
                    ["Enabled"] = true, ["KeyUsage"] = "ENCRYPT_DECRYPT", ["KeyState"] = "Enabled", ["Origin"] = "AWS_KMS", ["KeyManager"] = key.Manager,
                },
            }.ToJsonString());
            if (key.Policy is not null)
                account.Record.Target(ResourcePolicyCalls.GetKeyPolicy, region, Params(("KeyId", key.KeyId), ("PolicyName", "default")),
                    new JsonObject { ["Policy"] = key.Policy, ["PolicyName"] = "default" }.ToJsonString());
        }
        return account;
    }

    public static string KeyArn(string keyId, string region = Region) => $"arn:aws:kms:{region}:{TestAccount.Id}:key/{keyId}";

    /// <summary>The key policy AWS writes by default: the account root may do everything.</summary>
    public const string DefaultKeyPolicy = """
        {"Version":"2012-10-17","Id":"key-default-1","Statement":[{"Sid":"Enable IAM User Permissions","Effect":"Allow",
         "Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"kms:*","Resource":"*"}]}
        """;

    /// <summary>The default key policy plus one statement.</summary>
    public static string KeyPolicyWith(string statement) => $$"""
        {"Version":"2012-10-17","Statement":[{"Sid":"Enable IAM User Permissions","Effect":"Allow",
         "Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"kms:*","Resource":"*"}, {{statement}}]}
        """;

    /// <summary>Buckets with their policies (null: no bucket policy).</summary>
    public static TestAccount WithBucketPolicies(this TestAccount account, params (string Name, string? Policy)[] buckets)
    {
        account.Record.Global(ResourcePolicyCalls.ListBuckets, new JsonObject
        {
            ["Buckets"] = new JsonArray([.. buckets.Select(b => (JsonNode)new JsonObject { ["Name"] = b.Name, ["CreationDate"] = "2024-05-01T12:00:00+00:00", ["BucketRegion"] = Region })]),
            ["Owner"] = new JsonObject { ["ID"] = "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be" },
        }.ToJsonString());
        foreach (var bucket in buckets)
            if (bucket.Policy is null)
                account.Record.Failure(ResourcePolicyCalls.GetBucketPolicy, AwsIds.GlobalRegion, Params(("Bucket", bucket.Name)), ErrorKind.NotFound,
                    "NoSuchBucketPolicy", "The bucket policy does not exist", 404);
            else
                account.Record.Target(ResourcePolicyCalls.GetBucketPolicy, AwsIds.GlobalRegion, Params(("Bucket", bucket.Name)),
                    new JsonObject { ["Policy"] = bucket.Policy }.ToJsonString());
        return account;
    }

    public static TestAccount WithPublicAccessBlock(this TestAccount account, string bucket, bool restrictPublicBuckets, bool accountLevel = false)
    {
        var block = $$$"""{"PublicAccessBlockConfiguration": {"BlockPublicAcls": true, "IgnorePublicAcls": true, "BlockPublicPolicy": true, "RestrictPublicBuckets": {{{(restrictPublicBuckets ? "true" : "false")}}}}}""";
        var none = """{"PublicAccessBlockConfiguration": {"BlockPublicAcls": false, "IgnorePublicAcls": false, "BlockPublicPolicy": false, "RestrictPublicBuckets": false}}""";
        account.Record.Target(ResourcePolicyCalls.GetBucketPublicAccessBlock, AwsIds.GlobalRegion, Params(("Bucket", bucket)), accountLevel ? none : block);
        account.Record.Global(S3Calls.GetCallerIdentity, $$"""{"UserId": "AIDAEXAMPLE", "Account": "{{TestAccount.Id}}", "Arn": "arn:aws:iam::{{TestAccount.Id}}:user/auditor"}""");
        account.Record.Target(S3Calls.GetAccountPublicAccessBlock, AwsIds.GlobalRegion, Params(("AccountId", TestAccount.Id)), accountLevel ? block : none);
        return account;
    }

    public static TestAccount WithTopics(this TestAccount account, string region, params (string Name, string Policy)[] topics)
    {
        var arns = topics.Select(t => $"arn:aws:sns:{region}:{TestAccount.Id}:{t.Name}").ToList();
        account.Record.Regional(ResourcePolicyCalls.ListTopics, region, new JsonObject
        {
            ["Topics"] = new JsonArray([.. arns.Select(a => (JsonNode)new JsonObject { ["TopicArn"] = a })]),
        }.ToJsonString());
        foreach (var (topic, arn) in topics.Zip(arns))
            account.Record.Target(ResourcePolicyCalls.GetTopicAttributes, region, Params(("TopicArn", arn)), new JsonObject
            {
                ["Attributes"] = new JsonObject { ["TopicArn"] = arn, ["Owner"] = TestAccount.Id, ["Policy"] = topic.Policy, ["DisplayName"] = "" },
            }.ToJsonString());
        return account;
    }

    public static TestAccount WithQueues(this TestAccount account, string region, params (string Name, string? Policy)[] queues)
    {
        var urls = queues.Select(q => $"https://sqs.{region}.amazonaws.com/{TestAccount.Id}/{q.Name}").ToList();
        account.Record.Regional(ResourcePolicyCalls.ListQueues, region,
            new JsonObject { ["QueueUrls"] = new JsonArray([.. urls.Select(u => (JsonNode)u)]) }.ToJsonString());
        foreach (var (queue, url) in queues.Zip(urls))
        {
            var attributes = new JsonObject { ["QueueArn"] = $"arn:aws:sqs:{region}:{TestAccount.Id}:{queue.Name}" };
            if (queue.Policy is not null) attributes["Policy"] = queue.Policy;
            account.Record.Target(ResourcePolicyCalls.GetQueueAttributes, region, ResourcePolicyCalls.QueueTarget(region, url).Parameters!,
                new JsonObject { ["Attributes"] = attributes }.ToJsonString());
        }
        return account;
    }

    public static TestAccount WithSecrets(this TestAccount account, string region, params (string Name, string? Policy)[] secrets)
    {
        var arns = secrets.Select(s => $"arn:aws:secretsmanager:{region}:{TestAccount.Id}:secret:{s.Name}-AbCdEf").ToList();
        account.Record.Regional(ResourcePolicyCalls.ListSecrets, region, new JsonObject
        {
            ["SecretList"] = new JsonArray([.. secrets.Zip(arns).Select(p => (JsonNode)new JsonObject { ["ARN"] = p.Second, ["Name"] = p.First.Name })]),
        }.ToJsonString());
        foreach (var (secret, arn) in secrets.Zip(arns))
        {
            var response = new JsonObject { ["ARN"] = arn, ["Name"] = secret.Name };
            if (secret.Policy is not null) response["ResourcePolicy"] = secret.Policy;
            account.Record.Target(ResourcePolicyCalls.GetSecretResourcePolicy, region, Params(("SecretId", arn)), response.ToJsonString());
        }
        return account;
    }

    public static TestAccount WithFunctions(this TestAccount account, string region, params (string Name, string Role, string? Policy)[] functions)
    {
        account.Record.Regional(ResourcePolicyCalls.ListFunctions, region, new JsonObject
        {
            ["Functions"] = new JsonArray([.. functions.Select(f => (JsonNode)new JsonObject
            {
                ["FunctionName"] = f.Name, ["FunctionArn"] = $"arn:aws:lambda:{region}:{TestAccount.Id}:function:{f.Name}",
                ["Runtime"] = "python3.12", ["Role"] = f.Role,
            })]),
        }.ToJsonString());
        foreach (var function in functions)
            if (function.Policy is null)
                account.Record.Failure(ResourcePolicyCalls.GetFunctionPolicy, region, Params(("FunctionName", function.Name)), ErrorKind.NotFound,
                    "ResourceNotFoundException", "The resource you requested does not exist.", 404);
            else
                account.Record.Target(ResourcePolicyCalls.GetFunctionPolicy, region, Params(("FunctionName", function.Name)),
                    new JsonObject { ["Policy"] = function.Policy, ["RevisionId"] = "5b6f1a1e-9c2d-4e3f-8a7b-6c5d4e3f2a1b" }.ToJsonString());
        return account;
    }
}
