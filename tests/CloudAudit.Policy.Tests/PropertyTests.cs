using CloudAudit.Policy.Evaluation;
using CloudAudit.Policy.Matching;
using CloudAudit.Policy.Model;
using static CloudAudit.Policy.Tests.Build;

namespace CloudAudit.Policy.Tests;

/// <summary>
/// Randomised properties of the evaluation logic over generated policies and requests (fixed seeds, so a
/// failure reproduces). Fragments mix wildcards, NotAction/NotResource and conditions.
/// </summary>
public class PropertyTests
{
    static readonly string[] actions = ["s3:GetObject", "s3:PutObject", "s3:ListBucket", "iam:CreateUser", "ec2:RunInstances", "kms:Decrypt"];
    static readonly string[] actionPatterns = ["s3:*", "s3:Get*", "s3:GetObject", "iam:*", "*", "ec2:Run*", "kms:?ecrypt", "s3:Put*"];
    static readonly string[] resources = ["arn:aws:s3:::b/k", "arn:aws:s3:::b", "arn:aws:s3:::other/x", "*"];
    static readonly string[] resourcePatterns = ["*", "arn:aws:s3:::b/*", "arn:aws:s3:::b", "arn:aws:s3:::*", "arn:aws:s3:::other/*"];
    static readonly string[] conditions =
    [
        "", "", "",
        ""","Condition":{"Bool":{"aws:SecureTransport":"true"}}""",
        ""","Condition":{"StringEquals":{"aws:RequestedRegion":"us-east-1"}}""",
        ""","Condition":{"IpAddress":{"aws:SourceIp":"10.0.0.0/8"}}""",
        ""","Condition":{"StringNotEquals":{"aws:PrincipalAccount":"111122223333"}}""",
        ""","Condition":{"ForAnyValue:StringEquals":{"aws:TagKeys":["env"]}}""",
    ];

    static string RandomStatement(Random r, string effect)
    {
        var action = r.Next(6) == 0 ? "NotAction" : "Action";
        var resource = r.Next(6) == 0 ? "NotResource" : "Resource";
        return $$"""{"Effect":"{{effect}}","{{action}}":"{{actionPatterns[r.Next(actionPatterns.Length)]}}","{{resource}}":"{{resourcePatterns[r.Next(resourcePatterns.Length)]}}"{{conditions[r.Next(conditions.Length)]}}}""";
    }

    static PolicyDocument RandomPolicy(Random r, PolicyKind kind) =>
        Doc(kind, [.. Enumerable.Range(0, r.Next(1, 4)).Select(_ => RandomStatement(r, r.Next(4) == 0 ? "Deny" : "Allow"))]);

    static PolicySet RandomSet(Random r) => new()
    {
        Identity = [.. Enumerable.Range(0, r.Next(0, 3)).Select(_ => RandomPolicy(r, PolicyKind.Identity))],
        PermissionsBoundary = r.Next(3) == 0 ? RandomPolicy(r, PolicyKind.PermissionsBoundary) : null,
        ServiceControlPolicies = r.Next(3) == 0 ? [[RandomPolicy(r, PolicyKind.ServiceControl)]] : [],
    };

    static AccessRequest RandomRequest(Random r)
    {
        var context = new RequestContext();
        if (r.Next(2) == 0) context.Set("aws:SecureTransport", r.Next(2) == 0 ? "true" : "false");
        if (r.Next(2) == 0) context.Set("aws:RequestedRegion", r.Next(2) == 0 ? "us-east-1" : "eu-west-1");
        if (r.Next(2) == 0) context.Set("aws:SourceIp", r.Next(2) == 0 ? "10.1.2.3" : "203.0.113.9");
        if (r.Next(2) == 0) context.Set("aws:TagKeys", r.Next(2) == 0 ? ["env"] : ["team", "owner"]);
        var principal = r.Next(2) == 0 ? Role : User;
        return new AccessRequest(Principal.Parse(principal), ActionName.Parse(actions[r.Next(actions.Length)]), resources[r.Next(resources.Length)], context);
    }

    static void ForAll(int seed, Action<Random> property)
    {
        var r = new Random(seed);
        for (var i = 0; i < 400; i++) property(r);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Adding_a_deny_statement_never_turns_a_denial_into_an_allow(int seed) => ForAll(seed, r =>
    {
        var set = RandomSet(r);
        var request = RandomRequest(r);
        var before = PolicyEvaluator.Decide(set, request);
        var extra = new PolicySet
        {
            Identity = [.. set.Identity, Doc(PolicyKind.Identity, RandomStatement(r, "Deny"))],
            PermissionsBoundary = set.PermissionsBoundary, ServiceControlPolicies = set.ServiceControlPolicies,
        };
        var after = PolicyEvaluator.Decide(extra, request);
        if (before != Decision.Allowed) Assert.NotEqual(Decision.Allowed, after);
        if (before == Decision.ExplicitDeny) Assert.Equal(Decision.ExplicitDeny, after);
    });

    [Theory]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    public void Adding_an_identity_allow_never_turns_an_allow_into_a_deny(int seed) => ForAll(seed, r =>
    {
        var set = RandomSet(r);
        var request = RandomRequest(r);
        var before = PolicyEvaluator.Decide(set, request);
        var extra = new PolicySet
        {
            Identity = [.. set.Identity, Doc(PolicyKind.Identity, RandomStatement(r, "Allow"))],
            PermissionsBoundary = set.PermissionsBoundary, ServiceControlPolicies = set.ServiceControlPolicies,
        };
        if (before == Decision.Allowed) Assert.Equal(Decision.Allowed, PolicyEvaluator.Decide(extra, request));
    });

    [Theory]
    [InlineData(7)]
    [InlineData(8)]
    public void No_SCPs_and_an_allow_all_SCP_decide_alike(int seed) => ForAll(seed, r =>
    {
        var set = RandomSet(r);
        var request = RandomRequest(r);
        var none = new PolicySet { Identity = set.Identity, PermissionsBoundary = set.PermissionsBoundary };
        var allowAll = new PolicySet { Identity = set.Identity, PermissionsBoundary = set.PermissionsBoundary, ServiceControlPolicies = [[Doc(PolicyKind.ServiceControl, Allow("*"))]] };
        Assert.Equal(PolicyEvaluator.Decide(none, request), PolicyEvaluator.Decide(allowAll, request));
    });

    [Theory]
    [InlineData(9)]
    [InlineData(10)]
    public void A_boundary_or_SCP_only_ever_narrows(int seed) => ForAll(seed, r =>
    {
        var set = RandomSet(r);
        var request = RandomRequest(r);
        var identityOnly = PolicyEvaluator.Decide(new PolicySet { Identity = set.Identity }, request);
        if (identityOnly != Decision.Allowed) Assert.NotEqual(Decision.Allowed, PolicyEvaluator.Decide(set, request));
    });

    [Theory]
    [InlineData(11)]
    public void Detailed_and_fast_evaluation_agree_and_explain_explicit_denies(int seed) => ForAll(seed, r =>
    {
        var set = RandomSet(r);
        var request = RandomRequest(r);
        var detailed = PolicyEvaluator.Evaluate(set, request);
        Assert.Equal(PolicyEvaluator.Decide(set, request), detailed.Decision);
        if (detailed.Decision == Decision.ExplicitDeny) Assert.All(detailed.MatchedStatements, s => Assert.Equal(Effect.Deny, s.Effect));
        if (detailed.Decision == Decision.Allowed) Assert.Contains(detailed.MatchedStatements, s => s.Kind == PolicyKind.Identity);
    });

    [Theory]
    [InlineData(12)]
    public void Evaluation_does_not_depend_on_policy_order(int seed) => ForAll(seed, r =>
    {
        var set = RandomSet(r);
        var request = RandomRequest(r);
        var reversed = new PolicySet { Identity = [.. set.Identity.Reverse()], PermissionsBoundary = set.PermissionsBoundary, ServiceControlPolicies = set.ServiceControlPolicies };
        Assert.Equal(PolicyEvaluator.Decide(set, request), PolicyEvaluator.Decide(reversed, request));
    });
}
