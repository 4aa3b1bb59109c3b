using System.Collections.Concurrent;
using System.Globalization;
using CloudAudit.Access.Administrators;
using CloudAudit.Access.Escalation;
using CloudAudit.Access.Graph;
using CloudAudit.Access.Organization;
using CloudAudit.Access.Principals;
using CloudAudit.Access.Queries;
using CloudAudit.Access.Resources;
using CloudAudit.Inventory;
using CloudAudit.Policy.Evaluation;
using CloudAudit.Policy.Matching;
using CloudAudit.Policy.Model;
using CloudAudit.Policy.Parsing;

namespace CloudAudit.Access;

/// <summary>
/// Effective access over one account, built once from its inventory: the principals and their policies, the
/// organization's SCPs and RCPs, the resource policies, and the answers every consumer asks (checks, analysis, CLI, MCP):
/// who is an administrator and why, can this principal do that, who can do this, who can assume which role, and
/// which escalation paths lead where. Nothing here calls AWS; every answer is a policy evaluation. Safe for
/// parallel use; each costly answer is computed on first use and kept.
/// </summary>
public sealed class AccessModel
{
    private readonly ConcurrentDictionary<string, RequestContext> _contexts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<PolicyDocument, DocumentIndex> _indexes = new(ReferenceEqualityComparer.Instance);
    private readonly ConcurrentDictionary<(string Entity, string Action), PolicySet> _narrowed = new();
    private readonly ConcurrentDictionary<(string Principal, string Role), AssumeRoleEdge?> _assume = new();
    private readonly Lazy<AdminJudge> _admins;
    private readonly Lazy<ResourcePolicies> _resourcePolicies;
    private readonly Lazy<AssumeRoleGraph> _assumeRoles;
    private readonly Lazy<EscalationAnalysis> _escalation;
    private readonly Lazy<EscalationWorld> _world;
    private readonly Lazy<IReadOnlyDictionary<string, IamEntity>> _byArn;

    private AccessModel(AccountData data, DateTimeOffset now, PolicyCache policies)
    {
        Data = data;
        Now = now;
        Policies = policies;
        Iam = IamAccount.Build(data, policies);
        Scps = AccountGuardrail.ServiceControl(data, policies);
        Rcps = AccountGuardrail.ResourceControl(data, policies);
        _admins = new(() => new AdminJudge(this));
        _resourcePolicies = new(() => ResourcePolicies.Read(this));
        _assumeRoles = new(() => AssumeRoleGraph.Build(this));
        _escalation = new(() => EscalationAnalysis.Run(this));
        _world = new(() => new EscalationWorld(this));
        _byArn = new(() => Iam.Entities.GroupBy(e => e.Arn, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal));
    }

    /// <summary>The access model of one account's inventory; <paramref name="policies"/> shares parsed documents with other readers.</summary>
    public static AccessModel Build(AccountData data, DateTimeOffset now, PolicyCache? policies = null) =>
        new(data, now, policies ?? new PolicyCache());

    public AccountData Data { get; }
    public DateTimeOffset Now { get; }
    public string AccountId => Data.AccountId;
    public string Partition => Data.Partition;
    /// <summary>The region regional probe ARNs and aws:RequestedRegion use: the first scanned region.</summary>
    public string Region => Data.Regions.Count > 0 ? Data.Regions[0] : "us-east-1";
    internal PolicyCache Policies { get; }

    /// <summary>The account's users, groups and roles with their policies parsed.</summary>
    public IamAccount Iam { get; }
    /// <summary>The service control policies that govern the account's principals (none for a management or standalone account).</summary>
    public AccountGuardrail Scps { get; }
    /// <summary>The resource control policies that govern the account's resources (none for a management or standalone account).</summary>
    public AccountGuardrail Rcps { get; }

    /// <summary>Set when the authorization details are missing: no question about the account can be answered.</summary>
    public DataGap? Gap => Iam.Gap;
    /// <summary>Entities or documents that could not be evaluated: answers about them are NOT ASSESSED.</summary>
    public IReadOnlyList<DataGap> Gaps => Iam.PolicyGaps;

    /// <summary>Users and roles: the principals that make requests.</summary>
    public IEnumerable<IamEntity> Principals => Iam.Principals;

    /// <summary>The user, group or role with this ARN, or null.</summary>
    public IamEntity? Find(string arn) => _byArn.Value.GetValueOrDefault(arn);

    // ---- Administrators ----

    /// <summary>Whether the principal (or group) is effectively an administrator, with the reasons.</summary>
    public AdminJudgement IsAdministrator(IamEntity entity) => _admins.Value.Judge(entity);

    /// <summary>
    /// Whether the entity is effectively an administrator, as <see cref="IsAdministrator"/> says, without the reasons:
    /// the verdict alone, shared by entities with the same policies (the reasons cost an evaluation per sample action).
    /// </summary>
    public bool IsEffectiveAdministrator(IamEntity entity) => entity.Unassessable is null && AdminVerdict(entity).IsAdministrator;

    /// <summary>Every user, role and group that is effectively an administrator (service-linked roles excluded).</summary>
    public IReadOnlyList<AdminJudgement> Administrators() => _admins.Value.All();

    /// <summary>Every user, role and group that is an administrator only when the conditions of its policies hold (MFA, a source network …).</summary>
    public IReadOnlyList<AdminJudgement> AdministratorsWhenConditionsHold() => _admins.Value.AllWhenConditionsHold();

    /// <summary>Actions the organization's SCPs or RCPs deny to every principal of the account: not needed to count as an administrator.</summary>
    public IReadOnlySet<string> OutsideCeiling => _admins.Value.OutsideCeiling;

    // ---- Questions about requests ----

    /// <summary>
    /// Whether the principal may perform the action on the resource, from the account's real policies: identity
    /// policies, boundary, SCPs, RCPs (on the account's resources), and the resource's own policy when the inventory holds it. <paramref name="context"/>
    /// adds or overrides request context keys (aws:MultiFactorAuthPresent, aws:SourceIp …).
    /// </summary>
    public AccessDecision CanDo(IamEntity principal, string action, string resource = "*", IReadOnlyDictionary<string, string>? context = null) =>
        AccessQueries.CanDo(this, principal, action, resource, context);

    /// <summary>Every principal of the account, and every outside party a resource policy admits, allowed the action on the resource.</summary>
    public WhoCanAnswer WhoCan(string action, string resource = "*") => AccessQueries.WhoCan(this, action, resource);

    // ---- Roles and escalation ----

    /// <summary>Who may assume each role: principals of the account (identity policy and trust policy), and outside parties the trust admits.</summary>
    public IReadOnlyList<AssumeRoleEdge> AssumeRoleEdges => _assumeRoles.Value.Edges;

    /// <summary>Every escalation path of every principal, single-step findings and multi-hop chains to an administrator.</summary>
    public EscalationAnalysis Escalation => _escalation.Value;

    /// <summary>Whether the principal may assume the role (identity, boundary, SCPs and trust policy), as an edge; null when it may not.</summary>
    public AssumeRoleEdge? AssumeEdge(IamEntity principal, IamEntity role) =>
        _assume.GetOrAdd((principal.Arn, role.Arn), _ => AssumeRoleGraph.Decide(this, principal, role));

    /// <summary>The resource policies the inventory holds, by resource ARN.</summary>
    public ResourcePolicies ResourcePolicies => _resourcePolicies.Value;

    // ---- Shared evaluation helpers ----

    /// <summary>What the escalation search and the assume-role graph share: targets, trusts, per-entity results.</summary>
    internal EscalationWorld World => _world.Value;

    /// <summary>The administrator verdict alone (no reasons): cheap once computed, shared by principals with the same policies.</summary>
    internal Policy.Analysis.AdminVerdict AdminVerdict(IamEntity entity) => _admins.Value.Verdict(entity);

    /// <summary>The verdict on an identity side after a change (an escalation step), the organization's SCPs applied.</summary>
    internal Policy.Analysis.AdminVerdict AdminVerdict(PolicySet identitySide, Principal caller, RequestContext context) =>
        _admins.Value.Verdict(identitySide, caller, context);

    /// <summary>The request context of a principal acting on its own: TLS, the probe region, the time, its tags.</summary>
    internal RequestContext ContextOf(IamEntity principal) =>
        _contexts.GetOrAdd(principal.Arn, _ =>
        {
            var context = new RequestContext()
                .Set("aws:SecureTransport", "true")
                .Set("aws:RequestedRegion", Region)
                .Set("aws:ViaAWSService", "false")
                .Set("aws:CurrentTime", Now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture))
                .Set("aws:EpochTime", Now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
            // Conditions on the caller's organization (a data-perimeter RCP or SCP) see the account's.
            if ((Scps.OrganizationId ?? Rcps.OrganizationId) is { } organizationId)
                context.Set("aws:PrincipalOrgID", organizationId);
            foreach (var (key, value) in principal.Tags)
                context.Set($"aws:PrincipalTag/{key}", value);
            return context;
        });

    /// <summary>
    /// The entity's policies that can apply to an action (plus its boundary, which must stay: no boundary means no
    /// limit). Decisions on the narrowed set are the same, and much cheaper when large managed policies such as
    /// ReadOnlyAccess, with thousands of action patterns, cannot apply.
    /// </summary>
    internal PolicySet Narrowed(IamEntity entity, ActionName action) =>
        _narrowed.GetOrAdd((entity.Arn, action.FullName), _ => new PolicySet
        {
            Identity = [.. entity.Policies.Identity.Where(d => IndexOf(d).Mentions(action))],
            PermissionsBoundary = entity.Policies.PermissionsBoundary,
        });

    internal DocumentIndex IndexOf(PolicyDocument document) => _indexes.GetOrAdd(document, d => new DocumentIndex(d));

    /// <summary>
    /// The principal's full policy set with the account's SCPs and RCPs, for one request. The RCPs guard the
    /// account's resources only: a request on another account's resource is not held by them.
    /// </summary>
    internal PolicySet WithOrganization(PolicySet identitySide) => Scps.Apply || Rcps.Apply
        ? new PolicySet
        {
            Identity = identitySide.Identity, PermissionsBoundary = identitySide.PermissionsBoundary,
            SessionPolicies = identitySide.SessionPolicies, ResourcePolicy = identitySide.ResourcePolicy,
            ServiceControlPolicies = Scps.Apply ? Scps.Levels : identitySide.ServiceControlPolicies,
            ResourceControlPolicies = Rcps.Apply ? Rcps.Levels : identitySide.ResourceControlPolicies,
            ResourceControlAccount = Rcps.Apply ? AccountId : identitySide.ResourceControlAccount,
        }
        : identitySide;

    /// <summary>
    /// Whether the account's SCPs and RCPs let the request through (every level allows it, none denies it). Asked
    /// apart from the principal's own policies, so a target's grants and a principal's denials can be told from the
    /// guardrails' own.
    /// </summary>
    internal bool GuardrailsAllow(AccessRequest request) =>
        !(Scps.Apply || Rcps.Apply) || PolicyEvaluator.Decide(_admins.Value.GuardrailsAlone, request) == Decision.Allowed;

    /// <summary>What could still narrow an allow: the guardrails that were not read, each with its cause.</summary>
    internal IEnumerable<string> UnreadGuardrails(string action, bool onOwnResource)
    {
        if (Scps.Unread is { } scps) yield return $"the organization's SCPs could not be read ({scps}): one may deny this";
        if (Rcps.Unread is { } rcps && onOwnResource && Policy.Catalog.IamCatalog.Default.SupportsResourceControlPolicies(action.Split(':')[0]))
            yield return $"the organization's RCPs could not be read ({rcps}): one may deny this";
    }
}
