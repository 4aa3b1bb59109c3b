using CloudAudit.Analysis.Chains;
using CloudAudit.Analysis.Graph;
using CloudAudit.Analysis.Tests.Support;
using CloudAudit.Checks.Framework;
using static CloudAudit.Analysis.Tests.Support.TestGraph;

namespace CloudAudit.Analysis.Tests.Chains;

/// <summary>
/// The rules about one account's or one region's settings, each both ways: the findings must sit in the same account
/// (or region); the same findings split between two accounts (or regions) make no chain.
/// </summary>
public sealed class AccountRuleTests
{
    private const string Other = "222233334444";

    private static FindingRef NoTrail(string account = Account) => F("aws-ct-001", account, Severity.High, "global");

    /// <summary>Two accounts' graphs as one scan.</summary>
    private static IReadOnlyList<AttackChain> Both(TestGraph a, TestGraph b) =>
        ChainDetector.Detect(new GraphView(SecurityGraph.Merge([a.Build(), b.Build()])));

    private static string Region(TestGraph g, string region, params FindingRef[] findings) =>
        g.Node(SecurityGraph.RegionNodeId(g.AccountId, region), NodeType.Region, region, region, findings, accountId: g.AccountId);

    [Fact]
    public void AC_10_does_not_fire_when_guardduty_is_off_in_another_account()
    {
        var a = new TestGraph().Base();
        a.AddFinding(a.Root, F("aws-iam-001", a.Root, Severity.Critical, "global"));
        a.AddFinding(a.AccountNode, NoTrail());
        var b = new TestGraph(Other).Base();
        b.AddFinding(b.RegionNode, F("aws-gd-001", "detector", Severity.High));
        var chains = Both(a, b);
        Assert.DoesNotContain(chains, c => c.ChainId == "AC-10");
        Assert.Contains(chains, c => c.ChainId == "AC-09");
    }

    [Fact]
    public void AC_11_does_not_fire_when_guardduty_and_config_are_off_in_different_regions()
    {
        var g = new TestGraph().Base();
        g.AddFinding(g.AccountNode, NoTrail());
        g.AddFinding(g.RegionNode, F("aws-gd-001", "detector", Severity.High));
        Region(g, "eu-west-1", F("aws-cfg-001", "recorder", Severity.Medium, "eu-west-1"));
        Assert.DoesNotContain(g.Chains(), c => c.ChainId == "AC-11");
    }

    [Fact]
    public void AC_21_fires_when_plaintext_parameters_and_lambda_secrets_share_a_region()
    {
        var g = new TestGraph().Base();
        g.Node(g.Arn("ssm", "parameter/db-password"), NodeType.SsmParameter, "db-password", findings: [F("aws-ssm-002", "db-password")]);
        g.Function("api", F("aws-lambda-003", "api"));
        var chain = Assert.Single(g.Chains(), c => c.ChainId == "AC-21");
        Assert.Equal(g.AccountNode, chain.Anchor);
        Assert.Equal(["aws-ssm-002", "aws-lambda-003"], chain.Findings.Select(f => f.CheckId));
    }

    [Fact]
    public void AC_21_does_not_fire_when_the_two_kinds_of_plaintext_secret_are_in_different_regions()
    {
        var g = new TestGraph().Base();
        Region(g, "eu-west-1");
        g.Node(g.Arn("ssm", "parameter/db-password"), NodeType.SsmParameter, "db-password", findings: [F("aws-ssm-002", "db-password")]);
        g.Node($"arn:aws:lambda:eu-west-1:{Account}:function:api", NodeType.LambdaFunction, "api", "eu-west-1",
            [F("aws-lambda-003", "api", Severity.High, "eu-west-1")]);
        Assert.DoesNotContain(g.Chains(), c => c.ChainId == "AC-21");
    }

    [Fact]
    public void AC_25_fires_when_the_root_keys_and_the_trail_gap_are_in_one_account()
    {
        var g = new TestGraph().Base();
        g.AddFinding(g.Root, F("aws-iam-008", g.Root, Severity.Critical, "global"));
        g.AddFinding(g.AccountNode, NoTrail());
        Assert.Equal(g.AccountNode, Assert.Single(g.Chains(), c => c.ChainId == "AC-25").Anchor);
        Assert.DoesNotContain(g.Chains("aws-iam-008"), c => c.ChainId == "AC-25");
    }

    [Fact]
    public void AC_25_does_not_fire_when_the_root_keys_are_in_another_account_than_the_trail_gap()
    {
        var a = new TestGraph().Base();
        a.AddFinding(a.Root, F("aws-iam-008", a.Root, Severity.Critical, "global"));
        var b = new TestGraph(Other).Base();
        b.AddFinding(b.AccountNode, NoTrail(Other));
        Assert.DoesNotContain(Both(a, b), c => c.ChainId == "AC-25");
    }

    [Fact]
    public void AC_28_fires_for_an_open_oidc_role_in_the_account_without_access_analyzer()
    {
        var g = new TestGraph().Base();
        var role = OpenCiRole(g, "deploy");
        g.AddFinding(g.AccountNode, F("aws-iam-012", Account, Severity.Medium, "global"));
        Assert.Equal(role, Assert.Single(g.Chains(), c => c.ChainId == "AC-28").Anchor);
    }

    [Fact]
    public void AC_28_does_not_fire_when_the_analyzer_is_missing_in_another_account()
    {
        var a = new TestGraph().Base();
        OpenCiRole(a, "deploy");
        var b = new TestGraph(Other).Base();
        b.AddFinding(b.AccountNode, F("aws-iam-012", Other, Severity.Medium, "global"));
        Assert.DoesNotContain(Both(a, b), c => c.ChainId == "AC-28");
    }

    [Fact]
    public void AC_30_fires_when_unpatched_instances_sit_in_a_region_without_inspector()
    {
        var g = new TestGraph().Base();
        g.Instance("i-1", F("aws-ssm-003", "i-1"));
        g.AddFinding(g.RegionNode, F("aws-inspector-001", "us-east-1", Severity.Medium));
        Assert.Equal(g.AccountNode, Assert.Single(g.Chains(), c => c.ChainId == "AC-30").Anchor);
    }

    [Fact]
    public void AC_30_does_not_fire_when_inspector_is_off_in_another_region()
    {
        var g = new TestGraph().Base();
        g.Instance("i-1", F("aws-ssm-003", "i-1"));
        Region(g, "eu-west-1", F("aws-inspector-001", "eu-west-1", Severity.Medium, "eu-west-1"));
        Assert.DoesNotContain(g.Chains(), c => c.ChainId == "AC-30");
    }

    [Fact]
    public void AC_32_fires_when_one_account_has_no_log_delivery_and_no_alarm()
    {
        var g = new TestGraph().Base();
        g.AddFinding(g.AccountNode, F("aws-ct-008", Account, Severity.Medium, "global"));
        g.AddFinding(g.AccountNode, F("aws-cw-001", Account, Severity.Medium, "global"));
        Assert.Single(g.Chains(), c => c.ChainId == "AC-32");
        Assert.DoesNotContain(g.Chains("aws-ct-008"), c => c.ChainId == "AC-32");
    }

    [Fact]
    public void AC_32_does_not_fire_when_the_two_gaps_are_in_different_accounts()
    {
        var a = new TestGraph().Base();
        a.AddFinding(a.AccountNode, F("aws-ct-008", Account, Severity.Medium, "global"));
        var b = new TestGraph(Other).Base();
        b.AddFinding(b.AccountNode, F("aws-cw-001", Other, Severity.Medium, "global"));
        Assert.DoesNotContain(Both(a, b), c => c.ChainId == "AC-32");
    }

    [Fact]
    public void AC_38_fires_where_model_invocations_are_not_logged_and_takes_in_the_guardrail_gap_of_that_region()
    {
        var g = new TestGraph().Base();
        g.AddFinding(g.RegionNode, F("aws-bedrock-001", "us-east-1"));
        g.AddFinding(g.RegionNode, F("aws-bedrock-002", "us-east-1", Severity.Medium));
        var chain = Assert.Single(g.Chains(), c => c.ChainId == "AC-38");
        Assert.Equal(["aws-bedrock-001", "aws-bedrock-002"], chain.Findings.Select(f => f.CheckId));
    }

    [Fact]
    public void AC_38_does_not_fire_on_a_guardrail_gap_alone_nor_take_in_another_regions()
    {
        var g = new TestGraph().Base();
        g.AddFinding(g.RegionNode, F("aws-bedrock-002", "us-east-1", Severity.Medium));
        Assert.DoesNotContain(g.Chains(), c => c.ChainId == "AC-38");

        Region(g, "eu-west-1", F("aws-bedrock-001", "eu-west-1", Severity.High, "eu-west-1"));
        var chain = Assert.Single(g.Chains(), c => c.ChainId == "AC-38");
        Assert.Equal(["aws-bedrock-001"], chain.Findings.Select(f => f.CheckId));
    }

    /// <summary>A notebook with root access (aws-sagemaker-001) running as role <c>lab</c>; the region of the graph has no Bedrock guardrails.</summary>
    private static (TestGraph Graph, string Notebook, string Role) RootNotebook()
    {
        var g = new TestGraph().Base();
        var notebook = g.Node(g.Arn("sagemaker", "notebook-instance/lab"), NodeType.SageMakerNotebook, "lab", findings: [F("aws-sagemaker-001", "lab")]);
        var role = g.Role("lab");
        g.RunsAs(notebook, role);
        g.AddFinding(g.RegionNode, F("aws-bedrock-002", "us-east-1", Severity.Medium));
        return (g, notebook, role);
    }

    private static Evidence MayInvoke(string region) =>
        Evidence.Grant("iam:GetAccountAuthorizationDetails", $"allowed bedrock:InvokeModel on arn:aws:bedrock:{region}::foundation-model/*");

    [Fact]
    public void AC_39_fires_when_the_root_notebooks_role_may_invoke_models_where_guardrails_are_missing()
    {
        var (g, notebook, role) = RootNotebook();
        g.Edge(role, g.RegionNode, EdgeType.CanInvokeModel, MayInvoke("us-east-1"));
        var chain = Assert.Single(g.Chains(), c => c.ChainId == "AC-39");
        Assert.Equal([notebook, role, g.RegionNode], chain.Resources);
        Assert.Equal(["aws-sagemaker-001", "aws-bedrock-002"], chain.Findings.Select(f => f.CheckId));
        Assert.Contains("allowed bedrock:InvokeModel", chain.AttackNarrative, StringComparison.Ordinal);
        // Root access off, or guardrails added, breaks it.
        Assert.DoesNotContain(g.Chains("aws-sagemaker-001"), c => c.ChainId == "AC-39");
        Assert.DoesNotContain(g.Chains("aws-bedrock-002"), c => c.ChainId == "AC-39");
    }

    [Fact]
    public void AC_39_does_not_fire_when_the_root_notebooks_role_may_not_invoke_bedrock()
    {
        // The reference's co-occurrence: both findings in one region, but the notebook cannot reach the models.
        var (g, _, _) = RootNotebook();
        Assert.DoesNotContain(g.Chains(), c => c.ChainId == "AC-39");
    }

    [Fact]
    public void AC_39_does_not_fire_when_the_role_may_invoke_models_only_where_guardrails_are_on()
    {
        var (g, _, role) = RootNotebook();
        var guarded = Region(g, "eu-west-1");
        g.Edge(role, guarded, EdgeType.CanInvokeModel, MayInvoke("eu-west-1"));
        Assert.DoesNotContain(g.Chains(), c => c.ChainId == "AC-39");
    }

    [Fact]
    public void AC_39_does_not_fire_when_a_notebook_without_root_runs_as_a_role_that_may_invoke_unguarded_models()
    {
        var g = new TestGraph().Base();
        var notebook = g.Node(g.Arn("sagemaker", "notebook-instance/other"), NodeType.SageMakerNotebook, "other");
        var role = g.Role("other");
        g.RunsAs(notebook, role);
        g.Edge(role, g.RegionNode, EdgeType.CanInvokeModel, MayInvoke("us-east-1"));
        g.AddFinding(g.RegionNode, F("aws-bedrock-002", "us-east-1", Severity.Medium));
        g.Node(g.Arn("sagemaker", "notebook-instance/lab"), NodeType.SageMakerNotebook, "lab", findings: [F("aws-sagemaker-001", "lab")]);
        Assert.DoesNotContain(g.Chains(), c => c.ChainId == "AC-39");
    }

    /// <summary>A role any subject of the GitHub OIDC provider can assume (aws-iam-007 on it).</summary>
    internal static string OpenCiRole(TestGraph g, string name)
    {
        var role = g.Role(name, F("aws-iam-007", $"arn:aws:iam::{g.AccountId}:role/{name}", Severity.Critical, "global"));
        var provider = g.Node($"arn:aws:iam::{g.AccountId}:oidc-provider/token.actions.githubusercontent.com", NodeType.OidcProvider,
            "OIDC provider token.actions.githubusercontent.com", "global");
        g.Edge(provider, role, EdgeType.CanAssume, Evidence.Grant("iam", "trust admits any subject of token.actions.githubusercontent.com"));
        return role;
    }
}
