using System.Collections.Concurrent;
using System.Globalization;
using CloudAudit.Access.Organization;
using CloudAudit.Access.Principals;
using CloudAudit.Inventory;
using CloudAudit.Inventory.Views;
using CloudAudit.Policy.Analysis;
using CloudAudit.Policy.Catalog;
using CloudAudit.Policy.Evaluation;
using CloudAudit.Policy.Model;

namespace CloudAudit.Access.Escalation;

/// <summary>A Lambda function and the role it runs as.</summary>
public sealed record FunctionRole(string FunctionArn, string Region, IamEntity Role);

/// <summary>
/// What the escalation analysis knows about the account, shared by every principal's probe: the entities that can
/// be targets, the roles each service may assume, the Lambda functions, and per-entity results computed once
/// (administrator verdicts, privilege grants, request contexts).
/// </summary>
internal sealed class EscalationWorld
{
    private readonly ConcurrentDictionary<string, IReadOnlyList<IamEntity>> _rolesTrusting = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, IReadOnlyList<PrivilegeGrant>> _grants = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<PolicyDocument, bool> _administrative = new(ReferenceEqualityComparer.Instance);

    public EscalationWorld(AccessModel model)
    {
        Model = model;
        var iam = model.Iam;
        Iam = iam;
        Partition = model.Partition;
        Account = model.AccountId;
        Region = model.Region;
        AccountRoot = $"arn:{Partition}:iam::{Account}:root";
        Now = model.Now;
        // Administrators first: walks reach them first and can stop there. The verdicts are the costly part: in parallel.
        Parallel.ForEach(iam.Principals.Where(p => p.Unassessable is null), p => model.AdminVerdict(p));
        Roles = [.. iam.Roles.Where(r => r.Unassessable is null && !r.IsServiceLinked).OrderByDescending(IsAdministrator)];
        Users = [.. iam.Users.Where(u => u.Unassessable is null).OrderByDescending(IsAdministrator)];
        Groups = [.. iam.Groups.Where(g => g.Unassessable is null)];
        RolesByArn = Roles.ToDictionary(r => r.Arn, StringComparer.Ordinal);
        AdministratorAccess = AwsManagedPolicies.Default.Get(AdministrativePolicy.AdministratorAccessArn)
            ?? throw new InvalidOperationException("AdministratorAccess is missing from the embedded AWS managed policies");
        (Functions, FunctionGaps) = ReadFunctions(model.Data);
        FunctionArns = [.. Functions.Select(f => f.FunctionArn)];
        FunctionsByRole = [.. Functions.GroupBy(f => f.Role.Arn, StringComparer.Ordinal).Select(g => (IReadOnlyList<FunctionRole>)[.. g])
            .OrderByDescending(g => IsAdministrator(g[0].Role))];
        FunctionGroups = FunctionsByRole.SelectMany((group, index) => group.Select(f => (f.FunctionArn, index)))
            .ToLookup(f => f.FunctionArn, f => f.index, StringComparer.Ordinal);
        Scps = model.Scps;
    }

    public AccessModel Model { get; }

    /// <summary>The SCPs that govern the account; they limit every principal of it alike.</summary>
    public AccountGuardrail Scps { get; }

    /// <summary>
    /// Whether the account's SCPs and RCPs let the request through (every level allows it, none denies it). Asked
    /// apart from the principal's own policies, so a target's grants and a principal's denials can be told from the
    /// guardrails' own.
    /// </summary>
    public bool GuardrailsAllow(AccessRequest request) => Model.GuardrailsAllow(request);

    private readonly ConcurrentDictionary<(Statement Statement, string Pool), HashSet<string>> _coveredArns = new();
    private IReadOnlyList<IamEntity>? _trustingEveryone;
    private Dictionary<string, List<IamEntity>>? _trustingByName;

    public IamAccount Iam { get; }
    public string Partition { get; }
    public string Account { get; }
    /// <summary>The ARN a trust policy names the whole account by.</summary>
    public string AccountRoot { get; }
    /// <summary>The region probe ARNs of regional resources use (the first scanned region).</summary>
    public string Region { get; }
    public DateTimeOffset Now { get; }
    public IReadOnlyList<IamEntity> Roles { get; }
    public IReadOnlyList<IamEntity> Users { get; }
    public IReadOnlyList<IamEntity> Groups { get; }
    public IReadOnlyDictionary<string, IamEntity> RolesByArn { get; }
    public PolicyDocument AdministratorAccess { get; }
    public IReadOnlyList<FunctionRole> Functions { get; }
    public IReadOnlyList<string> FunctionArns { get; }
    /// <summary>The functions grouped by the role they run as.</summary>
    public IReadOnlyList<IReadOnlyList<FunctionRole>> FunctionsByRole { get; }
    /// <summary>For each function ARN, the index of its group in <see cref="FunctionsByRole"/>.</summary>
    public ILookup<string, int> FunctionGroups { get; }
    public IReadOnlyList<DataGap> FunctionGaps { get; }

    public bool IsAdministrator(IamEntity entity) => Model.AdminVerdict(entity).IsAdministrator;

    /// <summary>Whether one of the entity's policies is administrative on its own (aws-iam-005 reports those).</summary>
    public bool HoldsAdministrativePolicy(IamEntity entity) =>
        entity.EffectivePolicies.Any(p => _administrative.GetOrAdd(p.Document, d => AdministrativePolicy.Assess(d, entity.Caller).IsAdministrative));

    /// <summary>
    /// The entity's policies that can apply to an action (plus its boundary, which must stay: no boundary means no
    /// limit). Decisions on the narrowed set are the same, and much cheaper when large managed policies such as
    /// ReadOnlyAccess, with thousands of action patterns, cannot apply.
    /// </summary>
    public PolicySet Narrowed(IamEntity entity, Policy.Matching.ActionName action) => Model.Narrowed(entity, action);

    /// <summary>The Allow statements of a document whose Action element covers the action.</summary>
    public IReadOnlyList<Statement> AllowStatements(PolicyDocument document, Policy.Matching.ActionName action) => IndexOf(document).Allowing(action);

    /// <summary>
    /// For each path permission (by <see cref="DocumentIndex.PositionOf"/>), whether the entity's policies allow it
    /// somewhere: a necessary condition for any path step.
    /// </summary>
    public bool[] AllowedPathActions(IamEntity entity)
    {
        var allowed = new bool[DocumentIndex.PathActionCount];
        foreach (var document in entity.Policies.Identity)
        {
            var own = IndexOf(document).AllowedPathActions;
            for (var i = 0; i < allowed.Length; i++) allowed[i] |= own[i];
        }
        return allowed;
    }

    private DocumentIndex IndexOf(PolicyDocument document) => Model.IndexOf(document);

    /// <summary>
    /// The roles whose trust policy names the principal or everyone in an Allow statement for sts:AssumeRole, and,
    /// when the principal's own policies allow sts:AssumeRole at all, those that name its account (a trust in the
    /// account only delegates to identity policies): the only ones it could assume. The engine still decides.
    /// </summary>
    public IEnumerable<IamEntity> RolesNaming(IamEntity principal) => RolesAdmitting(principal).Distinct().OrderByDescending(IsAdministrator);

    /// <summary>The roles of <see cref="RolesNaming"/> in no particular order, a role possibly more than once.</summary>
    public IEnumerable<IamEntity> RolesAdmitting(IamEntity principal)
    {
        if (_trustingByName is null) IndexTrust();
        var named = _trustingEveryone!.Concat(_trustingByName!.GetValueOrDefault(principal.Arn) ?? []);
        var accountWide = _trustingByName!.GetValueOrDefault(AccountRoot);
        return accountWide is null ? named : named.Concat(Coverable(principal, AssumeRole, accountWide, "trusting-account"));
    }

    /// <summary>
    /// The items of <paramref name="pool"/> (in its order) whose ARN the Resource element of one of the principal's
    /// Allow statements for the action covers: the only ones its identity policies can allow it on. Worked out once
    /// per statement and pool, so a broad grant shared by many principals costs one pass; a statement with Resource
    /// "*", NotResource or policy variables keeps the whole pool.
    /// </summary>
    public IEnumerable<T> Coverable<T>(IamEntity principal, Policy.Matching.ActionName action, IReadOnlyList<T> pool, string poolName, Func<T, string> arnOf)
    {
        var covered = CoveredArns(principal, action, pool, poolName, arnOf);
        return covered is null ? pool : covered.Count == 0 ? [] : pool.Where(item => covered.Contains(arnOf(item)));
    }

    /// <summary>
    /// The ARNs of <paramref name="pool"/> that <see cref="Coverable{T}"/> keeps, as a set; null when it keeps the
    /// whole pool. The statements' own sets are shared: copied only when two or more of them cover something.
    /// </summary>
    public IReadOnlySet<string>? CoveredArns<T>(IamEntity principal, Policy.Matching.ActionName action, IReadOnlyList<T> pool, string poolName, Func<T, string> arnOf)
    {
        HashSet<string>? covered = null;
        var shared = true;
        foreach (var document in principal.Policies.Identity)
            foreach (var statement in AllowStatements(document, action))
            {
                if (statement.Resources is not { } resources || statement.NotResource || resources.Any(r => r.MatchesEverything || r.Template.HasVariables))
                    return null;
                var arns = _coveredArns.GetOrAdd((statement, poolName), _ =>
                    new HashSet<string>(pool.Select(arnOf).Where(arn => resources.Any(r => r.IsMatch(arn, NoContext))), StringComparer.Ordinal));
                if (arns.Count == 0 || ReferenceEquals(arns, covered)) continue;
                if (covered is null) covered = arns;
                else
                {
                    if (shared) covered = new HashSet<string>(covered, StringComparer.Ordinal);
                    shared = false;
                    covered.UnionWith(arns);
                }
            }
        return covered ?? (IReadOnlySet<string>)EmptyArns;
    }

    private static readonly HashSet<string> EmptyArns = [];

    public IEnumerable<IamEntity> Coverable(IamEntity principal, Policy.Matching.ActionName action, IReadOnlyList<IamEntity> pool, string poolName) =>
        Coverable(principal, action, pool, poolName, e => e.Arn);

    /// <summary>The document's Allow statements for each sensitive action, listed once per document.</summary>
    public IReadOnlyList<(ActionInfo Action, Statement Statement)> SensitiveAllows(PolicyDocument document) => IndexOf(document).Sensitive;

    private static readonly RequestContext NoContext = new();

    private static readonly Policy.Matching.ActionName AssumeRole = Policy.Matching.ActionName.Parse("sts:AssumeRole");
    private static readonly Policy.Matching.ActionName AssumeRoleWithWebIdentity = Policy.Matching.ActionName.Parse("sts:AssumeRoleWithWebIdentity");

    private void IndexTrust()
    {
        var everyone = new List<IamEntity>();
        var byName = new Dictionary<string, List<IamEntity>>(StringComparer.Ordinal);
        foreach (var role in Roles)
            foreach (var statement in role.Trust?.Statements ?? [])
            {
                if (statement.Effect != Effect.Allow || statement.Principals is not { } principals || !statement.MatchesAction(AssumeRole)) continue;
                if (principals.Everyone) everyone.Add(role);
                foreach (var name in principals.Aws)
                {
                    if (!byName.TryGetValue(name, out var list)) byName[name] = list = [];
                    list.Add(role);
                }
            }
        lock (this)
        {
            _trustingEveryone ??= everyone;
            _trustingByName ??= byName;
        }
    }

    /// <summary>
    /// Roles whose trust policy lets the service assume them for this account (in an instance profile, when asked).
    /// With <paramref name="federated"/>, the service is an identity provider (Cognito) whose users assume the role
    /// with a web identity token: conditions on the provider's own keys (the identity pool, the authentication type)
    /// are met by a pool of the account the principal controls.
    /// </summary>
    public IReadOnlyList<IamEntity> RolesTrusting(string service, bool inInstanceProfile, bool federated = false) =>
        _rolesTrusting.GetOrAdd($"{service}|{inInstanceProfile}|{federated}", _ =>
        {
            var caller = federated ? Principal.Federated(service) : Principal.Service(service);
            var action = federated ? AssumeRoleWithWebIdentity : AssumeRole;
            var context = new RequestContext()
                .Set("aws:SourceAccount", Account)
                .Set("aws:SourceArn", $"arn:{Partition}:{service.Split('.')[0]}:{Region}:{Account}:{ProbeResources.ProbeName}");
            Func<string, bool>? free = federated ? key => key.StartsWith(service + ":", StringComparison.OrdinalIgnoreCase) : null;
            return [.. Roles.Where(r => r.Trust is not null && (!inInstanceProfile || r.InInstanceProfile)
                && PolicyEvaluator.Decide(new PolicySet { ResourcePolicy = r.Trust }, new AccessRequest(caller, action, r.Arn, context) { FreeKey = free }) == Decision.Allowed)];
        });

    /// <summary>A limit that can be lifted from an entity: what the request names, and the entity's policies after.</summary>
    public sealed record Lifted(string Label, string Resource, ContextEntry? Context, PolicySet Result);

    /// <summary>The limits of this kind the entity has, each with its policies once it is lifted.</summary>
    public IEnumerable<Lifted> Lifts(IamEntity entity, Limit limit)
    {
        var inherited = entity.Groups.SelectMany(g => g.OwnPolicies).Select(p => p.Document).ToHashSet(ReferenceEqualityComparer.Instance);
        PolicySet Without(PolicyDocument removed) => new()
        {
            Identity = [.. entity.Policies.Identity.Where(d => !ReferenceEquals(d, removed) || inherited.Contains(d))],
            PermissionsBoundary = entity.Boundary,
        };
        var unbounded = new PolicySet { Identity = entity.Policies.Identity };
        switch (limit)
        {
            case Limit.DenyInline or Limit.DenyManaged:
                foreach (var attachment in entity.OwnPolicies.Where(a => a.Inline == (limit == Limit.DenyInline) && a.Document.Statements.Any(s => s.Effect == Effect.Deny)))
                    yield return new Lifted($"{entity} without {(attachment.Inline ? "inline" : "managed")} policy {attachment.Name}", entity.Arn,
                        attachment.ManagedArn is { } arn ? new ContextEntry("iam:PolicyARN", arn) : null, Without(attachment.Document));
                break;
            case Limit.Boundary when entity.Boundary is not null:
                yield return new Lifted($"{entity} without its permissions boundary", entity.Arn, null, unbounded);
                break;
            case Limit.WiderBoundary when entity.Boundary is not null:
                yield return new Lifted($"{entity} with AdministratorAccess as its permissions boundary", entity.Arn,
                    new ContextEntry("iam:PermissionsBoundary", AdministrativePolicy.AdministratorAccessIn(Partition)), unbounded);
                break;
            case Limit.OtherVersion:
                foreach (var attachment in entity.EffectivePolicies.Where(a => a.ManagedArn is not null).DistinctBy(a => a.ManagedArn))
                    foreach (var (versionId, text) in Iam.OtherVersions.GetValueOrDefault(attachment.ManagedArn!) ?? [])
                    {
                        if (!Model.Policies.Get(text, PolicyKind.Identity, $"{attachment.ManagedArn} version {versionId}").TryGet(out var version)) continue;
                        yield return new Lifted($"{entity} with policy {attachment.Name} at version {versionId}", attachment.ManagedArn!, null, new PolicySet
                        {
                            Identity = [.. entity.Policies.Identity.Select(d => ReferenceEquals(d, attachment.Document) ? version : d)],
                            PermissionsBoundary = entity.Boundary,
                        });
                    }
                break;
        }
    }

    /// <summary>The request context of a principal acting on its own: TLS, the probe region, the time, its tags.</summary>
    public RequestContext ContextOf(IamEntity principal) => Model.ContextOf(principal);

    /// <summary>The sensitive grants of an entity with its own policies, computed once.</summary>
    public IReadOnlyList<PrivilegeGrant> GrantsOf(IamEntity entity) =>
        _grants.GetOrAdd(entity.Arn, _ => Privilege.Grants(entity.Policies, entity.Caller, ContextOf(entity), SensitiveAllows));

    /// <summary>A set that stands for "the entity's policies plus an administrator policy": only denies and the boundary can still limit it.</summary>
    public PolicySet WithAdministratorPolicy(IamEntity entity) => new()
    {
        Identity = [AdministratorAccess, .. entity.Policies.Identity.Where(d => d.Statements.Any(s => s.Effect == Effect.Deny))],
        PermissionsBoundary = entity.Boundary,
    };

    /// <summary>Whether a policy has conditions on a resource's tags (aws:ResourceTag/…, iam:ResourceTag/…).</summary>
    public static bool ReadsResourceTags(PolicyDocument? document) =>
        document is not null && document.Statements.SelectMany(s => s.Conditions).Any(c =>
            c.Key.StartsWith("aws:ResourceTag/", StringComparison.OrdinalIgnoreCase) || c.Key.StartsWith("iam:ResourceTag/", StringComparison.OrdinalIgnoreCase));

    /// <summary>Customer managed policies attached to the entity (and, for a user, to its groups).</summary>
    public static IEnumerable<string> CustomerPolicies(IamEntity entity) =>
        entity.EffectivePolicies.Select(p => p.ManagedArn).OfType<string>()
            .Where(arn => Arn.TryParse(arn) is { Account: not "aws" }).Distinct(StringComparer.Ordinal);

    private (IReadOnlyList<FunctionRole>, IReadOnlyList<DataGap>) ReadFunctions(AccountData data)
    {
        var functions = new List<FunctionRole>();
        var gaps = new List<DataGap>();
        var view = data.ResourcePolicies();
        foreach (var region in data.Regions)
        {
            var listed = view.Functions(region);
            if (!listed.TryGet(out var response, out var gap))
            {
                gaps.Add(gap!);
                continue;
            }
            foreach (var function in response.Functions ?? [])
                if (function.Role is { } role && RolesByArn.TryGetValue(role, out var entity))
                    functions.Add(new FunctionRole(function.FunctionArn ?? $"arn:{Partition}:lambda:{region}:{Account}:function:{function.FunctionName}", region, entity));
        }
        return (functions, gaps);
    }
}
