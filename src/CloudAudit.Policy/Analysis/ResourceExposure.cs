using CloudAudit.Policy.Catalog;
using CloudAudit.Policy.Evaluation;
using CloudAudit.Policy.Matching;
using CloudAudit.Policy.Model;

namespace CloudAudit.Policy.Analysis;

/// <summary>Who outside the owner can reach a resource, from narrowest to widest.</summary>
public enum ExposureLevel { Private, OrgWide, CrossAccount, Public }

/// <summary>
/// What one Allow statement opens up. <see cref="Accounts"/> lists the outside accounts that get in ("*" for
/// any account, e.g. through a service principal or from allowed networks); <see cref="RestrictingConditions"/>
/// names the conditions on caller-identifying keys that narrow it.
/// </summary>
public sealed record ExposureGrant(
    ExposureLevel Level, MatchedStatement Statement, IReadOnlyList<string> Accounts,
    IReadOnlyList<string> RestrictingConditions, string Description);

/// <summary>An outside party a resource policy admits for one action, the statements that admit it and their conditions.</summary>
public sealed record OutsideParty(string Party, string Description, IReadOnlyList<MatchedStatement> Via, IReadOnlyList<string> Conditions);

public sealed record ExposureReport(ExposureLevel Level, IReadOnlyList<ExposureGrant> Grants)
{
    public bool IsPublic => Level == ExposureLevel.Public;
}

/// <summary>
/// Classifies a resource policy (S3, KMS, SNS, SQS, Lambda, Secrets Manager, role trust…) by evaluating it for
/// hypothetical outside callers: anonymous, an unknown account, an account of another organization, a member
/// of the owner's organization, each account the policy names, and services acting for an unknown account.
/// Conditions on keys the caller controls count as met; conditions such as aws:PrincipalOrgID,
/// aws:SourceAccount or aws:SourceIp restrict as AWS applies them.
/// </summary>
public static class ResourceExposure
{
    const string UnknownAccount = "999999999999";
    const string OrgMemberAccount = "999999999998";
    const string ForeignOrg = "o-outsider000";
    const string StandInService = "probe.amazonaws.com";

    sealed record Caller(Principal Principal, RequestContext Context, ExposureLevel Level, string Account, string Description, bool NetworkFree = false);

    public static ExposureReport Analyze(PolicyDocument resourcePolicy, string resourceArn, string ownerAccount, string? organizationId = null)
    {
        var grants = new List<ExposureGrant>();
        var callers = Callers(resourcePolicy, ownerAccount, organizationId, PartitionOf(resourceArn));
        foreach (var statement in resourcePolicy.Statements.Where(s => s.Effect == Effect.Allow))
        {
            var policy = Probe.WithOnly(resourcePolicy, statement);
            // The outside caller controls its own identity policies: assume they allow.
            var set = new PolicySet { Identity = [OutsidersOwnPolicies], ResourcePolicy = policy };
            var actions = ProbeActions(statement, resourceArn);
            var resources = ProbeResources(statement, resourceArn);
            var reached = callers.Where(c => actions.Any(a => resources.Any(r =>
                Probe.Allows(set, c.Principal, a, r, c.Context, ownerAccount,
                    key => !Probe.IdentifyingKeys.Contains(key) || (c.NetworkFree && Probe.NetworkKeys.Contains(key)))))).ToList();
            var top = reached.Count == 0 ? ExposureLevel.Private : reached.Max(c => c.Level);
            var accounts = reached.Where(c => c.Level == ExposureLevel.CrossAccount || c.Level == ExposureLevel.Public)
                .Select(c => c.Account).Distinct().Order(StringComparer.Ordinal).ToList();
            var restricting = resourcePolicy.Statements.Where(s => ReferenceEquals(s, statement) || s.Effect == Effect.Deny)
                .SelectMany(s => s.Conditions).Where(c => Probe.IdentifyingKeys.Contains(c.Key)).Select(c => c.ToString()).Distinct().ToList();
            var description = reached.Count == 0 ? "reachable only from the owner account"
                : string.Join("; ", reached.Where(c => c.Level == top).Select(c => c.Description).Distinct());
            grants.Add(new ExposureGrant(top, Probe.Describe(resourcePolicy, statement), accounts, restricting, description));
        }
        return new ExposureReport(grants.Count == 0 ? ExposureLevel.Private : grants.Max(g => g.Level), grants);
    }

    static List<Caller> Callers(PolicyDocument policy, string owner, string? organizationId, string partition, bool namedOrganizations = false)
    {
        var outside = Probe.OutsideAddress(policy);
        RequestContext Net() => new RequestContext().Set("aws:SourceIp", outside);
        RequestContext Org(string orgId) => Net().Set("aws:PrincipalOrgID", orgId).Set("aws:PrincipalOrgPaths", $"{orgId}/r-probe/");
        Principal RoleIn(string account) => Principal.Parse($"arn:{partition}:iam::{account}:role/probe");
        var callers = new List<Caller>
        {
            new(Principal.Anonymous, Net(), ExposureLevel.Public, "*", "anonymous callers"),
            new(RoleIn(UnknownAccount), Net(), ExposureLevel.Public, "*", "any AWS account"),
            new(RoleIn(UnknownAccount), Org(ForeignOrg), ExposureLevel.Public, "*", "any AWS account in any organization"),
            new(RoleIn(UnknownAccount), new RequestContext(), ExposureLevel.CrossAccount, "*", "any AWS account, from the allowed networks", NetworkFree: true),
        };
        if (organizationId is not null)
            callers.Add(new(RoleIn(OrgMemberAccount), Org(organizationId), ExposureLevel.OrgWide, OrgMemberAccount, $"accounts of organization {organizationId}"));
        // Organizations the policy names in aws:PrincipalOrgID: callers from them, when the question is who gets in rather than how far.
        var namedOrgs = namedOrganizations
            ? policy.Statements.SelectMany(s => s.Conditions).Where(c => c.Key.Equals("aws:PrincipalOrgID", StringComparison.OrdinalIgnoreCase))
                .SelectMany(c => c.Values).Where(v => !v.Contains('*') && v != organizationId).Distinct(StringComparer.Ordinal).ToList()
            : [];
        foreach (var org in namedOrgs)
            callers.Add(new(RoleIn(UnknownAccount), Org(org), ExposureLevel.CrossAccount, "*", $"any account of organization {org}"));

        var named = policy.Statements.SelectMany(NamedPrincipals).Concat(policy.Statements.SelectMany(s => s.Conditions)
                .SelectMany(c => c.Values).SelectMany(AccountsIn).Select(a => $"arn:{partition}:iam::{a}:role/probe"))
            .Distinct().ToList();
        foreach (var arn in named)
        {
            if (!Principal.TryParse(arn, out var p) || p!.AccountId is null || p.AccountId == owner) continue;
            var principal = p.Kind == PrincipalKind.Root ? RoleIn(p.AccountId) : p;
            var withOrgs = new[] { Net(), Org(ForeignOrg) }.Concat(organizationId is null ? [] : [Org(organizationId)]).Concat(namedOrgs.Select(Org));
            foreach (var ctx in withOrgs)
                callers.Add(new(principal, ctx, ExposureLevel.CrossAccount, p.AccountId, $"account {p.AccountId}"));
        }

        // "Principal": "*" also covers AWS services acting for any account: probe with a stand-in service.
        var services = policy.Statements.Where(s => s.Principals is not null).SelectMany(s => s.Principals!.Services)
            .Concat(policy.Statements.Any(s => s.Principals?.Everyone == true) ? [StandInService] : [])
            .Distinct(StringComparer.OrdinalIgnoreCase);
        var namedAccounts = named.Select(Arn.AccountOf).Where(a => a is not null && a != owner).Distinct().ToList();
        foreach (var service in services)
        {
            foreach (var account in namedAccounts.Prepend(UnknownAccount))
            {
                var ctx = new RequestContext().Set("aws:SourceAccount", account!).Set("aws:SourceOwner", account!)
                    .Set("aws:SourceArn", $"arn:{partition}:{service.Split('.')[0]}:us-east-1:{account}:probe");
                var any = account == UnknownAccount;
                callers.Add(new(Principal.Service(service), ctx, ExposureLevel.CrossAccount, any ? "*" : account!,
                    any ? $"{service} acting for any account" : $"{service} acting for account {account}"));
            }
        }
        return callers;
    }

    /// <summary>What an outside caller's own policies are assumed to allow: everything (they are the outsider's to write). Parsed once, shared.</summary>
    static readonly PolicyDocument OutsidersOwnPolicies =
        PolicyDocument.Parse("""{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}""", PolicyKind.Identity, "caller's own policies");

    static IEnumerable<string> NamedPrincipals(Statement s) => s.Principals?.Aws ?? [];

    /// <summary>The partition of a resource ARN ("aws" when it is not one): probes live in the resource's partition.</summary>
    static string PartitionOf(string resourceArn) => Arn.TryParse(resourceArn, out var arn) ? arn.Partition : "aws";

    /// <summary>
    /// The outside parties the resource policy lets perform one action on the resource: anonymous callers, any
    /// account, the accounts and principals it names, services acting for an account. Each with the statements that
    /// admit it and the conditions on them; the outside party's own identity policies are assumed to allow (they are
    /// the outsider's to write). Keys the caller controls count as met, as in <see cref="Analyze"/>.
    /// </summary>
    public static IReadOnlyList<OutsideParty> Parties(PolicyDocument resourcePolicy, ActionName action, string resourceArn, string ownerAccount,
        string? organizationId = null)
    {
        var partition = PartitionOf(resourceArn);
        var set = new PolicySet { Identity = [OutsidersOwnPolicies], ResourcePolicy = resourcePolicy };
        var parties = new List<OutsideParty>();
        foreach (var caller in Callers(resourcePolicy, ownerAccount, organizationId, partition, namedOrganizations: true))
        {
            var request = new AccessRequest(caller.Principal, action, resourceArn, caller.Context, ownerAccount)
            {
                FreeKey = key => !Probe.IdentifyingKeys.Contains(key) || (caller.NetworkFree && Probe.NetworkKeys.Contains(key)),
            };
            var result = PolicyEvaluator.Evaluate(set, request);
            if (!result.IsAllowed) continue;
            var name = caller.Principal.Kind switch
            {
                PrincipalKind.Anonymous => "*",
                // The stand-in service for "Principal": "*" is any service: the public party covers it.
                PrincipalKind.Service when caller.Principal.Arn == StandInService => "*",
                PrincipalKind.Service => caller.Account == "*" ? caller.Principal.Arn : $"{caller.Principal.Arn} for account {caller.Account}",
                _ when caller.Description.StartsWith("any account of organization ", StringComparison.Ordinal) => caller.Description["any account of ".Length..],
                _ when caller.Account == "*" => "*",
                _ when caller.Principal.Arn.EndsWith(":role/probe", StringComparison.Ordinal) => $"arn:{partition}:iam::{caller.Principal.AccountId}:root",
                _ => caller.Principal.Arn,
            };
            if (parties.Any(p => p.Party == name)) continue;
            var via = result.MatchedStatements.Where(m => m.Kind != PolicyKind.Identity).ToList();
            var conditions = resourcePolicy.Statements.Where(s => via.Any(v => v.StatementIndex == s.Index))
                .SelectMany(s => s.Conditions).Select(c => c.ToString()).Distinct().ToList();
            parties.Add(new OutsideParty(name, caller.Description, via, conditions));
        }
        return parties;
    }

    /// <summary>12-digit account IDs in a condition value: alone, or as the account part of an ARN.</summary>
    static IEnumerable<string> AccountsIn(string value)
    {
        if (value.Length == 12 && value.All(char.IsAsciiDigit)) yield return value;
        else if (Arn.AccountOf(value) is { Length: 12 } account && account.All(char.IsAsciiDigit)) yield return account;
    }

    static List<ActionName> ProbeActions(Statement statement, string resourceArn)
    {
        var expanded = IamCatalog.Default.Expand(statement);
        var service = Arn.TryParse(resourceArn, out var arn) ? arn.Service : null;
        var forService = expanded.Where(a => a.Service == service).ToList();
        var chosen = forService.Count > 0 ? forService : expanded.Take(200).ToList();
        // Actions the catalogue does not list yet still count when named literally.
        var literal = statement.NotAction ? [] : statement.Actions.Select(a => ActionName.TryParse(a.Pattern, out var n) ? n : null).OfType<ActionName>();
        return [.. chosen.Select(a => a.Parsed).Concat(literal).DistinctBy(a => a.FullName, StringComparer.OrdinalIgnoreCase)];
    }

    static List<string> ProbeResources(Statement statement, string resourceArn) =>
        statement.Resources is null || statement.NotResource || statement.Resources.Any(r => r.MatchesEverything)
            ? [resourceArn]
            : [.. statement.Resources.Select(r => r.Text)];
}
