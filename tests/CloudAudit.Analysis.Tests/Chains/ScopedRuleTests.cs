using CloudAudit.Analysis.Graph;
using CloudAudit.Analysis.Tests.Support;
using CloudAudit.Checks.Framework;
using static CloudAudit.Analysis.Tests.Support.TestGraph;

namespace CloudAudit.Analysis.Tests.Chains;

public sealed class ScopedRuleTests
{
    [Fact]
    public void AC_13_fires_when_the_open_group_is_in_the_vpc_without_flow_logs_and_not_when_it_is_in_another()
    {
        var g = new TestGraph().Base();
        var blind = g.Vpc("vpc-blind", F("aws-vpc-003", "vpc-blind", Severity.Medium));
        g.SecurityGroup("sg-open", blind, F("aws-vpc-002", "sg-open/sgr-1", Severity.Critical));
        var chain = Assert.Single(g.Chains(), c => c.ChainId == "AC-13");
        Assert.Equal(blind, chain.Anchor);

        var decoy = new TestGraph().Base();
        decoy.Vpc("vpc-blind", F("aws-vpc-003", "vpc-blind", Severity.Medium));
        decoy.SecurityGroup("sg-open", decoy.Vpc("vpc-logged"), F("aws-vpc-002", "sg-open/sgr-1", Severity.Critical));
        Assert.DoesNotContain(decoy.Chains(), c => c.ChainId == "AC-13");
    }

    [Fact]
    public void AC_13_wants_a_critical_rule_high_ones_do_not_count()
    {
        var g = new TestGraph().Base();
        g.SecurityGroup("sg-redis", g.Vpc("vpc-1", F("aws-vpc-003", "vpc-1", Severity.Medium)), F("aws-vpc-002", "sg-redis/sgr-1", Severity.High));
        Assert.DoesNotContain(g.Chains(), c => c.ChainId == "AC-13");
    }

    [Fact]
    public void AC_09_fires_in_one_account_gives_way_to_AC_10_which_fires_too_and_AC_09_does_not_fire_across_accounts()
    {
        var g = new TestGraph().Base();
        g.AddFinding(g.Root, F("aws-iam-001", g.Root, Severity.Critical, "global"));
        g.AddFinding(g.AccountNode, F("aws-ct-001", Account, Severity.High, "global"));
        Assert.Contains(g.Chains(), c => c.ChainId == "AC-09");
        g.AddFinding(g.RegionNode, F("aws-gd-001", "arn:aws:guardduty:us-east-1:111122223333:detector", Severity.High));
        var chains = g.Chains();
        Assert.Contains(chains, c => c.ChainId == "AC-10");
        Assert.DoesNotContain(chains, c => c.ChainId == "AC-09");

        var two = new TestGraph("222233334444").Base();
        two.AddFinding(two.Root, F("aws-iam-001", two.Root, Severity.Critical, "global"));
        var other = new TestGraph().Base();
        other.AddFinding(other.AccountNode, F("aws-ct-001", Account, Severity.High, "global"));
        var merged = SecurityGraph.Merge([two.Build(), other.Build()]);
        Assert.DoesNotContain(CloudAudit.Analysis.Chains.ChainDetector.Detect(new GraphView(merged)), c => c.ChainId == "AC-09");
    }

    [Fact]
    public void AC_11_fires_once_per_account_with_every_region_that_holds_it()
    {
        var g = new TestGraph().Base();
        g.AddFinding(g.AccountNode, F("aws-ct-001", Account, Severity.High, "global"));
        foreach (var region in new[] { "us-east-1", "eu-west-1" })
        {
            var node = g.Node(SecurityGraph.RegionNodeId(Account, region), NodeType.Region, region, region);
            g.AddFinding(node, F("aws-gd-001", $"arn:aws:guardduty:{region}:111122223333:detector", Severity.High, region));
            g.AddFinding(node, F("aws-cfg-001", $"arn:aws:config:{region}:111122223333:configuration-recorder", Severity.Medium, region));
        }
        var chain = Assert.Single(g.Chains(), c => c.ChainId == "AC-11");
        Assert.Equal(g.AccountNode, chain.Anchor);
        Assert.Equal(5, chain.Findings.Count);
        Assert.Contains("eu-west-1", chain.AttackNarrative, StringComparison.Ordinal);
    }

    [Fact]
    public void AC_19_fires_when_the_exec_service_runs_the_privileged_definition_and_not_when_another_definition_is_privileged()
    {
        var g = new TestGraph().Base();
        var service = g.Node(g.Arn("ecs", "service/c/api"), NodeType.EcsService, "api", findings: [F("aws-ecs-003", "api")]);
        var task = g.Node(g.Arn("ecs", "task-definition/api:3"), NodeType.EcsTaskDefinition, "api:3", findings: [F("aws-ecs-001", "api:3", Severity.Critical)]);
        g.Edge(service, task, EdgeType.RunsTask);
        Assert.Single(g.Chains(), c => c.ChainId == "AC-19");

        var decoy = new TestGraph().Base();
        var otherService = decoy.Node(decoy.Arn("ecs", "service/c/api"), NodeType.EcsService, "api", findings: [F("aws-ecs-003", "api")]);
        decoy.Edge(otherService, decoy.Node(decoy.Arn("ecs", "task-definition/api:3"), NodeType.EcsTaskDefinition, "api:3"), EdgeType.RunsTask);
        decoy.Node(decoy.Arn("ecs", "task-definition/batch:1"), NodeType.EcsTaskDefinition, "batch:1", findings: [F("aws-ecs-001", "batch:1", Severity.Critical)]);
        Assert.DoesNotContain(decoy.Chains(), c => c.ChainId == "AC-19");
    }
}
