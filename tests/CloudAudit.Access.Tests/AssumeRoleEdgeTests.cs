using System.Globalization;
using CloudAudit.Access.Graph;
using CloudAudit.Access.Principals;
using CloudAudit.Access.Tests.Support;
using CloudAudit.Demo;
using CloudAudit.Policy.Analysis;
using CloudAudit.Policy.Evaluation;
using static CloudAudit.Access.Tests.Support.AccessAccount;
using Trust = CloudAudit.Demo.IamAuthorizationBuilder.Trust;

namespace CloudAudit.Access.Tests;

/// <summary>
/// The access model's assume-role edges between principals of the account are the engine's answers: on generated
/// accounts, every principal asked about every role one request at a time (identity policies, boundary, SCPs and the
/// trust policy, nothing narrowed or skipped) must give exactly the model's edges, with their statements, conditions
/// and whether they need conditions the caller cannot choose. The model skips pairs it can tell the engine denies
/// (no trust statement names the principal, its account or everyone; none of its identity statements covers the
/// role); this holds it to the plain answers.
/// </summary>
public sealed class AssumeRoleEdgeTests
{
    [Theory]
    [InlineData(1, false)]
    [InlineData(2, false)]
    [InlineData(3, true)]
    [InlineData(4, true)]
    public void Every_principal_edge_is_the_engines_answer_and_no_allowed_request_is_left_out(int seed, bool governed)
    {
        var model = Generate(seed, governed).Model();
        var targets = model.Iam.Roles.Where(r => r.Trust is not null && r.Unassessable is null && !r.IsServiceLinked).ToList();
        var expected = new List<string>();
        foreach (var principal in model.Principals.Where(p => p.Unassessable is null))
            foreach (var role in targets.Where(r => r.Arn != principal.Arn))
                if (AskTheEngine(model, principal, role) is { } edge) expected.Add(edge);
        var actual = model.AssumeRoleEdges.Where(e => e.Kind == AssumeRoleEdgeKind.Principal).Select(Render).ToList();

        Assert.True(expected.Count >= 40, $"the generated account admits too little to test: {expected.Count} edges");
        Assert.True(expected.Count(e => e.Contains("needs-conditions", StringComparison.Ordinal)) >= 3, "no edge needs conditions");
        Assert.Equal([], expected.Except(actual));
        Assert.Equal([], actual.Except(expected));
        Assert.Equal(expected.Count, actual.Count);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Each_roles_outside_parties_are_those_its_own_trust_admits_citing_its_own_statements(int seed)
    {
        var model = Generate(seed, governed: false).Model();
        var action = Policy.Matching.ActionName.Parse("sts:AssumeRole");
        var expected = new List<string>();
        foreach (var role in model.Iam.Roles.Where(r => r.Trust is not null))
            foreach (var party in ResourceExposure.Parties(role.Trust!, action, role.Arn, model.AccountId))
                expected.Add($"{party.Party} → {role.Arn} via [{string.Join(", ", party.Via.Select(m => $"{m.PolicyName}#{m.StatementIndex}"))}] when [{string.Join(" & ", party.Conditions)}]");
        var actual = model.AssumeRoleEdges.Where(e => e.Kind is AssumeRoleEdgeKind.CrossAccount or AssumeRoleEdgeKind.Public or AssumeRoleEdgeKind.Service)
            .Select(e => $"{e.From} → {e.To} via [{string.Join(", ", e.Via.Select(m => $"{m.PolicyName}#{m.StatementIndex}"))}] when [{string.Join(" & ", e.Conditions)}]").ToList();
        Assert.True(expected.Count >= 6, $"only {expected.Count} outside parties");
        Assert.Equal(expected.Order(StringComparer.Ordinal), actual.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(5)]
    [InlineData(6)]
    public void The_edges_come_ordered_by_role_then_by_who_assumes_it(int seed)
    {
        var edges = Generate(seed, governed: false).Model().AssumeRoleEdges;
        Assert.True(edges.Count >= 40);
        for (var i = 1; i < edges.Count; i++)
        {
            var order = string.CompareOrdinal(edges[i - 1].To, edges[i].To);
            Assert.True(order < 0 || (order == 0 && string.CompareOrdinal(edges[i - 1].From, edges[i].From) <= 0),
                $"edge {i - 1} ({edges[i - 1].From} → {edges[i - 1].To}) comes before edge {i} ({edges[i].From} → {edges[i].To})");
        }
    }

    /// <summary>The edge STS would open, decided as the model documents it, on the principal's full policy set.</summary>
    private static string? AskTheEngine(AccessModel model, IamEntity principal, IamEntity role)
    {
        var set = model.WithOrganization(principal.Policies.WithResourcePolicy(role.Trust));
        var context = model.ContextOf(principal);
        var action = Policy.Matching.ActionName.Parse("sts:AssumeRole");
        var strict = new AccessRequest(principal.Caller, action, role.Arn, context, model.AccountId) { FreeKey = AssumeRoleGraph.CallerChooses };
        var loose = new AccessRequest(principal.Caller, action, role.Arn, context, model.AccountId) { FreeKey = key => !PrincipalAnalysis.DescribesCaller(key) };
        var result = PolicyEvaluator.Evaluate(set, strict);
        var needsConditions = false;
        if (!result.IsAllowed)
        {
            result = PolicyEvaluator.Evaluate(set, loose);
            if (!result.IsAllowed) return null;
            needsConditions = true;
        }
        var documents = principal.Policies.Identity.Append(role.Trust!).ToList();
        var conditions = result.MatchedStatements
            .SelectMany(m => documents.Where(d => d.Name == m.PolicyName).SelectMany(d => d.Statements.Where(s => s.Index == m.StatementIndex)))
            .SelectMany(s => s.Conditions).Select(c => c.ToString()).Distinct();
        return Line(principal.Arn, role.Arn, needsConditions, result.MatchedStatements, conditions);
    }

    private static string Render(AssumeRoleEdge edge) => Line(edge.From, edge.To, edge.NeedsConditions, edge.Via, edge.Conditions);

    private static string Line(string from, string to, bool needsConditions, IEnumerable<MatchedStatement> via, IEnumerable<string> conditions) =>
        $"{from} → {to}{(needsConditions ? " needs-conditions" : "")} via [{string.Join(", ", via.Select(m => string.Create(CultureInfo.InvariantCulture, $"{m.Kind}:{m.PolicyName}#{m.StatementIndex}")))}]"
        + $" when [{string.Join(" & ", conditions)}]";

    /// <summary>
    /// Users (some in groups) and roles with random sts:AssumeRole grants (exact, name patterns, "*", NotResource,
    /// policy variables, denies, MFA and region conditions, boundaries) and random trusts (the account, a principal,
    /// everyone, another account, a service, an identity provider; external IDs, MFA, principal tags and ARNs).
    /// </summary>
    private static AccessAccount Generate(int seed, bool governed)
    {
        var random = new Random(seed);
        var account = new AccessAccount();
        if (governed)
            account.Governed([Scp.FullAwsAccess, new Scp("p-no-secure", "no-secure", Statements(
                $$"""{"Effect":"Deny","Action":"sts:AssumeRole","Resource":"arn:aws:iam::{{Id}}:role/secure-1*"}"""))], [Scp.FullAwsAccess], [Scp.FullAwsAccess]);
        string N(int n) => n.ToString("D2", CultureInfo.InvariantCulture);
        string[] teams = ["red", "blue", "green"];
        const int Roles = 40, Users = 24;
        var roleNames = Enumerable.Range(0, Roles).Select(r => $"{(r % 3 == 0 ? "app" : r % 3 == 1 ? "ops" : "secure")}-{N(r)}").ToArray();
        string PathOf(int r) => r % 7 == 0 ? "/team/" : "/";
        string RoleArnOf(int r) => account.Iam.RoleArn(roleNames[r], PathOf(r));
        string[] grants =
        [
            """{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"{role}"}""",
            $$"""{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"arn:aws:iam::{{Id}}:role/app-*"}""",
            $$"""{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"arn:aws:iam::{{Id}}:role/ops-1*"}""",
            """{"Effect":"Allow","Action":"sts:*","Resource":"*"}""",
            """{"Effect":"Allow","Action":"*","Resource":"*"}""",
            """{"Effect":"Allow","Action":"sts:AssumeRole","NotResource":"{role}"}""",
            $$"""{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"arn:aws:iam::{{Id}}:role/*-${aws:PrincipalTag/slot}"}""",
            $$"""{"Effect":"Deny","Action":"sts:AssumeRole","Resource":"arn:aws:iam::{{Id}}:role/secure-*"}""",
            """{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"*","Condition":{"Bool":{"aws:MultiFactorAuthPresent":"true"}}}""",
            """{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"*","Condition":{"StringEquals":{"aws:RequestedRegion":"eu-west-1"}}}""",
            """{"Effect":"Allow","Action":["s3:GetObject","iam:List*"],"Resource":"*"}""",
        ];
        string Policy()
        {
            var statements = Enumerable.Range(0, random.Next(1, 4))
                .Select(_ => grants[random.Next(grants.Length)].Replace("{role}", RoleArnOf(random.Next(Roles)), StringComparison.Ordinal));
            return Statements([.. statements]);
        }
        (string, string)[] Tags() => [("team", teams[random.Next(teams.Length)]), ("slot", N(random.Next(Roles)))];
        string Condition(string clause) => $$"""{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::{{Id}}:root"},"Action":"sts:AssumeRole","Condition":{{clause}}}""";
        string TrustPolicy()
        {
            var roll = random.Next(100);
            var principal = random.Next(2) == 0 ? UserArn($"user-{N(random.Next(Users))}") : RoleArnOf(random.Next(Roles));
            return roll switch
            {
                < 30 => Trust.Account(Id),
                < 36 => Trust.Principal(Id),
                < 50 => Trust.Principal(principal),
                < 54 => Trust.Principal("*"),
                < 57 => Statements("""{"Effect":"Allow","Principal":"*","Action":"sts:AssumeRole","Condition":{"StringEquals":{"aws:PrincipalAccount":"111122223333"}}}"""),
                < 62 => Statements(Condition("""{"StringEquals":{"sts:ExternalId":"xyz"}}""")),
                < 68 => Statements(Condition("""{"Bool":{"aws:MultiFactorAuthPresent":"true"}}""")),
                < 74 => Statements(Condition($$$"""{"StringEquals":{"aws:PrincipalTag/team":"{{{teams[random.Next(teams.Length)]}}}"}}""")),
                < 78 => Statements(Condition($$$"""{"StringLike":{"aws:PrincipalArn":"arn:aws:iam::{{{Id}}}:user/user-0*"}}""")),
                < 82 => Statements("""{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":["sts:AssumeRole","sts:TagSession"]}""",
                    $$"""{"Effect":"Deny","Principal":{"AWS":"{{principal}}"},"Action":"sts:AssumeRole"}"""),
                < 86 => Trust.Account("444455556666"),
                < 92 => Trust.Service("lambda.amazonaws.com"),
                < 95 => Trust.GitHub(Id, null),
                _ => Statements($$"""{"Effect":"Allow","Principal":{"AWS":["{{principal}}","arn:aws:iam::444455556666:root"]},"Action":"sts:*"}"""),
            };
        }
        // Principals with the same managed policies and no inline grant are decided alike unless a policy or the trust looks at who asks.
        var pool = Enumerable.Range(0, 6).Select(i => $"pool-{i}").ToArray();
        foreach (var name in pool) account.Iam.ManagedPolicy(name, Policy());
        string[] Managed() => [.. Enumerable.Range(0, random.Next(1, 3)).Select(_ => pool[random.Next(pool.Length)]).Distinct()];
        (string, string)[] Inline() => random.Next(3) == 0 ? [("grants", Policy())] : [];
        account.Iam.ManagedPolicy("shared", Policy()).ManagedPolicy("boundary", Statements(
            $$"""{"Effect":"Allow","Action":["s3:*","iam:*"],"Resource":"*"}""",
            $$"""{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"arn:aws:iam::{{Id}}:role/ops-*"}"""));
        account.Iam.Group("assumers", managed: ["shared"], inline: [("more", Policy())]);
        for (var u = 0; u < Users; u++)
            account.Iam.User($"user-{N(u)}", groups: random.Next(3) == 0 ? ["assumers"] : null, managed: Managed(), inline: Inline(),
                boundary: random.Next(6) == 0 ? "boundary" : null, tags: Tags());
        for (var r = 0; r < Roles; r++)
            account.Iam.Role(roleNames[r], TrustPolicy(), inline: Inline(), managed: random.Next(5) == 0 ? ["shared", .. Managed()] : Managed(),
                boundary: random.Next(6) == 0 ? "boundary" : null, tags: Tags(), path: PathOf(r));
        // Twins: the same policies, told apart only by trusts that name one of them.
        account.Iam.ManagedPolicy("assume-any", Allow("\"sts:AssumeRole\""))
            .User("twin-a", managed: ["assume-any"]).User("twin-b", managed: ["assume-any"])
            .Role("guarded", Statements(Condition("""{"Bool":{"aws:SecureTransport":"true"}}"""),
                $$"""{"Effect":"Deny","Principal":{"AWS":"{{UserArn("twin-a")}}"},"Action":"sts:AssumeRole"}"""))
            .Role("favoured", Statements($$"""{"Effect":"Allow","Principal":{"AWS":["{{UserArn("twin-b")}}","arn:aws:iam::{{Id}}:root"]},"Action":"sts:AssumeRole"}"""),
                boundary: "boundary");
        account.Iam.Role("AWSServiceRoleForSupport", Trust.Service("support.amazonaws.com"), path: "/aws-service-role/support.amazonaws.com/");
        return account;
    }
}
