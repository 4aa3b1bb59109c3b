using CloudAudit.Access.Principals;
using CloudAudit.Policy.Evaluation;
using CloudAudit.Policy.Model;

namespace CloudAudit.Access.Escalation;

/// <summary>A permission the path used, on the resource it was requested on.</summary>
internal sealed record UsedStep(PathStep Step, string Resource, IamEntity? Target, string? Service, ContextEntry? Context = null);

/// <summary>
/// Where taking a path once leads: an existing principal the actor becomes (<see cref="Entity"/> with no
/// <see cref="Result"/>), or permissions computed after a change (the actor or a target plus an administrator
/// policy, or the actor plus a group's policies).
/// </summary>
internal sealed record Hop(string Label, string Arn, IamEntity? Entity, PolicySet? Result, Principal? ResultCaller,
    IReadOnlyList<UsedStep> Steps, IReadOnlyList<string> BreakerResources);

/// <summary>Enumerates, for one principal and one path, every target the path reaches.</summary>
internal sealed class PathWalker(EscalationWorld world, ActorProbe probe)
{
    private const int FunctionsPerRole = 10;
    /// <summary>At most this many targets are judged per principal and path: enough to find the privileged ones, bounded for huge accounts.</summary>
    public const int MaxHops = 250;
    private bool _firstOnly;

    private IamEntity Actor => probe.Actor;

    private IReadOnlyList<IamEntity>? _rolesNamingActor;
    /// <summary>The roles whose trust could admit the actor (see <see cref="EscalationWorld.RolesNaming"/>): asked by several paths, listed once.</summary>
    private IReadOnlyList<IamEntity> RolesNamingActor => _rolesNamingActor ??= [.. world.RolesNaming(Actor)];

    /// <summary>
    /// Whether to stop before <paramref name="next"/>: one hop was asked for, or the bound is reached, or (targets come
    /// administrators first) administrators were reached and the rest cannot add to a CRITICAL finding.
    /// </summary>
    private bool Enough(List<Hop> hops, IamEntity? next = null) =>
        hops.Count > 0 && (_firstOnly || hops.Count >= MaxHops
            || (next is not null && hops[0].Result is null && hops[0].Entity is { } first && world.IsAdministrator(first) && !world.IsAdministrator(next)));

    /// <summary>Every target the path reaches; with <paramref name="firstOnly"/>, whether it reaches any (one hop at most).</summary>
    public IReadOnlyList<Hop> Walk(PathModel path, bool firstOnly = false)
    {
        if (path.Actor is { } kind && kind != Actor.Kind) return [];
        if (!probe.MayTake(path)) return [];
        _firstOnly = firstOnly;
        return path.Shape switch
        {
            PathShape.SelfEdit => SelfEdit(path),
            PathShape.JoinGroup => JoinGroup(path),
            PathShape.EditOther => OtherPrincipals(path, augment: true),
            PathShape.Become => OtherPrincipals(path, augment: false),
            PathShape.PassToNew => PassToNew(path),
            PathShape.HijackExisting => HijackExisting(path),
            PathShape.LiftLimit => LiftLimit(path),
            _ => [],
        };
    }

    private List<Hop> SelfEdit(PathModel path)
    {
        var used = new List<UsedStep>();
        var breaker = new List<string>();
        foreach (var step in path.Steps)
        {
            var resources = step.On switch
            {
                On.Self => [Actor.Arn],
                On.OwnGroup => Actor.Groups.Select(g => g.Arn),
                _ => EscalationWorld.CustomerPolicies(Actor),
            };
            var allowed = resources.Where(r => probe.Allowed(step, r)).ToList();
            if (allowed.Count == 0) return [];
            used.Add(new UsedStep(step, allowed[0], null, null));
            if (step == path.Breaker) breaker.AddRange(allowed);
        }
        return [new Hop("itself", Actor.Arn, null, world.WithAdministratorPolicy(Actor), Actor.Caller, used, breaker)];
    }

    private List<Hop> JoinGroup(PathModel path)
    {
        var step = path.Steps[0];
        var hops = new List<Hop>();
        foreach (var group in world.Groups.Where(g => !Actor.Groups.Contains(g) && probe.Allowed(step, g.Arn, g)))
        {
            if (Enough(hops)) break;
            var result = new PolicySet
            {
                Identity = [.. Actor.Policies.Identity, .. group.OwnPolicies.Select(p => p.Document)],
                PermissionsBoundary = Actor.Boundary,
            };
            hops.Add(new Hop($"group {group.Name}", group.Arn, null, result, Actor.Caller, [new UsedStep(step, group.Arn, group, null)], [group.Arn]));
        }
        return hops;
    }

    /// <summary>EditOther (the target gains an administrator policy) and Become (the target as it is).</summary>
    private List<Hop> OtherPrincipals(PathModel path, bool augment)
    {
        // A role the principal must assume is one whose trust policy names it (or its account, or everyone); otherwise
        // the targets are those the first step's Resource covers.
        var (pool, poolName) = path.TargetKind == IamEntityKind.User ? (world.Users, UserPool) : (world.Roles, RolePool);
        var first = path.Steps[0];
        IEnumerable<IamEntity> targets = path.Steps.Any(s => s.On == On.AssumeTarget) ? RolesNamingActor
            : first.On is On.TargetRole or On.TargetUser ? world.Coverable(Actor, ActionOf(first), pool, poolName)
            : pool;
        var hops = new List<Hop>();
        foreach (var target in targets)
        {
            if (Enough(hops, augment ? null : target)) break;
            if (target.Arn == Actor.Arn) continue;
            List<UsedStep>? used = null;
            List<string>? breaker = null;
            foreach (var step in path.Steps)
            {
                var resources = step.On switch
                {
                    On.AssumeTarget => probe.CanAssume(target) ? [target.Arn] : [],
                    On.TargetPolicy => EscalationWorld.CustomerPolicies(target).Where(arn => probe.Allowed(step, arn)).ToList(),
                    _ => probe.Allowed(step, target.Arn, target) ? [target.Arn] : [],
                };
                if (resources.Count == 0)
                {
                    used = null;
                    break;
                }
                (used ??= []).Add(new UsedStep(step, resources[0], target, null));
                if (step == path.Breaker) (breaker ??= []).AddRange(resources);
            }
            if (used is null) continue;
            hops.Add(augment
                ? new Hop(target.ToString(), target.Arn, target, world.WithAdministratorPolicy(target), target.Caller, used, breaker ?? [])
                : new Hop(target.ToString(), target.Arn, target, null, null, used, breaker ?? []));
        }
        return hops;
    }

    private List<Hop> PassToNew(PathModel path)
    {
        var created = new List<UsedStep>();
        foreach (var step in path.Steps.Where(s => s.On != On.PassedRole))
        {
            var resource = step.On == On.ExistingResource ? probe.ExistingResource(step) : probe.NewResource(step);
            if (resource is null) return [];
            created.Add(new UsedStep(step, resource, null, null));
        }
        var pass = path.Breaker;
        var hops = new List<Hop>();
        var trusting = world.RolesTrusting(path.Service!, path.NeedsInstanceProfile, path.FederatedTrust);
        foreach (var role in world.Coverable(Actor, ActionOf(pass), trusting, $"{path.Service}|{path.NeedsInstanceProfile}|{path.FederatedTrust}"))
        {
            if (Enough(hops, role)) break;
            if (role.Arn == Actor.Arn || !probe.Allowed(pass, role.Arn, role, path.Service)) continue;
            hops.Add(new Hop(role.ToString(), role.Arn, role, null, null,
                [new UsedStep(pass, role.Arn, role, path.Service), .. created], [role.Arn]));
        }
        return hops;
    }

    private List<Hop> HijackExisting(PathModel path)
    {
        var hops = new List<Hop>();
        if (path.Existing == ExistingSource.LambdaFunctions)
        {
            // One hop per role: the functions that run as it and that the actor may change (a few, for the fix).
            // Null: every function. Only the roles that run a function the actor may change are visited, in the groups' order (administrators first).
            var changeable = world.CoveredArns(Actor, ActionOf(path.Steps[0]), world.FunctionArns, "functions", arn => arn);
            var groups = changeable is null ? Enumerable.Range(0, world.FunctionsByRole.Count)
                : changeable.SelectMany(arn => world.FunctionGroups[arn]).Distinct().Order();
            foreach (var functions in groups.Select(i => world.FunctionsByRole[i]))
            {
                var role = functions[0].Role;
                if (Enough(hops, role)) break;
                if (role.Arn == Actor.Arn) continue;
                var reachable = new List<(FunctionRole Function, List<UsedStep> Used)>();
                foreach (var function in functions.Where(f => changeable is null || changeable.Contains(f.FunctionArn)))
                {
                    var used = path.Steps.Select(step => Resolve(step, function.FunctionArn)).ToList();
                    if (used.All(u => u is not null)) reachable.Add((function, [.. used.OfType<UsedStep>()]));
                    if (reachable.Count == FunctionsPerRole) break;
                }
                if (reachable.Count == 0) continue;
                hops.Add(new Hop($"{role} (function {reachable[0].Function.FunctionArn})", role.Arn, role, null, null,
                    reachable[0].Used, [.. reachable.Select(r => r.Function.FunctionArn)]));
            }
            return hops;
        }
        var steps = path.Steps.Select(step => Resolve(step, null)).ToList();
        if (steps.Any(s => s is null)) return [];
        var usedSteps = steps.OfType<UsedStep>().ToList();
        // The grant reaches every resource of the type, so the Deny names them all, in every region.
        var breaker = ProbeResources.AnyOf(ProbeResources.TypeOf(path.Breaker.Info, path.Breaker.ResourceType), world.Partition, world.Account);
        foreach (var role in world.RolesTrusting(path.Service!, path.NeedsInstanceProfile, path.FederatedTrust).Where(r => r.Arn != Actor.Arn))
        {
            if (Enough(hops, role)) break;
            hops.Add(new Hop(role.ToString(), role.Arn, role, null, null, usedSteps, [breaker]));
        }
        return hops;
    }

    /// <summary>
    /// A limit lifted on the principal itself, or on a role it can assume: each lift the target has (a Deny policy, a
    /// boundary, another policy version) is a hop whose result is the target's policies without it.
    /// </summary>
    private List<Hop> LiftLimit(PathModel path)
    {
        var first = path.Steps[0];
        // The roles it may assume whose ARN its grant covers: worked out on every role once per statement, shared by all actors.
        var covered = path.OnSelf ? null : world.CoveredArns(Actor, ActionOf(first), world.Roles, RolePool, r => r.Arn);
        IEnumerable<IamEntity> targets = path.OnSelf ? [Actor]
            : RolesNamingActor.Where(r => covered is null || covered.Contains(r.Arn));
        var hops = new List<Hop>();
        foreach (var target in targets)
        {
            if (!path.OnSelf && target.Arn == Actor.Arn) continue;
            foreach (var lift in world.Lifts(target, path.Lifts!.Value))
            {
                if (Enough(hops)) return hops;
                var used = new List<UsedStep>();
                foreach (var step in path.Steps)
                {
                    var resource = step.On == On.OwnPolicy ? lift.Resource : target.Arn;
                    var allowed = step.On == On.AssumeTarget ? probe.CanAssume(target) : probe.Allowed(step, resource, target, null, lift.Context);
                    if (!allowed) break;
                    used.Add(new UsedStep(step, resource, target, null, step.On == On.AssumeTarget ? null : lift.Context));
                }
                if (used.Count < path.Steps.Count) continue;
                hops.Add(new Hop(path.OnSelf ? $"itself ({lift.Label})" : lift.Label, target.Arn, path.OnSelf ? null : target, lift.Result,
                    target.Caller, used, [used[0].Resource]));
            }
        }
        return hops;
    }

    private static Policy.Matching.ActionName ActionOf(PathStep step) => step.Info.Parsed;

    /// <summary>Names of the pools <see cref="EscalationWorld.Coverable{T}"/> remembers statements' coverage of.</summary>
    private const string RolePool = "Role", UserPool = "User";

    /// <summary>The resource a hijack step is allowed on: the given function, a new resource, or a broad grant.</summary>
    private UsedStep? Resolve(PathStep step, string? existing)
    {
        var resource = step.On switch
        {
            On.ExistingResource when existing is not null => probe.Allowed(step, existing) ? existing : null,
            On.ExistingResource => probe.ExistingResource(step),
            _ => probe.NewResource(step),
        };
        return resource is null ? null : new UsedStep(step, resource, null, null);
    }
}
