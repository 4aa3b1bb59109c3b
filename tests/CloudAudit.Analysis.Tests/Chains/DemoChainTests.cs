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
}
