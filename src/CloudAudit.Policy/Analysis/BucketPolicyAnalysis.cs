using CloudAudit.Policy.Catalog;
using CloudAudit.Policy.Evaluation;
using CloudAudit.Policy.Model;

namespace CloudAudit.Policy.Analysis;

/// <summary>Whether a bucket policy denies every request made without TLS, and which statements do it.</summary>
public sealed record SecureTransportVerdict(bool DeniesInsecureTransport, IReadOnlyList<MatchedStatement> DenyingStatements, string? FirstUndeniedAction);

public static class BucketPolicyAnalysis
{
    /// <summary>
    /// CIS 2.1.1: evaluates every S3 bucket and object action with aws:SecureTransport=false for a caller of
    /// the owner account, another account and an anonymous caller. Each must meet an explicit Deny that the
    /// caller cannot escape by choosing other condition values.
    /// </summary>
    public static SecureTransportVerdict DeniesInsecureTransport(PolicyDocument? bucketPolicy, string bucketName, string ownerAccount, string partition = "aws")
    {
        if (bucketPolicy is null) return new SecureTransportVerdict(false, [], "s3:GetObject");
        var bucketArn = $"arn:{partition}:s3:::{bucketName}";
        var objectArn = $"{bucketArn}/probe-object";
        var set = new PolicySet { ResourcePolicy = bucketPolicy };
        Principal[] callers = [Principal.Parse($"arn:{partition}:iam::{ownerAccount}:role/probe"), Principal.Parse($"arn:{partition}:iam::999999999999:role/probe"), Principal.Anonymous];
        var context = new RequestContext().Set("aws:SecureTransport", "false");
        var denying = new List<MatchedStatement>();
        foreach (var action in IamCatalog.Default.FindService("s3")?.Actions ?? [])
        {
            var resources = action.ResourceTypes.Select(r => r.Name switch { "bucket" => bucketArn, "object" => objectArn, _ => null })
                .Where(r => r is not null).Distinct().ToList();
            foreach (var resource in resources)
                foreach (var caller in callers)
                {
                    var request = new AccessRequest(caller, action.Parsed, resource!, context, ownerAccount) { FreeKey = k => !k.Equals("aws:SecureTransport", StringComparison.OrdinalIgnoreCase) };
                    var result = PolicyEvaluator.Evaluate(set, request);
                    if (result.Decision != Decision.ExplicitDeny) return new SecureTransportVerdict(false, [], action.FullName);
                    denying.AddRange(result.MatchedStatements);
                }
        }
        return new SecureTransportVerdict(true, [.. denying.Distinct()], null);
    }
}
