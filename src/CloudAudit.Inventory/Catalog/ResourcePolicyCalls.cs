using System.Text.Json.Nodes;
using static CloudAudit.Inventory.Catalog.JsonParams;

namespace CloudAudit.Inventory.Catalog;

/// <summary>
/// Reads of resource-based policies (KMS keys, S3 buckets, SNS topics, SQS queues, Secrets Manager secrets,
/// Lambda functions) and of the organization the account belongs to, which decides what "outside" means.
/// Listings run in every scanned region; each policy is read in its resource's region. Secret values are
/// never read.
/// </summary>
public static class ResourcePolicyCalls
{
    public static readonly ApiCall DescribeOrganization = ApiCall.Global("organizations", "DescribeOrganization");
    /// <summary>Only the management account or a delegated administrator may list the accounts.</summary>
    public static readonly ApiCall ListAccounts = ApiCall.Global("organizations", "ListAccounts");

    // Listings shared with the other checks of each service: identical requests, one declaration.
    public static readonly ApiCall ListKeys = KmsCalls.ListKeys;
    public static readonly ApiCall DescribeKey = KmsCalls.DescribeKey;

    /// <summary>Key policies of customer managed keys only: AWS managed keys' policies are AWS's.</summary>
    public static readonly ApiCall GetKeyPolicy = ApiCall.PerResource(DescribeKey, "kms", "GetKeyPolicy", parent =>
        parent.Response["KeyMetadata"] is JsonObject key && key.Str("KeyManager") == "CUSTOMER" && key.Str("KeyId") is { } id
            ? [Target(parent.Region, ("KeyId", id), ("PolicyName", "default"))]
            : []);

    public static readonly ApiCall ListBuckets = S3Calls.ListBuckets;

    public static readonly ApiCall GetBucketPolicy = PerBucket("GetBucketPolicy");
    public static readonly ApiCall GetBucketPublicAccessBlock = S3Calls.GetBucketPublicAccessBlock;

    public static readonly ApiCall ListTopics = ApiCall.Regional("sns", "ListTopics");

    public static readonly ApiCall GetTopicAttributes = ApiCall.PerResource(ListTopics, "sns", "GetTopicAttributes", parent =>
        Items(parent.Response, "Topics").Select(t => t.Str("TopicArn")).OfType<string>()
            .Select(arn => Target(parent.Region, ("TopicArn", arn))));

    public static readonly ApiCall ListQueues = ApiCall.Regional("sqs", "ListQueues");

    public static readonly ApiCall GetQueueAttributes = ApiCall.PerResource(ListQueues, "sqs", "GetQueueAttributes", parent =>
        (parent.Response["QueueUrls"] as JsonArray ?? []).Select(u => u?.GetValue<string>()).OfType<string>()
            .Select(url => QueueTarget(parent.Region, url)));

    public static readonly ApiCall ListSecrets = SecretsManagerCalls.ListSecrets;

    public static readonly ApiCall GetSecretResourcePolicy = ApiCall.PerResource(ListSecrets, "secretsmanager", "GetResourcePolicy", parent =>
        Items(parent.Response, "SecretList").Select(s => s.Str("ARN")).OfType<string>()
            .Select(arn => Target(parent.Region, ("SecretId", arn))));

    public static readonly ApiCall ListFunctions = LambdaCalls.ListFunctions;

    public static readonly ApiCall GetFunctionPolicy = ApiCall.PerResource(ListFunctions, "lambda", "GetPolicy", parent =>
        Items(parent.Response, "Functions").Select(f => f.Str("FunctionName")).OfType<string>()
            .Select(name => Target(parent.Region, ("FunctionName", name))));

    /// <summary>The request for a queue's policy and ARN.</summary>
    public static CallTarget QueueTarget(string region, string queueUrl) =>
        Target(region, ("QueueUrl", queueUrl), ("AttributeNames", new JsonArray("Policy", "QueueArn")));

    private static ApiCall PerBucket(string operation) =>
        ApiCall.PerResource(ListBuckets, "s3", operation, parent =>
            Items(parent.Response, "Buckets").Select(b => b.Str("Name")).OfType<string>()
                .Select(bucket => Target(AwsIds.GlobalRegion, ("Bucket", bucket))));
}
