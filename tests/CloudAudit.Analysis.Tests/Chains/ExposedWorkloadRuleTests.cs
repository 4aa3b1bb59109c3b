using CloudAudit.Analysis.Graph;
using CloudAudit.Analysis.Tests.Support;
using CloudAudit.Checks.Framework;
using static CloudAudit.Analysis.Tests.Support.TestGraph;

namespace CloudAudit.Analysis.Tests.Chains;

public sealed class ExposedWorkloadRuleTests
{
    private static readonly FindingRef OpenSsh = F("aws-vpc-002", "sg-1/sgr-1", Severity.Critical);
    private static readonly FindingRef AdminPolicy = F("aws-iam-005", "arn:aws:iam::111122223333:role/web#arn:aws:iam::aws:policy/AdministratorAccess", Severity.Critical, "global");

    /// <summary>An instance open to the internet through sg-1, and an administrator role; <paramref name="linked"/> decides whether the instance runs as it.</summary>
    private static (TestGraph Graph, string Instance, string Role) ExposedAdmin(bool linked)
    {
        var g = new TestGraph().Base();
        var vpc = g.Vpc("vpc-1");
        var sg = g.SecurityGroup("sg-1", vpc, OpenSsh);
        var instance = g.Instance("i-1");
        g.Exposed(instance, sg, OpenSsh);
        var admin = g.Role("web", AdminPolicy);
        g.Admin(admin, AdminPolicy);
        var plain = g.Role("plain");
        g.RunsAs(instance, linked ? admin : plain);
        return (g, instance, admin);
    }

    [Fact]
    public void AC_01_fires_when_the_exposed_instance_runs_as_the_administrator_role()
    {
        var (g, instance, role) = ExposedAdmin(linked: true);
        var chain = Assert.Single(g.Chains(), c => c.ChainId == "AC-01");
        Assert.Equal("Internet-Exposed Admin Instance", chain.Name);
        Assert.Equal(Severity.Critical, chain.Severity);
        Assert.Equal(instance, chain.Anchor);
        Assert.Equal([instance, role], chain.Resources);
        Assert.Equal(["aws-vpc-002", "aws-iam-005"], chain.Findings.Select(f => f.CheckId));
        Assert.Equal(["T1190", "T1552.005", "T1078.004"], chain.MitreRefs);
        Assert.Contains("administrator", chain.AttackNarrative, StringComparison.Ordinal);
        Assert.Equal([VizStepTypeName.Internet, VizStepTypeName.Network, VizStepTypeName.Compute, VizStepTypeName.Identity, VizStepTypeName.Impact],
            chain.VizSteps.Select(s => VizStepTypeName.Of(s.Type)));
    }

    [Fact]
    public void AC_01_does_not_fire_when_the_administrator_role_belongs_to_another_workload()
    {
        var (g, _, _) = ExposedAdmin(linked: false);
        Assert.DoesNotContain(g.Chains(), c => c.ChainId == "AC-01");
    }

    [Fact]
    public void AC_01_is_broken_by_fixing_the_open_rule_and_by_removing_the_admin_policy()
    {
        var (g, _, _) = ExposedAdmin(linked: true);
        Assert.DoesNotContain(g.Chains("aws-vpc-002"), c => c.ChainId == "AC-01");
        Assert.DoesNotContain(g.Chains("aws-iam-005"), c => c.ChainId == "AC-01");
        Assert.Contains(g.Chains("aws-ec2-004"), c => c.ChainId == "AC-01");
    }

    [Fact]
    public void A_second_open_rule_that_no_check_reports_keeps_the_instance_exposed_after_the_fix()
    {
        var (g, instance, _) = ExposedAdmin(linked: true);
        g.Edge(SecurityGraph.InternetId, instance, EdgeType.ReachableFromInternet,
            Evidence.Grant("ec2:DescribeSecurityGroupRules", "security group sg-1 allows tcp 443 from 0.0.0.0/0"));
        Assert.Contains(g.Chains("aws-vpc-002"), c => c.ChainId == "AC-01");
    }

    [Fact]
    public void AC_02_fires_on_the_exposed_imdsv1_instance_with_a_role_and_not_on_the_unexposed_or_roleless_decoys()
    {
        var g = new TestGraph().Base();
        var sg = g.SecurityGroup("sg-1", g.Vpc("vpc-1"), OpenSsh);
        var exposed = g.Instance("i-1", F("aws-ec2-004", "i-1"));
        g.Exposed(exposed, sg, OpenSsh);
        g.RunsAs(exposed, g.Role("app"));
        var decoy = g.Instance("i-2", F("aws-ec2-004", "i-2")); // IMDSv1 but not reachable
        g.RunsAs(decoy, g.Role("other"));
        var noRole = g.Instance("i-3", F("aws-ec2-004", "i-3")); // reachable, IMDSv1, nothing to steal
        g.Exposed(noRole, sg, OpenSsh);

        var chain = Assert.Single(g.Chains(), c => c.ChainId == "AC-02");
        Assert.Equal(exposed, chain.Anchor);
        Assert.Contains(chain.Findings, f => f.CheckId == "aws-ec2-004");
        Assert.DoesNotContain(g.Chains("aws-ec2-004"), c => c.ChainId == "AC-02");
    }

    [Fact]
    public void AC_05_fires_for_the_public_function_whose_role_is_an_administrator_and_not_for_a_private_one_with_the_same_role()
    {
        var g = new TestGraph().Base();
        var url = F("aws-lambda-001", g.Arn("lambda", "function:public"));
        var pub = g.Function("public", url);
        g.Exposed(pub, null, url);
        var admin = g.Role("lambda-admin");
        g.Admin(admin);
        g.RunsAs(pub, admin);
        var privateFn = g.Function("private");
        g.RunsAs(privateFn, admin);
        var chain = Assert.Single(g.Chains(), c => c.ChainId == "AC-05");
        Assert.Equal(pub, chain.Anchor);
        Assert.DoesNotContain(g.Chains("aws-lambda-001"), c => c.ChainId == "AC-05");
    }

    [Fact]
    public void CA_01_fires_for_an_exposed_workload_whose_role_can_escalate_and_not_when_the_role_is_already_admin()
    {
        var g = new TestGraph().Base();
        var sg = g.SecurityGroup("sg-1", g.Vpc("vpc-1"));
        var instance = g.Instance("i-1");
        g.Exposed(instance, sg);
        var role = g.Role("app", F("aws-iam-018", "arn:aws:iam::111122223333:role/app#iam-005", Severity.Critical, "global"));
        g.EscalatesToAdmin(role, F("aws-iam-018", "arn:aws:iam::111122223333:role/app#iam-005", Severity.Critical, "global"));
        g.RunsAs(instance, role);
        var chain = Assert.Single(g.Chains(), c => c.ChainId == "CA-01");
        Assert.Equal(["aws-iam-018"], chain.Findings.Select(f => f.CheckId));
        Assert.DoesNotContain(g.Chains(), c => c.ChainId == "AC-01");
        Assert.DoesNotContain(g.Chains("aws-iam-018"), c => c.ChainId == "CA-01");

        var decoy = new TestGraph().Base();
        var lonely = decoy.Instance("i-9");
        decoy.Exposed(lonely, decoy.SecurityGroup("sg-9", decoy.Vpc("vpc-9")));
        decoy.RunsAs(lonely, decoy.Role("plain"));
        var escalating = decoy.Role("elsewhere");
        decoy.EscalatesToAdmin(escalating);
        Assert.DoesNotContain(decoy.Chains(), c => c.ChainId == "CA-01");
    }

    [Fact]
    public void CA_02_fires_when_the_exposed_workloads_role_reads_a_secret_and_not_for_an_internal_workload()
    {
        var g = new TestGraph().Base();
        var fn = g.Function("api");
        g.Exposed(fn);
        var role = g.Role("api");
        g.RunsAs(fn, role);
        var secret = g.Node(g.Arn("secretsmanager", "secret:db-AbC123"), NodeType.Secret, "db");
        g.Edge(role, secret, EdgeType.CanRead, Evidence.Grant("iam", "allowed secretsmanager:GetSecretValue"));
        var chain = Assert.Single(g.Chains(), c => c.ChainId == "CA-02");
        Assert.Equal([fn, role, secret], chain.Resources);

        var unexposed = new TestGraph().Base();
        var worker = unexposed.Function("worker");
        var workerRole = unexposed.Role("worker");
        unexposed.RunsAs(worker, workerRole);
        unexposed.Edge(workerRole, unexposed.Node(unexposed.Arn("secretsmanager", "secret:x"), NodeType.Secret, "x"), EdgeType.CanRead);
        Assert.DoesNotContain(unexposed.Chains(), c => c.ChainId == "CA-02");
    }
}

/// <summary>The JSON names of viz step types, to compare drawings by what the reference tool writes.</summary>
public static class VizStepTypeName
{
    public const string Internet = "internet", Network = "network", Compute = "compute", Identity = "identity", Impact = "impact";

    public static string Of(CloudAudit.Analysis.Chains.VizStepType type) => type.ToString().ToLowerInvariant();
}
