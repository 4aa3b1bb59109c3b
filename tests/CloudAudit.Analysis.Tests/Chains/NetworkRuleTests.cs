using CloudAudit.Analysis.Graph;
using CloudAudit.Analysis.Tests.Support;
using CloudAudit.Checks.Framework;
using static CloudAudit.Analysis.Tests.Support.TestGraph;

namespace CloudAudit.Analysis.Tests.Chains;

/// <summary>
/// The network rules, each both ways: it fires when its findings sit on linked resources (the group in the VPC
/// without flow logs, the WAF gap in the VPC's region), and does not when the same findings sit elsewhere.
/// </summary>
public sealed class NetworkRuleTests
{
    private static FindingRef NoFlowLogs(string vpc) => F("aws-vpc-003", vpc, Severity.Medium);

    private static FindingRef OpenRule(string group, Severity severity = Severity.Critical) => F("aws-vpc-002", $"{group}/sgr-1", severity);

    private static string Acl(TestGraph g, string id, string vpc, params FindingRef[] findings)
    {
        var acl = g.Node(g.Arn("ec2", $"network-acl/{id}"), NodeType.NetworkAcl, id, findings: findings);
        g.Edge(acl, vpc, EdgeType.InNetwork);
        return acl;
    }

    [Fact]
    public void AC_14_fires_when_the_acl_and_the_open_group_are_in_the_vpc_without_flow_logs()
    {
        var g = new TestGraph().Base();
        var vpc = g.Vpc("vpc-1", NoFlowLogs("vpc-1"));
        Acl(g, "acl-1", vpc, F("aws-vpc-004", "acl-1", Severity.High));
        g.SecurityGroup("sg-1", vpc, OpenRule("sg-1"));
        var chain = Assert.Single(g.Chains(), c => c.ChainId == "AC-14");
        Assert.Equal(vpc, chain.Anchor);
        Assert.Equal(["aws-vpc-003", "aws-vpc-004", "aws-vpc-002"], chain.Findings.Select(f => f.CheckId));
    }

    [Fact]
    public void AC_14_does_not_fire_when_the_open_acl_is_in_another_vpc()
    {
        var g = new TestGraph().Base();
        var vpc = g.Vpc("vpc-1", NoFlowLogs("vpc-1"));
        Acl(g, "acl-2", g.Vpc("vpc-2"), F("aws-vpc-004", "acl-2", Severity.High));
        g.SecurityGroup("sg-1", vpc, OpenRule("sg-1"));
        Assert.DoesNotContain(g.Chains(), c => c.ChainId == "AC-14");
    }

    [Fact]
    public void AC_27_fires_for_the_default_group_of_the_vpc_without_flow_logs()
    {
        var g = new TestGraph().Base();
        var vpc = g.Vpc("vpc-1", NoFlowLogs("vpc-1"));
        g.SecurityGroup("sg-default", vpc, F("aws-vpc-005", "sg-default", Severity.Medium));
        Assert.Equal(vpc, Assert.Single(g.Chains(), c => c.ChainId == "AC-27").Anchor);
        Assert.DoesNotContain(g.Chains("aws-vpc-005"), c => c.ChainId == "AC-27");
    }

    [Fact]
    public void AC_27_does_not_fire_when_the_open_default_group_belongs_to_a_logged_vpc()
    {
        var g = new TestGraph().Base();
        g.Vpc("vpc-1", NoFlowLogs("vpc-1"));
        g.SecurityGroup("sg-default", g.Vpc("vpc-2"), F("aws-vpc-005", "sg-default", Severity.Medium));
        Assert.DoesNotContain(g.Chains(), c => c.ChainId == "AC-27");
    }

    [Fact]
    public void AC_29_fires_for_the_exposed_instance_that_misses_patches()
    {
        var g = new TestGraph().Base();
        var sg = g.SecurityGroup("sg-1", g.Vpc("vpc-1"), OpenRule("sg-1"));
        var instance = g.Instance("i-1", F("aws-ssm-003", "i-1"));
        g.Exposed(instance, sg, OpenRule("sg-1"));
        var chain = Assert.Single(g.Chains(), c => c.ChainId == "AC-29");
        Assert.Equal(instance, chain.Anchor);
        Assert.Equal(["aws-vpc-002", "aws-ssm-003"], chain.Findings.Select(f => f.CheckId));
        Assert.DoesNotContain(g.Chains("aws-vpc-002"), c => c.ChainId == "AC-29");
    }

    [Fact]
    public void AC_29_does_not_fire_when_the_unpatched_instance_is_not_the_exposed_one()
    {
        var g = new TestGraph().Base();
        var sg = g.SecurityGroup("sg-1", g.Vpc("vpc-1"), OpenRule("sg-1"));
        g.Exposed(g.Instance("i-web"), sg, OpenRule("sg-1"));
        g.Instance("i-batch", F("aws-ssm-003", "i-batch"));
        Assert.DoesNotContain(g.Chains(), c => c.ChainId == "AC-29");
    }

    [Fact]
    public void AC_31_fires_when_the_region_of_the_open_unlogged_vpc_has_no_waf()
    {
        var g = new TestGraph().Base();
        var vpc = g.Vpc("vpc-1", NoFlowLogs("vpc-1"));
        g.SecurityGroup("sg-1", vpc, OpenRule("sg-1", Severity.High));
        g.AddFinding(g.RegionNode, F("aws-waf-001", "us-east-1", Severity.Medium));
        Assert.Equal(vpc, Assert.Single(g.Chains(), c => c.ChainId == "AC-31").Anchor);
    }

    [Fact]
    public void AC_31_does_not_fire_when_the_waf_gap_is_in_another_region()
    {
        var g = new TestGraph().Base();
        var vpc = g.Vpc("vpc-1", NoFlowLogs("vpc-1"));
        g.SecurityGroup("sg-1", vpc, OpenRule("sg-1", Severity.High));
        g.Node(SecurityGraph.RegionNodeId(Account, "eu-west-1"), NodeType.Region, "eu-west-1", "eu-west-1",
            [F("aws-waf-001", "eu-west-1", Severity.Medium, "eu-west-1")]);
        Assert.DoesNotContain(g.Chains(), c => c.ChainId == "AC-31");
    }

    [Fact]
    public void AC_33_fires_for_the_all_public_unlogged_vpc_that_holds_the_open_group()
    {
        var g = new TestGraph().Base();
        var vpc = g.Vpc("vpc-1", NoFlowLogs("vpc-1"), F("aws-vpc-006", "vpc-1", Severity.Medium));
        g.SecurityGroup("sg-1", vpc, OpenRule("sg-1", Severity.High));
        Assert.Equal(vpc, Assert.Single(g.Chains(), c => c.ChainId == "AC-33").Anchor);
        Assert.DoesNotContain(g.Chains("aws-vpc-006"), c => c.ChainId == "AC-33");
    }

    [Fact]
    public void AC_33_does_not_fire_when_the_all_public_vpc_is_not_the_unlogged_one()
    {
        var g = new TestGraph().Base();
        var unlogged = g.Vpc("vpc-1", NoFlowLogs("vpc-1"));
        g.SecurityGroup("sg-1", unlogged, OpenRule("sg-1", Severity.High));
        g.Vpc("vpc-2", F("aws-vpc-006", "vpc-2", Severity.Medium));
        Assert.DoesNotContain(g.Chains(), c => c.ChainId == "AC-33");
    }

    [Fact]
    public void CA_09_fires_for_a_database_the_internet_reaches()
    {
        var g = new TestGraph().Base();
        var sg = g.SecurityGroup("sg-db", g.Vpc("vpc-1"), OpenRule("sg-db"));
        var db = g.Node(g.Arn("rds", "db:orders"), NodeType.RdsInstance, "orders", findings: [F("aws-rds-001", "orders", Severity.Critical)]);
        g.Exposed(db, sg, OpenRule("sg-db"));
        Assert.Equal(db, Assert.Single(g.Chains(), c => c.ChainId == "CA-09").Anchor);
        Assert.DoesNotContain(g.Chains("aws-vpc-002"), c => c.ChainId == "CA-09");
    }

    [Fact]
    public void CA_09_does_not_fire_for_a_publicly_accessible_database_no_open_route_reaches()
    {
        var g = new TestGraph().Base();
        g.SecurityGroup("sg-db", g.Vpc("vpc-1"), OpenRule("sg-db"));
        g.Node(g.Arn("rds", "db:orders"), NodeType.RdsInstance, "orders", findings: [F("aws-rds-001", "orders", Severity.Critical)]);
        Assert.DoesNotContain(g.Chains(), c => c.ChainId == "CA-09");
    }
}
