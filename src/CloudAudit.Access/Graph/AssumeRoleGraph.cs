using System.Collections.Concurrent;
using CloudAudit.Access.Escalation;
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

    private readonly ConcurrentDictionary<string, (PolicyDocument Decided, IReadOnlyList<OutsideParty> Parties)> _partiesByTrust = new(StringComparer.Ordinal);

    private AssumeRoleGraph(AccessModel model) => _model = model;

    public IReadOnlyList<AssumeRoleEdge> Edges { get; private set; } = [];

    /// <summary>
    /// Every edge, ordered by role ARN then by who assumes it (ordinal). Each principal is asked only about the roles
    /// whose trust could admit it (<see cref="EscalationWorld.RolesAdmitting"/>); the pairs are decided role by role
    /// on both cores, each role's edges in the order of its principals' ARNs, so the result needs no sort.
    /// </summary>
    public static AssumeRoleGraph Build(AccessModel model)
    {
        var graph = new AssumeRoleGraph(model);
        if (model.Gap is not null) return graph;
        var principals = model.Principals.Where(p => p.Unassessable is null).OrderBy(p => p.Arn, StringComparer.Ordinal).ToArray();
        var roles = model.Iam.Roles.Where(r => r.Trust is not null).OrderBy(r => r.Arn, StringComparer.Ordinal).ToArray();
        var sides = CallerSides.Of(model, principals, AssumeRole);
        var admitted = Admitted(model.World, principals, roles);
        var edges = new List<AssumeRoleEdge>[roles.Length];
        Parallel.For(0, roles.Length, r => edges[r] = graph.EdgesInto(roles[r], admitted[r], principals, sides));
        var all = new List<AssumeRoleEdge>(edges.Sum(e => e.Count));
        foreach (var list in edges) all.AddRange(list);
        graph.Edges = all;
        return graph;
    }

    /// <summary>For each role, the positions in <paramref name="principals"/> (ascending) of those its trust could admit.</summary>
    private static int[][] Admitted(EscalationWorld world, IamEntity[] principals, IamEntity[] roles)
    {
        var position = new Dictionary<IamEntity, int>(roles.Length, ReferenceEqualityComparer.Instance);
        for (var r = 0; r < roles.Length; r++) position[roles[r]] = r;
        var candidates = new int[principals.Length][];
        Parallel.For(0, principals.Length, p =>
        {
            var found = new List<int>();
            foreach (var role in world.RolesAdmitting(principals[p]))
                if (position.TryGetValue(role, out var r)) found.Add(r);
            found.Sort();
            candidates[p] = [.. found.Where((r, i) => i == 0 || found[i - 1] != r)];
        });
        var counts = new int[roles.Length];
        foreach (var list in candidates)
            foreach (var r in list) counts[r]++;
        var admitted = counts.Select(c => new int[c]).ToArray();
        Array.Clear(counts);
        for (var p = 0; p < principals.Length; p++)
            foreach (var r in candidates[p]) admitted[r][counts[r]++] = p;
        return admitted;
    }

    /// <summary>
    /// The edges into one role: from the principals its trust could admit (in their order), then merged with the
    /// outside parties by ARN. Principals the trust cannot tell apart share one decision (<see cref="CallerSides"/>).
    /// </summary>
    private List<AssumeRoleEdge> EdgesInto(IamEntity role, int[] admitted, IamEntity[] principals, CallerSide[] sides)
    {
        var trust = role.Trust!;
        var shared = CallerSides.AsksWhoCalls(trust) ? null : new Dictionary<(int, long), Decided?>();
        var edges = new List<AssumeRoleEdge>(admitted.Length);
        foreach (var p in admitted)
        {
            var principal = principals[p];
            if (principal.Arn == role.Arn) continue;
            var side = sides[p];
            Decided? decided;
            if (shared is null || side.AsksWhoCalls || CallerSides.HowNamed(trust, principal.Caller) is not { } named)
                decided = Decide(_model, principal, role, side.Policies, side.Context);
            else if (!shared.TryGetValue((side.Composition, named), out decided))
                shared[(side.Composition, named)] = decided = Decide(_model, principal, role, side.Policies, side.Context);
            if (decided is not null) edges.Add(Edge(principal, role, decided));
        }
        var outside = OutsideEdges(role).OrderBy(e => e.From, StringComparer.Ordinal).ToList();
        if (outside.Count == 0) return edges;
        // Ties keep the principals' edges first, as a stable sort of (principals' edges, outside edges) would.
        var merged = new List<AssumeRoleEdge>(edges.Count + outside.Count);
        var i = 0;
        foreach (var party in outside)
        {
            while (i < edges.Count && string.CompareOrdinal(edges[i].From, party.From) <= 0) merged.Add(edges[i++]);
            merged.Add(party);
        }
        while (i < edges.Count) merged.Add(edges[i++]);
        return merged;
    }

    /// <summary>The edge from a principal of the account to a role, or null when it may not assume it.</summary>
    internal static AssumeRoleEdge? Decide(AccessModel model, IamEntity principal, IamEntity role) =>
        role.Arn != principal.Arn && Decide(model, principal, role, model.WithOrganization(model.Narrowed(principal, AssumeRole)), model.ContextOf(principal)) is { } decided
            ? Edge(principal, role, decided)
            : null;

    /// <summary>An allowed request: the statements behind it, and whether it holds only once conditions the caller cannot choose are met.</summary>
    private sealed record Decided(IReadOnlyList<MatchedStatement> Via, bool NeedsConditions);

    /// <param name="identitySide">The principal's policies that mention sts:AssumeRole, its boundary and the organization's policies.</param>
    private static Decided? Decide(AccessModel model, IamEntity principal, IamEntity role, PolicySet identitySide, RequestContext context)
    {
        if (role.Trust is not { } trust) return null;
        var set = identitySide.WithResourcePolicy(trust);
        // Most pairs asked are allowed: one evaluation with its statements, a second only for those that are not.
        var result = PolicyEvaluator.Evaluate(set, new AccessRequest(principal.Caller, AssumeRole, role.Arn, context, model.AccountId) { FreeKey = CallerChooses });
        if (result.IsAllowed) return new Decided(result.MatchedStatements, NeedsConditions: false);
        var loose = new AccessRequest(principal.Caller, AssumeRole, role.Arn, context, model.AccountId) { FreeKey = key => !PrincipalAnalysis.DescribesCaller(key) };
        return PolicyEvaluator.Decide(set, loose) == Decision.Allowed ? new Decided(PolicyEvaluator.Evaluate(set, loose).MatchedStatements, NeedsConditions: true) : null;
    }

    private static AssumeRoleEdge Edge(IamEntity principal, IamEntity role, Decided decided) =>
        new(principal.Arn, role.Arn, AssumeRoleEdgeKind.Principal, decided.Via, Conditions(principal, role.Trust!, decided.Via), decided.NeedsConditions)
        {
            FromEntity = principal,
            ToRole = role,
        };

    /// <summary>Keys a caller sets itself when it calls AssumeRole: the external ID, source identity, session name and tags, the region.</summary>
    public static bool CallerChooses(string key) =>
        key.StartsWith("sts:", StringComparison.OrdinalIgnoreCase)
        || key.StartsWith("aws:RequestTag/", StringComparison.OrdinalIgnoreCase)
        || key.Equals("aws:TagKeys", StringComparison.OrdinalIgnoreCase)
        || key.Equals("aws:RequestedRegion", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The outside parties the role's trust admits. Thousands of roles share a few trust texts (a service's, the
    /// account's), and a trust policy with no Resource element is decided the same for every role of the account: the
    /// parties are worked out once per text, and only the statements they cite are renamed after the role's own policy.
    /// </summary>
    private IReadOnlyList<OutsideParty> PartiesAdmittedBy(IamEntity role)
    {
        var trust = role.Trust!;
        if (role.TrustText is not { } text || trust.Statements.Any(s => s.Resources is not null))
            return ResourceExposure.Parties(trust, AssumeRole, role.Arn, _model.AccountId);
        var (decided, parties) = _partiesByTrust.GetOrAdd(text, _ => (trust, ResourceExposure.Parties(trust, AssumeRole, role.Arn, _model.AccountId)));
        return ReferenceEquals(decided, trust) ? parties
            : [.. parties.Select(p => p with { Via = [.. p.Via.Select(m => m with { PolicyName = trust.Name })] })];
    }

    /// <summary>Parties outside the account's own principals that the trust policy admits.</summary>
    private IEnumerable<AssumeRoleEdge> OutsideEdges(IamEntity role)
    {
        var trust = role.Trust!;
        foreach (var party in PartiesAdmittedBy(role))
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

    /// <summary>The conditions of the statements behind the decision (by policy name and statement index), each once.</summary>
    private static IReadOnlyList<string> Conditions(IamEntity principal, PolicyDocument trust, IReadOnlyList<MatchedStatement> via)
    {
        List<string>? conditions = null;
        void Add(PolicyDocument document, MatchedStatement matched)
        {
            if (document.Name != matched.PolicyName) return;
            for (var s = 0; s < document.Statements.Count; s++)
            {
                var statement = document.Statements[s];
                if (statement.Index != matched.StatementIndex) continue;
                for (var c = 0; c < statement.Conditions.Count; c++)
                {
                    var text = statement.Conditions[c].ToString();
                    if (!(conditions ??= []).Contains(text)) conditions.Add(text);
                }
            }
        }
        var identity = principal.Policies.Identity;
        for (var m = 0; m < via.Count; m++)
        {
            for (var d = 0; d < identity.Count; d++) Add(identity[d], via[m]);
            Add(trust, via[m]);
        }
        return conditions ?? (IReadOnlyList<string>)[];
    }
}
