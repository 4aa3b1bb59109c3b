using CloudAudit.Access.Principals;
using CloudAudit.Policy.Catalog;
using CloudAudit.Policy.Evaluation;
using CloudAudit.Policy.Matching;
using CloudAudit.Policy.Model;

namespace CloudAudit.Access.Escalation;

/// <summary>One request context key a step carries beyond the principal's own (the policy ARN a detach names).</summary>
internal readonly record struct ContextEntry(string Key, string Value);

/// <summary>
/// Asks the engine what one principal may do for a path, with the request context the attack would carry:
/// TLS, the principal's tags, iam:PassedToService for a passed role, iam:PolicyARN set to AdministratorAccess for
/// an attached policy, the target's tags as aws:ResourceTag and iam:ResourceTag. The account's SCPs must let each
/// permission through too. Keys an attacker with the
/// principal's credentials would not present (MFA, a source IP, a VPC endpoint) are absent, so permissions that
/// require them do not count. Decisions are remembered per principal: paths share many permissions.
/// </summary>
internal sealed class ActorProbe(EscalationWorld world, IamEntity actor)
{
    private readonly Dictionary<(string Action, string Resource, string? Service, ContextEntry? Extra), bool> _decisions = [];
    private readonly Dictionary<(string Action, string? Type), string?> _newResources = [];
    private readonly Dictionary<(string? Service, string? AdministratorKey), RequestContext> _contexts = [];
    private bool? _readsResourceTags;
    private bool[]? _allowedActions;

    public IamEntity Actor => actor;

    /// <summary>
    /// A cheap necessary condition: every permission of the path (except assuming a role, which a trust policy
    /// naming the principal grants on its own) is matched by some Allow statement of the principal.
    /// </summary>
    public bool MayTake(PathModel path) =>
        path.Steps.All(step => step.On == On.AssumeTarget
            || (_allowedActions ??= world.AllowedPathActions(actor))[DocumentIndex.PositionOf(step.Info)]);

    /// <summary>Whether the principal may perform the step on the resource (acting on <paramref name="target"/>, if any).</summary>
    public bool Allowed(PathStep step, string resource, IamEntity? target = null, string? service = null, ContextEntry? extra = null)
    {
        var key = (step.Action, resource, service, extra);
        if (_decisions.TryGetValue(key, out var known)) return known;
        var request = Request(step, resource, target, service, extra);
        var allowed = PolicyEvaluator.Decide(world.Narrowed(actor, request.Action), request) == Decision.Allowed && world.GuardrailsAllow(request);
        _decisions[key] = allowed;
        return allowed;
    }

    /// <summary>
    /// Whether the principal may assume the role: its identity policies and the role's trust policy together, with the
    /// keys it passes to AssumeRole its own to choose (see <see cref="Graph.AssumeRoleGraph"/>); not when the trust
    /// needs MFA or a network the attacker does not have.
    /// </summary>
    public bool CanAssume(IamEntity role) => world.Model.AssumeEdge(actor, role) is { NeedsConditions: false };

    /// <summary>A resource of the step's type the principal may act on when it names it itself, or null.</summary>
    public string? NewResource(PathStep step)
    {
        var key = (step.Action, step.ResourceType);
        if (_newResources.TryGetValue(key, out var known)) return known;
        var action = Action(step);
        string? found;
        if (step.On == On.Any || ProbeResources.TypeOf(action, step.ResourceType) is not { } type)
            found = Allowed(step, "*") ? "*" : null;
        else
        {
            var defaultArn = ProbeResources.DefaultArn(type, world.Partition, world.Region, world.Account);
            var statements = actor.Policies.Identity.SelectMany(d => world.AllowStatements(d, action.Parsed));
            found = ProbeResources.Candidates(statements, type, defaultArn).FirstOrDefault(arn => Allowed(step, arn));
        }
        _newResources[key] = found;
        return found;
    }

    /// <summary>An existing resource of the step's type as the catalogue names it: only broad grants reach it.</summary>
    public string? ExistingResource(PathStep step)
    {
        var action = Action(step);
        if (step.On == On.Any || ProbeResources.TypeOf(action, step.ResourceType) is not { } type)
            return Allowed(step, "*") ? "*" : null;
        var arn = ProbeResources.DefaultArn(type, world.Partition, world.Region, world.Account);
        return Allowed(step, arn) ? arn : null;
    }

    /// <summary>The statements that allow a step, for the finding's evidence.</summary>
    public IReadOnlyList<MatchedStatement> AllowedBy(PathStep step, string resource, IamEntity? target, string? service, ContextEntry? extra = null)
    {
        var set = step.On == On.AssumeTarget && target?.Trust is { } trust ? actor.Policies.WithResourcePolicy(trust) : actor.Policies;
        return [.. PolicyEvaluator.Evaluate(set, Request(step, resource, target, service, extra)).MatchedStatements.Where(m => m.Effect == Effect.Allow)];
    }

    /// <summary>The request a step makes, as the walk asked it: what Proof Mode asks AWS's evaluator again.</summary>
    public AccessRequest RequestFor(PathStep step, string resource, IamEntity? target, string? service) => Request(step, resource, target, service, null);

    private AccessRequest Request(PathStep step, string resource, IamEntity? target, string? service, ContextEntry? extra)
    {
        var passed = step.On == On.PassedRole ? service : null;
        var context = ContextFor(passed, AdministratorKey(step.Action));
        // The target's tags matter only to policies that read them; otherwise the shared context will do.
        var tags = target is { Tags.Count: > 0 } && (ReadsResourceTags || (step.On == On.AssumeTarget && EscalationWorld.ReadsResourceTags(target.Trust)));
        if (tags || extra is not null)
        {
            context = context.Copy();
            if (tags)
                foreach (var (key, value) in target!.Tags)
                    context.Set($"aws:ResourceTag/{key}", value).Set($"iam:ResourceTag/{key}", value);
            if (extra is { } entry) context.Set(entry.Key, entry.Value);
        }
        return new AccessRequest(actor.Caller, Action(step).Parsed, resource, context, world.Account);
    }

    /// <summary>
    /// The condition key that names the policy an attack puts in place: attaching a policy names it in iam:PolicyARN,
    /// putting a boundary in iam:PermissionsBoundary. The attacker picks AdministratorAccess.
    /// </summary>
    private static string? AdministratorKey(string action) =>
        action.StartsWith("iam:Attach", StringComparison.Ordinal) ? "iam:PolicyARN"
        : action.StartsWith("iam:Put", StringComparison.Ordinal) && action.EndsWith("PermissionsBoundary", StringComparison.Ordinal) ? "iam:PermissionsBoundary"
        : null;

    /// <summary>The principal's context with iam:PassedToService and the chosen policy's key as a step needs them, built once each.</summary>
    private RequestContext ContextFor(string? passedToService, string? administratorKey)
    {
        if (_contexts.TryGetValue((passedToService, administratorKey), out var known)) return known;
        var context = world.ContextOf(actor).Copy();
        if (passedToService is not null) context.Set("iam:PassedToService", passedToService);
        if (administratorKey is not null) context.Set(administratorKey, AdministrativePolicy.AdministratorAccessIn(world.Partition));
        _contexts[(passedToService, administratorKey)] = context;
        return context;
    }

    private bool ReadsResourceTags => _readsResourceTags ??=
        actor.Policies.Identity.Append(actor.Boundary).Any(EscalationWorld.ReadsResourceTags);

    private static ActionInfo Action(PathStep step) => step.Info;
}
