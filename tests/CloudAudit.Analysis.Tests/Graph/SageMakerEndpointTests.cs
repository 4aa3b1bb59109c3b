using CloudAudit.Analysis.BlastRadius;
using CloudAudit.Analysis.Graph;
using CloudAudit.Analysis.Tests.Support;
using CloudAudit.Inventory.Catalog;
using CloudAudit.Inventory.Snapshot;
using static CloudAudit.Analysis.Tests.Agents.AgentEntryPointTests;
using static CloudAudit.Analysis.Tests.Support.TestPolicies;
using static CloudAudit.Demo.DemoRecorder;

namespace CloudAudit.Analysis.Tests.Graph;

/// <summary>
/// SageMaker endpoints as entry points: who may call sagemaker:InvokeEndpoint on one (can_invoke, the engine's
/// decision), and the execution role of the model it serves (runs_as), read through DescribeEndpoint,
/// DescribeEndpointConfig and DescribeModel. Never an internet edge: callers sign with SigV4. Unread → gap.
/// </summary>
public sealed class SageMakerEndpointTests
{
    private const string R = TestInventory.Region, A = TestInventory.Account;
    private static readonly string EndpointArn = $"arn:aws:sagemaker:{R}:{A}:endpoint/fraud-scorer";
    private static readonly string AgentRole = $"arn:aws:iam::{A}:role/agent";

    /// <summary>Endpoint fraud-scorer runs config fraud-v2, whose variant serves model fraud-xgb running as role agent.</summary>
    private static TestInventory WithEndpoint(TestInventory inv, bool configRead = true, bool modelRead = true)
    {
        inv.Record.Regional(SageMakerCalls.ListEndpoints, R, $$"""
            {"Endpoints": [{"EndpointName": "fraud-scorer", "EndpointArn": "{{EndpointArn}}", "EndpointStatus": "InService",
              "CreationTime": "2026-03-01T10:00:00Z", "LastModifiedTime": "2026-03-01T10:00:00Z"}]}
            """);
        inv.Record.Target(SageMakerCalls.DescribeEndpoint, R, Params(("EndpointName", "fraud-scorer")), $$"""
            {"EndpointName": "fraud-scorer", "EndpointArn": "{{EndpointArn}}", "EndpointConfigName": "fraud-v2", "EndpointStatus": "InService",
             "CreationTime": "2026-03-01T10:00:00Z", "LastModifiedTime": "2026-03-01T10:00:00Z"}
            """);
        if (configRead)
            inv.Record.Target(SageMakerCalls.DescribeEndpointConfig, R, Params(("EndpointConfigName", "fraud-v2")), $$"""
                {"EndpointConfigName": "fraud-v2", "EndpointConfigArn": "arn:aws:sagemaker:{{R}}:{{A}}:endpoint-config/fraud-v2",
                 "ProductionVariants": [{"VariantName": "AllTraffic", "ModelName": "fraud-xgb", "InstanceType": "ml.m5.large"}]}
                """);
        else
            inv.Record.Failure(SageMakerCalls.DescribeEndpointConfig, R, Params(("EndpointConfigName", "fraud-v2")), ErrorKind.AccessDenied,
                "AccessDeniedException", "not authorized to perform sagemaker:DescribeEndpointConfig", 400);
        if (modelRead)
            inv.Record.Target(SageMakerCalls.DescribeModel, R, Params(("ModelName", "fraud-xgb")), $$"""
                {"ModelName": "fraud-xgb", "ModelArn": "arn:aws:sagemaker:{{R}}:{{A}}:model/fraud-xgb", "ExecutionRoleArn": "{{AgentRole}}",
                 "VpcConfig": {"SecurityGroupIds": ["sg-0a1b2c3d"], "Subnets": ["subnet-0aa11bb2"]}, "EnableNetworkIsolation": false}
                """);
        else
            inv.Record.Failure(SageMakerCalls.DescribeModel, R, Params(("ModelName", "fraud-xgb")), ErrorKind.Throttled,
                "ThrottlingException", "Rate exceeded", 400);
        return inv;
    }

    [Fact]
    public void A_role_allowed_InvokeEndpoint_reaches_the_endpoint_and_through_it_the_models_administrator_role()
    {
        var graph = WithEndpoint(Account(Allow("sagemaker:InvokeEndpoint", EndpointArn))).Scan().AttackPaths.Graph;

        var invoke = Assert.Single(graph.In(EndpointArn), e => e.Type == EdgeType.CanInvoke && e.Source == WebRole);
        Assert.Contains("sagemaker:InvokeEndpoint", invoke.Evidence[0].Detail, StringComparison.Ordinal);
        var runsAs = Assert.Single(graph.Out(EndpointArn), e => e.Type == EdgeType.RunsAs);
        Assert.Equal((AgentRole, "sagemaker:DescribeModel"), (runsAs.Target, runsAs.Evidence[0].Source));
        Assert.Contains("model fraud-xgb", runsAs.Evidence[0].Detail, StringComparison.Ordinal);
        Assert.Equal(NodeType.SageMakerEndpoint, graph.Node(EndpointArn).Type);
        Assert.Equal("subnet-0aa11bb2", graph.Node(EndpointArn).Attr("model_subnets"));

        var reached = BlastRadiusAnalysis.From(new GraphView(graph), graph.Node(WebArn), 6, 100).Reached;
        Assert.Contains(reached, s => s.Node.Id == EndpointArn && s.Via!.Type == EdgeType.CanInvoke);
        Assert.Contains(reached, s => s.Node.Id == AgentRole && s.Via!.Type == EdgeType.RunsAs);
    }

    [Fact]
    public void A_role_allowed_InvokeEndpoint_only_on_another_endpoint_does_not_reach_it()
    {
        var graph = WithEndpoint(Account(Allow("sagemaker:InvokeEndpoint", $"arn:aws:sagemaker:{R}:{A}:endpoint/other"))).Scan().AttackPaths.Graph;

        Assert.DoesNotContain(graph.In(EndpointArn), e => e.Type == EdgeType.CanInvoke && e.Source == WebRole);
        Assert.Contains(graph.Out(EndpointArn), e => e.Type == EdgeType.RunsAs && e.Target == AgentRole);
    }

    [Fact]
    public void An_endpoint_is_never_reachable_from_the_internet_even_when_a_role_anyone_assumes_may_invoke_it()
    {
        var graph = WithEndpoint(Account(Allow("sagemaker:InvokeEndpoint", "*"))).Scan().AttackPaths.Graph;

        Assert.DoesNotContain(graph.In(EndpointArn), e => e.Type == EdgeType.ReachableFromInternet);
        Assert.Equal("SigV4 (IAM)", graph.Node(EndpointArn).Attr("inbound_auth"));
    }

    [Fact]
    public void A_model_that_could_not_be_read_is_a_gap_and_no_role_is_guessed()
    {
        var graph = WithEndpoint(Account(Allow("sagemaker:InvokeEndpoint", EndpointArn)), modelRead: false).Scan().AttackPaths.Graph;

        Assert.DoesNotContain(graph.Out(EndpointArn), e => e.Type == EdgeType.RunsAs);
        var gap = Assert.Single(graph.Gaps, g => g.What.Contains("model fraud-xgb", StringComparison.Ordinal));
        Assert.Contains("Rate exceeded", gap.Cause, StringComparison.Ordinal);
    }

    [Fact]
    public void An_endpoint_configuration_that_could_not_be_read_is_a_gap()
    {
        var graph = WithEndpoint(Account(ReadOnly), configRead: false).Scan().AttackPaths.Graph;

        Assert.DoesNotContain(graph.Out(EndpointArn), e => e.Type == EdgeType.RunsAs);
        Assert.Contains(graph.Gaps, g => g.What.Contains("SageMaker endpoint fraud-scorer", StringComparison.Ordinal)
            && g.Cause.Contains("not authorized", StringComparison.Ordinal));
    }

    [Fact]
    public void Endpoints_that_could_not_be_listed_are_a_gap()
    {
        var inv = Account(ReadOnly);
        inv.Record.Failure(SageMakerCalls.ListEndpoints, R, null, ErrorKind.AccessDenied, "AccessDeniedException", "not authorized to perform sagemaker:ListEndpoints", 400);

        var graph = inv.Scan().AttackPaths.Graph;

        Assert.Contains(graph.Gaps, g => g.What == "SageMaker endpoints" && g.Cause.Contains("not authorized", StringComparison.Ordinal));
    }
}
