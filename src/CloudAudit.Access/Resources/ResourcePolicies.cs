using CloudAudit.Inventory;
using CloudAudit.Inventory.Views;
using CloudAudit.Policy.Model;

namespace CloudAudit.Access.Resources;

/// <summary>What the inventory says about one resource's own policy.</summary>
public enum ResourcePolicyState
{
    /// <summary>The resource's policy was read (<see cref="ResourcePolicyLookup.Policy"/>), or it has none.</summary>
    Known,
    /// <summary>The resource is of a kind whose policies were not read, or could not be: the answer leaves it out.</summary>
    Unknown,
    /// <summary>The resource kind has no resource policies the inventory holds (EC2, DynamoDB …): identity policies decide.</summary>
    NotApplicable,
}

public sealed record ResourcePolicyLookup(ResourcePolicyState State, PolicyDocument? Policy, string? Why)
{
    public static readonly ResourcePolicyLookup None = new(ResourcePolicyState.NotApplicable, null, null);
}

/// <summary>
/// The resource policies the inventory holds, by resource ARN: S3 bucket policies (for the bucket and its objects),
/// KMS key policies, SNS topic, SQS queue, Secrets Manager and Lambda function policies, AgentCore runtime and gateway
/// policies, and role trust policies
/// (for sts:AssumeRole*). A kind whose listing is missing answers <see cref="ResourcePolicyState.Unknown"/> with the
/// gap, so no answer silently leaves a resource policy out.
/// </summary>
public sealed class ResourcePolicies
{
    private readonly Dictionary<string, PolicyDocument?> _byArn = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _unreadByService = new(StringComparer.Ordinal);
    private readonly AccessModel _model;

    private ResourcePolicies(AccessModel model) => _model = model;

    public IReadOnlyList<DataGap> Gaps { get; private set; } = [];

    /// <summary>Every resource with a policy, by ARN.</summary>
    public IEnumerable<(string Arn, PolicyDocument Policy)> All =>
        _byArn.Where(p => p.Value is not null).Select(p => (p.Key, p.Value!));

    internal static ResourcePolicies Read(AccessModel model)
    {
        var index = new ResourcePolicies(model);
        var view = model.Data.ResourcePolicies();
        var gaps = new List<DataGap>();
        index.Add("s3", view.BucketPolicies(), gaps);
        index.Add("kms", view.KeyPolicies(), gaps);
        index.Add("sns", view.TopicPolicies(), gaps);
        index.Add("sqs", view.QueuePolicies(), gaps);
        index.Add("secretsmanager", view.SecretPolicies(), gaps);
        index.Add("lambda", view.FunctionPolicies(), gaps);
        index.Add("bedrock-agentcore", model.Data.AgentCore().ResourcePolicies(), gaps);
        index.Gaps = gaps;
        return index;
    }

    private void Add(string service, Gathered<ResourcePolicyRead> read, List<DataGap> gaps)
    {
        foreach (var item in read.Items)
        {
            if (item.PolicyText is null)
            {
                _byArn[item.ResourceArn] = null;
                continue;
            }
            var parsed = _model.Policies.Get(item.PolicyText, PolicyKind.Resource, item.ResourceArn);
            if (parsed.TryGet(out var document)) _byArn[item.ResourceArn] = document;
            else gaps.Add(DataGap.UnreadablePolicy(item.Region, service, "resource policy", item.ResourceArn, parsed.Error!));
        }
        if (read.Gaps.Count > 0)
        {
            gaps.AddRange(read.Gaps);
            _unreadByService[service] = string.Join("; ", read.Gaps.Select(g => g.ToString()));
        }
    }

    /// <summary>The policy that governs a request on the resource (the bucket's for an object; the trust policy for assuming a role).</summary>
    public ResourcePolicyLookup Lookup(string resourceArn, Policy.Matching.ActionName action)
    {
        if (Inventory.Arn.TryParse(resourceArn) is not { } arn) return ResourcePolicyLookup.None;
        if (arn.Service == "iam" && action.Service == "sts" && action.Name.StartsWith("AssumeRole", StringComparison.OrdinalIgnoreCase))
        {
            if (_model.Find(resourceArn) is { Kind: Principals.IamEntityKind.Role } role)
                return role.Trust is not null ? new(ResourcePolicyState.Known, role.Trust, null)
                    : new(ResourcePolicyState.Unknown, null, $"the trust policy of {role} could not be read");
            return new(ResourcePolicyState.Unknown, null, $"{resourceArn} is not a role of the account's authorization details");
        }
        var key = arn.Service switch
        {
            "s3" when arn.Resource.IndexOf('/') is > 0 and var slash => $"arn:{arn.Partition}:s3:::{arn.Resource[..slash]}",
            "lambda" when arn.Resource.Split(':') is ["function", var name, _, ..] => $"arn:{arn.Partition}:lambda:{arn.Region}:{arn.Account}:function:{name}",
            _ => resourceArn,
        };
        if (_byArn.TryGetValue(key, out var policy)) return new(ResourcePolicyState.Known, policy, null);
        if (arn.Service is not ("s3" or "kms" or "sns" or "sqs" or "secretsmanager" or "lambda" or "bedrock-agentcore")) return ResourcePolicyLookup.None;
        // AgentCore takes resource policies on runtimes and gateways only.
        if (arn.Service == "bedrock-agentcore" && !arn.Resource.StartsWith("runtime/", StringComparison.Ordinal)
            && !arn.Resource.StartsWith("gateway/", StringComparison.Ordinal)) return ResourcePolicyLookup.None;
        return _unreadByService.TryGetValue(arn.Service, out var why)
            ? new(ResourcePolicyState.Unknown, null, why)
            : new(ResourcePolicyState.Unknown, null, $"{key} is not in the inventory (it may not exist, or its policy was not collected)");
    }
}
