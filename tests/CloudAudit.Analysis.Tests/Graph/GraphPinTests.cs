using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CloudAudit.Analysis.Graph;
using CloudAudit.Checks;
using CloudAudit.Checks.Bench;
using CloudAudit.Inventory.Snapshot;

namespace CloudAudit.Analysis.Tests.Graph;

/// <summary>
/// The whole attack-path analysis of one generated account, pinned: every node (attributes, findings), every edge in
/// order with its evidence and statements, every gap, chain and root cause. The account is the checks bench's
/// synthetic one, small (400 roles sharing 40 managed policies, 1,000 buckets and secrets, so the data layer hits its
/// per-kind bound): work that makes the build faster must leave this text unchanged. When a change is meant to alter
/// the graph, the failure names a file holding the new text; compare it with the old one before updating the pin.
/// </summary>
public sealed class GraphPinTests
{
    private const string PinnedHash = "0609a6102d954387abae6f93d86838678700c4515d22bdcca54f1d0b43bd11b6";

    [Fact]
    public void The_generated_accounts_graph_chains_and_plan_are_the_pinned_ones()
    {
        var text = Canonical(Analyse());
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
        if (hash != PinnedHash)
        {
            var file = Path.Combine(Path.GetTempPath(), $"graph-pin-{hash[..12]}.txt");
            File.WriteAllText(file, text);
            Assert.Fail($"the analysis of the generated account changed: hash {hash}, text in {file}");
        }
    }

    [Fact]
    public void The_pinned_account_exercises_every_layer_the_pin_is_meant_to_hold()
    {
        var analysis = Analyse();
        var graph = analysis.Graph;
        Assert.True(graph.Edges.Count(e => e.Type == EdgeType.CanAssume) > 500);
        Assert.Contains(graph.Edges, e => e.Type == EdgeType.AdminOf && graph.Node(e.Source).Type == NodeType.IamRole);
        Assert.Contains(graph.Edges, e => e.Type == EdgeType.CanEscalateTo);
        Assert.Contains(graph.Edges, e => e.Type == EdgeType.RunsAs);
        Assert.Contains(graph.Edges, e => e.Type == EdgeType.CanRead && graph.Node(e.Target).Type == NodeType.Secret);
        Assert.Contains(graph.Edges, e => e.Type == EdgeType.CanWrite && graph.Node(e.Target).Type == NodeType.S3Bucket);
        Assert.Contains(graph.Edges, e => e.Type == EdgeType.CanControl);
        Assert.Contains(graph.Nodes, n => n.Attr("data_access_truncated") is not null);
        Assert.NotEmpty(graph.Gaps);
        Assert.NotEmpty(analysis.Chains);
        Assert.NotEmpty(analysis.RootCauses);
    }

    private static AttackPathAnalysis Analyse()
    {
        var account = SyntheticAuthorization.Generate(roles: 400, users: 60, policies: 40, seed: 11, dense: false, data: true);
        var snapshot = new InventorySnapshot { CollectedAt = Support.TestInventory.Now, Accounts = [account] };
        return ScanPipeline.Evaluate(snapshot, CheckRegistry.All,
            new AnalysisOptions { Today = DateOnly.FromDateTime(Support.TestInventory.Now.UtcDateTime) }, "test", "0.0.0").AttackPaths;
    }

    /// <summary>One line per node, edge, gap, chain and root cause; node attributes sorted, everything else in its order.</summary>
    private static string Canonical(AttackPathAnalysis analysis)
    {
        var text = new StringBuilder();
        foreach (var node in analysis.Graph.Nodes)
            text.Append("node ").AppendLine(JsonSerializer.Serialize(node with
            {
                Attributes = new SortedDictionary<string, string>(node.Attributes.ToDictionary(), StringComparer.Ordinal),
            }));
        foreach (var edge in analysis.Graph.Edges) text.Append("edge ").AppendLine(JsonSerializer.Serialize(edge));
        foreach (var gap in analysis.Graph.Gaps) text.Append("gap ").AppendLine(JsonSerializer.Serialize(gap));
        foreach (var chain in analysis.Chains) text.Append("chain ").AppendLine(JsonSerializer.Serialize(chain));
        foreach (var cause in analysis.RootCauses) text.Append("root cause ").AppendLine(JsonSerializer.Serialize(cause));
        return text.ToString();
    }
}
