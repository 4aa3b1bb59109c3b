using CloudAudit.Policy.Analysis;
using CloudAudit.Policy.Model;

namespace CloudAudit.Checks.Policies;

/// <summary>How far outside the organization a resource policy statement reaches, widest first.</summary>
public enum PerimeterTier
{
    /// <summary>Anyone: anonymous callers or any AWS account.</summary>
    Public,
    /// <summary>Any AWS account, but only through an AWS service acting for it or from the allowed networks.</summary>
    AnyAccount,
    /// <summary>Named accounts known to be outside the organization (or any other account, for a standalone account).</summary>
    NamedOutside,
    /// <summary>Named accounts whose membership of the organization the scan cannot see.</summary>
    NamedUnknown,
}

/// <summary>One Allow statement that crosses the perimeter, with the outside accounts it lets in.</summary>
public sealed record PerimeterBreach(PerimeterTier Tier, ExposureGrant Grant, Statement Statement, IReadOnlyList<string> Accounts)
{
    /// <summary>The statement names AWS service principals and no account or "*": service access, e.g. a confused deputy.</summary>
    public bool ServiceOnly => Statement.Principals is { Everyone: false } p && p.Services.Count > 0 && p.Aws.Count == 0;
}

/// <summary>
/// Reads an engine <see cref="ExposureReport"/> against the organization: what the engine calls cross-account is a
/// perimeter breach unless every account it names belongs to the organization. Org-wide access is inside.
/// </summary>
public static class Perimeter
{
    public static IReadOnlyList<PerimeterBreach> Breaches(PolicyDocument policy, string resourceArn, string owner, OrganizationFacts organization)
    {
        var report = ResourceExposure.Analyze(policy, resourceArn, owner, organization.OrganizationId);
        // Named accounts admitted only as members of the organization (aws:PrincipalOrgID) are inside: they are the ones
        // that disappear when the same policy is analysed without an organization.
        var withoutOrganization = organization.OrganizationId is null ? report : ResourceExposure.Analyze(policy, resourceArn, owner);
        var breaches = new List<PerimeterBreach>();
        foreach (var grant in report.Grants)
        {
            var statement = policy.Statements[grant.Statement.StatementIndex];
            if (grant.Level == ExposureLevel.Public)
                breaches.Add(new PerimeterBreach(PerimeterTier.Public, grant, statement, ["*"]));
            else if (grant.Level == ExposureLevel.CrossAccount && grant.Accounts.Contains("*"))
                breaches.Add(new PerimeterBreach(PerimeterTier.AnyAccount, grant, statement, ["*"]));
            else if (grant.Level == ExposureLevel.CrossAccount)
            {
                var admitted = withoutOrganization.Grants.FirstOrDefault(g => g.Statement.StatementIndex == grant.Statement.StatementIndex)?.Accounts ?? [];
                var named = grant.Accounts.Where(admitted.Contains).ToList();
                var outside = named.Where(a => organization.MembershipOf(a) == Membership.Outside).ToList();
                var unknown = named.Where(a => organization.MembershipOf(a) == Membership.Unknown).ToList();
                if (outside.Count > 0) breaches.Add(new PerimeterBreach(PerimeterTier.NamedOutside, grant, statement, [.. outside, .. unknown]));
                else if (unknown.Count > 0) breaches.Add(new PerimeterBreach(PerimeterTier.NamedUnknown, grant, statement, unknown));
            }
        }
        return breaches;
    }

    /// <summary>"statement 1 (ShareWithPartner) lets in account 444455556666, which is not a member of o-…".</summary>
    public static string Describe(PerimeterBreach breach, OrganizationFacts organization)
    {
        var sid = breach.Statement.Sid is { Length: > 0 } s ? $" ({s})" : "";
        var who = breach.Tier switch
        {
            PerimeterTier.Public or PerimeterTier.AnyAccount => breach.Grant.Description,
            _ => string.Join(", ", breach.Accounts.Select(organization.Describe)),
        };
        return $"statement {breach.Statement.Index}{sid} lets in {who}";
    }

    /// <summary>
    /// The policy with each breaching statement held inside the perimeter: aws:SourceAccount for statements that
    /// only name services, otherwise the organization (aws:PrincipalOrgID) or, without one, the owner account.
    /// </summary>
    public static string Restrict(string policyText, IEnumerable<PerimeterBreach> breaches, OrganizationFacts organization, string owner,
        string accountKey = "aws:PrincipalAccount")
    {
        var policy = PolicyJson.Load(policyText);
        foreach (var breach in breaches.DistinctBy(b => b.Statement.Index))
        {
            if (breach.ServiceOnly)
                policy.Require(breach.Statement.Index, "StringEquals", "aws:SourceAccount", owner);
            else if (organization.Standalone)
                policy.Require(breach.Statement.Index, "StringEquals", accountKey, owner);
            else
                policy.Require(breach.Statement.Index, "StringEquals", "aws:PrincipalOrgID", organization.OrganizationId ?? "<ORGANIZATION_ID>");
        }
        return policy.ToString();
    }
}
