using CloudAudit.Analysis.Graph;
using CloudAudit.Analysis.Tests.Support;
using CloudAudit.Inventory.Catalog;
using static CloudAudit.Demo.DemoRecorder;
using static CloudAudit.Demo.IamAuthorizationBuilder;
using static CloudAudit.Analysis.Tests.Support.TestPolicies;

namespace CloudAudit.Analysis.Tests.Graph;

/// <summary>
/// The can_invoke_model edges AC-39 follows, from real API answers: a notebook's execution role → the region whose
/// Bedrock models the policy engine lets it call; a role whose permissions are unknown is a gap, not a missing edge.
/// </summary>
public sealed class ModelInvocationTests
{
    private const string R = TestInventory.Region, A = TestInventory.Account;
    private static readonly string NotebookArn = $"arn:aws:sagemaker:{R}:{A}:notebook-instance/lab";
    private static readonly string LabRole = $"arn:aws:iam::{A}:role/lab";
    private static readonly string RegionNode = SecurityGraph.RegionNodeId(A, R);

    /// <summary>A notebook with root access running as <paramref name="roleArn"/>; role <c>lab</c> holds <paramref name="policy"/>.</summary>
    private static SecurityGraph Graph(string policy, string? roleArn = null, string[]? managed = null)
    {
        var inv = new TestInventory();
        inv.Iam.Role("lab", Trust.Service("sagemaker.amazonaws.com"), managed: managed, inline: [("lab", policy)]);
        inv.Record.Regional(SageMakerCalls.ListNotebookInstances, R, $$"""
            {"NotebookInstances": [{"NotebookInstanceName": "lab", "NotebookInstanceArn": "{{NotebookArn}}", "NotebookInstanceStatus": "InService"}]}
            """);
        inv.Record.Target(SageMakerCalls.DescribeNotebookInstance, R, Params(("NotebookInstanceName", "lab")), $$"""
            {"NotebookInstanceName": "lab", "NotebookInstanceArn": "{{NotebookArn}}", "NotebookInstanceStatus": "InService", "InstanceType": "ml.t3.medium",
             "RoleArn": "{{roleArn ?? LabRole}}", "DirectInternetAccess": "Disabled", "RootAccess": "Enabled"}
            """);
        return inv.Scan().AttackPaths.Graph;
    }

    private static IEnumerable<GraphEdge> ModelEdges(SecurityGraph graph) => graph.Edges.Where(e => e.Type == EdgeType.CanInvokeModel);

    [Theory]
    [InlineData("bedrock:InvokeModel")]
    [InlineData("bedrock:InvokeModelWithResponseStream")]
    [InlineData("bedrock:*")]
    public void A_notebook_role_allowed_to_invoke_models_gets_an_edge_to_the_region_with_the_statement(string action)
    {
        var graph = Graph(Allow(action, "*"));
        var edge = Assert.Single(ModelEdges(graph));
        Assert.Equal((LabRole, RegionNode), (edge.Source, edge.Target));
        var grant = Assert.Single(edge.Evidence);
        Assert.Contains($"on arn:aws:bedrock:{R}::foundation-model/*", grant.Detail, StringComparison.Ordinal);
        Assert.Equal("inline policy lab of role lab", Assert.Single(grant.Statements).Policy);
    }

    [Theory]
    [InlineData("arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-5-haiku-20241022-v1:0")]
    [InlineData("arn:aws:bedrock:*::foundation-model/amazon.nova-*")]
    public void A_grant_that_names_only_some_models_of_the_region_still_makes_the_edge(string model)
    {
        var edge = Assert.Single(ModelEdges(Graph(Allow("bedrock:InvokeModel", model))));
        Assert.Equal((LabRole, RegionNode), (edge.Source, edge.Target));
        Assert.Equal($"allowed bedrock:InvokeModel on {model.Replace("bedrock:*:", $"bedrock:{R}:", StringComparison.Ordinal)}", Assert.Single(edge.Evidence).Detail);
    }

    [Fact]
    public void No_edge_when_the_role_may_not_invoke_models_there()
    {
        Assert.Empty(ModelEdges(Graph(ReadOnly)));
        Assert.Empty(ModelEdges(Graph(Allow("bedrock:InvokeModel", "arn:aws:bedrock:eu-west-1::foundation-model/*"))));
        // An explicit deny beside an allow: the engine's verdict, not the allow's presence, decides.
        Assert.Empty(ModelEdges(Graph("""
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"bedrock:*","Resource":"*"},
             {"Effect":"Deny","Action":["bedrock:InvokeModel","bedrock:InvokeModelWithResponseStream"],"Resource":"*"}]}
            """)));
    }

    [Fact]
    public void A_notebook_role_outside_the_IAM_data_is_a_gap_naming_the_notebook_and_AC_39()
    {
        var graph = Graph(Admin, roleArn: $"arn:aws:iam::{A}:role/ghost");
        Assert.Empty(ModelEdges(graph));
        var gap = Assert.Single(graph.Gaps, g => g.What.Contains("AC-39", StringComparison.Ordinal));
        Assert.Contains("role ghost", gap.What, StringComparison.Ordinal);
        Assert.Contains("notebook lab", gap.What, StringComparison.Ordinal);
        Assert.Equal("the role is not in the IAM authorization details read", gap.Cause);
    }

    [Fact]
    public void A_notebook_role_whose_policies_could_not_be_read_is_a_gap_not_a_missing_edge()
    {
        // Its managed policy is not in the IAM data read, so what the role may do is unknown, even with an allow inline.
        var graph = Graph(Allow("bedrock:InvokeModel", "*"), managed: [$"arn:aws:iam::{A}:policy/unread"]);
        Assert.Empty(ModelEdges(graph));
        var gap = Assert.Single(graph.Gaps, g => g.What.Contains("AC-39", StringComparison.Ordinal));
        Assert.Equal("whether role lab, which notebook lab runs as, may invoke Bedrock models (AC-39)", gap.What);
        Assert.Contains($"managed policy arn:aws:iam::{A}:policy/unread is not available", gap.Cause, StringComparison.Ordinal);
    }
}
