using System.Collections.Concurrent;
using CloudAudit.Checks.Framework;
using CloudAudit.Access.Principals;
using CloudAudit.Access.Resources;
using CloudAudit.Inventory;
using CloudAudit.Inventory.Views;
using CloudAudit.Policy.Evaluation;
using CloudAudit.Policy.Matching;
using CloudAudit.Policy.Model;

namespace CloudAudit.Analysis.Graph.Build;

/// <summary>
/// Where the data is and who can get at it: S3 buckets, Secrets Manager secrets, customer managed KMS keys,
/// DynamoDB tables and SSM parameters, each with its resource policy when the inventory has it; buckets anyone can
/// read or write; and, for the principals an attacker reaches first (roles that workloads and agents run as, roles
/// other accounts, OIDC providers or anyone can assume), can_read / can_write / can_decrypt edges decided by the
/// engine with identity, boundary and resource policy together; the same principals' can_control edges (commands on
/// instances, code of functions, a notebook's Jupyter terminal) and can_invoke edges (the AI agents they may prompt
/// and the SageMaker endpoints they may send inference requests to).
/// </summary>
internal sealed class DataLayer
{
    /// <summary>Per principal and kind of access, this many resources are listed; "all of them" is said once the bound is hit.</summary>
    public const int EdgesPerKind = 50;

    private sealed record DataResource(string Id, NodeType Type, string Probe, PolicyDocument? Policy);

    private sealed record AccessKind(EdgeType Edge, NodeType Type, ActionName Action, string Verb);

    private static readonly AccessKind[] Kinds =
    [
        new(EdgeType.CanRead, NodeType.S3Bucket, ActionName.Parse("s3:GetObject"), "read every object of"),
        new(EdgeType.CanWrite, NodeType.S3Bucket, ActionName.Parse("s3:PutObject"), "write any object to"),
        new(EdgeType.CanRead, NodeType.Secret, ActionName.Parse("secretsmanager:GetSecretValue"), "read the value of"),
        new(EdgeType.CanDecrypt, NodeType.KmsKey, ActionName.Parse("kms:Decrypt"), "decrypt with"),
        new(EdgeType.CanRead, NodeType.DynamoDbTable, ActionName.Parse("dynamodb:Scan"), "read every item of"),
        new(EdgeType.CanWrite, NodeType.DynamoDbTable, ActionName.Parse("dynamodb:PutItem"), "write items to"),
        new(EdgeType.CanRead, NodeType.SsmParameter, ActionName.Parse("ssm:GetParameter"), "read"),
        new(EdgeType.CanControl, NodeType.Ec2Instance, ActionName.Parse("ssm:SendCommand"), "run commands on"),
        new(EdgeType.CanControl, NodeType.Ec2Instance, ActionName.Parse("ssm:StartSession"), "open a shell on"),
        new(EdgeType.CanControl, NodeType.LambdaFunction, ActionName.Parse("lambda:UpdateFunctionCode"), "replace the code of"),
        new(EdgeType.CanControl, NodeType.SageMakerNotebook, ActionName.Parse("sagemaker:CreatePresignedNotebookInstanceUrl"), "open the Jupyter terminal of"),
        new(EdgeType.CanInvoke, NodeType.BedrockAgent, ActionName.Parse("bedrock:InvokeAgent"), "prompt"),
        new(EdgeType.CanInvoke, NodeType.AgentCoreRuntime, ActionName.Parse("bedrock-agentcore:InvokeAgentRuntime"), "prompt"),
        new(EdgeType.CanInvoke, NodeType.AgentCoreGateway, ActionName.Parse("bedrock-agentcore:InvokeGateway"), "call the tools of"),
        new(EdgeType.CanInvoke, NodeType.SageMakerEndpoint, ActionName.Parse("sagemaker:InvokeEndpoint"), "send inference requests to"),
    ];

    private readonly GraphDraft _g;
    private readonly CheckContext _context;
    private readonly List<DataResource> _resources = [];

    private DataLayer(GraphDraft g, CheckContext context)
    {
        _g = g;
        _context = context;
    }

    public static DataLayer Add(GraphDraft g, CheckContext context)
    {
        var layer = new DataLayer(g, context);
        layer.Buckets();
        layer.Secrets();
        layer.Keys();
        layer.Tables();
        layer.Parameters();
        return layer;
    }

    private PolicyDocument? Parse(string? text, string name)
    {
        if (text is null) return null;
        var parsed = _context.Policies().Get(text, PolicyKind.Resource, name);
        if (parsed.TryGet(out var document)) return document;
        _g.Gap($"the resource policy of {name}", parsed.Error!);
        return null;
    }

    private void Buckets()
    {
        var view = _context.Data.ResourcePolicies();
        if (!view.Buckets().TryGet(out var listed, out var gap))
        {
            if (gap?.Kind is not null) _g.Gap("S3 buckets", gap);
            return;
        }
        var policies = view.BucketPolicies();
        var byArn = policies.Items.ToDictionary(p => p.ResourceArn, StringComparer.Ordinal);
        foreach (var bucket in listed.Buckets ?? [])
        {
            var arn = $"arn:{_g.Partition}:s3:::{bucket.Name}";
            var id = _g.Node(arn, NodeType.S3Bucket, bucket.Name, bucket.BucketRegion ?? AwsIds.GlobalRegion);
            _g.Alias(bucket.Name, id);
            var policy = byArn.TryGetValue(arn, out var read) ? Parse(read.PolicyText, arn) : null;
            _resources.Add(new DataResource(id, NodeType.S3Bucket, $"{arn}/*", policy));
            if (policy is not null) PublicBucket(bucket.Name, id, policy, view);
        }
    }

    /// <summary>Anonymous access through the bucket policy, unless Block Public Access (account or bucket) restricts public policies.</summary>
    private void PublicBucket(string bucket, string id, PolicyDocument policy, ResourcePolicyView view)
    {
        var account = _context.Data.S3().AccountPublicAccessBlock().Value ?? PublicAccessBlockConfiguration.None;
        var own = view.BucketPublicAccessBlock(bucket).Value ?? PublicAccessBlockConfiguration.None;
        if (own.Or(account).RestrictPublicBuckets == true) return;
        var set = new PolicySet { ResourcePolicy = policy };
        foreach (var kind in Kinds.Where(k => k.Type == NodeType.S3Bucket))
        {
            var result = PolicyEvaluator.Evaluate(set, new AccessRequest(Principal.Anonymous, kind.Action, $"arn:{_g.Partition}:s3:::{bucket}/probe-object"));
            if (!result.IsAllowed) continue;
            _g.Edge(AnyPrincipal(), id, kind.Edge, Evidence.Grant("s3:GetBucketPolicy",
                $"the bucket policy lets anyone {kind.Verb} bucket {bucket} ({kind.Action})",
                _g.Findings.ForAny($"arn:{_g.Partition}:s3:::{bucket}", "aws-dp-001", "aws-s3-001"),
                [.. result.MatchedStatements.Select(StatementRef.Of)]));
            _g.SetAttr(id, kind.Edge == EdgeType.CanWrite ? "public_write" : "public_read", "true");
        }
    }

    private string AnyPrincipal() => _g.Node("*", NodeType.AnyPrincipal, "anyone (\"*\")", AwsIds.GlobalRegion);

    private void Secrets()
    {
        var listed = _context.Data.SecretsManager().Secrets();
        foreach (var gap in listed.Gaps.Where(g => g.Kind is not null)) _g.Gap("Secrets Manager secrets", gap);
        var policies = _context.Data.ResourcePolicies().SecretPolicies().Items.ToDictionary(p => p.ResourceArn, StringComparer.Ordinal);
        foreach (var located in listed.Items)
        {
            var secret = located.Resource;
            var id = _g.Node(secret.ARN, NodeType.Secret, secret.Name, located.Region);
            var policy = policies.TryGetValue(secret.ARN, out var read) ? Parse(read.PolicyText, secret.ARN) : null;
            _resources.Add(new DataResource(id, NodeType.Secret, secret.ARN, policy));
        }
    }

    private void Keys()
    {
        var keys = _context.Data.ResourcePolicies().KeyPolicies();
        foreach (var gap in keys.Gaps.Where(g => g.Kind is not null)) _g.Gap("KMS keys and their key policies", gap);
        foreach (var key in keys.Items)
        {
            var id = _g.Node(key.ResourceArn, NodeType.KmsKey, $"key {key.Name}", key.Region);
            _g.Alias(key.Name, id);
            // Without its key policy nobody can be said to use a key: KMS requires the key policy to allow.
            if (Parse(key.PolicyText, key.ResourceArn) is { } policy)
                _resources.Add(new DataResource(id, NodeType.KmsKey, key.ResourceArn, policy));
        }
    }

    private void Tables()
    {
        var tables = _context.Data.DynamoDb().Tables();
        foreach (var located in tables.Items)
        {
            var id = _g.Node(located.Resource.TableArn, NodeType.DynamoDbTable, located.Resource.TableName, located.Region);
            _resources.Add(new DataResource(id, NodeType.DynamoDbTable, located.Resource.TableArn, null));
        }
    }

    private void Parameters()
    {
        var parameters = _context.Data.Ssm().Parameters();
        foreach (var located in parameters.Items)
        {
            var p = located.Resource;
            var name = p.Name.StartsWith('/') ? p.Name : "/" + p.Name;
            var arn = p.ARN ?? _g.Arn("ssm", located.Region, $"parameter{name}");
            var id = _g.Node(arn, NodeType.SsmParameter, p.Name, located.Region, ("type", p.Type));
            _resources.Add(new DataResource(id, NodeType.SsmParameter, arn, null));
        }
    }

    /// <summary>The data each principal may read, write or decrypt, at most <see cref="EdgesPerKind"/> resources per kind of access.</summary>
    public void AccessBy(IEnumerable<IamEntity> principals, AccessFacts access)
    {
        _resources.AddRange(Workloads());
        var byType = _resources.GroupBy(r => r.Type).ToDictionary(g => g.Key, g => g.ToList());
        // What does not depend on the principal is worked out once per kind of access, not once per principal.
        var plans = Kinds.Where(k => byType.ContainsKey(k.Type)).Select(k => KindPlan.Of(k, byType[k.Type], access)).ToList();
        var targets = principals.Where(p => p.Unassessable is null).DistinctBy(p => p.Arn).ToList();
        var results = new List<(string, DataResource, AccessKind, IReadOnlyList<StatementRef>)>[targets.Count];
        var truncated = new List<string>[targets.Count];
        Parallel.For(0, targets.Count, i =>
        {
            var principal = targets[i];
            var list = results[i] = [];
            var bounded = truncated[i] = [];
            foreach (var plan in plans)
            {
                var kind = plan.Kind;
                var candidates = plan.Candidates(principal);
                if (candidates is null) continue;
                var count = 0;
                foreach (var index in candidates)
                {
                    var resource = plan.Assessable[index].Resource;
                    var result = access.CanDo(principal, kind.Action.FullName, resource.Probe);
                    if (!result.IsAllowed) continue;
                    list.Add((principal.Arn, resource, kind, [.. result.Statements.Select(StatementRef.Of)]));
                    if (++count == EdgesPerKind)
                    {
                        bounded.Add($"{kind.Action} ({EdgesPerKind} {kind.Type} listed, there may be more)");
                        break;
                    }
                }
            }
        });
        for (var i = 0; i < targets.Count; i++)
            if (truncated[i].Count > 0) _g.SetAttr(targets[i].Arn, "data_access_truncated", string.Join("; ", truncated[i]));
        foreach (var (principal, resource, kind, statements) in results.SelectMany(r => r))
            _g.Edge(principal, resource.Id, kind.Edge, Evidence.Grant("iam:GetAccountAuthorizationDetails",
                $"allowed {kind.Action} on {resource.Probe}", statements: statements));
    }

    /// <summary>
    /// Workloads and agents a principal can take over or steer, each with the ARN a request names. A Bedrock agent is
    /// invoked through an alias: the probe is TSTALIASID, the test alias every agent has. An AgentCore runtime with a
    /// JWT authorizer refuses SigV4 callers, and a gateway takes them only with authorizerType AWS_IAM: no IAM
    /// principal invokes the others, so they are not asked about.
    /// </summary>
    private IEnumerable<DataResource> Workloads()
    {
        foreach (var (id, type) in _g.NodesOf(NodeType.Ec2Instance, NodeType.LambdaFunction, NodeType.SageMakerNotebook,
                     NodeType.BedrockAgent, NodeType.AgentCoreRuntime, NodeType.AgentCoreGateway, NodeType.SageMakerEndpoint))
        {
            var probe = type switch
            {
                NodeType.BedrockAgent => id.Replace(":agent/", ":agent-alias/", StringComparison.Ordinal) + "/TSTALIASID",
                NodeType.AgentCoreRuntime when _g.Attr(id, "inbound_auth") != AgentLayer.SigV4 => null,
                NodeType.AgentCoreGateway when _g.Attr(id, "authorizer") != "AWS_IAM" => null,
                _ => id,
            };
            if (probe is not null) yield return new DataResource(id, type, probe, null);
        }
    }

    /// <summary>
    /// One kind of access over its candidate resources, worked out once for every principal. <see cref="Assessable"/>
    /// leaves out the resources whose own policy the inventory lacks (the engine answers "not assessed" on them for
    /// every principal) and says which have a resource policy. A principal is worth asking about only when its identity
    /// policies allow the action somewhere, or a resource policy names it or everyone; and only about the resources
    /// one of its allowing identity statements covers, or that have a policy of their own (without one, the engine
    /// allows only through an identity statement).
    /// </summary>
    private sealed class KindPlan
    {
        private static readonly RequestContext NoVariables = new();
        private readonly HashSet<string> _named = new(StringComparer.Ordinal);
        private bool _everyone;
        private int[] _all = [];
        private int[] _withPolicy = [];
        // Principals share managed policies: which resources a statement covers is worked out once per statement.
        private readonly ConcurrentDictionary<Statement, int[]> _covered = new(ReferenceEqualityComparer.Instance);

        private KindPlan(AccessKind kind, List<(DataResource, bool)> assessable)
        {
            Kind = kind;
            Assessable = assessable;
        }

        public AccessKind Kind { get; }
        public List<(DataResource Resource, bool HasPolicy)> Assessable { get; }

        public static KindPlan Of(AccessKind kind, List<DataResource> candidates, AccessFacts access)
        {
            var lookups = candidates.Select(r => (Resource: r, Lookup: access.ResourcePolicy(r.Probe, kind.Action)))
                .Where(r => r.Lookup.State != ResourcePolicyState.Unknown).ToList();
            var plan = new KindPlan(kind, [.. lookups.Select(r => (r.Resource, r.Lookup.Policy is not null))]);
            plan._all = [.. Enumerable.Range(0, plan.Assessable.Count)];
            plan._withPolicy = [.. plan._all.Where(i => plan.Assessable[i].HasPolicy)];
            // The policy the engine applies (a function's, too, which the graph's own list of data resources lacks).
            foreach (var statement in lookups.SelectMany(r => r.Lookup.Policy?.Statements ?? []))
                if (statement.Effect == Effect.Allow && statement.Principals is { } named && statement.MatchesAction(kind.Action))
                {
                    // Allow with NotPrincipal admits everyone it does not name.
                    plan._everyone |= named.Everyone || statement.NotPrincipal;
                    plan._named.UnionWith(named.Aws);
                }
            return plan;
        }

        /// <summary>
        /// The indices into <see cref="Assessable"/> (ascending) worth evaluating for the principal, or null when
        /// nothing can give it the access.
        /// </summary>
        public IReadOnlyList<int>? Candidates(IamEntity principal)
        {
            List<Statement>? allowing = null;
            foreach (var document in principal.Policies.Identity)
                foreach (var statement in document.Statements)
                    if (statement.Effect == Effect.Allow && statement.MatchesAction(Kind.Action)) (allowing ??= []).Add(statement);
            if (allowing is null && !_everyone && !_named.Contains(principal.Arn)) return null;
            if (allowing is null) return _withPolicy;
            // Usually one list is all there is (one statement grants the action); merged only when there are more.
            int[]? single = _withPolicy.Length > 0 ? _withPolicy : null;
            List<int>? merged = null;
            foreach (var statement in allowing)
            {
                var covered = _covered.GetOrAdd(statement, Covered);
                if (covered.Length == _all.Length) return _all;
                if (covered.Length == 0) continue;
                if (single is null) single = covered;
                else (merged ??= [.. single]).AddRange(covered);
            }
            if (merged is null) return single ?? [];
            merged.Sort();
            var distinct = new List<int>(merged.Count);
            foreach (var index in merged)
                if (distinct.Count == 0 || distinct[^1] != index) distinct.Add(index);
            return distinct;
        }

        /// <summary>
        /// The resources whose ARN one of the statement's Resource entries covers. An entry with policy variables
        /// depends on the request, so such a statement counts as covering every resource.
        /// </summary>
        private int[] Covered(Statement statement)
        {
            if (statement.Resources?.Any(r => r.Template.HasVariables) == true) return _all;
            var covered = new List<int>();
            for (var i = 0; i < Assessable.Count; i++)
                if (statement.MatchesResource(Assessable[i].Resource.Probe, NoVariables)) covered.Add(i);
            return covered.Count == _all.Length ? _all : [.. covered];
        }
    }
}
