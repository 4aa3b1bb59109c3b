using System.Globalization;
using System.Text.Json.Nodes;
using CloudAudit.Access;
using CloudAudit.Analysis.Graph;
using CloudAudit.Analysis.Tests.Support;
using CloudAudit.Checks.Framework;
using CloudAudit.Inventory;
using CloudAudit.Inventory.Catalog;
using CloudAudit.Inventory.Snapshot;
using static CloudAudit.Demo.IamAuthorizationBuilder;

namespace CloudAudit.Analysis.Tests.Graph;

/// <summary>
/// The graph's can_read / can_write / can_control edges are the engine's answers: on a generated account, every
/// first-foothold principal asked about every data resource one request at a time must give exactly the graph's edges
/// and statements. The graph skips requests it can tell are denied (no identity statement covers the resource and no
/// resource policy applies, or the resource policy is unknown); this holds it to the plain answers.
/// </summary>
public sealed class DataAccessEdgeTests
{
    private const string Account = TestInventory.Account;
    private const string Region = TestInventory.Region;

    private static readonly (EdgeType Edge, NodeType Type, string Action)[] Kinds =
    [
        (EdgeType.CanRead, NodeType.S3Bucket, "s3:GetObject"),
        (EdgeType.CanWrite, NodeType.S3Bucket, "s3:PutObject"),
        (EdgeType.CanRead, NodeType.Secret, "secretsmanager:GetSecretValue"),
        (EdgeType.CanControl, NodeType.LambdaFunction, "lambda:UpdateFunctionCode"),
    ];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Every_data_edge_is_the_engines_answer_and_no_allowed_request_is_left_out(int seed)
    {
        var inv = Generate(seed);
        var graph = inv.Scan().AttackPaths.Graph;
        var access = AccessModel.Build(new AccountData(inv.Inventory), TestInventory.Now);

        var footholds = graph.Edges.Where(e => e.Type == EdgeType.RunsAs).Select(e => e.Target)
            .Concat(graph.Edges.Where(e => e.Type == EdgeType.CanAssume && graph.Node(e.Source).Type is NodeType.OidcProvider or NodeType.ExternalAccount or NodeType.AnyPrincipal)
                .Select(e => e.Target))
            .Distinct().ToList();
        Assert.True(footholds.Count >= 10, $"only {footholds.Count} footholds");

        var expected = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var principal in footholds.Select(access.Find).OfType<Access.Principals.IamEntity>())
            foreach (var (edge, type, action) in Kinds)
                foreach (var node in graph.Nodes.Where(n => n.Type == type))
                {
                    var probe = type == NodeType.S3Bucket ? $"{node.Id}/*" : node.Id;
                    var answer = access.CanDo(principal, action, probe);
                    if (answer.IsAllowed)
                        expected.Add($"{principal.Arn} {edge} {node.Id} {action} {string.Join(",", answer.Statements.Select(s => $"{s.PolicyName}#{s.StatementIndex}"))}");
                }
        var dataTypes = Kinds.Select(k => k.Type).ToHashSet();
        var actual = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var e in graph.Edges.Where(e => footholds.Contains(e.Source) && e.Type is EdgeType.CanRead or EdgeType.CanWrite or EdgeType.CanControl
                     && dataTypes.Contains(graph.Node(e.Target).Type)))
            foreach (var evidence in e.Evidence)
                actual.Add($"{e.Source} {e.Type} {e.Target} {evidence.Detail.Split(' ')[1]} {string.Join(",", evidence.Statements.Select(s => $"{s.Policy}#{s.Statement}"))}");

        Assert.True(expected.Count >= 20, $"the generated account grants too little to test: {expected.Count} allowed requests");
        Assert.Equal([], expected.Except(actual));
        Assert.Equal([], actual.Except(expected));
    }

    [Fact]
    public void A_resource_policy_that_allows_everyone_but_named_principals_grants_the_others_without_an_identity_statement()
    {
        // Allow with NotPrincipal admits every principal it does not name; the role's own policies grant nothing on secrets.
        var inv = new TestInventory();
        inv.Iam.Role("worker", Trust.Service("lambda.amazonaws.com"),
            inline: [("grants", """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ec2:Describe*","Resource":"*"}]}""")]);
        inv.Record.Regional(ResourcePolicyCalls.ListFunctions, Region, new JsonObject
        {
            ["Functions"] = new JsonArray(new JsonObject
            {
                ["FunctionName"] = "fn", ["FunctionArn"] = $"arn:aws:lambda:{Region}:{Account}:function:fn",
                ["Role"] = $"arn:aws:iam::{Account}:role/worker", ["Runtime"] = "python3.12",
            }),
        }.ToJsonString());
        inv.Record.Failure(ResourcePolicyCalls.GetFunctionPolicy, Region, Demo.DemoRecorder.Params(("FunctionName", "fn")), ErrorKind.NotFound,
            "ResourceNotFoundException", "The resource you requested does not exist.", 404);
        var secret = $"arn:aws:secretsmanager:{Region}:{Account}:secret:app-AbCdEf";
        inv.Record.Regional(ResourcePolicyCalls.ListSecrets, Region,
            new JsonObject { ["SecretList"] = new JsonArray(new JsonObject { ["ARN"] = secret, ["Name"] = "app" }) }.ToJsonString());
        inv.Record.Target(ResourcePolicyCalls.GetSecretResourcePolicy, Region, Demo.DemoRecorder.Params(("SecretId", secret)), new JsonObject
        {
            ["ARN"] = secret, ["Name"] = "app",
            ["ResourcePolicy"] = $$"""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","NotPrincipal":{"AWS":"arn:aws:iam::{{Account}}:role/auditor"},"Action":"secretsmanager:GetSecretValue","Resource":"*"}]}""",
        }.ToJsonString());

        var graph = inv.Scan().AttackPaths.Graph;
        var access = AccessModel.Build(new AccountData(inv.Inventory), TestInventory.Now);
        var worker = $"arn:aws:iam::{Account}:role/worker";
        Assert.True(access.CanDo(access.Find(worker)!, "secretsmanager:GetSecretValue", secret).IsAllowed);
        Assert.Contains(graph.Edges, e => e.Source == worker && e.Target == secret && e.Type == EdgeType.CanRead);
    }

    /// <summary>
    /// Lambda execution roles with random grants (exact, wildcard, NotResource, policy variables, denies, a boundary),
    /// buckets, secrets and functions, some with resource policies naming a role or everyone, one secret whose policy
    /// could not be read.
    /// </summary>
    private static TestInventory Generate(int seed)
    {
        var random = new Random(seed);
        var inv = new TestInventory();
        string N(int n) => n.ToString("D2", CultureInfo.InvariantCulture);
        string[] grants =
        [
            """{"Effect":"Allow","Action":["s3:GetObject","s3:PutObject"],"Resource":"arn:aws:s3:::data-{0}/*"}""",
            """{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::data-*/*"}""",
            """{"Effect":"Allow","Action":"s3:*","NotResource":"arn:aws:s3:::data-0{1}/*"}""",
            """{"Effect":"Allow","Action":"s3:PutObject","Resource":"arn:aws:s3:::data-${aws:PrincipalTag/team}/*"}""",
            """{"Effect":"Deny","Action":"s3:*","Resource":"arn:aws:s3:::data-1{1}/*"}""",
            $$"""{"Effect":"Allow","Action":"secretsmanager:GetSecretValue","Resource":"arn:aws:secretsmanager:{{Region}}:{{Account}}:secret:app-{0}*"}""",
            """{"Effect":"Allow","Action":"secretsmanager:*","Resource":"*"}""",
            $$"""{"Effect":"Allow","Action":"lambda:UpdateFunctionCode","Resource":"arn:aws:lambda:{{Region}}:{{Account}}:function:fn-{0}"}""",
            """{"Effect":"Allow","Action":"lambda:Update*","Resource":"*","Condition":{"StringEquals":{"aws:RequestedRegion":"eu-west-1"}}}""",
            """{"Effect":"Allow","Action":"ec2:Describe*","Resource":"*"}""",
        ];
        var functions = new JsonArray();
        for (var r = 0; r < 14; r++)
        {
            var statements = Enumerable.Range(0, random.Next(1, 4))
                .Select(_ => grants[random.Next(grants.Length)].Replace("{0}", N(random.Next(12)), StringComparison.Ordinal)
                    .Replace("{1}", random.Next(10).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal));
            var policy = $$"""{"Version":"2012-10-17","Statement":[{{string.Join(",", statements)}}]}""";
            var boundary = r % 7 == 3 ? "boundary" : null;
            inv.Iam.Role($"worker-{N(r)}", Trust.Service("lambda.amazonaws.com"), inline: [("grants", policy)], boundary: boundary,
                tags: [("team", N(random.Next(12)))]);
            functions.Add(new JsonObject
            {
                ["FunctionName"] = $"fn-{N(r)}", ["FunctionArn"] = $"arn:aws:lambda:{Region}:{Account}:function:fn-{N(r)}",
                ["Role"] = $"arn:aws:iam::{Account}:role/worker-{N(r)}", ["Runtime"] = "python3.12",
            });
        }
        inv.Iam.ManagedPolicy("boundary", """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject","secretsmanager:*"],"Resource":"*"}]}""");
        inv.Iam.Role("deployer", Trust.GitHub(Account, null), inline: [("grants", """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:PutObject","Resource":"arn:aws:s3:::data-0*/*"}]}""")]);
        inv.Record.Regional(ResourcePolicyCalls.ListFunctions, Region, new JsonObject { ["Functions"] = functions }.ToJsonString());
        for (var f = 0; f < 14; f++)
        {
            var target = Demo.DemoRecorder.Params(("FunctionName", $"fn-{N(f)}"));
            if (f % 5 == 0)
                inv.Record.Target(ResourcePolicyCalls.GetFunctionPolicy, Region, target, new JsonObject
                {
                    ["Policy"] = $$"""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::{{Account}}:role/worker-{{N((f + 1) % 14)}}"},"Action":"lambda:UpdateFunctionCode","Resource":"arn:aws:lambda:{{Region}}:{{Account}}:function:fn-{{N(f)}}"}]}""",
                }.ToJsonString());
            else
                inv.Record.Failure(ResourcePolicyCalls.GetFunctionPolicy, Region, target, ErrorKind.NotFound, "ResourceNotFoundException", "The resource you requested does not exist.", 404);
        }
        var buckets = new JsonArray();
        for (var b = 0; b < 12; b++)
        {
            var bucket = $"data-{N(b)}";
            buckets.Add(new JsonObject { ["Name"] = bucket, ["BucketRegion"] = Region });
            var target = Demo.DemoRecorder.Params(("Bucket", bucket));
            string? policy = (b % 4) switch
            {
                1 => $$"""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::{{Account}}:role/worker-{{N(b)}}"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::{{bucket}}/*"}]}""",
                2 => $$"""{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":"s3:PutObject","Resource":"arn:aws:s3:::{{bucket}}/*"}]}""",
                _ => null,
            };
            if (policy is null)
                inv.Record.Failure(ResourcePolicyCalls.GetBucketPolicy, AwsIds.GlobalRegion, target, ErrorKind.NotFound, "NoSuchBucketPolicy", "The bucket policy does not exist", 404);
            else
                inv.Record.Target(ResourcePolicyCalls.GetBucketPolicy, AwsIds.GlobalRegion, target, new JsonObject { ["Policy"] = policy }.ToJsonString());
        }
        inv.Record.Global(ResourcePolicyCalls.ListBuckets, new JsonObject { ["Buckets"] = buckets }.ToJsonString());
        var secrets = new JsonArray();
        for (var s = 0; s < 12; s++)
        {
            var arn = $"arn:aws:secretsmanager:{Region}:{Account}:secret:app-{N(s)}-AbCdEf";
            secrets.Add(new JsonObject { ["ARN"] = arn, ["Name"] = $"app-{N(s)}" });
            var target = Demo.DemoRecorder.Params(("SecretId", arn));
            if (s == 5)
                inv.Record.Failure(ResourcePolicyCalls.GetSecretResourcePolicy, Region, target, ErrorKind.AccessDenied, "AccessDeniedException", "not authorized", 400);
            else if (s % 3 == 0)
                inv.Record.Target(ResourcePolicyCalls.GetSecretResourcePolicy, Region, target, new JsonObject
                {
                    ["ARN"] = arn, ["Name"] = $"app-{N(s)}",
                    ["ResourcePolicy"] = $$"""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::{{Account}}:role/worker-{{N(s)}}"},"Action":"secretsmanager:GetSecretValue","Resource":"*"}]}""",
                }.ToJsonString());
            else
                inv.Record.Target(ResourcePolicyCalls.GetSecretResourcePolicy, Region, target, new JsonObject { ["ARN"] = arn, ["Name"] = $"app-{N(s)}" }.ToJsonString());
        }
        inv.Record.Regional(ResourcePolicyCalls.ListSecrets, Region, new JsonObject { ["SecretList"] = secrets }.ToJsonString());
        return inv;
    }
}
