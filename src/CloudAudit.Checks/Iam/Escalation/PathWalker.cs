using CloudAudit.Checks.Iam.Authorization;
using CloudAudit.Policy.Evaluation;
using CloudAudit.Policy.Model;

namespace CloudAudit.Checks.Iam.Escalation;

/// <summary>A permission the path used, on the resource it was requested on.</summary>
internal sealed record UsedStep(PathStep Step, string Resource, IamEntity? Target, string? Service);

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
    private IamEntity Actor => probe.Actor;

    public IReadOnlyList<Hop> Walk(PathModel path)
    {
        if (path.Actor is { } kind && kind != Actor.Kind) return [];
        if (!probe.MayTake(path)) return [];
        return path.Shape switch
        {
            PathShape.SelfEdit => SelfEdit(path),
            PathShape.JoinGroup => JoinGroup(path),
            PathShape.EditOther => OtherPrincipals(path, augment: true),
            PathShape.Become => OtherPrincipals(path, augment: false),
            PathShape.PassToNew => PassToNew(path),
            _ => HijackExisting(path),
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
        var targets = path.TargetKind == IamEntityKind.User ? world.Users : world.Roles;
        var hops = new List<Hop>();
        foreach (var target in targets)
        {
            if (target.Arn == Actor.Arn) continue;
            var used = new List<UsedStep>();
            var breaker = new List<string>();
            foreach (var step in path.Steps)
            {
                var resources = step.On switch
                {
                    On.AssumeTarget => probe.CanAssume(target) ? [target.Arn] : [],
                    On.TargetPolicy => EscalationWorld.CustomerPolicies(target).Where(arn => probe.Allowed(step, arn)).ToList(),
                    _ => probe.Allowed(step, target.Arn, target) ? [target.Arn] : [],
                };
                if (resources.Count == 0) break;
                used.Add(new UsedStep(step, resources[0], target, null));
                if (step == path.Breaker) breaker.AddRange(resources);
            }
            if (used.Count < path.Steps.Count) continue;
            hops.Add(augment
                ? new Hop(target.ToString(), target.Arn, target, world.WithAdministratorPolicy(target), target.Caller, used, breaker)
                : new Hop(target.ToString(), target.Arn, target, null, null, used, breaker));
        }
        return hops;
    }

    private List<Hop> PassToNew(PathModel path)
    {
        var created = new List<UsedStep>();
        foreach (var step in path.Steps.Where(s => s.On != On.PassedRole))
        {
            if (probe.NewResource(step) is not { } resource) return [];
            created.Add(new UsedStep(step, resource, null, null));
        }
        var pass = path.Breaker;
        var hops = new List<Hop>();
        foreach (var role in world.RolesTrusting(path.Service!, path.NeedsInstanceProfile))
        {
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
            foreach (var function in world.Functions)
            {
                if (function.Role.Arn == Actor.Arn) continue;
                var used = path.Steps.Select(step => Resolve(step, function.FunctionArn)).ToList();
                if (used.Any(u => u is null)) continue;
                hops.Add(new Hop($"{function.Role} (function {function.FunctionArn})", function.Role.Arn, function.Role, null, null,
                    [.. used.OfType<UsedStep>()], [function.FunctionArn]));
            }
            return hops;
        }
        var steps = path.Steps.Select(step => Resolve(step, null)).ToList();
        if (steps.Any(s => s is null)) return [];
        var usedSteps = steps.OfType<UsedStep>().ToList();
        var breaker = usedSteps.First(u => u.Step == path.Breaker).Resource;
        foreach (var role in world.RolesTrusting(path.Service!, path.NeedsInstanceProfile).Where(r => r.Arn != Actor.Arn))
            hops.Add(new Hop(role.ToString(), role.Arn, role, null, null, usedSteps, [breaker]));
        return hops;
    }

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
