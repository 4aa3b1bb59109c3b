using CloudAudit.Analysis.Graph;

namespace CloudAudit.Analysis.Chains;

/// <summary>The pieces chain rules build their paths and drawings from, so every rule draws the same thing the same way.</summary>
public static class Steps
{
    public static readonly NodeType[] Workloads =
        [NodeType.Ec2Instance, NodeType.LambdaFunction, NodeType.EcsService, NodeType.AgentCoreGateway, NodeType.AgentCoreRuntime];

    public static VizStep Internet => new("Internet", "any address", VizStepType.Internet, "", SecurityGraph.InternetId);

    public static VizStep Of(GraphNode node, string edgeLabel, string? sub = null) =>
        new(node.Label, sub ?? Sub(node), TypeOf(node.Type), edgeLabel, node.Id);

    public static VizStep Impact(string label, string sub, string edgeLabel) => new(label, sub, VizStepType.Impact, edgeLabel);

    public static VizStep Finding(string label, string sub, string edgeLabel) => new(label, sub, VizStepType.Finding, edgeLabel);

    private static string Sub(GraphNode node) => node.Type switch
    {
        NodeType.Ec2Instance => node.Attr("public_ip") is { } ip ? $"EC2 instance, {ip}" : "EC2 instance",
        NodeType.LambdaFunction => "Lambda function",
        NodeType.ApiGateway => node.Attr("api_kind") is { } kind ? $"API Gateway {kind} API" : "API Gateway API",
        NodeType.EcsService => "ECS service",
        NodeType.EcsTaskDefinition => "ECS task definition",
        NodeType.IamRole => "IAM role",
        NodeType.IamUser => "IAM user",
        NodeType.IamRoot => "root user",
        NodeType.SecurityGroup => "security group",
        NodeType.Vpc => "VPC",
        NodeType.S3Bucket => "S3 bucket",
        NodeType.Secret => "Secrets Manager secret",
        NodeType.KmsKey => "KMS key",
        NodeType.RdsInstance => "RDS instance",
        NodeType.DynamoDbTable => "DynamoDB table",
        NodeType.SsmParameter => "SSM parameter",
        NodeType.SageMakerNotebook => "SageMaker notebook",
        NodeType.SageMakerEndpoint => "SageMaker endpoint",
        NodeType.Region => "region",
        NodeType.Account => "AWS account",
        _ => node.Type.ToString(),
    };

    public static VizStepType TypeOf(NodeType type) => type switch
    {
        NodeType.Internet or NodeType.AnyPrincipal or NodeType.ExternalAccount or NodeType.OidcProvider => VizStepType.Internet,
        NodeType.Vpc or NodeType.Subnet or NodeType.SecurityGroup or NodeType.NetworkAcl or NodeType.LoadBalancer or NodeType.ApiGateway
            or NodeType.Region => VizStepType.Network,
        NodeType.IamRoot or NodeType.IamUser or NodeType.IamGroup or NodeType.IamRole => VizStepType.Identity,
        NodeType.S3Bucket or NodeType.Secret or NodeType.KmsKey or NodeType.RdsInstance or NodeType.DynamoDbTable or NodeType.SsmParameter => VizStepType.Storage,
        NodeType.Account => VizStepType.Impact,
        _ => VizStepType.Compute,
    };

    /// <summary>The roles a workload's code runs with: its own, or for an ECS service its task definition's.</summary>
    public static IEnumerable<(GraphNode Role, GraphNode? Via)> RolesOf(GraphView view, GraphNode workload)
    {
        foreach (var role in view.Targets(workload, EdgeType.RunsAs))
            yield return (role, null);
        foreach (var task in view.Targets(workload, EdgeType.RunsTask))
            foreach (var role in view.Targets(task, EdgeType.RunsAs))
                yield return (role, task);
    }

    /// <summary>How the internet reaches a workload, in a phrase: the rules or the URL that let it in.</summary>
    public static string Entry(GraphView view, GraphEdge fromInternet) =>
        string.Join("; ", fromInternet.Evidence.Where(e => e.Kind == EvidenceKind.Grant && view.Holds(e)).Select(e => e.Detail).Take(3));

    /// <summary>The steps from the internet to a workload: the open door (security group, URL or API) as its own box when there is one.</summary>
    public static List<VizStep> FromInternet(GraphView view, GraphNode workload, GraphEdge edge)
    {
        var steps = new List<VizStep> { Internet };
        if (edge.Type == EdgeType.ForwardsTo)
        {
            steps.Add(Of(view.Graph.Node(edge.Source), "no auth"));
            steps.Add(Of(workload, "integration"));
            return steps;
        }
        var groups = view.Sources(workload, EdgeType.NetworkAttach)
            .Where(g => edge.Evidence.Any(e => e.Kind == EvidenceKind.Grant && view.Holds(e) && e.Detail.Contains(g.Label, StringComparison.Ordinal)))
            .ToList();
        if (groups.Count > 0)
        {
            steps.Add(Of(groups[0], "inbound", groups[0].Attr("internet_ports")));
            steps.Add(Of(workload, "attached"));
        }
        else steps.Add(Of(workload, workload.Type == NodeType.LambdaFunction ? "function URL, no auth" : "inbound"));
        return steps;
    }

    /// <summary>The findings of a chain in a stable order, each once.</summary>
    public static IReadOnlyList<FindingRef> Findings(params IEnumerable<FindingRef>[] parts) =>
        [.. parts.SelectMany(p => p).DistinctBy(f => f.Fingerprint)];
}
