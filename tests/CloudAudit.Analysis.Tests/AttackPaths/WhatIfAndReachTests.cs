using CloudAudit.Analysis.BlastRadius;
using CloudAudit.Analysis.Chains;
using CloudAudit.Analysis.Exposure;
using CloudAudit.Analysis.Graph;
using CloudAudit.Analysis.Remediation;
using CloudAudit.Analysis.Simulation;
using CloudAudit.Analysis.Tests.Support;
using CloudAudit.Checks.Framework;
using static CloudAudit.Analysis.Tests.Support.TestGraph;

namespace CloudAudit.Analysis.Tests.AttackPaths;

public sealed class WhatIfAndReachTests
{
    private static readonly FindingRef OpenSsh = F("aws-vpc-002", "sg-1/sgr-1", Severity.Critical);
    private static readonly FindingRef Imds = F("aws-ec2-004", "i-web");

    /// <summary>An exposed web instance whose role is an administrator and can read a bucket; an unexposed admin role beside it.</summary>
    private static (TestGraph G, string Instance, string Role, string Bucket, string Lonely) Account()
    {
        var g = new TestGraph().Base();
        var vpc = g.Vpc("vpc-1");
        var sg = g.SecurityGroup("sg-1", vpc, OpenSsh);
        var instance = g.Instance("i-web", Imds);
        g.Exposed(instance, sg, OpenSsh);
        var role = g.Role("web");
        g.RunsAs(instance, role);
        g.Admin(role);
        var bucket = g.Node("arn:aws:s3:::data", NodeType.S3Bucket, "bucket data", "us-east-1");
        g.Edge(role, bucket, EdgeType.CanRead);
        var lonely = g.Role("break-glass");
        g.Admin(lonely);
        return (g, instance, role, bucket, lonely);
    }

    private static AttackPathAnalysis Analysis(SecurityGraph graph) => AttackPathAnalyzer.Analyze(graph, [], _ => new CheckFix(Effort.Low, null));

    [Fact]
    public void Fixing_the_open_rule_breaks_every_chain_through_the_instance_and_recounts_score_and_findings()
    {
        var analysis = Analysis(Account().G.Build());
        Assert.Equal(["AC-01", "AC-02"], analysis.Chains.Select(c => c.ChainId).Order());
        ActiveFinding[] active = [new("aws-vpc-002", Severity.Critical), new("aws-ec2-004", Severity.High)];

        var result = WhatIf.Simulate(analysis, active, ["aws-vpc-002"], _ => null);

        Assert.Equal(70, result.ScoreBefore);
        Assert.Equal(90, result.ScoreAfter);
        Assert.Equal((2, 1), (result.FindingsBefore, result.FindingsAfter));
        Assert.Equal(["AC-01", "AC-02"], result.Broken.Select(c => c.ChainId).Order());
        Assert.Empty(result.ChainsAfter);
        Assert.Equal(40, result.RiskBefore);
        Assert.Equal(0, result.RiskAfter);
        Assert.Null(result.NextFix);
    }

    [Fact]
    public void Fixing_one_link_leaves_the_chains_that_stand_without_it_and_names_the_next_fix()
    {
        var analysis = Analysis(Account().G.Build());
        var result = WhatIf.Simulate(analysis, [new("aws-ec2-004", Severity.High)], ["aws-ec2-004"], _ => new CheckFix(Effort.Low, null));

        Assert.Equal(["AC-02"], result.Broken.Select(c => c.ChainId));
        Assert.Equal(["AC-01"], result.ChainsAfter.Select(c => c.ChainId));
        Assert.Equal("aws-vpc-002", result.NextFix?.CheckId);
    }

    [Fact]
    public void Exposure_ranks_the_reachable_administrator_above_the_same_power_out_of_reach_with_reasons()
    {
        var (g, instance, role, bucket, lonely) = Account();
        var ranked = ExposureRanking.Rank(new GraphView(g.Build()));

        var web = ranked.Single(i => i.Node.Id == role);
        var breakGlass = ranked.Single(i => i.Node.Id == lonely);
        Assert.Equal(2, web.InternetHops);
        Assert.Null(breakGlass.InternetHops);
        Assert.True(web.Score > breakGlass.Score);
        Assert.Contains(web.Reasons, r => r.Contains("Internet → i-web → role web", StringComparison.Ordinal));
        Assert.Contains(web.Reasons, r => r.StartsWith("administrator", StringComparison.Ordinal));
        Assert.Equal(3, ranked.Single(i => i.Node.Id == bucket).InternetHops);
        Assert.Equal(1, ranked.Single(i => i.Node.Id == instance).InternetHops);
    }

    [Fact]
    public void Exposure_after_the_fix_no_longer_counts_the_reach_the_fix_removes()
    {
        var (g, _, role, _, _) = Account();
        var ranked = ExposureRanking.Rank(new GraphView(g.Build(), new HashSet<string> { "aws-vpc-002" }));
        Assert.Null(ranked.Single(i => i.Node.Id == role).InternetHops);
    }

    [Fact]
    public void Blast_radius_follows_runs_as_to_the_admin_role_its_data_and_the_account()
    {
        var (g, instance, role, bucket, lonely) = Account();
        var graph = g.Build();
        var radius = BlastRadiusAnalysis.From(new GraphView(graph), graph.Node(instance));

        Assert.Equal([instance, role, g.AccountNode, bucket], radius.Steps.Select(s => s.Node.Id));
        Assert.Equal([0, 1, 2, 2], radius.Steps.Select(s => s.Depth));
        Assert.Single(radius.AccountsTaken);
        Assert.DoesNotContain(radius.Steps, s => s.Node.Id == lonely);
        Assert.Null(radius.Truncation);
    }

    [Fact]
    public void Blast_radius_says_when_a_cap_stopped_it()
    {
        var (g, instance, _, _, _) = Account();
        var graph = g.Build();
        var shallow = BlastRadiusAnalysis.From(new GraphView(graph), graph.Node(instance), maxDepth: 1);
        Assert.Equal(2, shallow.Steps.Count);
        Assert.Contains("--max-depth", shallow.Truncation);

        var small = BlastRadiusAnalysis.From(new GraphView(graph), graph.Node(instance), maxNodes: 3);
        Assert.Equal(3, small.Steps.Count);
        Assert.Contains("at least 1 more", small.Truncation);
    }

    [Fact]
    public void Resources_resolve_by_arn_id_or_name_and_unknown_ones_get_the_closest()
    {
        var (g, instance, role, _, _) = Account();
        var graph = g.Build();
        Assert.Equal(instance, BlastRadiusAnalysis.Resolve(graph, "i-web")?.Id);
        Assert.Equal(role, BlastRadiusAnalysis.Resolve(graph, "web")?.Id);
        Assert.Equal(role, BlastRadiusAnalysis.Resolve(graph, role)?.Id);
        Assert.Null(BlastRadiusAnalysis.Resolve(graph, "i-wob"));
        Assert.Equal(instance, BlastRadiusAnalysis.Closest(graph, "i-wob")[0]);
    }
}
