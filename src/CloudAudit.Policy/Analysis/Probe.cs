using CloudAudit.Policy.Evaluation;
using CloudAudit.Policy.Matching;
using CloudAudit.Policy.Model;

namespace CloudAudit.Policy.Analysis;

/// <summary>
/// Analyses answer "could some caller get in?" by evaluating hypothetical requests. Keys that identify the
/// caller or where the request comes from are set to the hypothetical caller's values; every other key is
/// free: the caller can choose it, so conditions on it go the caller's way.
/// </summary>
static class Probe
{
    public static readonly HashSet<string> IdentifyingKeys = new(StringComparer.OrdinalIgnoreCase)
    {
        "aws:PrincipalOrgID", "aws:PrincipalOrgPaths", "aws:PrincipalAccount", "aws:PrincipalArn",
        "aws:PrincipalIsAWSService", "aws:PrincipalServiceName", "aws:PrincipalServiceNamesList", "aws:PrincipalType",
        "aws:userid", "aws:SourceAccount", "aws:SourceArn", "aws:SourceOrgID", "aws:SourceOrgPaths", "aws:SourceOwner",
        "aws:SourceVpc", "aws:SourceVpce", "aws:SourceVpcArn", "aws:SourceIp", "aws:VpcSourceIp",
        "aws:ResourceAccount", "aws:ResourceOrgID", "aws:ResourceOrgPaths", "kms:CallerAccount",
    };

    public static readonly HashSet<string> NetworkKeys = new(StringComparer.OrdinalIgnoreCase)
    {
        "aws:SourceVpc", "aws:SourceVpce", "aws:SourceVpcArn", "aws:SourceIp", "aws:VpcSourceIp",
    };

    /// <summary>A copy of the policy holding only its Deny statements and the given Allow statement.</summary>
    public static PolicyDocument WithOnly(PolicyDocument policy, Statement allow) => new()
    {
        Kind = policy.Kind, Name = policy.Name, Version = policy.Version, Id = policy.Id,
        Statements = [.. policy.Statements.Where(s => s.Effect == Effect.Deny || ReferenceEquals(s, allow))],
    };

    public static bool Allows(PolicySet set, Principal principal, ActionName action, string resource, RequestContext context,
        string? resourceAccount, Func<string, bool> free) =>
        PolicyEvaluator.Decide(set, new AccessRequest(principal, action, resource, context, resourceAccount) { FreeKey = free }) == Decision.Allowed;

    public static MatchedStatement Describe(PolicyDocument policy, Statement s) => new(policy.Kind, policy.Name, s.Index, s.Sid, s.Effect);

    /// <summary>
    /// An IPv4 address outside every aws:SourceIp range the policy names, or inside when the ranges cover all
    /// of IPv4 or IPv6 (0.0.0.0/0, ::/0): then any caller can come from them.
    /// </summary>
    public static string OutsideAddress(PolicyDocument policy)
    {
        var ranges = policy.Statements.SelectMany(s => s.Conditions)
            .Where(c => c.Key.Equals("aws:SourceIp", StringComparison.OrdinalIgnoreCase))
            .SelectMany(c => c.Values).Select(v => Conditions.IpRange.TryParse(v, out var r) ? r : (Conditions.IpRange?)null)
            .OfType<Conditions.IpRange>().ToList();
        if (ranges.FirstOrDefault(r => r.IsEverything) is { Network: not null } everything)
            return everything.Network.Length == 4 ? "203.0.113.250" : "2001:db8:ffff::1";
        string[] candidates = ["203.0.113.250", "198.51.100.250", "192.0.2.250", "100.64.255.250"];
        foreach (var candidate in candidates)
        {
            Conditions.IpRange.TryParseAddress(candidate, out var bytes);
            if (!ranges.Any(r => r.Contains(bytes))) return candidate;
        }
        return candidates[0];
    }
}
