using CloudAudit.Access.Principals;
using CloudAudit.Access.Escalation;
using CloudAudit.Inventory;
using CloudAudit.Policy.Analysis;
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
    private static readonly ActionName AssumeRole = ActionName.Parse("sts:AssumeRole");
    private static readonly ActionName CreateUser = ActionName.Parse("iam:CreateUser");

    private readonly GraphDraft _g;
    private readonly AccessFacts? _access;

    private IdentityLayer(GraphDraft g, AccessFacts? access)
    {
        _g = g;
        _access = access;
    }

    public string RootNode => $"arn:{_g.Partition}:iam::{_g.AccountId}:root";

    public static IdentityLayer Add(GraphDraft g, AccessFacts? access)
    {
        var layer = new IdentityLayer(g, access);
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
        foreach (var role in _access.Roles.Where(r => r.Trust is not null && !r.IsServiceLinked))
            TrustedFromOutside(role);
        foreach (var principal in principals.Where(MayAssumeRoles))
            foreach (var (role, result) in _access.AssumableRoles(principal))
                _g.Edge(principal.Arn, role.Arn, EdgeType.CanAssume, Evidence.Grant("iam:GetAccountAuthorizationDetails",
                    $"{principal} may call sts:AssumeRole on {role} and its trust policy lets it", statements: [.. result.MatchedStatements.Select(StatementRef.Of)]));
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

    private static bool MayAssumeRoles(IamEntity principal) =>
        principal.Policies.Identity.Any(d => d.Statements.Any(s => s.Effect == Effect.Allow && s.MatchesAction(AssumeRole)));

    /// <summary>Other accounts, anyone, and OIDC providers that the role's trust policy admits.</summary>
    private void TrustedFromOutside(IamEntity role)
    {
        var trust = role.Trust!;
        foreach (var statement in trust.Statements.Where(s => s.Effect == Effect.Allow && s.Principals is not null))
            foreach (var provider in statement.Principals!.Federated.Where(f => f.Contains(":oidc-provider/", StringComparison.Ordinal)))
            {
                var host = provider[(provider.IndexOf(":oidc-provider/", StringComparison.Ordinal) + 15)..];
                _g.Node(provider, NodeType.OidcProvider, $"OIDC provider {host}", AwsIds.GlobalRegion);
                var open = _g.Findings.For("aws-iam-007", role.Arn);
                _g.Edge(provider, role.Arn, EdgeType.CanAssume, Evidence.Grant("iam:GetAccountAuthorizationDetails",
                    $"trust statement {statement.Index} of {role} admits identities of {host}"
                    + (statement.Conditions.Count == 0 ? " with no condition" : $" when {string.Join(" and ", statement.Conditions)}"),
                    open, [new StatementRef($"trust policy of {role}", "Trust", statement.Index, statement.Sid, "Allow")]));
            }
        if (!trust.Statements.Any(s => s.Effect == Effect.Allow && s.Principals is { } p && (p.Everyone || p.Aws.Count > 0))) return;
        var exposure = ResourceExposure.Analyze(trust, role.Arn, _g.AccountId);
        foreach (var grant in exposure.Grants.Where(g => g.Level is ExposureLevel.Public or ExposureLevel.CrossAccount))
        {
            var statementRef = new StatementRef($"trust policy of {role}", "Trust", grant.Statement.StatementIndex, grant.Statement.Sid, "Allow");
            var externalId = trust.Statements.First(s => s.Index == grant.Statement.StatementIndex).Conditions
                .Any(c => c.Key.Equals("sts:ExternalId", StringComparison.OrdinalIgnoreCase));
            var detail = $"trust statement {grant.Statement.StatementIndex} of {role} admits {grant.Description}"
                + (grant.RestrictingConditions.Count > 0 ? $" (conditions: {string.Join(", ", grant.RestrictingConditions)})" : "")
                + (externalId ? "; it requires an sts:ExternalId" : "; no sts:ExternalId is required");
            foreach (var account in grant.Accounts)
            {
                var source = account == "*" ? AnyPrincipal() : ExternalAccount(account);
                _g.Edge(source, role.Arn, EdgeType.CanAssume, Evidence.Grant("iam:GetAccountAuthorizationDetails", detail, statements: [statementRef]));
                if (!externalId) _g.SetAttr(role.Arn, "external_trust_without_external_id", account);
            }
        }
    }

    private string AnyPrincipal() => _g.Node("*", NodeType.AnyPrincipal, "anyone (\"*\")", AwsIds.GlobalRegion);

    private string ExternalAccount(string account) =>
        _g.Node($"arn:{_g.Partition}:iam::{account}:root", NodeType.ExternalAccount, $"account {account}", AwsIds.GlobalRegion, ("account_id", account));

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
