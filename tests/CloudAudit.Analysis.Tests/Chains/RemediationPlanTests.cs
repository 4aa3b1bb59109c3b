using CloudAudit.Analysis.Chains;
using CloudAudit.Analysis.Remediation;
using CloudAudit.Analysis.Tests.Support;
using CloudAudit.Checks.Framework;
using static CloudAudit.Analysis.Tests.Support.TestGraph;

namespace CloudAudit.Analysis.Tests.Chains;

public sealed class RemediationPlanTests
{
    [Fact]
    public void Each_root_cause_breaks_exactly_the_chains_that_disappear_without_its_findings()
    {
        var g = new TestGraph().Base();
        var openSsh = F("aws-vpc-002", "sg-1/sgr-1", Severity.Critical);
        var blind = g.Vpc("vpc-1", F("aws-vpc-003", "vpc-1", Severity.Medium));
        var sg = g.SecurityGroup("sg-1", blind, openSsh);
        var instance = g.Instance("i-1", F("aws-ec2-004", "i-1"));
        g.Exposed(instance, sg, openSsh);
        var role = g.Role("web");
        g.Admin(role);
        g.RunsAs(instance, role);
        var graph = g.Build();
        var chains = ChainDetector.Detect(new CloudAudit.Analysis.Graph.GraphView(graph));
        Assert.Equal(["AC-01", "AC-02", "AC-13"], chains.Select(c => c.ChainId).Order());

        var plan = RemediationPlanner.Plan(graph, chains, check => check == "aws-vpc-002" ? new CheckFix(Effort.Low, null) : null);
        var sgFix = plan[0];
        Assert.Equal("aws-vpc-002", sgFix.CheckId);
        Assert.Equal(["AC-01", "AC-02", "AC-13"], sgFix.ChainsBroken.Order());
        Assert.True(sgFix.QuickWin);
        Assert.Equal(["AC-02"], plan.Single(p => p.CheckId == "aws-ec2-004").ChainsBroken);
        Assert.Equal(["AC-13"], plan.Single(p => p.CheckId == "aws-vpc-003").ChainsBroken);
    }
}
