using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using CloudAudit.Inventory.Catalog;
using static CloudAudit.Inventory.Catalog.JsonParams;

namespace CloudAudit.Inventory.Views;

/// <summary>
/// A resource and its resource-based policy document as AWS returned it; <see cref="PolicyText"/> is null when
/// the resource has no policy (an answer, not a gap).
/// </summary>
public sealed record ResourcePolicyRead(string ResourceArn, string Name, string Region, string? PolicyText);

/// <summary>The organization the account belongs to; <see cref="Id"/> is null for a standalone account.</summary>
public sealed record OrganizationInfo(string? Id, string? MasterAccountId)
{
    public bool InOrganization => Id is not null;
}

public sealed record OrganizationDescription(OrganizationInfo? Organization);
public sealed record OrganizationAccount(string Id, string? Name, string? Status);
public sealed record ListAccountsResponse(List<OrganizationAccount>? Accounts);

public sealed record KeyPolicyResponse(string? Policy, string? PolicyName);

public sealed record BucketPolicyResponse(string? Policy);

public sealed record SnsTopic(string TopicArn);
public sealed record ListTopicsResponse(List<SnsTopic>? Topics);
public sealed record AttributesResponse(Dictionary<string, string>? Attributes);

public sealed record SecretPolicyResponse(string? ARN, string? Name, string? ResourcePolicy);

public sealed record FunctionPolicyResponse(string? Policy);

/// <summary>Resource-based policies and the account's organization, as checks see them.</summary>
public sealed class ResourcePolicyView(AccountData data)
{
    /// <summary>The organization; a standalone account (AWSOrganizationsNotInUseException) is an answer, not a gap.</summary>
    public Observed<OrganizationInfo> Organization()
    {
        var result = data.Global(ResourcePolicyCalls.DescribeOrganization);
        if (result.Gap is { Code: "AWSOrganizationsNotInUseException" })
            return Observed<OrganizationInfo>.Of(new OrganizationInfo(null, null));
        var read = ViewJson.Read(result, ResourcePolicyJson.Default.OrganizationDescription);
        return read.TryGet(out var description, out var gap)
            ? Observed<OrganizationInfo>.Of(description.Organization ?? new OrganizationInfo(null, null))
            : Observed<OrganizationInfo>.Missing(gap!);
    }

    public Observed<ListAccountsResponse> OrganizationAccounts() =>
        ViewJson.Read(data.Global(ResourcePolicyCalls.ListAccounts), ResourcePolicyJson.Default.ListAccountsResponse);

    /// <summary>Key policies of the customer managed keys in every scanned region.</summary>
    public Gathered<ResourcePolicyRead> KeyPolicies()
    {
        var items = new List<ResourcePolicyRead>();
        var gaps = new List<DataGap>();
        foreach (var region in data.Regions)
        {
            if (!ViewJson.Read(data.InRegion(ResourcePolicyCalls.ListKeys, region), ResourcePolicyJson.Default.ListKeysResponse)
                    .TryGet(out var keys, out var listGap))
            {
                gaps.Add(listGap!);
                continue;
            }
            foreach (var key in keys.Keys ?? [])
            {
                var described = data.ForTarget(ResourcePolicyCalls.DescribeKey, Target(region, ("KeyId", key.Reference)));
                if (Vanished(described)) continue;
                if (!ViewJson.Read(described, ResourcePolicyJson.Default.DescribeKeyResponse).TryGet(out var description, out var gap))
                {
                    gaps.Add(gap!);
                    continue;
                }
                if (description.KeyMetadata is not { KeyManager: "CUSTOMER" } metadata)
                    continue;
                var policy = data.ForTarget(ResourcePolicyCalls.GetKeyPolicy, Target(region, ("KeyId", metadata.KeyId), ("PolicyName", "default")));
                if (Vanished(policy)) continue;
                if (!ViewJson.Read(policy, ResourcePolicyJson.Default.KeyPolicyResponse).TryGet(out var document, out var policyGap))
                {
                    gaps.Add(policyGap!);
                    continue;
                }
                var arn = metadata.Arn ?? key.KeyArn ?? $"arn:{data.Partition}:kms:{region}:{data.AccountId}:key/{metadata.KeyId}";
                items.Add(new ResourcePolicyRead(arn, metadata.KeyId, region, document.Policy));
            }
        }
        return new Gathered<ResourcePolicyRead>(items, gaps);
    }

    /// <summary>Every bucket's policy; a bucket without one (NoSuchBucketPolicy) has a null policy.</summary>
    public Gathered<ResourcePolicyRead> BucketPolicies()
    {
        if (!Buckets().TryGet(out var buckets, out var listGap))
            return new Gathered<ResourcePolicyRead>([], [listGap!]);
        var items = new List<ResourcePolicyRead>();
        var gaps = new List<DataGap>();
        foreach (var bucket in buckets.Buckets ?? [])
        {
            var result = data.ForTarget(ResourcePolicyCalls.GetBucketPolicy, Target(AwsIds.GlobalRegion, ("Bucket", bucket.Name)));
            var region = bucket.BucketRegion ?? AwsIds.GlobalRegion;
            var arn = $"arn:{data.Partition}:s3:::{bucket.Name}";
            if (result.Gap is { Code: "NoSuchBucketPolicy" })
                items.Add(new ResourcePolicyRead(arn, bucket.Name, region, null));
            else if (result.Gap is { Code: "NoSuchBucket" })
                continue;
            else if (ViewJson.Read(result, ResourcePolicyJson.Default.BucketPolicyResponse).TryGet(out var policy, out var gap))
                items.Add(new ResourcePolicyRead(arn, bucket.Name, region, policy.Policy));
            else
                gaps.Add(gap!);
        }
        return new Gathered<ResourcePolicyRead>(items, gaps);
    }

    public Observed<ListBucketsResponse> Buckets() =>
        ViewJson.Read(data.Global(ResourcePolicyCalls.ListBuckets), ResourcePolicyJson.Default.ListBucketsResponse);

    /// <summary>A bucket's own Block Public Access; "not configured" reads as all-off.</summary>
    public Observed<PublicAccessBlockConfiguration> BucketPublicAccessBlock(string bucket)
    {
        var result = data.ForTarget(ResourcePolicyCalls.GetBucketPublicAccessBlock, Target(AwsIds.GlobalRegion, ("Bucket", bucket)));
        if (result.Gap is { Code: "NoSuchPublicAccessBlockConfiguration" })
            return Observed<PublicAccessBlockConfiguration>.Of(PublicAccessBlockConfiguration.None);
        return ViewJson.Read(result, ResourcePolicyJson.Default.PublicAccessBlockResponse).TryGet(out var response, out var gap)
            ? Observed<PublicAccessBlockConfiguration>.Of(response.PublicAccessBlockConfiguration ?? PublicAccessBlockConfiguration.None)
            : Observed<PublicAccessBlockConfiguration>.Missing(gap!);
    }

    public Gathered<ResourcePolicyRead> TopicPolicies() => PerRegion(ResourcePolicyCalls.ListTopics, ResourcePolicyJson.Default.ListTopicsResponse,
        (region, list) => (list.Topics ?? []).Select(topic =>
        {
            var result = data.ForTarget(ResourcePolicyCalls.GetTopicAttributes, Target(region, ("TopicArn", topic.TopicArn)));
            return Attribute(result, topic.TopicArn, NameAfterLastColon(topic.TopicArn), region, "Policy");
        }));

    public Gathered<ResourcePolicyRead> QueuePolicies() => PerRegion(ResourcePolicyCalls.ListQueues, ResourcePolicyJson.Default.ListQueuesResponse,
        (region, list) => (list.QueueUrls ?? []).Select(url =>
        {
            var result = data.ForTarget(ResourcePolicyCalls.GetQueueAttributes, ResourcePolicyCalls.QueueTarget(region, url));
            if (Vanished(result)) return Read.None;
            if (!ViewJson.Read(result, ResourcePolicyJson.Default.AttributesResponse).TryGet(out var response, out var gap))
                return Read.Missing(gap!);
            var name = url[(url.LastIndexOf('/') + 1)..];
            var arn = response.Attributes?.GetValueOrDefault("QueueArn") ?? $"arn:{data.Partition}:sqs:{region}:{data.AccountId}:{name}";
            return Read.Of(new ResourcePolicyRead(arn, name, region, response.Attributes?.GetValueOrDefault("Policy")));
        }));

    public Gathered<ResourcePolicyRead> SecretPolicies() => PerRegion(ResourcePolicyCalls.ListSecrets, ResourcePolicyJson.Default.ListSecretsResponse,
        (region, list) => (list.SecretList ?? []).Select(secret =>
        {
            var result = data.ForTarget(ResourcePolicyCalls.GetSecretResourcePolicy, Target(region, ("SecretId", secret.ARN)));
            if (Vanished(result)) return Read.None;
            return ViewJson.Read(result, ResourcePolicyJson.Default.SecretPolicyResponse).TryGet(out var policy, out var gap)
                ? Read.Of(new ResourcePolicyRead(secret.ARN, secret.Name ?? secret.ARN, region, policy.ResourcePolicy))
                : Read.Missing(gap!);
        }));

    public Gathered<ResourcePolicyRead> FunctionPolicies() => PerRegion(ResourcePolicyCalls.ListFunctions, ResourcePolicyJson.Default.ListFunctionsResponse,
        (region, list) => (list.Functions ?? []).Select(function =>
        {
            var result = data.ForTarget(ResourcePolicyCalls.GetFunctionPolicy, Target(region, ("FunctionName", function.FunctionName)));
            var arn = function.FunctionArn ?? $"arn:{data.Partition}:lambda:{region}:{data.AccountId}:function:{function.FunctionName}";
            // Lambda answers "no policy" with ResourceNotFoundException.
            if (result.Gap is { Code: "ResourceNotFoundException" })
                return Read.Of(new ResourcePolicyRead(arn, function.FunctionName, region, null));
            return ViewJson.Read(result, ResourcePolicyJson.Default.FunctionPolicyResponse).TryGet(out var policy, out var gap)
                ? Read.Of(new ResourcePolicyRead(arn, function.FunctionName, region, policy.Policy))
                : Read.Missing(gap!);
        }));

    /// <summary>The Lambda functions of one region (with their execution roles).</summary>
    public Observed<ListFunctionsResponse> Functions(string region) =>
        ViewJson.Read(data.InRegion(ResourcePolicyCalls.ListFunctions, region), ResourcePolicyJson.Default.ListFunctionsResponse);

    /// <summary>One resource's outcome: its policy, nothing (it vanished), or a gap.</summary>
    private readonly record struct Read(ResourcePolicyRead? Item, DataGap? Gap)
    {
        public static readonly Read None = default;
        public static Read Of(ResourcePolicyRead item) => new(item, null);
        public static Read Missing(DataGap gap) => new(null, gap);
    }

    private Gathered<ResourcePolicyRead> PerRegion<TList>(ApiCall listing, System.Text.Json.Serialization.Metadata.JsonTypeInfo<TList> type,
        Func<string, TList, IEnumerable<Read>> readAll) where TList : class
    {
        var items = new List<ResourcePolicyRead>();
        var gaps = new List<DataGap>();
        foreach (var region in data.Regions)
        {
            if (!ViewJson.Read(data.InRegion(listing, region), type).TryGet(out var list, out var gap))
            {
                gaps.Add(gap!);
                continue;
            }
            foreach (var read in readAll(region, list))
            {
                if (read.Item is { } item) items.Add(item);
                if (read.Gap is { } readGap) gaps.Add(readGap);
            }
        }
        return new Gathered<ResourcePolicyRead>(items, gaps);
    }

    private static Read Attribute(ApiResult result, string arn, string name, string region, string attribute)
    {
        if (Vanished(result)) return Read.None;
        return ViewJson.Read(result, ResourcePolicyJson.Default.AttributesResponse).TryGet(out var response, out var gap)
            ? Read.Of(new ResourcePolicyRead(arn, name, region, response.Attributes?.GetValueOrDefault(attribute)))
            : Read.Missing(gap!);
    }

    /// <summary>The resource was deleted between listing and reading it: nothing left to assess.</summary>
    private static bool Vanished(ApiResult result) =>
        result.Gap is { Code: "NotFoundException" or "NotFound" or "QueueDoesNotExist" or "AWS.SimpleQueueService.NonExistentQueue" }
        || result.Gap is { Code: "ResourceNotFoundException", Service: "secretsmanager" };

    private static string NameAfterLastColon(string arn) => arn[(arn.LastIndexOf(':') + 1)..];
}

public sealed record ListQueuesResponse(List<string>? QueueUrls);

[JsonSourceGenerationOptions(PropertyNameCaseInsensitive = false, NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(OrganizationDescription))]
[JsonSerializable(typeof(ListAccountsResponse))]
[JsonSerializable(typeof(ListKeysResponse))]
[JsonSerializable(typeof(DescribeKeyResponse))]
[JsonSerializable(typeof(KeyPolicyResponse))]
[JsonSerializable(typeof(ListBucketsResponse))]
[JsonSerializable(typeof(BucketPolicyResponse))]
[JsonSerializable(typeof(PublicAccessBlockResponse))]
[JsonSerializable(typeof(ListTopicsResponse))]
[JsonSerializable(typeof(AttributesResponse))]
[JsonSerializable(typeof(ListQueuesResponse))]
[JsonSerializable(typeof(ListSecretsResponse))]
[JsonSerializable(typeof(SecretPolicyResponse))]
[JsonSerializable(typeof(ListFunctionsResponse))]
[JsonSerializable(typeof(FunctionPolicyResponse))]
internal sealed partial class ResourcePolicyJson : JsonSerializerContext;
