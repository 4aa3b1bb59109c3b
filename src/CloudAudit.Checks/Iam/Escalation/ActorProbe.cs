using CloudAudit.Checks.Iam.Authorization;
using CloudAudit.Policy.Catalog;
using CloudAudit.Policy.Evaluation;
using CloudAudit.Policy.Matching;
using CloudAudit.Policy.Model;

namespace CloudAudit.Checks.Iam.Escalation;

/// <summary>
/// Asks the engine what one principal may do for a path, with the request context the attack would carry:
/// TLS, the principal's tags, iam:PassedToService for a passed role, iam:PolicyARN set to AdministratorAccess for
/// an attached policy, the target's tags as aws:ResourceTag and iam:ResourceTag. Keys an attacker with the
/// principal's credentials would not present (MFA, a source IP, a VPC endpoint) are absent, so permissions that
/// require them do not count. Decisions are remembered per principal: paths share many permissions.
/// </summary>
internal sealed class ActorProbe(EscalationWorld world, IamEntity actor)
{
    private static readonly ActionName AssumeRole = ActionName.Parse("sts:AssumeRole");
    private readonly Dictionary<(string Action, string Resource, string? Service), bool> _decisions = [];
    private readonly Dictionary<(string Action, string? Type), string?> _newResources = [];

    public IamEntity Actor => actor;

    /// <summary>
    /// A cheap necessary condition: every permission of the path (except assuming a role, which a trust policy
    /// naming the principal grants on its own) is matched by some Allow statement of the principal.
    /// </summary>
    public bool MayTake(PathModel path) =>
        path.Steps.All(step => step.On == On.AssumeTarget
            || actor.Policies.Identity.Any(d => d.Statements.Any(s => s.Effect == Effect.Allow && s.MatchesAction(Action(step).Parsed))));

    /// <summary>Whether the principal may perform the step on the resource (acting on <paramref name="target"/>, if any).</summary>
    public bool Allowed(PathStep step, string resource, IamEntity? target = null, string? service = null)
    {
        var key = (step.Action, resource, service);
        if (_decisions.TryGetValue(key, out var known)) return known;
        var allowed = PolicyEvaluator.Decide(actor.Policies, Request(step, resource, target, service)) == Decision.Allowed;
        _decisions[key] = allowed;
        return allowed;
    }

    /// <summary>Whether the principal may assume the role: its identity policies and the role's trust policy together.</summary>
    public bool CanAssume(IamEntity role)
    {
        if (role.Trust is not { } trust || role.Arn == actor.Arn) return false;
        if (!trust.Statements.Any(s => s.Effect == Effect.Allow && s.MatchesAction(AssumeRole) && s.MatchPrincipal(actor.Caller) != PrincipalMatch.None))
            return false;
        var key = ("sts:AssumeRole", role.Arn, (string?)null);
        if (_decisions.TryGetValue(key, out var known)) return known;
        var allowed = PolicyEvaluator.Decide(actor.Policies.WithResourcePolicy(trust), Request(new PathStep("sts:AssumeRole", On.AssumeTarget), role.Arn, role, null)) == Decision.Allowed;
        _decisions[key] = allowed;
        return allowed;
    }

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
            found = ProbeResources.Candidates(actor, action, type, defaultArn).FirstOrDefault(arn => Allowed(step, arn));
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
    public IReadOnlyList<MatchedStatement> AllowedBy(PathStep step, string resource, IamEntity? target, string? service)
    {
        var set = step.On == On.AssumeTarget && target?.Trust is { } trust ? actor.Policies.WithResourcePolicy(trust) : actor.Policies;
        return [.. PolicyEvaluator.Evaluate(set, Request(step, resource, target, service)).MatchedStatements.Where(m => m.Effect == Effect.Allow)];
    }

    private AccessRequest Request(PathStep step, string resource, IamEntity? target, string? service)
    {
        var context = world.ContextOf(actor).Copy();
        if (step.On == On.PassedRole && service is not null)
            context.Set("iam:PassedToService", service);
        if (step.Action.StartsWith("iam:Attach", StringComparison.Ordinal))
            context.Set("iam:PolicyARN", AdministrativePolicy.AdministratorAccessArn);
        if (target is not null)
            foreach (var (key, value) in target.Tags)
                context.Set($"aws:ResourceTag/{key}", value).Set($"iam:ResourceTag/{key}", value);
        return new AccessRequest(actor.Caller, Action(step).Parsed, resource, context, world.Account);
    }

    private static ActionInfo Action(PathStep step) =>
        IamCatalog.Default.FindAction(step.Action) ?? throw new InvalidOperationException($"{step.Action} is not in the IAM catalogue");
}
