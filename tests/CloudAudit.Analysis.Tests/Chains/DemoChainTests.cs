using CloudAudit.Analysis.Chains;
using CloudAudit.Analysis.Graph;
using CloudAudit.Analysis.Tests.Support;
using CloudAudit.Checks;
using CloudAudit.Demo;

namespace CloudAudit.Analysis.Tests.Chains;

/// <summary>The demo scanned once: what its chains and graph say.</summary>
public sealed class DemoScan
{
    public ScanReport Report { get; } =
        ScanPipeline.Evaluate(DemoAccount.Build(TestInventory.Now, "0.1.0"), CheckRegistry.All, new AnalysisOptions(), "demo", "0.1.0");

    public IReadOnlyList<AttackChain> Chains => Report.AttackPaths.Chains;

    public SecurityGraph Graph => Report.AttackPaths.Graph;
}

/// <summary>
/// The demo's chains on linked resources, and its decoys: the same findings on resources that are not linked, where
/// no chain may be reported (docs/attack-paths.md, "Decoys in the demo").
/// </summary>
public sealed class DemoChainTests(DemoScan demo) : IClassFixture<DemoScan>
{
    private const string Prod = DemoAccount.ProductionAccount, Dev = DemoAccount.DevelopmentAccount;

    private static string Notebook(string account, string name) => $"arn:aws:sagemaker:us-east-1:{account}:notebook-instance/{name}";

    private static string NotebookRole(string account) => $"arn:aws:iam::{account}:role/service-role/AmazonSageMaker-ExecutionRole-20250314T101512";

    [Fact]
    public void AC_39_links_developments_root_notebook_to_the_unguarded_models_its_role_may_call()
    {
        var chain = Assert.Single(demo.Chains, c => c.ChainId == "AC-39");
        Assert.Equal(Dev, chain.AccountId);
        Assert.Equal([Notebook(Dev, "dev-notebook"), NotebookRole(Dev)], chain.Resources.Take(2));
        Assert.Contains(SecurityGraph.RegionNodeId(Dev, "us-east-1"), chain.Resources);
    }

    [Fact]
    public void AC_39_decoy_productions_root_notebook_calls_only_a_guarded_model()
    {
        // ml-experiments has root access and Dublin's Bedrock has no guardrails, but its role may call one us-east-1
        // model, where the guardrail is: the parts exist and are not linked.
        Assert.Contains(demo.Graph.Node(Notebook(Prod, "ml-experiments")).Findings, f => f.CheckId == "aws-sagemaker-001");
        Assert.Contains(demo.Graph.Node(SecurityGraph.RegionNodeId(Prod, "eu-west-1")).Findings, f => f.CheckId == "aws-bedrock-002");
        var edge = Assert.Single(demo.Graph.Out(NotebookRole(Prod)), e => e.Type == EdgeType.CanInvokeModel);
        Assert.Equal(SecurityGraph.RegionNodeId(Prod, "us-east-1"), edge.Target);
        Assert.DoesNotContain(demo.Chains, c => c.ChainId == "AC-39" && c.AccountId == Prod);
        Assert.DoesNotContain(demo.Graph.Gaps, g => g.What.Contains("AC-39", StringComparison.Ordinal));
    }

    // --- decoys: the parts of a reference chain on resources that are not linked -------------------------------------

    private static string Instance(string account, string region, string id) => $"arn:aws:ec2:{region}:{account}:instance/{id}";

    /// <summary>Development's IMDSv1 instances the internet reaches: neither runs as a role.</summary>
    public static TheoryData<string> ExposedImdsV1WithoutRole => new()
    {
        Instance(Dev, "us-east-1", "i-0a2c4e6a8c0e2a4c6"),
        Instance(Dev, "eu-central-1", "i-0e6a8c0e2a4c6e8a0"),
    };

    [Theory]
    [MemberData(nameof(ExposedImdsV1WithoutRole))]
    public void Decoy_an_exposed_IMDSv1_instance_without_a_role_beside_administrator_roles_is_no_AC_01_or_AC_02(string instance)
    {
        var node = demo.Graph.Node(instance);
        Assert.Contains(node.Findings, f => f.CheckId == "aws-ec2-004");
        Assert.Contains(demo.Graph.In(instance), e => e.Type == EdgeType.ReachableFromInternet);
        Assert.DoesNotContain(demo.Graph.Out(instance), e => e.Type == EdgeType.RunsAs);
        Assert.Contains(demo.Graph.Out($"arn:aws:iam::{Dev}:role/ci-deployer"), e => e.Type == EdgeType.AdminOf);
        Assert.DoesNotContain(demo.Chains, c => c.ChainId is "AC-01" or "AC-02" && c.Resources.Contains(instance));

        // Linked (the instance runs as the administrator role ci-deployer), the same parts are both chains.
        var linked = Chains(demo.Graph, edges: [new GraphEdge(instance, $"arn:aws:iam::{Dev}:role/ci-deployer", EdgeType.RunsAs, [])]);
        Assert.Contains(linked, c => c.ChainId == "AC-01" && c.Anchor == instance);
        Assert.Contains(linked, c => c.ChainId == "AC-02" && c.Anchor == instance);
    }

    [Fact]
    public void Decoy_an_IMDSv1_instance_behind_productions_open_security_group_is_not_reachable_so_no_AC_02()
    {
        // sg-03d4e5f6a7b8c9d0e admits the internet (aws-vpc-002) and i-0e9d8c7b6a5f43210 answers IMDSv1, but the
        // instance is not reachable from the internet through every layer.
        var group = $"arn:aws:ec2:us-east-1:{Prod}:security-group/sg-03d4e5f6a7b8c9d0e";
        var instance = Instance(Prod, "us-east-1", "i-0e9d8c7b6a5f43210");
        Assert.Contains(demo.Graph.Node(group).Findings, f => f.CheckId == "aws-vpc-002");
        Assert.Contains(demo.Graph.Node(instance).Findings, f => f.CheckId == "aws-ec2-004");
        Assert.Contains(demo.Graph.Out(group), e => e.Type == EdgeType.NetworkAttach && e.Target == instance);
        Assert.DoesNotContain(demo.Graph.In(instance), e => e.Type == EdgeType.ReachableFromInternet);
        Assert.DoesNotContain(demo.Chains, c => c.ChainId is "AC-01" or "AC-02" or "AC-29");
    }

    [Fact]
    public void Decoy_unpatched_instances_are_not_the_ones_the_internet_reaches_so_no_AC_29()
    {
        // Production's unpatched instances (aws-ssm-003) are known to Systems Manager only; the instances the
        // internet reaches are development's, which miss no patches.
        var unpatched = demo.Graph.Nodes.SelectMany(n => n.Findings).Where(f => f.CheckId == "aws-ssm-003").Select(f => f.ResourceId).ToList();
        Assert.Equal([Instance(Prod, "eu-west-1", "i-0f9e8d7c6b5a40010"), Instance(Prod, "us-east-1", "i-0a1b2c3d4e5f60002")], unpatched.Order(StringComparer.Ordinal));
        var exposed = Instance(Dev, "us-east-1", "i-0a2c4e6a8c0e2a4c6");
        Assert.Contains(demo.Graph.In(exposed), e => e.Type == EdgeType.ReachableFromInternet);
        Assert.DoesNotContain(demo.Chains, c => c.ChainId == "AC-29");

        // Were the exposed instance the unpatched one, AC-29 would fire on it.
        var finding = demo.Graph.Nodes.SelectMany(n => n.Findings).First(f => f.CheckId == "aws-ssm-003");
        var node = demo.Graph.Node(exposed);
        var linked = Chains(demo.Graph, nodes: [node with { Findings = [.. node.Findings, finding] }]);
        Assert.Contains(linked, c => c.ChainId == "AC-29" && c.Anchor == exposed);
    }

    /// <summary>The users that sign in without MFA (aws-iam-002) and the administrators, per account: never the same principal.</summary>
    [Theory]
    [InlineData(Prod, "people/carol.diaz", "datazone-platform-admin")]
    [InlineData(Prod, "people/erin.walsh", "OrganizationAccountAccessRole")]
    [InlineData(Dev, "dev-admin", "ci-deployer")]
    [InlineData(Dev, "old-intern", "lambda-admin-exec")]
    public void Decoy_a_user_without_MFA_beside_an_administrator_role_is_no_AC_12_or_AC_26(string account, string user, string adminRole)
    {
        var userArn = $"arn:aws:iam::{account}:user/{user}";
        var mfa = Assert.Single(demo.Graph.Nodes.SelectMany(n => n.Findings), f => f.CheckId == "aws-iam-002" && f.ResourceId == userArn);
        var role = $"arn:aws:iam::{account}:role/{adminRole}";
        Assert.Contains(demo.Graph.Out(role), e => e.Type == EdgeType.AdminOf);
        // The user is in the credential report, not in the IAM authorization details the demo records: the graph has
        // no node and no administrator edge for it, so nothing links it to administrator power.
        Assert.DoesNotContain(demo.Graph.Edges, e => e.Type == EdgeType.AdminOf && e.Source == userArn);
        Assert.DoesNotContain(demo.Chains, c => c.ChainId is "AC-12" or "AC-26" && c.Resources.Contains(userArn));
        Assert.DoesNotContain(demo.Chains, c => c.ChainId is "AC-12" or "AC-26");

        // Were the user itself the administrator, the chain would fire on it.
        var linked = Chains(demo.Graph,
            nodes: [new GraphNode(userArn, NodeType.IamUser, $"user {user}", account, "global", new Dictionary<string, string>(), [mfa])],
            edges: [new GraphEdge(userArn, SecurityGraph.AccountNodeId(account), EdgeType.AdminOf, [Evidence.Grant("iam", "AdministratorAccess")])]);
        Assert.Contains(linked, c => c.ChainId is "AC-12" or "AC-26" && c.Anchor == userArn);
    }

    /// <summary>The demo's chains on its graph with some nodes replaced (or added) and some edges added.</summary>
    private static IReadOnlyList<AttackChain> Chains(SecurityGraph graph, GraphNode[]? nodes = null, GraphEdge[]? edges = null)
    {
        var replaced = (nodes ?? []).ToDictionary(n => n.Id, StringComparer.Ordinal);
        var all = graph.Nodes.Select(n => replaced.GetValueOrDefault(n.Id) ?? n).Concat(replaced.Values.Where(n => graph.Find(n.Id) is null)).ToList();
        return ChainDetector.Detect(new GraphView(new SecurityGraph(all, [.. graph.Edges, .. edges ?? []], graph.Gaps)));
    }
}
