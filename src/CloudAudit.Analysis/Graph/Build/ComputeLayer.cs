using CloudAudit.Checks.Framework;
using CloudAudit.Checks.Policies;
using CloudAudit.Inventory;
using CloudAudit.Inventory.Views;
using CloudAudit.Policy.Model;

namespace CloudAudit.Analysis.Graph.Build;

/// <summary>
/// Workloads and the roles they run as: EC2 instances (through their instance profile), Lambda functions (and
/// their URLs), ECS services and task definitions, SageMaker notebooks, RDS instances, load balancers as entry
/// points (API Gateway APIs are <see cref="ApiGatewayLayer"/>'s). Each workload the internet reaches gets its reachable_from_internet edge here; a function
/// URL only when its auth type is NONE and the function's resource policy lets anyone call it.
/// </summary>
internal static class ComputeLayer
{
    public static void Add(GraphDraft g, CheckContext context, IReadOnlyDictionary<string, NetworkLayer> networks, IdentityLayer identity)
    {
        var data = context.Data;
        foreach (var (region, network) in networks)
        {
            Instances(g, data, region, network, identity);
            EntryPoints(g, data, region);
        }
        Functions(g, context, identity);
        ApiGatewayLayer.Add(g, context);
        Ecs(g, data, networks, identity);
        Notebooks(g, data, identity);
        Databases(g, data, networks);
    }

    private static void Instances(GraphDraft g, AccountData data, string region, NetworkLayer network, IdentityLayer identity)
    {
        if (!data.Ec2().Instances(region).TryGet(out var instances, out var gap))
        {
            g.Gap($"EC2 instances in {region}", gap!);
            return;
        }
        foreach (var instance in instances.Where(i => i.StateName != "terminated"))
        {
            var id = g.Node(g.Arn("ec2", region, $"instance/{instance.InstanceId}"), NodeType.Ec2Instance, instance.Label, region,
                ("state", instance.StateName), ("public_ip", instance.PublicIpAddress), ("subnet", instance.SubnetId),
                ("imds_http_tokens", instance.MetadataOptions?.HttpTokens));
            g.Alias(instance.InstanceId, id);
            var groups = (instance.SecurityGroups ?? []).Select(s => s.GroupId).OfType<string>().ToList();
            network.Attach(id, instance.SubnetId, groups, "ec2:DescribeInstances");
            if (instance.StateName is "running" or "pending" && instance.SubnetId is { } subnet)
                network.Expose(id, instance.PublicIpAddress, [subnet], groups, "ec2:DescribeInstances");
            if (instance.IamInstanceProfile?.Arn is { } profile)
            {
                if (identity.RoleOfInstanceProfile(profile) is { } role)
                    g.Edge(id, identity.RoleNode(role), EdgeType.RunsAs,
                        Evidence.Context("ec2:DescribeInstances", $"instance profile {profile} holds role {role}"));
                else g.Gap($"the role of instance profile {profile} (instance {instance.InstanceId})", "the profile is not in the IAM authorization details");
            }
        }
    }

    private static void Functions(GraphDraft g, CheckContext context, IdentityLayer identity)
    {
        var lambda = context.Data.Lambda();
        var functions = lambda.Functions();
        foreach (var gap in functions.Gaps) g.Gap("Lambda functions", gap);
        var policies = context.Data.ResourcePolicies().FunctionPolicies();
        var policyOf = policies.Items.ToDictionary(p => (p.Region, p.Name));
        foreach (var located in functions.Items)
        {
            var f = located.Resource;
            var id = g.Node(f.FunctionArn, NodeType.LambdaFunction, f.FunctionName, located.Region, ("runtime", f.Runtime));
            if (f.Role is { } role)
                g.Edge(id, identity.RoleNode(role), EdgeType.RunsAs, Evidence.Context("lambda:ListFunctions", $"execution role {role}"));
            if (!lambda.UrlConfigs(located).TryGet(out var urls, out var gap))
            {
                // Only an unread URL list of a collected call is worth saying; never collected means the checks did not ask.
                if (gap?.Kind is not null) g.Gap($"function URLs of {f.FunctionName}", gap);
                continue;
            }
            var open = (urls.FunctionUrlConfigs ?? []).Where(u => u.AuthType == "NONE").ToList();
            if (open.Count == 0) continue;
            if (PolicyOf(g, context, located, policyOf.GetValueOrDefault((located.Region, f.FunctionName)), policies.Gaps) is not { } policy) continue;
            foreach (var url in open)
                PublicUrl(g, id, url, policy, context.AccountId);
        }
    }

    /// <summary>
    /// The function's resource policy, or null when nobody can be let in by it: no policy (ResourceNotFound) is an
    /// answer; a policy not read or not parsed leaves the URL's exposure not assessed, which is said as a gap.
    /// </summary>
    private static PolicyDocument? PolicyOf(GraphDraft g, CheckContext context, Located<LambdaFunction> function, ResourcePolicyRead? read,
        IReadOnlyList<DataGap> gaps)
    {
        var name = function.Resource.FunctionName;
        var what = $"whether anyone may call the AuthType NONE URL of {name} (its resource policy)";
        if (read is null)
        {
            // The read's own gap names the function as a parameter value (quoted, so "web" is not "web-admin"); a gap
            // of the region's listing names none.
            var gap = gaps.FirstOrDefault(x => x.Region == function.Region && x.Target?.Contains($"\"{name}\"", StringComparison.Ordinal) == true)
                ?? gaps.FirstOrDefault(x => x.Region == function.Region && x.Target is null);
            g.Gap(what, gap?.ToString() ?? "lambda:GetPolicy was not read for this function");
            return null;
        }
        if (read.PolicyText is not { } text) return null;
        var parsed = context.Policies().Get(text, PolicyKind.Resource, $"resource policy of {name}");
        if (parsed.TryGet(out var document)) return document;
        g.Gap(what, parsed.Error!);
        return null;
    }

    private static void PublicUrl(GraphDraft g, string id, FunctionUrlConfig url, PolicyDocument policy, string accountId)
    {
        var result = FunctionUrlAccess.AnonymousCall(policy, url, accountId);
        if (!result.IsAllowed) return;
        g.SetAttr(id, "function_url", url.FunctionUrl);
        g.Edge(SecurityGraph.InternetId, id, EdgeType.ReachableFromInternet,
            Evidence.Context("lambda:ListFunctionUrlConfigs", $"function URL {url.FunctionUrl} has AuthType NONE: Lambda does not authenticate its callers"),
            Evidence.Grant("lambda:GetPolicy", $"the resource policy of {url.FunctionArn} lets anyone call the URL ({Permissions(url)} for \"*\")",
                g.Findings.For("aws-lambda-001", url.FunctionArn), [.. result.MatchedStatements.Select(StatementRef.Of)]));
        g.SetAttr(id, "internet_reachable", "true");
    }

    private static string Permissions(FunctionUrlConfig url) => FunctionUrlAccess.NeedsInvokeFunction(url)
        ? $"lambda:InvokeFunctionUrl and lambda:InvokeFunction, both needed since the URL was created on {url.CreationTime}"
        : "lambda:InvokeFunctionUrl";

    private static void Ecs(GraphDraft g, AccountData data, IReadOnlyDictionary<string, NetworkLayer> networks, IdentityLayer identity)
    {
        var ecs = data.Ecs();
        var definitions = ecs.TaskDefinitions();
        var byArn = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var located in definitions.Items)
        {
            var t = located.Resource;
            var id = g.Node(t.TaskDefinitionArn, NodeType.EcsTaskDefinition, $"{t.Family}:{t.Revision}", located.Region);
            byArn[t.TaskDefinitionArn] = id;
            if (t.TaskRoleArn is { } role)
                g.Edge(id, identity.RoleNode(role), EdgeType.RunsAs, Evidence.Context("ecs:DescribeTaskDefinition", $"task role {role}"));
        }
        var services = ecs.Services();
        foreach (var gap in services.Gaps) g.Gap("ECS services", gap);
        foreach (var located in services.Items)
        {
            var s = located.Resource;
            var id = g.Node(s.ServiceArn, NodeType.EcsService, s.ServiceName, located.Region, ("exec_enabled", s.EnableExecuteCommand == true ? "true" : null));
            if (s.TaskDefinition is { } definition)
            {
                if (byArn.TryGetValue(definition, out var task))
                    g.Edge(id, task, EdgeType.RunsTask, Evidence.Context("ecs:DescribeServices", $"runs task definition {definition}"));
                else g.Gap($"task definition {definition} of service {s.ServiceName}", "not the latest active revision of its family, which is all the inventory holds");
            }
            if (s.NetworkConfiguration?.AwsvpcConfiguration is { } vpc && networks.TryGetValue(located.Region, out var network))
            {
                var groups = vpc.SecurityGroups ?? [];
                var subnets = vpc.Subnets ?? [];
                foreach (var subnet in subnets) network.Attach(id, subnet, groups, "ecs:DescribeServices");
                if (vpc.AssignPublicIp == "ENABLED")
                    network.Expose(id, "assigned to each task (assignPublicIp ENABLED)", subnets, groups, "ecs:DescribeServices");
            }
        }
    }

    private static void Notebooks(GraphDraft g, AccountData data, IdentityLayer identity)
    {
        var notebooks = data.SageMaker().NotebookInstances();
        foreach (var located in notebooks.Items)
        {
            var n = located.Resource;
            var id = g.Node(n.NotebookInstanceArn, NodeType.SageMakerNotebook, n.NotebookInstanceName, located.Region,
                ("direct_internet_access", n.DirectInternetAccess), ("root_access", n.RootAccess), ("status", n.NotebookInstanceStatus));
            if (n.RoleArn is { } role)
                g.Edge(id, identity.RoleNode(role), EdgeType.RunsAs, Evidence.Context("sagemaker:DescribeNotebookInstance", $"execution role {role}"));
        }
    }

    private static void Databases(GraphDraft g, AccountData data, IReadOnlyDictionary<string, NetworkLayer> networks)
    {
        var instances = data.Rds().Instances();
        foreach (var gap in instances.Gaps) g.Gap("RDS instances", gap);
        foreach (var located in instances.Items)
        {
            var db = located.Resource;
            var id = g.Node(db.Arn(g.Partition, located.Region, g.AccountId), NodeType.RdsInstance, db.DBInstanceIdentifier, located.Region,
                ("engine", db.Engine), ("publicly_accessible", db.PubliclyAccessible == true ? "true" : "false"),
                ("storage_encrypted", db.StorageEncrypted == true ? "true" : "false"));
            if (!networks.TryGetValue(located.Region, out var network)) continue;
            var groups = (db.VpcSecurityGroups ?? []).Select(m => m.VpcSecurityGroupId).OfType<string>().ToList();
            var subnets = (db.DBSubnetGroup?.Subnets ?? []).Select(s => s.SubnetIdentifier).OfType<string>().ToList();
            network.Attach(id, null, groups, "rds:DescribeDBInstances");
            if (db.PubliclyAccessible == true)
                network.Expose(id, db.Endpoint?.Address ?? "a public endpoint (PubliclyAccessible)", subnets, groups, "rds:DescribeDBInstances",
                    db.Endpoint?.Port ?? DefaultPort(db.Engine));
        }
    }

    private static int DefaultPort(string? engine) => engine switch
    {
        _ when engine?.Contains("postgres", StringComparison.Ordinal) == true => 5432,
        _ when engine?.Contains("sqlserver", StringComparison.Ordinal) == true => 1433,
        _ when engine?.StartsWith("oracle", StringComparison.Ordinal) == true => 1521,
        _ => 3306,
    };

    private static void EntryPoints(GraphDraft g, AccountData data, string region)
    {
        var waf = data.Waf();
        if (waf.LoadBalancers(region).Value?.LoadBalancers is { } balancers)
            foreach (var lb in balancers.Where(b => b.Scheme == "internet-facing"))
            {
                var id = g.Node(lb.LoadBalancerArn, NodeType.LoadBalancer, lb.LoadBalancerName, region, ("type", lb.Type), ("dns_name", lb.DNSName));
                g.Edge(SecurityGraph.InternetId, id, EdgeType.ReachableFromInternet,
                    Evidence.Grant("elbv2:DescribeLoadBalancers", $"load balancer {lb.LoadBalancerName} is internet-facing ({lb.DNSName})"));
            }
    }
}
