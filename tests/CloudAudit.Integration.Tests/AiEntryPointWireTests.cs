using System.Collections.Concurrent;
using System.Text.Json;
using CloudAudit.Integration.Tests.Moto;

namespace CloudAudit.Integration.Tests;

/// <summary>
/// AI entry points over the wire (seed_endpoints.py, seeded on first use). moto serves IAM, Lambda, the SageMaker
/// model, endpoint configuration and endpoint (CreateModel, CreateEndpointConfig, CreateEndpoint and their List and
/// Describe reads) and the AgentCore runtime; the reads it lacks (AgentCore's GetResourcePolicy, code interpreters:
/// moto answers 500) are answered through the proxy in the API's own format. In <c>endpoints</c> role web (a
/// function's role, so a first foothold) may invoke the endpoint whose model runs as the administrator scorer, and
/// the runtime's resource policy lets anyone invoke it. In <c>endpoints-decoy</c> the same resources, but scorer is
/// harmless, the runtime has no policy, and an administrator runs a function nothing reaches.
/// </summary>
[Collection(nameof(MotoCollection))]
public sealed class AiEntryPointWireTests(MotoServer moto)
{
    private sealed record EndpointSeed(Dictionary<string, string> Accounts, Dictionary<string, Dictionary<string, string>> Ids);

    private static readonly ConcurrentDictionary<string, IReadOnlyList<WireRequest>> Wire = new();

    private EndpointSeed Seed => moto.SeedOnce<EndpointSeed>("seed_endpoints.py");

    private string Account(string scenario) => Seed.Accounts[scenario];

    private string Id(string scenario, string name) => Seed.Ids[scenario][name];

    private string Role(string scenario, string name) => $"arn:aws:iam::{Account(scenario)}:role/{name}";

    private string OpenPolicy(string scenario) => $$"""
        {"Version":"2012-10-17","Statement":[{"Sid":"anyone","Effect":"Allow","Principal":"*","Action":"bedrock-agentcore:InvokeAgentRuntime","Resource":"{{Id(scenario, "runtime")}}"}]}
        """;

    private (JsonElement Report, string File) Scan(string scenario)
    {
        var run = moto.Once($"ai entry points scan {scenario}", () =>
        {
            using var proxy = new FaultProxy(moto.Endpoint)
                .Answer(r => r is { Service: "bedrock-agentcore", Method: "POST" } && r.Path.TrimEnd('/') == "/code-interpreters",
                    Recorded.RestJson("agentcore/ListCodeInterpreters-empty.json"))
                .Answer(AgentCoreResourcePolicies.IsGet, scenario == "endpoints" ? AgentCoreResourcePolicies.Of(OpenPolicy(scenario)) : AgentCoreResourcePolicies.None);
            var scan = CliRunner.Run("scan", "--role-arn", Role(scenario, "auditor"), "--regions", "us-east-1", "--format", "json", "--quiet",
                "--endpoint-url", proxy.Endpoint.ToString());
            Wire[scenario] = [.. proxy.Requests];
            return scan;
        });
        Assert.True(run.ExitCode == 1, run.Stderr);
        var file = Path.Combine(AppContext.BaseDirectory, $"ai-entry-{scenario}-report.json");
        File.WriteAllText(file, run.Stdout);
        return (JsonDocument.Parse(run.Stdout).RootElement, file);
    }

    private static IEnumerable<JsonElement> Edges(JsonElement report, string type) =>
        report.GetProperty("security_graph").GetProperty("edges").EnumerateArray().Where(e => e.GetProperty("type").GetString() == type);

    private static bool Edge(JsonElement report, string type, string source, string target) =>
        Edges(report, type).Any(e => e.GetProperty("source").GetString() == source && e.GetProperty("target").GetString() == target);

    /// <summary>The node IDs blast-radius reaches from <paramref name="resource"/> on the saved report.</summary>
    private static IReadOnlyList<string> BlastRadius(string file, string resource)
    {
        var run = CliRunner.Run("blast-radius", "--resource", resource, "--report", file, "-f", "json", "--max-depth", "6");
        Assert.True(run.ExitCode == 0, run.Stderr);
        return [.. JsonDocument.Parse(run.Stdout).RootElement.GetProperty("graph").GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("id").GetString()!)];
    }

    private static JsonElement Agent(JsonElement report, string arn) =>
        Assert.Single(report.GetProperty("agents").EnumerateArray(), a => a.GetProperty("arn").GetString() == arn);

    [MotoFact]
    public void A_first_foothold_role_that_may_invoke_an_endpoint_reaches_its_administrator_model_role()
    {
        const string scenario = "endpoints";
        var (report, file) = Scan(scenario);

        Assert.True(Edge(report, "can_invoke", Role(scenario, "web"), Id(scenario, "endpoint")), "web may invoke the endpoint");
        Assert.True(Edge(report, "runs_as", Id(scenario, "endpoint"), Role(scenario, "scorer")), "the endpoint runs as its model's role");
        Assert.DoesNotContain(Edges(report, "reachable_from_internet"), e => e.GetProperty("target").GetString() == Id(scenario, "endpoint"));

        var reached = BlastRadius(file, Id(scenario, "web"));
        Assert.Contains(Id(scenario, "endpoint"), reached);
        Assert.Contains(Role(scenario, "scorer"), reached);
        // scorer is an administrator: the account itself is reached.
        Assert.Contains($"account:{Account(scenario)}", reached);
        // DescribeModel came from moto, not from a recorded answer.
        Assert.Contains(Wire[scenario], r => r is { Service: "sagemaker", Operation: "DescribeModel" });
    }

    [MotoFact]
    public void A_runtime_whose_resource_policy_lets_anyone_invoke_it_is_an_entry_point_for_any_AWS_principal()
    {
        const string scenario = "endpoints";
        var (report, _) = Scan(scenario);

        Assert.True(Edge(report, "can_invoke", "*", Id(scenario, "runtime")), "anyone may invoke the runtime");
        var entry = Assert.Single(Agent(report, Id(scenario, "runtime")).GetProperty("entry_points").EnumerateArray(),
            e => e.GetProperty("from").GetString() == "*");
        Assert.True(entry.GetProperty("internet_reachable").GetBoolean());
        Assert.Contains(Wire[scenario], AgentCoreResourcePolicies.IsGet);
    }

    [MotoFact]
    public void The_decoy_endpoint_runs_as_a_harmless_role_and_its_runtime_has_no_policy()
    {
        const string scenario = "endpoints-decoy";
        var (report, file) = Scan(scenario);

        Assert.True(Edge(report, "can_invoke", Role(scenario, "web"), Id(scenario, "endpoint")), "web may still invoke the endpoint");
        var reached = BlastRadius(file, Id(scenario, "web"));
        Assert.Contains(Role(scenario, "scorer"), reached);
        Assert.DoesNotContain(Role(scenario, "ops-admin"), reached);
        Assert.DoesNotContain($"account:{Account(scenario)}", reached);

        Assert.False(Edge(report, "can_invoke", "*", Id(scenario, "runtime")), "no policy: no one from outside");
        Assert.Empty(Agent(report, Id(scenario, "runtime")).GetProperty("entry_points").EnumerateArray());
        Assert.Contains("no resource policy", Agent(report, Id(scenario, "runtime")).GetProperty("notes").EnumerateArray().Select(n => n.GetString()));
    }
}
