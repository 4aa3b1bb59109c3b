using CloudAudit.Analysis.Graph;
using CloudAudit.Analysis.Tests.Support;
using CloudAudit.Checks.Framework;
using static CloudAudit.Analysis.Tests.Support.TestGraph;

namespace CloudAudit.Analysis.Tests.Chains;

public sealed class PrincipalRuleTests
{
    [Fact]
    public void AC_12_fires_for_the_user_without_mfa_who_is_the_administrator_not_for_another()
    {
        var g = new TestGraph().Base();
        var admin = g.User("alice", F("aws-iam-002", "arn:aws:iam::111122223333:user/alice", Severity.High, "global"));
        g.Admin(admin, F("aws-iam-005", "arn:aws:iam::111122223333:user/alice#AdministratorAccess", Severity.Critical, "global"));
        var chain = Assert.Single(g.Chains(), c => c.ChainId == "AC-12");
        Assert.Equal("Admin Without MFA", chain.Name);
        Assert.Equal(["aws-iam-002", "aws-iam-005"], chain.Findings.Select(f => f.CheckId));

        var decoy = new TestGraph().Base();
        decoy.User("bob", F("aws-iam-002", "arn:aws:iam::111122223333:user/bob", Severity.High, "global"));
        decoy.Admin(decoy.User("carol"), F("aws-iam-005", "arn:aws:iam::111122223333:user/carol#AdministratorAccess", Severity.Critical, "global"));
        Assert.DoesNotContain(decoy.Chains(), c => c.ChainId == "AC-12");
    }

    [Fact]
    public void AC_26_fires_and_supersedes_AC_12_when_the_account_has_no_root_usage_alarm()
    {
        var g = new TestGraph().Base();
        var admin = g.User("alice", F("aws-iam-002", "arn:aws:iam::111122223333:user/alice", Severity.High, "global"));
        g.Admin(admin);
        g.AddFinding(g.AccountNode, F("aws-cw-001", Account, Severity.High, "global"));
        var chains = g.Chains();
        Assert.Contains(chains, c => c.ChainId == "AC-26");
        Assert.DoesNotContain(chains, c => c.ChainId == "AC-12");
        // Fix the alarm: AC-12 is what remains.
        Assert.Contains(g.Chains("aws-cw-001"), c => c.ChainId == "AC-12");
    }

    [Fact]
    public void AC_07_fires_for_an_open_oidc_role_that_is_admin_and_gives_way_to_AC_36_when_it_can_also_escalate()
    {
        var g = new TestGraph().Base();
        var role = g.Role("deploy", F("aws-iam-007", "arn:aws:iam::111122223333:role/deploy", Severity.Critical, "global"));
        var provider = g.Node("arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com", NodeType.OidcProvider, "OIDC provider token.actions.githubusercontent.com", "global");
        g.Edge(provider, role, EdgeType.CanAssume);
        g.Admin(role);
        Assert.Equal("CI/CD to Admin Takeover", Assert.Single(g.Chains(), c => c.ChainId == "AC-07").Name);

        g.AddFinding(role, F("aws-iam-018", "arn:aws:iam::111122223333:role/deploy#iam-005", Severity.Critical, "global"));
        var chains = g.Chains();
        Assert.Contains(chains, c => c.ChainId == "AC-36");
        Assert.DoesNotContain(chains, c => c.ChainId == "AC-07");
    }

    [Fact]
    public void AC_34_and_AC_35_fire_by_the_kind_of_path_and_not_for_a_path_short_of_administrator()
    {
        var g = new TestGraph().Base();
        var dev = g.User("dev", F("aws-iam-018", "arn:aws:iam::111122223333:user/dev#lambda-001", Severity.Critical, "global"));
        var ops = g.Role("ops", F("aws-iam-018", "arn:aws:iam::111122223333:role/ops#iam-005", Severity.Critical, "global"));
        g.User("weak", F("aws-iam-018", "arn:aws:iam::111122223333:user/weak#lambda-001", Severity.High, "global"));
        var chains = g.Chains();
        Assert.Equal(dev, Assert.Single(chains, c => c.ChainId == "AC-34").Anchor);
        Assert.Equal(ops, Assert.Single(chains, c => c.ChainId == "AC-35").Anchor);
        Assert.Equal("PassRole Escalation to Admin (dev)", chains.Single(c => c.ChainId == "AC-34").Name);
    }

    [Fact]
    public void CA_08_fires_for_an_admin_role_trusted_by_another_account_without_external_id_and_not_for_a_plain_role()
    {
        var g = new TestGraph().Base();
        var role = g.Node("arn:aws:iam::111122223333:role/vendor", NodeType.IamRole, "role vendor", "global",
            attrs: new() { ["external_trust_without_external_id"] = "999988887777" });
        var other = g.Node("arn:aws:iam::999988887777:root", NodeType.ExternalAccount, "account 999988887777", "global", accountId: "999988887777");
        g.Edge(other, role, EdgeType.CanAssume, Evidence.Grant("iam", "trust statement 0 admits account 999988887777; no sts:ExternalId is required"));
        g.Admin(role);
        Assert.Single(g.Chains(), c => c.ChainId == "CA-08");

        var notAdmin = new TestGraph().Base();
        var plain = notAdmin.Node("arn:aws:iam::111122223333:role/vendor", NodeType.IamRole, "role vendor", "global",
            attrs: new() { ["external_trust_without_external_id"] = "999988887777" });
        notAdmin.Edge(notAdmin.Node("arn:aws:iam::999988887777:root", NodeType.ExternalAccount, "account 999988887777", "global"), plain, EdgeType.CanAssume);
        Assert.DoesNotContain(notAdmin.Chains(), c => c.ChainId == "CA-08");
    }
}
