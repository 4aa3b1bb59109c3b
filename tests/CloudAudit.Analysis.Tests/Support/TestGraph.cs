using CloudAudit.Analysis.Chains;
using CloudAudit.Analysis.Graph;
using CloudAudit.Checks.Framework;

namespace CloudAudit.Analysis.Tests.Support;

/// <summary>
/// A security graph written node by node for rule tests: each helper adds a resource as the builder would (same ID
/// scheme, same edge types), and findings are attached where the builder's placement would put them.
/// </summary>
public sealed class TestGraph(string account = TestGraph.Account, string region = "us-east-1")
{
    public const string Account = "111122223333";

    private readonly List<GraphNode> _nodes = [];
    private readonly List<GraphEdge> _edges = [];

    public string Region => region;
    public string AccountId => account;

    public TestGraph Base()
    {
        Node(SecurityGraph.InternetId, NodeType.Internet, "Internet", "global", accountId: "");
        Node(SecurityGraph.AccountNodeId(account), NodeType.Account, $"account {account}", "global");
        Node(SecurityGraph.RegionNodeId(account, region), NodeType.Region, region, region);
        Node(Root, NodeType.IamRoot, "root user", "global");
        return this;
    }

    public string Root => $"arn:aws:iam::{account}:root";
    public string AccountNode => SecurityGraph.AccountNodeId(account);
    public string RegionNode => SecurityGraph.RegionNodeId(account, region);

    public static FindingRef F(string checkId, string resource, Severity severity = Severity.High, string region = "us-east-1") =>
        new(checkId, severity, resource, region, Analysis.Fingerprints.FindingFingerprint.Of(checkId, Account, region, "AWS::Test::Resource", resource));

    public string Node(string id, NodeType type, string label, string? nodeRegion = null, IReadOnlyList<FindingRef>? findings = null,
        Dictionary<string, string>? attrs = null, string? accountId = null)
    {
        _nodes.RemoveAll(n => n.Id == id);
        _nodes.Add(new GraphNode(id, type, label, accountId ?? account, nodeRegion ?? region, attrs ?? [], findings ?? []));
        return id;
    }

    public void AddFinding(string id, FindingRef finding)
    {
        var node = _nodes.Single(n => n.Id == id);
        _nodes[_nodes.IndexOf(node)] = node with { Findings = [.. node.Findings, finding] };
    }

    public void Edge(string source, string target, EdgeType type, params Evidence[] evidence) =>
        _edges.Add(new GraphEdge(source, target, type, evidence.Length > 0 ? evidence : [Evidence.Context("test", $"{source} {type} {target}")]));

    public string Vpc(string id, params FindingRef[] findings) => Node(Arn("ec2", $"vpc/{id}"), NodeType.Vpc, id, findings: findings);

    public string SecurityGroup(string id, string vpc, params FindingRef[] findings)
    {
        var node = Node(Arn("ec2", $"security-group/{id}"), NodeType.SecurityGroup, id, findings: findings);
        Edge(node, vpc, EdgeType.InNetwork);
        return node;
    }

    public string Instance(string id, params FindingRef[] findings) =>
        Node(Arn("ec2", $"instance/{id}"), NodeType.Ec2Instance, id, findings: findings);

    public string Function(string name, params FindingRef[] findings) =>
        Node(Arn("lambda", $"function:{name}"), NodeType.LambdaFunction, name, findings: findings);

    public string Role(string name, params FindingRef[] findings) =>
        Node($"arn:aws:iam::{account}:role/{name}", NodeType.IamRole, $"role {name}", "global", findings);

    public string User(string name, params FindingRef[] findings) =>
        Node($"arn:aws:iam::{account}:user/{name}", NodeType.IamUser, $"user {name}", "global", findings);

    /// <summary>internet → workload, through an open rule of the group (reported by <paramref name="ruleFinding"/> when given).</summary>
    public void Exposed(string workload, string? group = null, FindingRef? ruleFinding = null)
    {
        if (group is not null) Edge(group, workload, EdgeType.NetworkAttach);
        var label = group is null ? "function URL" : _nodes.Single(n => n.Id == group).Label;
        Edge(SecurityGraph.InternetId, workload, EdgeType.ReachableFromInternet,
            Evidence.Grant("ec2:DescribeSecurityGroupRules", $"security group {label} allows tcp 22 from 0.0.0.0/0", ruleFinding),
            Evidence.Context("ec2:DescribeInstances", "public address 198.51.100.7"));
    }

    public void RunsAs(string workload, string role) => Edge(workload, role, EdgeType.RunsAs);

    public void Admin(string principal, FindingRef? policyFinding = null) =>
        Edge(principal, AccountNode, EdgeType.AdminOf, Evidence.Grant("iam:GetAccountAuthorizationDetails", "policy AdministratorAccess", policyFinding));

    public void EscalatesToAdmin(string principal, FindingRef? pathFinding = null) =>
        Edge(principal, AccountNode, EdgeType.CanEscalateTo, Evidence.Grant("iam:GetAccountAuthorizationDetails", "path iam-005", pathFinding));

    public string Arn(string service, string resource) => $"arn:aws:{service}:{region}:{account}:{resource}";

    public SecurityGraph Build() => new([.. _nodes], [.. _edges], []);

    public IReadOnlyList<AttackChain> Chains(params string[] fixedChecks) =>
        ChainDetector.Detect(new GraphView(Build(), fixedChecks.ToHashSet(StringComparer.Ordinal)));
}
