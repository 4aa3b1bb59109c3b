using System.Collections.Concurrent;
using System.Globalization;
using CloudAudit.Checks.Framework;
using CloudAudit.Checks.Iam.Authorization;
using CloudAudit.Inventory;
using CloudAudit.Inventory.Views;
using CloudAudit.Policy.Analysis;
using CloudAudit.Policy.Catalog;
using CloudAudit.Policy.Evaluation;
using CloudAudit.Policy.Model;

namespace CloudAudit.Checks.Iam.Escalation;

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
    private readonly ConcurrentDictionary<string, RequestContext> _contexts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<PolicyDocument, bool> _administrative = new(ReferenceEqualityComparer.Instance);

    public EscalationWorld(CheckContext context, IamAccount iam)
    {
        Iam = iam;
        Partition = context.Partition;
        Account = context.AccountId;
        Region = context.Regions.Count > 0 ? context.Regions[0] : "us-east-1";
        Now = context.Now;
        Roles = [.. iam.Roles.Where(r => r.Unassessable is null && !r.IsServiceLinked)];
        Users = [.. iam.Users.Where(u => u.Unassessable is null)];
        Groups = [.. iam.Groups.Where(g => g.Unassessable is null)];
        RolesByArn = Roles.ToDictionary(r => r.Arn, StringComparer.Ordinal);
        AdministratorAccess = AwsManagedPolicies.Default.Get(AdministrativePolicy.AdministratorAccessArn)
            ?? throw new InvalidOperationException("AdministratorAccess is missing from the embedded AWS managed policies");
        (Functions, FunctionGaps) = ReadFunctions(context);
    }

    public IamAccount Iam { get; }
    public string Partition { get; }
    public string Account { get; }
    /// <summary>The region probe ARNs of regional resources use (the first scanned region).</summary>
    public string Region { get; }
    public DateTimeOffset Now { get; }
    public IReadOnlyList<IamEntity> Roles { get; }
    public IReadOnlyList<IamEntity> Users { get; }
    public IReadOnlyList<IamEntity> Groups { get; }
    public IReadOnlyDictionary<string, IamEntity> RolesByArn { get; }
    public PolicyDocument AdministratorAccess { get; }
    public IReadOnlyList<FunctionRole> Functions { get; }
    public IReadOnlyList<DataGap> FunctionGaps { get; }

    public bool IsAdministrator(IamEntity entity) => Iam.AdminVerdict(entity).IsAdministrator;

    /// <summary>Whether one of the entity's policies is administrative on its own (aws-iam-005 reports those).</summary>
    public bool HoldsAdministrativePolicy(IamEntity entity) =>
        entity.EffectivePolicies.Any(p => _administrative.GetOrAdd(p.Document, d => AdministrativePolicy.Assess(d, entity.Caller).IsAdministrative));

    /// <summary>Roles whose trust policy lets the service assume them for this account (in an instance profile, when asked).</summary>
    public IReadOnlyList<IamEntity> RolesTrusting(string service, bool inInstanceProfile) =>
        _rolesTrusting.GetOrAdd($"{service}|{inInstanceProfile}", _ =>
        {
            var caller = Principal.Service(service);
            var context = new RequestContext()
                .Set("aws:SourceAccount", Account)
                .Set("aws:SourceArn", $"arn:{Partition}:{service.Split('.')[0]}:{Region}:{Account}:{ProbeResources.ProbeName}");
            var assume = Policy.Matching.ActionName.Parse("sts:AssumeRole");
            return [.. Roles.Where(r => r.Trust is not null && (!inInstanceProfile || r.InInstanceProfile)
                && PolicyEvaluator.Decide(new PolicySet { ResourcePolicy = r.Trust }, new AccessRequest(caller, assume, r.Arn, context)) == Decision.Allowed)];
        });

    /// <summary>The request context of a principal acting on its own: TLS, the probe region, the time, its tags.</summary>
    public RequestContext ContextOf(IamEntity principal) =>
        _contexts.GetOrAdd(principal.Arn, _ =>
        {
            var context = new RequestContext()
                .Set("aws:SecureTransport", "true")
                .Set("aws:RequestedRegion", Region)
                .Set("aws:ViaAWSService", "false")
                .Set("aws:CurrentTime", Now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture))
                .Set("aws:EpochTime", Now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
            foreach (var (key, value) in principal.Tags)
                context.Set($"aws:PrincipalTag/{key}", value);
            return context;
        });

    /// <summary>The sensitive grants of an entity with its own policies, computed once.</summary>
    public IReadOnlyList<PrivilegeGrant> GrantsOf(IamEntity entity) =>
        _grants.GetOrAdd(entity.Arn, _ => Privilege.Grants(entity.Policies, entity.Caller, ContextOf(entity)));

    /// <summary>A set that stands for "the entity's policies plus an administrator policy": only denies and the boundary can still limit it.</summary>
    public PolicySet WithAdministratorPolicy(IamEntity entity) => new()
    {
        Identity = [AdministratorAccess, .. entity.Policies.Identity.Where(d => d.Statements.Any(s => s.Effect == Effect.Deny))],
        PermissionsBoundary = entity.Boundary,
    };

    /// <summary>Customer managed policies attached to the entity (and, for a user, to its groups).</summary>
    public static IEnumerable<string> CustomerPolicies(IamEntity entity) =>
        entity.EffectivePolicies.Select(p => p.ManagedArn).OfType<string>()
            .Where(arn => Arn.TryParse(arn) is { Account: not "aws" }).Distinct(StringComparer.Ordinal);

    private (IReadOnlyList<FunctionRole>, IReadOnlyList<DataGap>) ReadFunctions(CheckContext context)
    {
        var functions = new List<FunctionRole>();
        var gaps = new List<DataGap>();
        var view = context.Data.ResourcePolicies();
        foreach (var region in context.Regions)
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
