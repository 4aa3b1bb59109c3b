using CloudAudit.Access.Graph;
using CloudAudit.Access.Tests.Support;
using static CloudAudit.Access.Tests.Support.AccessAccount;
using Trust = CloudAudit.Demo.IamAuthorizationBuilder.Trust;

namespace CloudAudit.Access.Tests;

/// <summary>Who can assume which role: identity policy and trust policy together, conditions evaluated; and multi-hop chains.</summary>
public class AssumeRoleTests
{
    private static string TrustWith(string principal, string condition) => Statements(
        $$"""{"Effect":"Allow","Principal":{"AWS":"{{principal}}"},"Action":"sts:AssumeRole","Condition":{{condition}}}""");

    [Fact]
    public void A_trust_in_the_account_needs_the_callers_identity_policy_and_a_named_trust_does_not()
    {
        var account = new AccessAccount();
        account.Iam
            .User("ops", inline: [("assume", Allow("\"sts:AssumeRole\"", $"\"{RoleArn("deploy")}\""))])
            .User("dev", inline: [("read", Allow("\"s3:GetObject\""))])
            .Role("deploy", Trust.Account(Id))
            .Role("break-glass", Trust.Principal(UserArn("dev")));
        var edges = account.Model().AssumeRoleEdges.Where(e => e.Kind == AssumeRoleEdgeKind.Principal).Select(e => (e.From, e.To)).ToList();
        Assert.Equal([(UserArn("dev"), RoleArn("break-glass")), (UserArn("ops"), RoleArn("deploy"))], edges);
    }

    [Fact]
    public void An_external_id_is_the_callers_to_choose_but_MFA_is_not()
    {
        var account = new AccessAccount();
        account.Iam
            .User("ops", inline: [("assume", Allow("\"sts:AssumeRole\""))])
            .Role("vendor", TrustWith($"arn:aws:iam::{Id}:root", """{"StringEquals":{"sts:ExternalId":"s3cret"}}"""))
            .Role("admin", TrustWith($"arn:aws:iam::{Id}:root", """{"Bool":{"aws:MultiFactorAuthPresent":"true"}}"""));
        var edges = account.Model().AssumeRoleEdges.Where(e => e.From == UserArn("ops")).ToDictionary(e => e.To);
        Assert.False(edges[RoleArn("vendor")].NeedsConditions);
        Assert.Contains("StringEquals sts:ExternalId [s3cret]", edges[RoleArn("vendor")].Conditions);
        Assert.True(edges[RoleArn("admin")].NeedsConditions);
        Assert.Contains("Bool aws:MultiFactorAuthPresent [true]", edges[RoleArn("admin")].Conditions);
    }

    [Fact]
    public void A_trust_on_a_principal_tag_is_decided_by_the_callers_own_tags()
    {
        var account = new AccessAccount();
        var trust = TrustWith($"arn:aws:iam::{Id}:root", """{"StringEquals":{"aws:PrincipalTag/team":"platform"}}""");
        account.Iam
            .User("alice", inline: [("assume", Allow("\"sts:AssumeRole\""))], tags: [("team", "platform")])
            .User("bob", inline: [("assume", Allow("\"sts:AssumeRole\""))], tags: [("team", "data")])
            .Role("platform", trust);
        var from = account.Model().AssumeRoleEdges.Where(e => e.Kind == AssumeRoleEdgeKind.Principal).Select(e => e.From);
        Assert.Equal([UserArn("alice")], from);
    }

    [Fact]
    public void Trusts_of_other_accounts_services_and_everyone_are_edges_with_what_the_other_side_needs()
    {
        var account = new AccessAccount();
        account.Iam
            .Role("partner", TrustWith("arn:aws:iam::444455556666:root", """{"StringEquals":{"sts:ExternalId":"abc"}}"""))
            .Role("open", Trust.Principal("*"))
            .Role("fn", Trust.Service("lambda.amazonaws.com"));
        var all = account.Model().AssumeRoleEdges;
        // A trust in everyone admits the account's own roles too, without an identity policy (a resource policy grant).
        Assert.Equal([RoleArn("fn"), RoleArn("partner")], all.Where(e => e.Kind == AssumeRoleEdgeKind.Principal && e.To == RoleArn("open")).Select(e => e.From));
        var edges = all.Where(e => e.Kind != AssumeRoleEdgeKind.Principal).ToDictionary(e => e.To);
        var partner = edges[RoleArn("partner")];
        Assert.Equal(("arn:aws:iam::444455556666:root", AssumeRoleEdgeKind.CrossAccount), (partner.From, partner.Kind));
        Assert.Equal($"an identity policy in account 444455556666 allowing sts:AssumeRole on {RoleArn("partner")}, and the conditions StringEquals sts:ExternalId [abc]", partner.Requires);
        Assert.Equal(AssumeRoleEdgeKind.Public, edges[RoleArn("open")].Kind);
        Assert.Equal(("lambda.amazonaws.com", AssumeRoleEdgeKind.Service), (edges[RoleArn("fn")].From, edges[RoleArn("fn")].Kind));
    }

    [Fact]
    public void A_chain_through_a_role_that_escalates_itself_names_every_hop()
    {
        var account = new AccessAccount();
        account.Iam
            .User("intern", inline: [("assume", Allow("\"sts:AssumeRole\"", $"\"{RoleArn("ci")}\""))])
            .Role("ci", Trust.Account(Id), inline: [("assume", Allow("\"sts:AssumeRole\"", $"\"{RoleArn("tooling")}\""))])
            .Role("tooling", Trust.Principal(RoleArn("ci")), inline: [("self", Allow("\"iam:AttachRolePolicy\"", $"\"{RoleArn("tooling")}\""))]);
        var chains = account.Model().Escalation.Chains.ToDictionary(c => c.Principal.Arn);
        var intern = chains[UserArn("intern")];
        Assert.Equal(["sts-001", "sts-001", "iam-009"], intern.Hops.Select(h => h.Method));
        Assert.Equal([UserArn("intern"), RoleArn("ci"), RoleArn("tooling")], intern.Hops.Select(h => h.From));
        Assert.Equal("administrator access for itself", intern.Hops[^1].Gains);
        Assert.Equal($"{UserArn("intern")} -[sts-001]-> {RoleArn("ci")} -[sts-001]-> {RoleArn("tooling")} -[iam-009]-> administrator access for itself", intern.ToString());
        Assert.Equal("sts:AssumeRole", Assert.Single(intern.Hops[0].Steps).Action);
        Assert.Single(chains[RoleArn("tooling")].Hops);
    }

    [Fact]
    public void A_role_that_needs_MFA_to_assume_is_no_hop_of_a_chain()
    {
        var account = new AccessAccount();
        account.Iam
            .User("ops", inline: [("assume", Allow("\"sts:AssumeRole\""))])
            .Role("admin", TrustWith($"arn:aws:iam::{Id}:root", """{"Bool":{"aws:MultiFactorAuthPresent":"true"}}"""), managed: [AdministratorAccess]);
        Assert.Empty(account.Model().Escalation.Chains);
    }
}
