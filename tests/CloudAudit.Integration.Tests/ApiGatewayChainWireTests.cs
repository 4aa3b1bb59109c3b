using System.Text.Json;
using CloudAudit.Integration.Tests.Moto;

namespace CloudAudit.Integration.Tests;

/// <summary>
/// API Gateway in front of a Lambda function over the wire (seed_apigw.py, seeded on first use): moto serves the REST
/// API, its resources with their methods and integrations, its stages, and the HTTP API's routes, integrations and
/// stages. In <c>apigw</c> a public REST API answers GET /orders without authorization through a proxy integration
/// with the administrator function orders: AC-05 fires and names the API, the function and its role. In
/// <c>apigw-decoy</c> the same API and the same administrator function exist, but the open method integrates with a
/// harmless function and orders is reached only through AWS_IAM routes (REST and HTTP API): no chain.
/// </summary>
[Collection(nameof(MotoCollection))]
public sealed class ApiGatewayChainWireTests(MotoServer moto)
{
    private sealed record ApiSeed(Dictionary<string, string> Accounts, Dictionary<string, Dictionary<string, string>> Ids);

    private ApiSeed Seed => moto.SeedOnce<ApiSeed>("seed_apigw.py");

    private string Id(string scenario, string name) => Seed.Ids[scenario][name];

    private JsonElement Scan(string scenario)
    {
        var run = moto.Once($"apigw scan {scenario}", () => CliRunner.Run("scan", "--role-arn", $"arn:aws:iam::{Seed.Accounts[scenario]}:role/auditor",
            "--regions", "us-east-1", "--format", "json", "--quiet"));
        Assert.True(run.ExitCode == 1, run.Stderr);
        return JsonDocument.Parse(run.Stdout).RootElement;
    }

    private static List<JsonElement> Chains(JsonElement report, string id) =>
        [.. report.GetProperty("attack_chains").EnumerateArray().Where(c => c.GetProperty("chain_id").GetString() == id)];

    private static List<JsonElement> Edges(JsonElement report, string type, string? source = null, string? target = null) =>
        [.. report.GetProperty("security_graph").GetProperty("edges").EnumerateArray()
            .Where(e => e.GetProperty("type").GetString() == type
                && (source is null || e.GetProperty("source").GetString() == source)
                && (target is null || e.GetProperty("target").GetString() == target))];

    private static JsonElement Node(JsonElement report, string id) =>
        Assert.Single(report.GetProperty("security_graph").GetProperty("nodes").EnumerateArray(), n => n.GetProperty("id").GetString() == id);

    [MotoFact]
    public void AC_05_fires_through_a_public_api_whose_open_method_integrates_with_an_administrator_function()
    {
        const string scenario = "apigw";
        var report = Scan(scenario);
        var (api, orders) = (Id(scenario, "api"), Id(scenario, "orders"));

        var entry = Assert.Single(Edges(report, "reachable_from_internet", "internet", api));
        Assert.Equal(["apigateway:GetResources", "apigateway:GetRestApis", "apigateway:GetStages", "apigateway:GetRestApis"],
            entry.GetProperty("evidence").EnumerateArray().Select(e => e.GetProperty("source").GetString()));
        Assert.Single(Edges(report, "forwards_to", api, orders));

        var chain = Assert.Single(Chains(report, "AC-05"));
        Assert.Equal([api, orders, $"arn:aws:iam::{Seed.Accounts[scenario]}:role/orders-admin"],
            chain.GetProperty("resources").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(["internet", "network"], chain.GetProperty("viz_steps").EnumerateArray().Take(2).Select(s => s.GetProperty("type").GetString()));
        Assert.Contains("REST API shop-api forwards GET /orders (authorization NONE)", chain.GetProperty("attack_narrative").GetString(), StringComparison.Ordinal);
    }

    [MotoFact]
    public void The_decoy_has_the_same_api_and_administrator_function_but_its_open_method_reaches_a_harmless_one_and_no_chain_fires()
    {
        const string scenario = "apigw-decoy";
        var report = Scan(scenario);
        var (api, orders, catalog) = (Id(scenario, "api"), Id(scenario, "orders"), Id(scenario, "catalog"));

        var admins = report.GetProperty("results").EnumerateArray().Where(r => r.GetProperty("check_id").GetString() == "aws-iam-005")
            .SelectMany(r => r.GetProperty("findings").EnumerateArray()).Select(f => f.GetProperty("resource_id").GetString()).ToList();
        Assert.Contains($"arn:aws:iam::{Seed.Accounts[scenario]}:role/orders-admin#access", admins);
        Assert.Single(Edges(report, "reachable_from_internet", "internet", api));
        Assert.Single(Edges(report, "forwards_to", api, catalog));
        Assert.Empty(Edges(report, "forwards_to", target: orders));
        Assert.Empty(Edges(report, "reachable_from_internet", "internet", Id(scenario, "http_api")));
        Assert.Equal($"POST /admin (AWS_IAM) → {orders}", Node(report, api).GetProperty("attrs").GetProperty("authenticated_routes").GetString());
        Assert.Equal($"POST /orders (AWS_IAM) → {orders}",
            Node(report, Id(scenario, "http_api")).GetProperty("attrs").GetProperty("authenticated_routes").GetString());
        Assert.Empty(Chains(report, "AC-05"));
        Assert.DoesNotContain(report.GetProperty("attack_chains").EnumerateArray(),
            c => c.GetProperty("resources").EnumerateArray().Any(r => r.GetString() == orders));
    }
}
