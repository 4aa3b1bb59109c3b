using System.Collections.Concurrent;
using CloudAudit.Checks.Framework;
using CloudAudit.Checks.Iam.Authorization;
using CloudAudit.Inventory;
using CloudAudit.Policy.Analysis;
using CloudAudit.Policy.Evaluation;
using CloudAudit.Policy.Model;

namespace CloudAudit.Checks.Iam.Escalation;

public enum EscalationOutcome
{
    /// <summary>The path makes the principal an administrator, directly or through the target's own escalation.</summary>
    Administrator,
    /// <summary>The path gives the principal permissions it does not have.</summary>
    MorePrivileged,
}

/// <summary>A target a path reaches, and why it is worth reaching.</summary>
public sealed record ReachedTarget(string Label, string Arn, string Why);

/// <summary>A permission the path uses, the resource it was requested on, and the statements that allow it.</summary>
public sealed record StepEvidence(string Action, string Resource, IReadOnlyList<MatchedStatement> AllowedBy);

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
    public IReadOnlyList<DataGap> Gaps { get; private init; } = [];
    public int PrincipalsAnalysed { get; private init; }
    /// <summary>Set when nothing could be analysed (the authorization details are missing).</summary>
    public DataGap? Gap { get; private init; }

    public static EscalationAnalysis Of(CheckContext context) => context.Shared(Run);

    private static EscalationAnalysis Run(CheckContext context)
    {
        var iam = IamAccount.Of(context);
        if (iam.Gap is { } gap) return new EscalationAnalysis { Gap = gap };
        var world = new EscalationWorld(context, iam);
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

        // Phase 2: which principals reach administrator, directly or through others.
        var judge = new HopJudge(world);
        var reaches = new HashSet<string>(holders, StringComparer.Ordinal);
        var byActor = edges.GroupBy(e => e.Actor.Arn).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        foreach (var (arn, list) in byActor)
            if (list.Any(e => e.Hops.Any(judge.IsAdministrator))) reaches.Add(arn);
        for (var changed = true; changed;)
        {
            changed = false;
            foreach (var (arn, list) in byActor)
                if (!reaches.Contains(arn) && list.Any(e => e.Hops.Any(h => h.Result is null && h.Entity is { } y && reaches.Contains(y.Arn))))
                    changed = reaches.Add(arn);
        }

        // Phase 3: judge each (principal, path) by its best targets.
        var findings = new ConcurrentBag<EscalationFinding>();
        Parallel.ForEach(edges, edge =>
        {
            if (Judge(edge.Actor, edge.Path, edge.Hops, edge.Probe, judge, reaches, holders) is { } finding) findings.Add(finding);
        });
        return new EscalationAnalysis
        {
            Findings = FoldChildren([.. findings]),
            Gaps = [.. iam.PolicyGaps, .. world.FunctionGaps],
            PrincipalsAnalysed = actors.Count,
        };
    }

    private static EscalationFinding? Judge(IamEntity actor, PathModel path, IReadOnlyList<Hop> hops, ActorProbe probe, HopJudge judge,
        HashSet<string> reaches, HashSet<string> holders)
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
        var first = chosen[0].Hop;
        var evidence = first.Steps.Select(u =>
            new StepEvidence(u.Step.Action, ProbeResources.AsPattern(u.Resource), probe.AllowedBy(u.Step, u.Resource, u.Target, u.Service))).ToList();
        var deny = chosen.SelectMany(c => c.Hop.BreakerResources).Select(ProbeResources.AsPattern).Distinct(StringComparer.Ordinal).ToList();
        return new EscalationFinding(actor, path, outcome,
            [.. chosen.Take(ListedTargets).Select(c => new ReachedTarget(c.Hop.Label, c.Hop.Arn, c.Why))],
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
                return _adminWithPolicy.GetOrAdd(key, _ => PrincipalAnalysis.IsAdministrator(hop.Result, hop.ResultCaller!).IsAdministrator);
            return _augmentedAdmin.GetOrAdd(hop, h => PrincipalAnalysis.IsAdministrator(h.Result!, h.ResultCaller!).IsAdministrator);
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
                    return PolicyEvaluator.Decide(world.Narrowed(actor, grant.Action.Parsed), request) == Decision.Allowed || !world.ScpsAllow(request);
                });
                if (!allowed) return new PrivilegeWitness(grant.Action.FullName, grant.Pattern);
            }
            return null;
        }

        /// <summary>Identity of a policy composition: document references (shared through the parse cache) and the boundary.</summary>
        private static string CompositionKey(PolicySet set) =>
            string.Join(",", set.Identity.Select(d => d.Name)) + "|" + (set.PermissionsBoundary?.Name ?? "");
    }
}
