using System.Collections.Concurrent;
using CloudAudit.Access.Principals;
using CloudAudit.Access.Escalation;
using CloudAudit.Inventory;
using CloudAudit.Access.Graph;
using CloudAudit.Policy.Matching;
using CloudAudit.Policy.Model;

namespace CloudAudit.Analysis.Graph.Build;

/// <summary>
/// Principals and what they can become: the root user, users, groups and roles; administrator edges to the
/// account (decided by the policy engine, one grant per policy that is administrative on its own); who can assume
/// each role (other accounts, anyone, OIDC providers, principals of the account); and aws-iam-018's escalation paths.
/// </summary>
internal sealed class IdentityLayer
{
    private static readonly ActionName CreateUser = ActionName.Parse("iam:CreateUser");

    private readonly GraphDraft _g;
    private readonly AccessFacts? _access;

    private readonly HashSet<string> _organization;
    private readonly ConcurrentDictionary<Policy.Evaluation.MatchedStatement, StatementRef> _statementRefs = new(ReferenceEqualityComparer.Instance);

    private IdentityLayer(GraphDraft g, AccessFacts? access, IEnumerable<string> organizationAccounts)
    {
        _g = g;
        _access = access;
        _organization = new HashSet<string>(organizationAccounts, StringComparer.Ordinal);
    }

    public string RootNode => $"arn:{_g.Partition}:iam::{_g.AccountId}:root";

    /// <param name="organizationAccounts">The accounts known to share the scanned account's organization.</param>
    public static IdentityLayer Add(GraphDraft g, AccessFacts? access, IEnumerable<string> organizationAccounts)
    {
        var layer = new IdentityLayer(g, access, organizationAccounts);
        layer.Build();
        return layer;
    }

    /// <summary>The node of a role by ARN; a role the IAM data does not hold still gets a node, named from its ARN.</summary>
    public string RoleNode(string arn)
    {
        if (_g.Has(arn)) return arn;
        var name = arn[(arn.LastIndexOf('/') + 1)..];
        return _g.Node(arn, NodeType.IamRole, $"role {name}", AwsIds.GlobalRegion, ("unknown", "true"));
    }

    public string? RoleOfInstanceProfile(string profileArn) => _access?.InstanceProfiles.GetValueOrDefault(profileArn);

    private void Build()
    {
        _g.Node(RootNode, NodeType.IamRoot, "root user", AwsIds.GlobalRegion);
        _g.Alias($"arn:aws:iam::{_g.AccountId}:root", RootNode);
        _g.Edge(RootNode, _g.AccountNode, EdgeType.AdminOf, Evidence.Context("iam", "the root user holds every permission of the account"));
        if (_access is null) return;
        if (_access.Gap is { } gap)
        {
            _g.Gap("IAM users, groups, roles and their policies", gap);
            return;
        }
        foreach (var group in _access.Groups)
            _g.Node(group.Arn, NodeType.IamGroup, $"group {group.Name}", AwsIds.GlobalRegion);
        foreach (var user in _access.Users)
        {
            _g.Node(user.Arn, NodeType.IamUser, $"user {user.Name}", AwsIds.GlobalRegion);
            foreach (var group in user.Groups)
                _g.Edge(user.Arn, group.Arn, EdgeType.MemberOf, Evidence.Context("iam:GetAccountAuthorizationDetails", $"user {user.Name} is in group {group.Name}"));
        }
        foreach (var role in _access.Roles)
            _g.Node(role.Arn, NodeType.IamRole, $"role {role.Name}", AwsIds.GlobalRegion,
                ("service_linked", role.IsServiceLinked ? "true" : null), ("path", role.Path));

        var principals = _access.Users.Concat(_access.Roles).Where(p => !p.IsServiceLinked && p.Unassessable is null).ToList();
        var admins = new bool[principals.Count];
        Parallel.For(0, principals.Count, i => admins[i] = _access.IsAdministrator(principals[i]));
        for (var i = 0; i < principals.Count; i++)
            if (admins[i]) Administrator(principals[i]);
        foreach (var p in principals.Where(p => p.Unassessable is not null))
            _g.Gap($"the permissions of {p}", p.Unassessable!);
        // Each edge's evidence is written on both cores (a hundred thousand texts on a large account); the edges are
        // then added in the access model's order, so the graph does not depend on the scheduling.
        var assumable = _access.AssumeRoleEdges.Where(e => !e.ToRole.IsServiceLinked).ToList();
        var evidence = new (Evidence Evidence, bool ExternalId)[assumable.Count];
        Parallel.For(0, assumable.Count, i => evidence[i] = AssumeRoleEvidence(assumable[i]));
        for (var i = 0; i < assumable.Count; i++)
            AssumeRole(assumable[i], evidence[i].Evidence, evidence[i].ExternalId);
        if (_access.Escalation is { } escalation) Escalations(escalation);
    }

    private void Administrator(IamEntity principal)
    {
        var grants = _access!.AdministrativeGrants(principal);
        var sample = _access.Evaluate(principal, CreateUser, "*").MatchedStatements.Select(StatementRef.Of).ToList();
        var evidence = grants.Count == 0
            ? [Evidence.Grant("iam:GetAccountAuthorizationDetails", $"the combination of {principal}'s policies allows every action on every resource", statements: sample)]
            : grants.Select(g => Evidence.Grant("iam:GetAccountAuthorizationDetails",
                $"{Describe(g.Policy)} {(g.Level == AdminLevel.FullWhenConditionsHold ? "allows every action on every resource when its conditions hold" : "allows every action on every resource")}"
                + (g.AttachedTo == principal ? "" : $", through {g.AttachedTo}"),
                _g.Findings.For("aws-iam-005", g.FindingResource), sample)).ToArray();
        _g.Edge(principal.Arn, _g.AccountNode, EdgeType.AdminOf, evidence);
        _g.SetAttr(principal.Arn, "admin", "true");
    }

    private static string Describe(IamPolicyAttachment policy) =>
        policy.ManagedArn is { } arn ? $"managed policy {arn}" : $"inline policy {policy.Name}";

    /// <summary>One way into a role, as the access model decided it: from a principal of the account, another account, anyone or an identity provider.</summary>
    private void AssumeRole(AssumeRoleEdge edge, Evidence evidence, bool externalId)
    {
        var role = edge.ToRole;
        var source = edge.Kind switch
        {
            AssumeRoleEdgeKind.Principal when _g.Has(edge.From) => edge.From,
            AssumeRoleEdgeKind.Public => AnyPrincipal(),
            AssumeRoleEdgeKind.CrossAccount => ExternalAccount(Policy.Matching.Arn.AccountOf(edge.From) ?? edge.From),
            AssumeRoleEdgeKind.Federated => Provider(edge.From),
            _ => null,
        };
        if (source is null) return;
        _g.Edge(source, role.Arn, EdgeType.CanAssume, evidence);
        // Accounts of the same organization reach each other's roles by design (OrganizationAccountAccessRole); an
        // external ID guards against third parties acting as confused deputies, so only outsiders count.
        // Principals of the account and its identity providers are not outsiders, whatever account their ARN names.
        var outsider = edge.Kind switch
        {
            AssumeRoleEdgeKind.Public => "*",
            AssumeRoleEdgeKind.CrossAccount when Policy.Matching.Arn.AccountOf(edge.From) is { } other && other != _g.AccountId && !_organization.Contains(other) => other,
            _ => null,
        };
        if (outsider is not null && !externalId && !edge.NeedsConditions)
            _g.SetAttr(role.Arn, "external_trust_without_external_id", outsider);
    }

    /// <summary>What proves an assume-role edge, and whether its conditions require an sts:ExternalId. Reads the draft's finding index only, so edges are described in parallel.</summary>
    private (Evidence Evidence, bool ExternalId) AssumeRoleEvidence(AssumeRoleEdge edge)
    {
        var role = edge.ToRole;
        var externalId = false;
        foreach (var condition in edge.Conditions)
            externalId |= condition.Contains("sts:ExternalId", StringComparison.OrdinalIgnoreCase);
        string Conditions() => edge.Conditions.Count == 0 ? " with no condition" : $" when {string.Join(" and ", edge.Conditions)}";
        var from = edge.FromEntity is { } entity ? $"{entity.KindLabel} {entity.Name}" : edge.From;
        var detail = edge.Kind switch
        {
            AssumeRoleEdgeKind.Principal => $"{from} may call sts:AssumeRole on role {role.Name} and its trust policy lets it{(edge.NeedsConditions ? Conditions() : "")}",
            AssumeRoleEdgeKind.Federated => $"the trust policy of role {role.Name} admits identities of {edge.From}{Conditions()}",
            _ => $"the trust policy of role {role.Name} admits {(edge.Kind == AssumeRoleEdgeKind.Public ? "any AWS principal" : edge.From)}{Conditions()}"
                + (externalId ? "; it requires an sts:ExternalId" : "; no sts:ExternalId is required"),
        } + (edge.Requires is { } requires ? $" ({requires})" : "");
        // An OIDC trust that aws-iam-007 reports as open to any subject falls when that check is fixed.
        var finding = edge.Kind == AssumeRoleEdgeKind.Federated ? _g.Findings.For("aws-iam-007", role.Arn) : null;
        return (Evidence.Grant("iam:GetAccountAuthorizationDetails", detail, finding, Refs(edge.Via)), externalId);
    }

    /// <summary>
    /// The statements of a decision as the graph cites them. The engine hands out one record per statement, so
    /// thousands of edges citing the same statement share one reference.
    /// </summary>
    private StatementRef[] Refs(IReadOnlyList<Policy.Evaluation.MatchedStatement> via)
    {
        var refs = new StatementRef[via.Count];
        for (var i = 0; i < refs.Length; i++)
            refs[i] = _statementRefs.GetOrAdd(via[i], StatementRef.Of);
        return refs;
    }

    private string Provider(string arn)
    {
        var marker = arn.IndexOf(":oidc-provider/", StringComparison.Ordinal);
        var saml = arn.IndexOf(":saml-provider/", StringComparison.Ordinal);
        var name = marker >= 0 ? $"OIDC provider {arn[(marker + 15)..]}" : saml >= 0 ? $"SAML provider {arn[(saml + 15)..]}" : arn;
        return _g.Node(arn, NodeType.OidcProvider, name, AwsIds.GlobalRegion);
    }

    /// <summary>The node of anyone ("*"), the principal a resource policy or trust admits without naming.</summary>
    public string AnyPrincipal() => _g.Node("*", NodeType.AnyPrincipal, "anyone (\"*\")", AwsIds.GlobalRegion);

    /// <summary>The node of an account outside the scan that a policy admits.</summary>
    public string ExternalAccount(string account) =>
        _g.Node($"arn:{_g.Partition}:iam::{account}:root", NodeType.ExternalAccount, $"account {account}", AwsIds.GlobalRegion,
            ("account_id", account), ("in_organization", _organization.Contains(account) ? "true" : null));

    /// <summary>aws-iam-018's paths: to the account when they end in administrator, and to each principal they reach.</summary>
    private void Escalations(EscalationAnalysis escalation)
    {
        foreach (var finding in escalation.Findings)
        {
            var principal = finding.Principal.Arn;
            var path = finding.Path;
            var evidence = Evidence.Grant("iam:GetAccountAuthorizationDetails",
                $"path {path.Id} ({path.Catalogue.Name}): {string.Join("; ", finding.Evidence.Select(e => $"{e.Action} on {e.Resource}"))}",
                _g.Findings.For("aws-iam-018", $"{principal}#{path.Id}"),
                [.. finding.Evidence.SelectMany(e => e.AllowedBy).Select(StatementRef.Of).Distinct()]);
            if (finding.Outcome == EscalationOutcome.Administrator)
                _g.Edge(principal, _g.AccountNode, EdgeType.CanEscalateTo, evidence);
            foreach (var target in finding.Targets.Where(t => t.Arn != principal && _g.Has(t.Arn)))
                _g.Edge(principal, target.Arn, EdgeType.CanEscalateTo, evidence);
        }
    }
}
