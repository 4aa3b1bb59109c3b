using CloudAudit.Access.Principals;
using CloudAudit.Access.Resources;
using CloudAudit.Policy.Analysis;
using CloudAudit.Policy.Catalog;
using CloudAudit.Policy.Evaluation;
using CloudAudit.Policy.Matching;
using CloudAudit.Policy.Model;

namespace CloudAudit.Access.Queries;

/// <summary>
/// The answer to "can this principal do that": the decision and the statements that decide it (the denying ones for
/// an explicit deny, the allowing ones at each layer for an allow). <see cref="NotAssessed"/> says why there is no
/// answer (a policy of the principal, or the resource's policy, could not be read); the decision then only says what
/// the policies that were read decide. <see cref="Caveats"/> name what could still change an allow (SCPs or RCPs not read).
/// </summary>
public sealed record AccessDecision(
    IamEntity Principal, string Action, string Resource, Decision Decision, IReadOnlyList<MatchedStatement> Statements, string Reason,
    string? ResourcePolicy, string? NotAssessed, IReadOnlyList<string> Caveats)
{
    public bool IsAllowed => Decision == Decision.Allowed && NotAssessed is null;
}

/// <summary>One party allowed an action: a principal of the account, or an outside party a resource policy admits.</summary>
public sealed record AllowedParty(string Principal, string Type, IReadOnlyList<MatchedStatement> Via, IReadOnlyList<string> Conditions)
{
    /// <summary>The account's user or role; null for an outside party.</summary>
    public IamEntity? Entity { get; init; }
}

/// <summary>
/// Everyone allowed an action on a resource; <see cref="NotAssessed"/> names whose answer is missing (never read as
/// "nobody"), <see cref="Caveats"/> what could still narrow the list (SCPs or RCPs not read).
/// </summary>
public sealed record WhoCanAnswer(string Action, string Resource, IReadOnlyList<AllowedParty> Principals, IReadOnlyList<string> NotAssessed,
    IReadOnlyList<string> Caveats);

/// <summary>can-i and who-can over the account's real policies.</summary>
internal static class AccessQueries
{
    public static AccessDecision CanDo(AccessModel model, IamEntity principal, string action, string resource, IReadOnlyDictionary<string, string>? context)
    {
        var name = Parse(action);
        var lookup = model.ResourcePolicies.Lookup(resource, name);
        var request = new AccessRequest(principal.Caller, name, resource, With(model.ContextOf(principal), context), ResourceAccount(model, resource));
        var set = model.WithOrganization(principal.Policies).WithResourcePolicy(lookup.Policy);
        var result = PolicyEvaluator.Evaluate(set, request);
        var notAssessed = principal.Unassessable is { } why ? $"{principal} is not assessable: {why}"
            : lookup.State == ResourcePolicyState.Unknown && result.Decision != Decision.ExplicitDeny ? $"the resource policy is unknown: {lookup.Why}"
            : null;
        return new AccessDecision(principal, name.FullName, resource, result.Decision, result.MatchedStatements, result.Reason,
            lookup.Policy?.Name, notAssessed, result.IsAllowed ? Caveats(model, name, resource) : []);
    }

    public static WhoCanAnswer WhoCan(AccessModel model, string action, string resource)
    {
        var name = Parse(action);
        var lookup = model.ResourcePolicies.Lookup(resource, name);
        var resourceAccount = ResourceAccount(model, resource);
        var allowed = new List<AllowedParty>();
        var missing = new List<string>();
        if (lookup.State == ResourcePolicyState.Unknown) missing.Add($"the resource policy of {resource} is unknown ({lookup.Why}): principals it alone admits are not listed");
        foreach (var principal in model.Principals)
        {
            if (principal.Unassessable is { } why)
            {
                missing.Add($"{principal.Arn}: {why}");
                continue;
            }
            // Narrowed to the policies that mention the action: the same decision for a fraction of the work.
            var set = model.WithOrganization(model.Narrowed(principal, name)).WithResourcePolicy(lookup.Policy);
            var request = new AccessRequest(principal.Caller, name, resource, model.ContextOf(principal), resourceAccount);
            if (PolicyEvaluator.Decide(set, request) != Decision.Allowed) continue;
            var via = PolicyEvaluator.Evaluate(set, request).MatchedStatements;
            allowed.Add(new AllowedParty(principal.Arn, principal.KindLabel, via, ConditionsOf(principal, lookup.Policy, via)) { Entity = principal });
        }
        if (lookup.Policy is { } policy)
            foreach (var party in ResourceExposure.Parties(policy, name, resource, resourceAccount ?? model.AccountId))
                allowed.Add(new AllowedParty(party.Party, PartyType(party.Party), party.Via, party.Conditions));
        return new WhoCanAnswer(name.FullName, resource, allowed, missing, Caveats(model, name, resource));
    }

    /// <summary>The guardrails that were not read and could deny this request: the RCPs only on the account's own resources.</summary>
    private static List<string> Caveats(AccessModel model, ActionName action, string resource) =>
        [.. model.UnreadGuardrails(action.FullName, (ResourceAccount(model, resource) ?? model.AccountId) == model.AccountId)];

    /// <summary>The conditions of the statements that allowed: the answer holds only when they do.</summary>
    private static List<string> ConditionsOf(IamEntity principal, PolicyDocument? resourcePolicy, IReadOnlyList<MatchedStatement> via)
    {
        var conditions = new List<string>();
        foreach (var matched in via)
            foreach (var document in principal.Policies.Identity.Append(resourcePolicy))
            {
                if (document is null || document.Name != matched.PolicyName) continue;
                foreach (var statement in document.Statements)
                    if (statement.Index == matched.StatementIndex)
                        foreach (var condition in statement.Conditions)
                            if (condition.ToString() is var text && !conditions.Contains(text)) conditions.Add(text);
            }
        return conditions;
    }

    private static string PartyType(string party) =>
        party == "*" ? "public"
        : party.Contains(".amazonaws.com", StringComparison.Ordinal) ? "service"
        : "external";

    private static RequestContext With(RequestContext principalContext, IReadOnlyDictionary<string, string>? extra)
    {
        if (extra is null || extra.Count == 0) return principalContext;
        var context = principalContext.Copy();
        foreach (var (key, value) in extra) context.Set(key, value);
        return context;
    }

    /// <summary>The account that owns the resource: from its ARN, or the scanned account for S3 (bucket ARNs carry none).</summary>
    private static string? ResourceAccount(AccessModel model, string resource) =>
        resource == "*" ? null : Arn.AccountOf(resource) ?? model.AccountId;

    private static ActionName Parse(string action) => IamCatalog.Default.FindAction(action)?.Parsed ?? ActionName.Parse(action);
}
