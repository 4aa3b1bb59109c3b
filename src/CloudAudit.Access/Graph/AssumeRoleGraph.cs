using System.Collections.Concurrent;
using CloudAudit.Access.Principals;
using CloudAudit.Policy.Analysis;
using CloudAudit.Policy.Evaluation;
using CloudAudit.Policy.Matching;
using CloudAudit.Policy.Model;

namespace CloudAudit.Access.Graph;

public enum AssumeRoleEdgeKind
{
    /// <summary>A user or role of the account may assume the role: its identity policies and the trust policy allow it.</summary>
    Principal,
    /// <summary>The trust policy admits another account or a principal of it; that account's own policies must allow it too.</summary>
    CrossAccount,
    /// <summary>The trust policy admits any AWS principal ("*").</summary>
    Public,
    /// <summary>An AWS service may assume the role (it runs as it).</summary>
    Service,
    /// <summary>A web identity or SAML provider's users may assume the role.</summary>
    Federated,
}

/// <summary>
/// One way into a role: who (<see cref="From"/>: a principal ARN of the account, another account's root or principal,
/// "*", a service or identity provider) may assume <see cref="To"/>, through which statements (identity and trust), on
/// which conditions. <see cref="NeedsConditions"/> is set when the edge holds only once conditions the caller cannot
/// simply choose are met (MFA, a source network, a time): the escalation search does not take such an edge.
/// </summary>
public sealed record AssumeRoleEdge(
    string From, string To, AssumeRoleEdgeKind Kind, IReadOnlyList<MatchedStatement> Via, IReadOnlyList<string> Conditions, bool NeedsConditions)
{
    /// <summary>The account's principal on the From side, when there is one.</summary>
    public IamEntity? FromEntity { get; init; }
    public required IamEntity ToRole { get; init; }
    /// <summary>For outside parties: what the other side needs for the edge to open.</summary>
    public string? Requires { get; init; }
}

/// <summary>
/// Who can assume which role, decided by the engine as STS does: the caller's identity policies (with its boundary
/// and the organization's SCPs) and the role's trust policy, conditions evaluated. The caller may choose the keys it
/// passes to AssumeRole (external ID, source identity, session tags, region); keys that describe it are its own
/// (tags, ARN); MFA, source network and time it cannot choose, so an edge that needs them is marked.
/// </summary>
internal sealed class AssumeRoleGraph
{
    private static readonly ActionName AssumeRole = ActionName.Parse("sts:AssumeRole");
    private readonly AccessModel _model;

    private AssumeRoleGraph(AccessModel model) => _model = model;

    public IReadOnlyList<AssumeRoleEdge> Edges { get; private set; } = [];

    public static AssumeRoleGraph Build(AccessModel model)
    {
        var graph = new AssumeRoleGraph(model);
        if (model.Gap is not null) return graph;
        var inside = new ConcurrentBag<AssumeRoleEdge>();
        var principals = model.Principals.Where(p => p.Unassessable is null).ToList();
        Parallel.ForEach(principals, principal =>
        {
            foreach (var role in model.World.RolesNaming(principal))
                if (model.AssumeEdge(principal, role) is { } edge) inside.Add(edge);
        });
        var outside = model.Iam.Roles.Where(r => r.Trust is not null).SelectMany(graph.OutsideEdges);
        graph.Edges = [.. inside.Concat(outside).OrderBy(e => e.To, StringComparer.Ordinal).ThenBy(e => e.From, StringComparer.Ordinal)];
        return graph;
    }

    /// <summary>The edge from a principal of the account to a role, or null when it may not assume it.</summary>
    internal static AssumeRoleEdge? Decide(AccessModel model, IamEntity principal, IamEntity role)
    {
        if (role.Trust is not { } trust || role.Arn == principal.Arn) return null;
        var set = model.WithOrganization(model.Narrowed(principal, AssumeRole)).WithResourcePolicy(trust);
        var context = model.ContextOf(principal);
        var strict = new AccessRequest(principal.Caller, AssumeRole, role.Arn, context, model.AccountId) { FreeKey = CallerChooses };
        var loose = new AccessRequest(principal.Caller, AssumeRole, role.Arn, context, model.AccountId) { FreeKey = key => !PrincipalAnalysis.DescribesCaller(key) };
        var needsConditions = false;
        if (PolicyEvaluator.Decide(set, strict) != Decision.Allowed)
        {
            if (PolicyEvaluator.Decide(set, loose) != Decision.Allowed) return null;
            needsConditions = true;
        }
        var via = PolicyEvaluator.Evaluate(set, needsConditions ? loose : strict).MatchedStatements;
        return new AssumeRoleEdge(principal.Arn, role.Arn, AssumeRoleEdgeKind.Principal, via, Conditions(principal, trust, via), needsConditions)
        {
            FromEntity = principal,
            ToRole = role,
        };
    }

    /// <summary>Keys a caller sets itself when it calls AssumeRole: the external ID, source identity, session name and tags, the region.</summary>
    public static bool CallerChooses(string key) =>
        key.StartsWith("sts:", StringComparison.OrdinalIgnoreCase)
        || key.StartsWith("aws:RequestTag/", StringComparison.OrdinalIgnoreCase)
        || key.Equals("aws:TagKeys", StringComparison.OrdinalIgnoreCase)
        || key.Equals("aws:RequestedRegion", StringComparison.OrdinalIgnoreCase);

    /// <summary>Parties outside the account's own principals that the trust policy admits.</summary>
    private IEnumerable<AssumeRoleEdge> OutsideEdges(IamEntity role)
    {
        var trust = role.Trust!;
        foreach (var party in ResourceExposure.Parties(trust, AssumeRole, role.Arn, _model.AccountId))
        {
            var kind = party.Party == "*" ? AssumeRoleEdgeKind.Public
                : party.Party.EndsWith(".amazonaws.com", StringComparison.Ordinal) || party.Party.Contains(".amazonaws.com for account ", StringComparison.Ordinal)
                    ? AssumeRoleEdgeKind.Service
                    : AssumeRoleEdgeKind.CrossAccount;
            var requires = kind switch
            {
                AssumeRoleEdgeKind.CrossAccount => $"an identity policy in account {Arn.AccountOf(party.Party) ?? "?"} allowing sts:AssumeRole on {role.Arn}",
                AssumeRoleEdgeKind.Public => $"any AWS principal whose own policies allow sts:AssumeRole on {role.Arn}",
                _ => null,
            };
            yield return new AssumeRoleEdge(party.Party, role.Arn, kind, party.Via, party.Conditions, NeedsConditions: false)
            {
                ToRole = role,
                Requires = party.Conditions.Count == 0 || requires is null ? requires : $"{requires}, and the conditions {string.Join(", ", party.Conditions)}",
            };
        }
        foreach (var statement in trust.Statements.Where(s => s.Effect == Effect.Allow && s.Principals is not null))
            foreach (var provider in statement.Principals!.Federated)
                yield return new AssumeRoleEdge(provider, role.Arn, AssumeRoleEdgeKind.Federated,
                    [new MatchedStatement(trust.Kind, trust.Name, statement.Index, statement.Sid, statement.Effect)],
                    [.. statement.Conditions.Select(c => c.ToString())], NeedsConditions: false)
                { ToRole = role, Requires = $"a token from {provider} that meets the trust policy's conditions" };
    }

    private static List<string> Conditions(IamEntity principal, PolicyDocument trust, IReadOnlyList<MatchedStatement> via) =>
    [
        .. via.SelectMany(m => principal.Policies.Identity.Append(trust).Where(d => d.Name == m.PolicyName)
                .SelectMany(d => d.Statements.Where(s => s.Index == m.StatementIndex)).SelectMany(s => s.Conditions))
            .Select(c => c.ToString()).Distinct(),
    ];
}
