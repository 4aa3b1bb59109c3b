using System.Text.Json.Nodes;
using CloudAudit.Analysis.BlastRadius;
using CloudAudit.Analysis.Exposure;
using CloudAudit.Analysis.Graph;
using CloudAudit.Analysis.Tests.Support;
using CloudAudit.Checks;
using CloudAudit.Demo;
using CloudAudit.Inventory.Catalog;
using CloudAudit.Inventory.Snapshot;
using static CloudAudit.Demo.IamAuthorizationBuilder;
using static CloudAudit.Demo.DemoRecorder;

namespace CloudAudit.Analysis.Tests.Graph;

/// <summary>
/// An API Gateway API is an entry from the internet only when its endpoint is public, it is deployed, a method needs
/// no authorization and its resource policy admits an anonymous caller; the functions such methods integrate with are
/// behind it (forwards_to), so the exposed-workload chains fire through it. Unread data is a gap, not a guess.
/// </summary>
public sealed class ApiGatewayEdgeTests
{
    private const string Account = TestInventory.Account;
    private const string Region = TestInventory.Region;
    private const string ApiId = "a1b2c3d4e5";
    private static readonly string Api = $"arn:aws:apigateway:{Region}::/restapis/{ApiId}";
    private static readonly string Function = $"arn:aws:lambda:{Region}:{Account}:function:orders";
    private static readonly string Role = $"arn:aws:iam::{Account}:role/orders-role";
    private static readonly string Uri = Invocation(Function);
    private const string Admin = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}""";

    private static string Invocation(string function) => $"arn:aws:apigateway:{Region}:lambda:path/2015-03-31/functions/{function}/invocations";

    private static string AllowAnyone(string resource = "execute-api:/*") =>
        $$"""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"execute-api:Invoke","Resource":"{{resource}}"}]}""";

    [Fact]
    public void A_public_api_with_a_method_without_authorization_reaches_the_function_behind_it_and_AC_05_fires_naming_the_api()
    {
        var report = Scan();
        var graph = report.AttackPaths.Graph;

        var entry = Assert.Single(graph.In(Api), e => e.Type == EdgeType.ReachableFromInternet);
        Assert.Equal(SecurityGraph.InternetId, entry.Source);
        Assert.Equal(["apigateway:GetResources", "apigateway:GetRestApis", "apigateway:GetStages", "apigateway:GetRestApis"], entry.Evidence.Select(e => e.Source));
        Assert.Contains("GET /orders (authorization NONE)", entry.Evidence[0].Detail, StringComparison.Ordinal);
        Assert.Contains("no resource policy", entry.Evidence[3].Detail, StringComparison.Ordinal);
        var forward = Assert.Single(graph.Out(Api), e => e.Type == EdgeType.ForwardsTo);
        Assert.Equal(Function, forward.Target);
        Assert.Equal("apigateway:GetResources", Assert.Single(forward.Evidence).Source);

        var chain = Assert.Single(report.AttackPaths.Chains, c => c.ChainId == "AC-05");
        Assert.Equal([Api, Function, Role], chain.Resources);
        Assert.Equal(["Internet", "shop-api", "orders"], chain.VizSteps.Take(3).Select(s => s.Label));
        Assert.Contains("REST API shop-api forwards GET /orders", chain.AttackNarrative, StringComparison.Ordinal);

        var exposed = Assert.Single(ExposureRanking.Rank(new GraphView(graph)), i => i.Node.Id == Role);
        Assert.Equal("reachable from outside in 3 steps: Internet → shop-api → orders → role orders-role", exposed.Reasons[0]);

        // Whoever holds the API (the internet does) reaches the function, its role and the account.
        var blast = BlastRadiusAnalysis.From(new GraphView(graph), graph.Node(Api));
        Assert.Equal([Function, Role], blast.Reached.Take(2).Select(s => s.Node.Id));
        Assert.Equal(EdgeType.ForwardsTo, blast.Reached.First().Via!.Type);
        Assert.Single(blast.AccountsTaken);
    }

    [Fact]
    public void A_method_that_requires_only_an_api_key_is_still_reachable_and_the_evidence_says_the_key_is_no_authentication()
    {
        var graph = Scan(apiKey: true).AttackPaths.Graph;

        var entry = Assert.Single(graph.In(Api), e => e.Type == EdgeType.ReachableFromInternet);
        Assert.Contains("API key required: a key identifies a client, it does not authenticate it", entry.Evidence[0].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void AC_05_does_not_fire_through_a_private_api()
    {
        var report = Scan(endpoint: "PRIVATE");

        Assert.DoesNotContain(report.AttackPaths.Graph.In(Api), e => e.Type == EdgeType.ReachableFromInternet);
        Assert.StartsWith("false (PRIVATE", report.AttackPaths.Graph.Node(Api).Attributes["internet_reachable"], StringComparison.Ordinal);
        Assert.DoesNotContain(report.AttackPaths.Chains, c => c.ChainId == "AC-05");
    }

    [Theory]
    [InlineData("AWS_IAM")]
    [InlineData("COGNITO_USER_POOLS")]
    [InlineData("CUSTOM")]
    public void AC_05_does_not_fire_through_a_method_that_needs_credentials(string authorization)
    {
        var report = Scan(authorization: authorization);
        var graph = report.AttackPaths.Graph;

        Assert.DoesNotContain(graph.In(Api), e => e.Type == EdgeType.ReachableFromInternet);
        Assert.DoesNotContain(graph.Out(Api), e => e.Type == EdgeType.ForwardsTo);
        Assert.Equal($"GET /orders ({authorization}) → {Function}", graph.Node(Api).Attributes["authenticated_routes"]);
        Assert.DoesNotContain(report.AttackPaths.Chains, c => c.ChainId == "AC-05");
    }

    [Fact]
    public void AC_05_does_not_fire_when_the_resource_policy_admits_only_another_account()
    {
        var policy = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::210987654321:root"},"Action":"execute-api:Invoke","Resource":"execute-api:/*"}]}""";
        var report = Scan(policy: policy);

        Assert.DoesNotContain(report.AttackPaths.Graph.In(Api), e => e.Type == EdgeType.ReachableFromInternet);
        Assert.DoesNotContain(report.AttackPaths.Chains, c => c.ChainId == "AC-05");
    }

    [Fact]
    public void A_policy_that_denies_callers_outside_a_private_range_keeps_the_internet_out()
    {
        var policy = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"execute-api:Invoke","Resource":"execute-api:/*"},{"Effect":"Deny","Principal":"*","Action":"execute-api:Invoke","Resource":"execute-api:/*","Condition":{"NotIpAddress":{"aws:SourceIp":"10.0.0.0/8"}}}]}""";

        Assert.DoesNotContain(Scan(policy: policy).AttackPaths.Graph.In(Api), e => e.Type == EdgeType.ReachableFromInternet);
    }

    [Fact]
    public void A_policy_that_lets_anyone_invoke_is_matched_also_when_api_gateway_escapes_its_quotes()
    {
        // GetRestApi returns the policy as a string whose quotes are escaped once more.
        var escaped = AllowAnyone($"arn:aws:execute-api:{Region}:{Account}:{ApiId}/*").Replace("\"", "\\\"", StringComparison.Ordinal);
        var graph = Scan(policy: escaped).AttackPaths.Graph;

        var entry = Assert.Single(graph.In(Api), e => e.Type == EdgeType.ReachableFromInternet);
        Assert.Single(entry.Evidence[3].Statements);
    }

    [Fact]
    public void An_api_without_a_stage_is_not_deployed_and_not_reachable()
    {
        var report = Scan(stages: "[]");

        Assert.DoesNotContain(report.AttackPaths.Graph.In(Api), e => e.Type == EdgeType.ReachableFromInternet);
        Assert.DoesNotContain(report.AttackPaths.Chains, c => c.ChainId == "AC-05");
    }

    [Fact]
    public void Methods_that_could_not_be_read_are_a_gap_with_their_cause_and_no_edge()
    {
        var report = Scan(resources: inv => inv.Record.Failure(ApiGatewayCalls.GetResources, Region, ResourcesParams, ErrorKind.AccessDenied,
            "AccessDeniedException", "not authorized to perform apigateway:GET", 403));
        var graph = report.AttackPaths.Graph;

        Assert.DoesNotContain(graph.In(Api), e => e.Type == EdgeType.ReachableFromInternet);
        var gap = Assert.Single(graph.Gaps, g => g.What.Contains("methods of REST API shop-api", StringComparison.Ordinal));
        Assert.Contains("not authorized", gap.Cause, StringComparison.Ordinal);
        Assert.DoesNotContain(report.AttackPaths.Chains, c => c.ChainId == "AC-05");
    }

    [Fact]
    public void An_alias_integration_forwards_to_the_function_and_says_which_alias()
    {
        var graph = Scan(uri: Invocation($"{Function}:live")).AttackPaths.Graph;

        var forward = Assert.Single(graph.Out(Api), e => e.Type == EdgeType.ForwardsTo);
        Assert.Equal(Function, forward.Target);
        Assert.Contains("version or alias live", forward.Evidence[0].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_function_named_by_a_stage_variable_is_resolved_per_stage_and_a_stage_without_it_is_a_gap()
    {
        var stages = """[{"stageName":"prod","deploymentId":"d1","variables":{"fn":"orders"}},{"stageName":"test","deploymentId":"d1"}]""";
        var graph = Scan(uri: Invocation($"arn:aws:lambda:{Region}:{Account}:function:${{stageVariables.fn}}"), stages: stages).AttackPaths.Graph;

        Assert.Equal(Function, Assert.Single(graph.Out(Api), e => e.Type == EdgeType.ForwardsTo).Target);
        var gap = Assert.Single(graph.Gaps, g => g.What.Contains("in stage test", StringComparison.Ordinal));
        Assert.Contains("does not set fn", gap.Cause, StringComparison.Ordinal);
    }

    [Fact]
    public void A_function_named_by_a_stage_variable_when_stages_could_not_be_read_is_a_gap_not_a_missing_edge()
    {
        var graph = Scan(uri: Invocation($"arn:aws:lambda:{Region}:{Account}:function:${{stageVariables.fn}}"), stages: null).AttackPaths.Graph;

        Assert.DoesNotContain(graph.Out(Api), e => e.Type == EdgeType.ForwardsTo);
        Assert.Contains(graph.Gaps, g => g.What.Contains("stageVariables.fn", StringComparison.Ordinal));
        Assert.Contains(graph.Gaps, g => g.What.Contains("stages of REST API shop-api", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("NONE", true)]
    [InlineData("JWT", false)]
    [InlineData("AWS_IAM", false)]
    public void An_http_api_route_reaches_its_function_only_without_authorization(string authorization, bool fires)
    {
        const string httpApi = "h1t2t3p4a5";
        var report = Scan(extra: inv =>
        {
            inv.Record.Regional(ApiGatewayCalls.GetApis, Region,
                $$"""{"Items":[{"ApiId":"{{httpApi}}","Name":"mobile","ProtocolType":"HTTP","ApiEndpoint":"https://{{httpApi}}.execute-api.us-east-1.amazonaws.com"}]}""");
            inv.Record.Target(ApiGatewayCalls.GetRoutes, Region, Params(("ApiId", httpApi)),
                $$"""{"Items":[{"RouteId":"r1","RouteKey":"POST /orders","AuthorizationType":"{{authorization}}","Target":"integrations/i1"}]}""");
            inv.Record.Target(ApiGatewayCalls.GetIntegrations, Region, Params(("ApiId", httpApi)),
                $$"""{"Items":[{"IntegrationId":"i1","IntegrationType":"AWS_PROXY","IntegrationUri":"{{Function}}"}]}""");
            inv.Record.Target(ApiGatewayCalls.GetApiStages, Region, Params(("ApiId", httpApi)), """{"Items":[{"StageName":"$default"}]}""");
        }, authorization: "AWS_IAM");
        var node = $"arn:aws:apigateway:{Region}::/apis/{httpApi}";

        Assert.Equal(fires, report.AttackPaths.Graph.In(node).Any(e => e.Type == EdgeType.ReachableFromInternet));
        Assert.Equal(fires, report.AttackPaths.Chains.Any(c => c.ChainId == "AC-05" && c.Resources[0] == node));
    }

    [Theory]
    [InlineData("NONE", true)]
    [InlineData("AWS_IAM", false)]
    public void A_websocket_api_route_is_as_open_as_its_connect_route(string connect, bool fires)
    {
        const string socket = "w1s2o3c4k5";
        var report = Scan(extra: inv =>
        {
            inv.Record.Regional(ApiGatewayCalls.GetApis, Region, $$"""{"Items":[{"ApiId":"{{socket}}","Name":"chat","ProtocolType":"WEBSOCKET"}]}""");
            inv.Record.Target(ApiGatewayCalls.GetRoutes, Region, Params(("ApiId", socket)),
                $$"""{"Items":[{"RouteKey":"$connect","AuthorizationType":"{{connect}}"},{"RouteKey":"send","AuthorizationType":"NONE","Target":"integrations/i1"}]}""");
            inv.Record.Target(ApiGatewayCalls.GetIntegrations, Region, Params(("ApiId", socket)),
                $$"""{"Items":[{"IntegrationId":"i1","IntegrationType":"AWS_PROXY","IntegrationUri":"{{Uri}}"}]}""");
            inv.Record.Target(ApiGatewayCalls.GetApiStages, Region, Params(("ApiId", socket)), """{"Items":[{"StageName":"prod"}]}""");
        }, authorization: "AWS_IAM");
        var node = $"arn:aws:apigateway:{Region}::/apis/{socket}";

        Assert.Equal(fires, report.AttackPaths.Graph.Out(node).Any(e => e.Type == EdgeType.ForwardsTo && e.Target == Function));
        Assert.Equal(fires, report.AttackPaths.Chains.Any(c => c.ChainId == "AC-05" && c.Resources[0] == node));
    }

    [Fact]
    public void An_api_whose_execute_api_endpoint_is_off_is_a_gap_about_custom_domains_not_an_edge()
    {
        var graph = Scan(executeApiOff: true).AttackPaths.Graph;

        Assert.DoesNotContain(graph.In(Api), e => e.Type == EdgeType.ReachableFromInternet);
        Assert.Contains(graph.Gaps, g => g.What.Contains("custom domain name", StringComparison.Ordinal));
    }

    [Fact]
    public void The_demo_shows_one_chain_through_an_api_and_a_decoy_api_whose_administrator_function_needs_iam()
    {
        var report = ScanPipeline.Evaluate(DemoAccount.Build(TestInventory.Now, "0.1.0"), CheckRegistry.All, new AnalysisOptions(), "demo", "0.1.0");
        var partner = $"arn:aws:apigateway:us-east-1::/restapis/k8d2x7q1ma";
        var dev = $"arn:aws:apigateway:us-east-1::/restapis/d7f3k2m9qa";
        var graph = report.AttackPaths.Graph;

        // POST /orders needs only an API key: the internet reaches orders-processor, whose role reads the Stripe secret and decrypts with a customer managed key.
        var chains = report.AttackPaths.Chains.Where(c => c.Resources.Contains(partner)).ToList();
        Assert.Equal(["CA-02", "CA-03"], chains.Select(c => c.ChainId).Order(StringComparer.Ordinal));
        Assert.All(chains, c => Assert.Equal([partner, $"arn:aws:lambda:us-east-1:{DemoAccount.ProductionAccount}:function:orders-processor"], c.Resources.Take(2)));
        // The dev API is as open, but its administrator function sits behind AWS_IAM.
        Assert.Contains(graph.In(dev), e => e.Type == EdgeType.ReachableFromInternet);
        Assert.DoesNotContain(graph.Out(dev), e => e.Type == EdgeType.ForwardsTo);
        Assert.DoesNotContain(report.AttackPaths.Chains, c => c.Resources.Contains(dev));
        Assert.DoesNotContain(graph.Gaps, g => g.What.Contains("REST API", StringComparison.Ordinal));
    }

    private static readonly JsonObject ResourcesParams = Params(("restApiId", ApiId), ("embed", new JsonArray("methods")), ("limit", 500));

    private static ScanReport Scan(string endpoint = "REGIONAL", string authorization = "NONE", bool apiKey = false, string? policy = null,
        string? uri = null, string? stages = """[{"stageName":"prod","deploymentId":"d1"}]""", Action<TestInventory>? resources = null,
        Action<TestInventory>? extra = null, bool executeApiOff = false)
    {
        var inv = new TestInventory();
        inv.Iam.Role("orders-role", Trust.Service("lambda.amazonaws.com"), inline: [("admin", Admin)]);
        var function = new JsonObject { ["FunctionName"] = "orders", ["FunctionArn"] = Function, ["Role"] = Role, ["Runtime"] = "python3.12" };
        inv.Record.Regional(LambdaCalls.ListFunctions, Region, new JsonObject { ["Functions"] = new JsonArray(function) }.ToJsonString());
        var api = new JsonObject
        {
            ["id"] = ApiId, ["name"] = "shop-api", ["endpointConfiguration"] = new JsonObject { ["types"] = new JsonArray(endpoint) },
            ["disableExecuteApiEndpoint"] = executeApiOff,
        };
        if (policy is not null) api["policy"] = policy;
        inv.Record.Regional(WafCalls.GetRestApis, Region, new JsonObject { ["items"] = new JsonArray(api) }.ToJsonString());
        if (resources is not null) resources(inv);
        else
        {
            var method = new JsonObject
            {
                ["httpMethod"] = "GET", ["authorizationType"] = authorization, ["apiKeyRequired"] = apiKey,
                ["methodIntegration"] = new JsonObject { ["type"] = "AWS_PROXY", ["uri"] = uri ?? Uri },
            };
            var items = new JsonArray(new JsonObject { ["id"] = "root", ["path"] = "/" },
                new JsonObject { ["id"] = "r1", ["path"] = "/orders", ["resourceMethods"] = new JsonObject { ["GET"] = method } });
            inv.Record.Target(ApiGatewayCalls.GetResources, Region, ResourcesParams, new JsonObject { ["items"] = items }.ToJsonString());
        }
        if (stages is not null)
            inv.Record.Target(ApiGatewayCalls.GetStages, Region, Params(("restApiId", ApiId)), $$"""{"item":{{stages}}}""");
        else
            inv.Record.Failure(ApiGatewayCalls.GetStages, Region, Params(("restApiId", ApiId)), ErrorKind.Throttled, "TooManyRequestsException", "Too Many Requests", 429);
        extra?.Invoke(inv);
        return inv.Scan();
    }
}
