using System.Collections.Concurrent;
using CloudAudit.Access.Principals;
using CloudAudit.Inventory;
using CloudAudit.Policy.Analysis;
using CloudAudit.Policy.Evaluation;
using CloudAudit.Policy.Model;

namespace CloudAudit.Access.Escalation;

public enum EscalationOutcome
{
    /// <summary>The path makes the principal an administrator, directly or through the target's own escalation.</summary>
    Administrator,
    /// <summary>The path gives the principal permissions it does not have.</summary>
    MorePrivileged,
}

/// <summary>A target a path reaches, and why it is worth reaching.</summary>
public sealed record ReachedTarget(string Label, string Arn, string Why)
{
    /// <summary>For a target that escalates further: its own shortest chain to administrator.</summary>
    public EscalationChain? Onward { get; init; }
}

/// <summary>
/// One hop of a chain: <see cref="From"/> takes path <see cref="Method"/> (a catalogue ID) with the permissions in
/// <see cref="Steps"/> and so acts as <see cref="To"/> (a principal ARN), or gains administrator access itself
/// (<see cref="To"/> is then its own ARN). <see cref="Gains"/> says what it gains in words.
/// </summary>
public sealed record ChainHop(string From, string To, string Method, string Gains, IReadOnlyList<StepEvidence> Steps);

/// <summary>A principal's shortest route to administrator, every hop named; one hop when a single path gets there.</summary>
public sealed record EscalationChain(IamEntity Principal, IReadOnlyList<ChainHop> Hops)
{
    public bool IsMultiHop => Hops.Count > 1;

    /// <summary>The route as a line: "user/a -[sts-001]-> role/b -[iam-009]-> administrator".</summary>
    public override string ToString() =>
        Principal.Arn + string.Concat(Hops.Select(h => $" -[{h.Method}]-> {(h == Hops[^1] ? h.Gains : h.To)}"));
}

/// <summary>A permission the path uses, the resource it was requested on, and the statements that allow it.</summary>
public sealed record StepEvidence(string Action, string Resource, IReadOnlyList<MatchedStatement> AllowedBy)
{
    /// <summary>The request the engine decided (the concrete resource, the step's context keys), for Proof Mode.</summary>
    internal AccessRequest? Request { get; init; }
    /// <summary>The role assumed, for a step whose trust policy decides with the identity side.</summary>
    internal IamEntity? AssumedRole { get; init; }
}

/// <summary>One principal that can take one path.</summary>
public sealed record EscalationFinding(
    IamEntity Principal, PathModel Path, EscalationOutcome Outcome, IReadOnlyList<ReachedTarget> Targets, int MoreTargets,
    IReadOnlyList<StepEvidence> Evidence, IReadOnlyList<string> DenyResources)
{
    /// <summary>Paths derived from this one (pathfinding "children") that the principal can take too.</summary>
    public IReadOnlyList<string> AlsoOpens { get; init; } = [];
}

/// <summary>
/// aws-iam-018's analysis. For every user and role that is not already an administrator, walks every catalogue path
/// with the engine (resource-aware, conditions honoured, permissions boundary applied) and collects the targets each
/// path reaches. A target counts when it is an administrator, can itself reach administrator through some path (so
/// chains of any length count), or is more privileged than the principal (<see cref="Privilege"/>).
/// </summary>
public sealed class EscalationAnalysis
{
    private const int ListedTargets = 5;
    /// <summary>A stopgap Deny listing more resources than this would not fit an inline policy: it denies on "*" instead.</summary>
    private const int DeniedResources = 10;

    public IReadOnlyList<EscalationFinding> Findings { get; private init; } = [];
    /// <summary>Every principal that can become an administrator, with its shortest chain (one or more hops).</summary>
    public IReadOnlyList<EscalationChain> Chains { get; private init; } = [];
    public IReadOnlyList<DataGap> Gaps { get; private init; } = [];
    public int PrincipalsAnalysed { get; private init; }
    /// <summary>Set when nothing could be analysed (the authorization details are missing).</summary>
    public DataGap? Gap { get; private init; }

    internal static EscalationAnalysis Run(AccessModel model)
    {
        var iam = model.Iam;
        if (iam.Gap is { } gap) return new EscalationAnalysis { Gap = gap };
        var world = model.World;
        // Administrators have nothing to gain; holders of an administrative policy are aws-iam-005's findings, and as
        // good as administrators to whoever can become them.
        var principals = world.Users.Concat(world.Roles).Where(p => !p.IsServiceLinked && !world.IsAdministrator(p)).ToList();
        var holders = principals.Where(world.HoldsAdministrativePolicy).Select(p => p.Arn).ToHashSet(StringComparer.Ordinal);
        var actors = principals.Where(p => !holders.Contains(p.Arn)).ToList();

        // Phase 1: every (principal, path) and the hops it reaches.
        var edges = new ConcurrentBag<(IamEntity Actor, PathModel Path, IReadOnlyList<Hop> Hops, ActorProbe Probe)>();
        Parallel.ForEach(actors, actor =>
        {
            var probe = new ActorProbe(world, actor);
            var walker = new PathWalker(world, probe);
            // Parents first: a derived path whose parent opens on the same kind of target is folded into it, so one hop says enough.
            var opened = new HashSet<string>(StringComparer.Ordinal);
            foreach (var path in PathModels.InParentOrder)
                if (walker.Walk(path, firstOnly: path.Catalogue.Parent is { } parent && opened.Contains(parent) && PathModels.Get(parent).Shape == path.Shape)
                    is { Count: > 0 } hops)
                {
                    opened.Add(path.Id);
                    edges.Add((actor, path, hops, probe));
                }
        });

        // Phase 2: which principals reach administrator, directly or through others: shortest routes, layer by layer.
        var judge = new HopJudge(world);
        var byActor = edges.GroupBy(e => e.Actor.Arn)
            .ToDictionary(g => g.Key, g => g.OrderBy(e => e.Path.Id, StringComparer.Ordinal).ToList(), StringComparer.Ordinal);
        var routes = new Dictionary<string, Route>(StringComparer.Ordinal);
        foreach (var (arn, list) in byActor)
            foreach (var edge in list)
                if (edge.Hops.FirstOrDefault(judge.IsAdministrator) is { } hop)
                {
                    routes[arn] = new Route(edge.Actor, edge.Path, hop, edge.Probe, null);
                    break;
                }
        for (var layer = new List<Route>(); ; layer.Clear())
        {
            foreach (var (arn, list) in byActor)
            {
                if (routes.ContainsKey(arn)) continue;
                foreach (var edge in list)
                    if (edge.Hops.FirstOrDefault(h => h.Result is null && h.Entity is { } y && (routes.ContainsKey(y.Arn) || holders.Contains(y.Arn))) is { } hop)
                    {
                        layer.Add(new Route(edge.Actor, edge.Path, hop, edge.Probe, hop.Entity!.Arn));
                        break;
                    }
            }
            if (layer.Count == 0) break;
            foreach (var route in layer) routes[route.Actor.Arn] = route;
        }
        var reaches = new HashSet<string>(routes.Keys.Concat(holders), StringComparer.Ordinal);
        var chains = new ConcurrentDictionary<string, EscalationChain>(StringComparer.Ordinal);
        Parallel.ForEach(routes.Keys, arn => chains[arn] = ChainOf(arn, routes, holders, judge));

        // Phase 3: judge each (principal, path) by its best targets.
        var findings = new ConcurrentBag<EscalationFinding>();
        Parallel.ForEach(edges, edge =>
        {
            if (Judge(edge.Actor, edge.Path, edge.Hops, edge.Probe, judge, reaches, holders, chains) is { } finding) findings.Add(finding);
        });
        return new EscalationAnalysis
        {
            Findings = FoldChildren([.. findings]),
            Chains = [.. chains.Values.OrderBy(c => c.Principal.Arn, StringComparer.Ordinal)],
            Gaps = [.. iam.PolicyGaps, .. world.FunctionGaps],
            PrincipalsAnalysed = actors.Count,
        };
    }

    /// <summary>The principal's first hop toward administrator, and the principal it leads to (null: the hop gets there).</summary>
    private sealed record Route(IamEntity Actor, PathModel Path, Hop Hop, ActorProbe Probe, string? Next);

    private static EscalationChain ChainOf(string arn, Dictionary<string, Route> routes, HashSet<string> holders, HopJudge judge)
    {
        var hops = new List<ChainHop>();
        var principal = routes[arn].Actor;
        for (var current = arn; routes.TryGetValue(current, out var route) && hops.Count <= routes.Count;)
        {
            var gains = route.Next is null ? AdministratorGain(route.Hop)
                : holders.Contains(route.Next) ? $"acts as {route.Hop.Label}, which holds an administrative policy"
                : $"acts as {route.Hop.Label}";
            hops.Add(new ChainHop(current, route.Hop.Arn, route.Path.Id, gains, Evidence(route.Hop, route.Probe)));
            if (route.Next is null || holders.Contains(route.Next)) break;
            current = route.Next;
        }
        return new EscalationChain(principal, hops);
    }

    private static string AdministratorGain(Hop hop) =>
        hop.Result is null ? $"acts as {hop.Label}, an administrator"
        : hop.Entity is null ? "administrator access for itself"
        : $"makes {hop.Label} an administrator and acts as it";

    private static List<StepEvidence> Evidence(Hop hop, ActorProbe probe) =>
        [.. hop.Steps.Select(u => new StepEvidence(u.Step.Action, ProbeResources.AsPattern(u.Resource), probe.AllowedBy(u.Step, u.Resource, u.Target, u.Service))
        {
            Request = probe.RequestFor(u.Step, u.Resource, u.Target, u.Service),
            AssumedRole = u.Step.On == On.AssumeTarget ? u.Target : null,
        })];

    private static EscalationFinding? Judge(IamEntity actor, PathModel path, IReadOnlyList<Hop> hops, ActorProbe probe, HopJudge judge,
        HashSet<string> reaches, HashSet<string> holders, IReadOnlyDictionary<string, EscalationChain> chains)
    {
        var critical = new List<(Hop Hop, string Why)>();
        foreach (var hop in hops)
        {
            if (judge.IsAdministrator(hop))
                critical.Add((hop, hop.Result is null ? "an administrator" : hop.Entity is null ? "administrator access" : "made an administrator"));
            else if (hop.Result is null && hop.Entity is { } y && reaches.Contains(y.Arn))
                critical.Add((hop, holders.Contains(y.Arn) ? "holds an administrative policy" : "able to escalate to administrator itself"));
        }
        var outcome = EscalationOutcome.Administrator;
        var chosen = critical;
        if (critical.Count == 0)
        {
            outcome = EscalationOutcome.MorePrivileged;
            chosen = [];
            foreach (var hop in hops)
            {
                if (judge.Witness(hop, actor) is { } witness) chosen.Add((hop, $"more privileged: allowed {witness}, which {actor.Name} is not"));
                if (chosen.Count == ListedTargets) break;
            }
            if (chosen.Count == 0) return null;
        }
        var evidence = Evidence(chosen[0].Hop, probe);
        var deny = chosen.SelectMany(c => c.Hop.BreakerResources).Select(ProbeResources.AsPattern).Distinct(StringComparer.Ordinal).ToList();
        return new EscalationFinding(actor, path, outcome,
            [.. chosen.Take(ListedTargets).Select(c => new ReachedTarget(c.Hop.Label, c.Hop.Arn, c.Why)
                { Onward = c.Hop.Result is null && c.Hop.Entity is { } y ? chains.GetValueOrDefault(y.Arn) : null })],
            Math.Max(0, chosen.Count - ListedTargets), evidence,
            deny.Count > DeniedResources || hops.Count >= PathWalker.MaxHops ? ["*"] : deny);
    }

    /// <summary>A path derived from another (adds a permission to lift a prerequisite) is folded into its parent when both open.</summary>
    private static List<EscalationFinding> FoldChildren(List<EscalationFinding> findings)
    {
        var byPrincipal = findings.GroupBy(f => f.Principal.Arn);
        var kept = new List<EscalationFinding>();
        foreach (var group in byPrincipal)
        {
            var ids = group.ToDictionary(f => f.Path.Id, StringComparer.Ordinal);
            foreach (var finding in group)
            {
                if (finding.Path.Catalogue.Parent is { } parent && ids.ContainsKey(parent)) continue;
                var children = group.Where(c => c.Path.Catalogue.Parent == finding.Path.Id).Select(c => c.Path.Id).Order(StringComparer.Ordinal).ToList();
                kept.Add(children.Count == 0 ? finding : finding with { AlsoOpens = children });
            }
        }
        return [.. kept.OrderBy(f => f.Principal.Arn, StringComparer.Ordinal).ThenBy(f => f.Path.Id, StringComparer.Ordinal)];
    }

    /// <summary>Decides what a hop is worth; results shared across principals are computed once.</summary>
    private sealed class HopJudge(EscalationWorld world)
    {
        private readonly ConcurrentDictionary<Hop, bool> _augmentedAdmin = new();
        private readonly ConcurrentDictionary<string, bool> _adminWithPolicy = new(StringComparer.Ordinal);
        private readonly ConcurrentDictionary<(string Actor, string Action, string Resource), bool> _actorAllows = new();

        public bool IsAdministrator(Hop hop)
        {
            if (hop.Result is null) return hop.Entity is { } entity && world.IsAdministrator(entity);
            // "Entity plus AdministratorAccess" depends only on its denies and boundary: one answer per such pair.
            var key = hop.Result.Identity.Count > 0 && ReferenceEquals(hop.Result.Identity[0], world.AdministratorAccess)
                ? CompositionKey(hop.Result)
                : null;
            if (key is not null)
                return _adminWithPolicy.GetOrAdd(key, _ => Verdict(hop));
            return _augmentedAdmin.GetOrAdd(hop, Verdict);
        }

        public PrivilegeWitness? Witness(Hop hop, IamEntity actor)
        {
            var grants = hop.Result is { } result
                ? Privilege.Grants(result, hop.ResultCaller!, world.ContextOf(actor), world.SensitiveAllows)
                : world.GrantsOf(hop.Entity!);
            var context = world.ContextOf(actor);
            foreach (var grant in grants)
            {
                // A grant the SCPs block is no more the target's than the principal's: it is no witness.
                var allowed = _actorAllows.GetOrAdd((actor.Arn, grant.Action.FullName, grant.Resource), _ =>
                {
                    var request = new AccessRequest(actor.Caller, grant.Action.Parsed, grant.Resource, context);
                    return PolicyEvaluator.Decide(world.Narrowed(actor, grant.Action.Parsed), request) == Decision.Allowed || !world.GuardrailsAllow(request);
                });
                if (!allowed) return new PrivilegeWitness(grant.Action.FullName, grant.Pattern);
            }
            return null;
        }

        private bool Verdict(Hop hop) =>
            world.Model.AdminVerdict(hop.Result!, hop.ResultCaller!, (hop.Entity ?? world.Model.Find(hop.Arn)) is { } subject ? world.ContextOf(subject) : new RequestContext()).IsAdministrator;

        /// <summary>Identity of a policy composition: document references (shared through the parse cache) and the boundary.</summary>
        private static string CompositionKey(PolicySet set) =>
            string.Join(",", set.Identity.Select(d => d.Name)) + "|" + (set.PermissionsBoundary?.Name ?? "");
    }
}
