using System.Text.Json.Nodes;
using CloudAudit.Inventory.Catalog;

namespace CloudAudit.Demo;

/// <summary>
/// Production protects its us-east-1 load balancer and partner API with a web ACL, but the Dublin
/// public load balancer has none; Frankfurt has only internal endpoints. Development exposes an
/// edge-optimized REST API with no web ACL. The security account has no public endpoints.
/// Behind the APIs (their methods and stages, for the security graph): the partner API's POST /orders needs only an
/// API key and proxies to orders-processor, whose role reads the Stripe secret (CA-02 and CA-03 through the API); the dev API
/// answers GET /health without authorization from a mock, and reaches the administrator function sandbox-api only
/// through an AWS_IAM method (the decoy: an open API and an administrator function, not linked); the private
/// internal API proxies to image-resizer.
/// </summary>
internal sealed class DemoWaf : IDemoPart
{
    public void Production(DemoRecorder a, DemoClock clock)
    {
        var id = a.AccountId;
        foreach (var region in a.Regions)
        {
            a.Regional(WafCalls.ListRegionalWebAcls, region, region != "us-east-1" ? """{"WebACLs": []}""" : $$"""
                {"WebACLs": [{"Name": "northwind-prod-waf", "Id": "5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9",
                  "Description": "Managed rules and rate limit for public endpoints", "LockToken": "0f1e2d3c-4b5a-4968-8776-655443322110",
                  "ARN": "arn:aws:wafv2:{{region}}:{{id}}:regional/webacl/northwind-prod-waf/5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9"}]}
                """);
            var balancers = region switch
            {
                "us-east-1" => [Balancer(id, region, "northwind-prod-alb", "internet-facing", "application"), Balancer(id, region, "northwind-internal-nlb", "internal", "network")],
                "eu-west-1" => [Balancer(id, region, "northwind-eu-alb", "internet-facing", "application")],
                _ => new[] { Balancer(id, region, "northwind-fra-internal", "internal", "application") },
            };
            a.Regional(WafCalls.DescribeLoadBalancers, region, $$"""{"LoadBalancers": [{{string.Join(",", balancers)}}]}""");
            var apis = region switch
            {
                "us-east-1" => [Api("k8d2x7q1ma", "partner-api", "REGIONAL", clock)],
                "eu-central-1" => new[] { Api("p3n9v5c2zt", "internal-api", "PRIVATE", clock) },
                _ => [],
            };
            a.Regional(WafCalls.GetRestApis, region, $$"""{"items": [{{string.Join(",", apis)}}]}""");
            a.Regional(ApiGatewayCalls.GetApis, region, """{"Items": []}""");
        }
        Methods(a, "us-east-1", "k8d2x7q1ma", Method("orders", "POST", "NONE", "AWS_PROXY", Function(id, "us-east-1", "orders-processor"), apiKey: true));
        Methods(a, "eu-central-1", "p3n9v5c2zt", Method("resize", "POST", "NONE", "AWS_PROXY", Function(id, "eu-central-1", "image-resizer")));
    }

    public void Development(DemoRecorder a, DemoClock clock)
    {
        foreach (var region in a.Regions)
        {
            a.Regional(WafCalls.ListRegionalWebAcls, region, """{"WebACLs": []}""");
            a.Regional(WafCalls.DescribeLoadBalancers, region, """{"LoadBalancers": []}""");
            a.Regional(WafCalls.GetRestApis, region, region != "us-east-1" ? """{"items": []}""" : $$"""{"items": [{{Api("d7f3k2m9qa", "dev-api", "EDGE", clock)}}]}""");
            a.Regional(ApiGatewayCalls.GetApis, region, """{"Items": []}""");
        }
        Methods(a, "us-east-1", "d7f3k2m9qa", Method("health", "GET", "NONE", "MOCK", null),
            Method("sandbox", "POST", "AWS_IAM", "AWS_PROXY", Function(a.AccountId, "us-east-1", "sandbox-api")));
    }

    /// <summary>The security account exposes nothing to the internet, so it has nothing to protect.</summary>
    public void Security(DemoRecorder a, DemoClock clock)
    {
        foreach (var region in a.Regions)
        {
            a.Regional(WafCalls.ListRegionalWebAcls, region, """{"WebACLs": []}""");
            a.Regional(WafCalls.DescribeLoadBalancers, region, """{"LoadBalancers": []}""");
            a.Regional(WafCalls.GetRestApis, region, """{"items": []}""");
            a.Regional(ApiGatewayCalls.GetApis, region, """{"Items": []}""");
        }
    }

    private static string Balancer(string account, string region, string name, string scheme, string type) => $$"""
        {"LoadBalancerArn": "arn:aws:elasticloadbalancing:{{region}}:{{account}}:loadbalancer/{{(type == "application" ? "app" : "net")}}/{{name}}/5f8e2a1b3c4d6e7f",
         "DNSName": "{{(scheme == "internal" ? "internal-" : "")}}{{name}}-1234567890.{{region}}.elb.amazonaws.com", "CanonicalHostedZoneId": "Z35SXDOTRQ7X7K",
         "LoadBalancerName": "{{name}}", "Scheme": "{{scheme}}", "VpcId": "vpc-0a1b2c3d4e5f60718", "State": {"Code": "active"}, "Type": "{{type}}",
         "IpAddressType": "ipv4"}
        """;

    private static string Function(string account, string region, string name) =>
        $"arn:aws:apigateway:{region}:lambda:path/2015-03-31/functions/arn:aws:lambda:{region}:{account}:function:{name}/invocations";

    private static string Method(string path, string verb, string authorization, string integration, string? uri, bool apiKey = false)
    {
        var target = new JsonObject { ["type"] = integration, ["httpMethod"] = "POST", ["passthroughBehavior"] = "WHEN_NO_MATCH", ["timeoutInMillis"] = 29000 };
        if (uri is not null) target["uri"] = uri;
        var method = new JsonObject
        {
            ["httpMethod"] = verb, ["authorizationType"] = authorization, ["apiKeyRequired"] = apiKey, ["methodIntegration"] = target,
        };
        return new JsonObject
        {
            ["id"] = $"{path}1", ["parentId"] = "a1b2c3d4e5", ["pathPart"] = path, ["path"] = $"/{path}",
            ["resourceMethods"] = new JsonObject { [verb] = method },
        }.ToJsonString();
    }

    /// <summary>An API's resources with their methods (GetResources, embed=methods) and its one stage, prod.</summary>
    private static void Methods(DemoRecorder a, string region, string apiId, params string[] methods)
    {
        a.Target(ApiGatewayCalls.GetResources, region, DemoRecorder.Params(("restApiId", apiId), ("embed", new JsonArray("methods")), ("limit", 500)),
            $$"""{"items": [{"id": "a1b2c3d4e5", "path": "/"}, {{string.Join(",", methods)}}]}""");
        a.Target(ApiGatewayCalls.GetStages, region, DemoRecorder.Params(("restApiId", apiId)),
            """{"item": [{"stageName": "prod", "deploymentId": "dep1a2", "tracingEnabled": false}]}""");
    }

    private static string Api(string id, string name, string type, DemoClock clock) => $$"""
        {"id": "{{id}}", "name": "{{name}}", "createdDate": "{{clock.DaysAgo(365)}}", "apiKeySource": "HEADER",
         "endpointConfiguration": {"types": ["{{type}}"], "ipAddressType": "ipv4"}, "disableExecuteApiEndpoint": false, "rootResourceId": "a1b2c3d4e5"}
        """;
}
