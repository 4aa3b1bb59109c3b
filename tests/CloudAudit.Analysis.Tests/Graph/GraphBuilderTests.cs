using CloudAudit.Analysis.Graph;
using CloudAudit.Analysis.Tests.Support;
using static CloudAudit.Demo.IamAuthorizationBuilder;
using static CloudAudit.Analysis.Tests.Support.TestPolicies;

namespace CloudAudit.Analysis.Tests.Graph;

public sealed class GraphBuilderTests
{
    private static TestInventory Network(bool publicSubnet = true, bool denySsh = false, string? publicIp = "198.51.100.7")
    {
        var inv = new TestInventory().Vpc("vpc-1").Subnet("subnet-1", "vpc-1", publicSubnet).Acl("acl-1", "vpc-1", denySsh, "subnet-1")
            .SecurityGroup("sg-1", "vpc-1", openPort: 22);
        inv.Iam.Role("web", Trust.Service("ec2.amazonaws.com"), inline: [("admin", Admin)], instanceProfile: true);
        inv.Iam.Role("reader", Trust.Service("ec2.amazonaws.com"), inline: [("read", ReadOnly)], instanceProfile: true);
        inv.Instance("i-1", "subnet-1", "vpc-1", "sg-1", publicIp, profileRole: "web");
        return inv;
    }

    private static string InstanceId(string id) => $"arn:aws:ec2:us-east-1:{TestInventory.Account}:instance/{id}";

    [Fact]
    public void An_instance_with_a_public_address_in_a_public_subnet_behind_an_open_rule_is_reachable_with_its_evidence()
    {
        var report = Network().Scan();
        var graph = report.AttackPaths.Graph;
        var edge = Assert.Single(graph.In(InstanceId("i-1")), e => e.Type == EdgeType.ReachableFromInternet);
        var grant = Assert.Single(edge.Evidence, e => e.Kind == EvidenceKind.Grant);
        Assert.Contains("allows tcp 22 from 0.0.0.0/0 (rule sgr-sg-1)", grant.Detail, StringComparison.Ordinal);
        Assert.Equal("aws-vpc-002", grant.Finding?.CheckId);
        Assert.Contains(edge.Evidence, e => e.Detail.Contains("routes 0.0.0.0/0 to internet gateway igw-1", StringComparison.Ordinal));
        Assert.Contains(edge.Evidence, e => e.Detail.Contains("network ACL acl-1 lets tcp 22 through (rule 100)", StringComparison.Ordinal));
        Assert.Contains(graph.Out(InstanceId("i-1")), e => e.Type == EdgeType.RunsAs && e.Target == $"arn:aws:iam::{TestInventory.Account}:role/web");
    }

    [Theory]
    [InlineData(false, false, "198.51.100.7")] // private subnet
    [InlineData(true, true, "198.51.100.7")]   // the ACL denies SSH ahead of its allow-all rule
    [InlineData(true, false, null)]            // no public address
    public void Without_every_link_of_the_way_in_the_instance_is_not_reachable(bool publicSubnet, bool denySsh, string? publicIp)
    {
        var report = Network(publicSubnet, denySsh, publicIp).Scan();
        Assert.DoesNotContain(report.AttackPaths.Graph.In(InstanceId("i-1")), e => e.Type == EdgeType.ReachableFromInternet);
        Assert.DoesNotContain(report.AttackPaths.Chains, c => c.ChainId == "AC-01");
    }

    [Fact]
    public void The_administrator_role_gets_an_admin_edge_whose_grant_is_the_policy_aws_iam_005_reports()
    {
        var report = Network().Scan();
        var graph = report.AttackPaths.Graph;
        var admin = Assert.Single(graph.Out($"arn:aws:iam::{TestInventory.Account}:role/web"), e => e.Type == EdgeType.AdminOf);
        var grant = Assert.Single(admin.Evidence);
        Assert.Equal("aws-iam-005", grant.Finding?.CheckId);
        Assert.NotEmpty(grant.Statements);
        Assert.DoesNotContain(graph.Out($"arn:aws:iam::{TestInventory.Account}:role/reader"), e => e.Type == EdgeType.AdminOf);
    }

    [Fact]
    public void The_full_scan_reports_AC_01_on_the_linked_instance_and_the_plan_fixes_the_security_group_first()
    {
        var report = Network().Scan();
        var chain = Assert.Single(report.AttackPaths.Chains, c => c.ChainId == "AC-01");
        Assert.Equal(InstanceId("i-1"), chain.Anchor);
        Assert.Equal(report.AttackPaths.Chains.Count, report.Summary.AttackChainsDetected);
        var sgFix = Assert.Single(report.AttackPaths.RootCauses, r => r.CheckId == "aws-vpc-002");
        Assert.Contains("AC-01", sgFix.ChainsBroken);
        Assert.NotNull(sgFix.Remediation);
    }

    [Fact]
    public void Findings_sit_on_the_nodes_of_the_resources_they_name()
    {
        var report = Network().Scan();
        var graph = report.AttackPaths.Graph;
        var group = graph.Node($"arn:aws:ec2:us-east-1:{TestInventory.Account}:security-group/sg-1");
        Assert.Contains(group.Findings, f => f.CheckId == "aws-vpc-002");
        var role = graph.Node($"arn:aws:iam::{TestInventory.Account}:role/web");
        Assert.Contains(role.Findings, f => f.CheckId == "aws-iam-005");
    }

    [Fact]
    public void Only_a_trust_of_another_account_without_an_external_id_marks_a_role_as_trusting_outsiders()
    {
        var inv = new TestInventory();
        var operatorRole = $"arn:aws:iam::{TestInventory.Account}:role/operator";
        inv.Iam.Role("operator", Trust.Service("ec2.amazonaws.com"),
            inline: [("assume", """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"*"}]}""")]);
        inv.Iam.Role("internal", Trust.Principal(operatorRole), inline: [("admin", Admin)]);
        inv.Iam.Role("own-account", Trust.Account(TestInventory.Account), inline: [("admin", Admin)]);
        inv.Iam.Role("ci", Trust.GitHub(TestInventory.Account, "repo:example-org/app:ref:refs/heads/main"), inline: [("admin", Admin)]);
        inv.Iam.Role("vendor", Trust.Account("999988887777"), inline: [("admin", Admin)]);
        var graph = inv.Scan().AttackPaths.Graph;
        string? Outsider(string role) => graph.Node($"arn:aws:iam::{TestInventory.Account}:role/{role}").Attr("external_trust_without_external_id");

        Assert.Contains(graph.In($"arn:aws:iam::{TestInventory.Account}:role/internal"), e => e.Type == EdgeType.CanAssume && e.Source == operatorRole);
        Assert.Null(Outsider("internal"));
        Assert.Null(Outsider("own-account"));
        Assert.Null(Outsider("ci"));
        Assert.Equal("999988887777", Outsider("vendor"));
    }
}
