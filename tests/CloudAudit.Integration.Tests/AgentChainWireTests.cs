using System.Collections.Concurrent;
using System.Text.Json;
using CloudAudit.Integration.Tests.Moto;

namespace CloudAudit.Integration.Tests;

/// <summary>
/// The AI-agent chain CA-12 over the wire (seed_agents.py, seeded on first use): moto serves IAM, Lambda, the Bedrock
/// agent, the AgentCore gateway with its target and the runtime; the reads moto lacks (a Bedrock agent's action groups
/// and knowledge bases, AgentCore code interpreters: moto answers 500) are answered through the proxy from Recorded/ in
/// the API's own format, as are the gateway's and runtime's resource policies (none). In <c>agents</c> the agent's action-group function, the gateway's target and the runtime act
/// as administrators and CA-12 fires on each, the gateway's starting at the internet (no authorizer). In
/// <c>agents-decoy</c> the same agents and tools run as scoped roles while an administrator runs a function no agent
/// calls: the same administrator finding, and no CA-12.
/// </summary>
[Collection(nameof(MotoCollection))]
public sealed class AgentChainWireTests(MotoServer moto)
{
    private const string ActionGroup = "RG1ACTION0";

    private sealed record AgentSeed(Dictionary<string, string> Accounts, Dictionary<string, Dictionary<string, string>> Ids);

    private static readonly ConcurrentDictionary<string, IReadOnlyList<WireRequest>> Wire = new();

    private AgentSeed Seed => moto.SeedOnce<AgentSeed>("seed_agents.py");

    private string Account(string scenario) => Seed.Accounts[scenario];

    private string Id(string scenario, string name) => Seed.Ids[scenario][name];

    private string Role(string scenario, string name) => $"arn:aws:iam::{Account(scenario)}:role/{name}";

    private static bool Rest(WireRequest r, string service, string method, string path) =>
        r.Service == service && r.Method == method && r.Path.TrimEnd('/') == path;

    /// <summary>The reads moto lacks, as AWS answers them, for this scenario's agent; everything else goes on to moto.</summary>
    private FaultProxy Proxy(string scenario)
    {
        var agent = Id(scenario, "agent_id");
        var versions = $"/agents/{agent}/agentversions/DRAFT";
        return new FaultProxy(moto.Endpoint)
            .Answer(r => Rest(r, "bedrock", "POST", $"{versions}/actiongroups"),
                Recorded.RestJson("bedrock-agent/ListAgentActionGroups.json", ("group", ActionGroup)))
            .Answer(r => Rest(r, "bedrock", "GET", $"{versions}/actiongroups/{ActionGroup}"),
                Recorded.RestJson("bedrock-agent/GetAgentActionGroup.json", ("agent", agent), ("group", ActionGroup), ("function", Id(scenario, "refunds"))))
            .Answer(r => Rest(r, "bedrock", "POST", $"{versions}/knowledgebases"), Recorded.RestJson("bedrock-agent/ListAgentKnowledgeBases-empty.json"))
            .Answer(r => Rest(r, "bedrock-agentcore", "POST", "/code-interpreters"), Recorded.RestJson("agentcore/ListCodeInterpreters-empty.json"))
            .Answer(AgentCoreResourcePolicies.IsGet, AgentCoreResourcePolicies.None);
    }

    /// <summary>The scenario scanned once per test run through the proxy; the JSON report is also saved for the offline commands.</summary>
    private (JsonElement Report, string File) Scan(string scenario)
    {
        var run = moto.Once($"agents scan {scenario}", () =>
        {
            using var proxy = Proxy(scenario);
            var scan = CliRunner.Run("scan", "--role-arn", Role(scenario, "auditor"), "--regions", "us-east-1", "--format", "json", "--quiet",
                "--endpoint-url", proxy.Endpoint.ToString());
            Wire[scenario] = [.. proxy.Requests];
            return scan;
        });
        Assert.True(run.ExitCode == 1, run.Stderr);
        var file = Path.Combine(AppContext.BaseDirectory, $"agents-{scenario}-report.json");
        File.WriteAllText(file, run.Stdout);
        return (JsonDocument.Parse(run.Stdout).RootElement, file);
    }

    private static List<JsonElement> Chains(JsonElement report, string id) =>
        [.. report.GetProperty("attack_chains").EnumerateArray().Where(c => c.GetProperty("chain_id").GetString() == id)];

    private static JsonElement Chain(JsonElement report, string id, string anchor) =>
        Assert.Single(Chains(report, id), c => c.GetProperty("anchor").GetString() == anchor);

    private static IReadOnlyList<string> Strings(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetString()!)];

    private static JsonElement Agent(JsonElement report, string arn) =>
        Assert.Single(report.GetProperty("agents").EnumerateArray(), a => a.GetProperty("arn").GetString() == arn);

    private static Dictionary<string, JsonElement> AgentBlast(string report)
    {
        var run = CliRunner.Run("agent-blast", "--report", report, "-f", "json");
        Assert.True(run.ExitCode == 0, run.Stderr);
        return JsonDocument.Parse(run.Stdout).RootElement.GetProperty("agents").EnumerateArray()
            .ToDictionary(a => a.GetProperty("agent").GetProperty("name").GetString()!);
    }

    [MotoFact]
    public void CA_12_fires_on_each_agent_whose_tool_or_own_role_is_an_administrator()
    {
        var (report, _) = Scan("agents");
        const string scenario = "agents";
        Assert.Equal(new[] { Id(scenario, "agent"), Id(scenario, "gateway"), Id(scenario, "runtime") }.Order(StringComparer.Ordinal),
            Chains(report, "CA-12").Select(c => c.GetProperty("anchor").GetString()!).Order(StringComparer.Ordinal));

        // The Bedrock agent's action group (answered from Recorded/) calls refunds, which runs as the administrator refund-tool.
        var agent = Chain(report, "CA-12", Id(scenario, "agent"));
        Assert.Equal([Id(scenario, "agent"), Id(scenario, "refunds"), Role(scenario, "refund-tool")], Strings(agent.GetProperty("resources")));
        Assert.Equal("Prompt", agent.GetProperty("viz_steps")[0].GetProperty("label").GetString());

        // The gateway has no authorizer: its chain starts at the internet and carries the finding that says so.
        var gateway = Chain(report, "CA-12", Id(scenario, "gateway"));
        Assert.Equal([Id(scenario, "gateway"), Id(scenario, "refunds"), Role(scenario, "refund-tool")], Strings(gateway.GetProperty("resources")));
        Assert.Equal("internet", gateway.GetProperty("viz_steps")[0].GetProperty("type").GetString());
        Assert.Contains("aws-agc-005", gateway.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("check_id").GetString()));
        Assert.StartsWith("Anyone on the internet can call public-tools", gateway.GetProperty("attack_narrative").GetString(), StringComparison.Ordinal);
        var entry = Assert.Single(Agent(report, Id(scenario, "gateway")).GetProperty("entry_points").EnumerateArray());
        Assert.Equal(("internet", true), (entry.GetProperty("kind").GetString(), entry.GetProperty("internet_reachable").GetBoolean()));

        Assert.Equal([Id(scenario, "runtime"), Role(scenario, "runtime-ops")], Strings(Chain(report, "CA-12", Id(scenario, "runtime")).GetProperty("resources")));

        // The action group came from the recorded answer; the gateway, its target and the runtime from moto.
        var wire = Wire[scenario];
        Assert.Contains(wire, r => Rest(r, "bedrock", "GET", $"/agents/{Id(scenario, "agent_id")}/agentversions/DRAFT/actiongroups/{ActionGroup}"));
        Assert.Contains(wire, r => r.Service == "bedrock-agentcore" && r.Method == "GET" && r.Path.Contains("/targets/", StringComparison.Ordinal));
    }

    [MotoFact]
    public void Agent_blast_on_the_saved_report_shows_each_agent_reaching_the_account_by_the_way_it_does()
    {
        var blast = AgentBlast(Scan("agents").File);

        Assert.StartsWith("a prompt that steers helpdesk to its tool refund-tools reaches administrator", blast["helpdesk"].GetProperty("headline").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("a prompt that steers public-tools to its tool refunds reaches administrator", blast["public-tools"].GetProperty("headline").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("support_rt's own identity (role runtime-ops) reaches administrator", blast["support_rt"].GetProperty("headline").GetString(), StringComparison.Ordinal);
        Assert.All(blast.Values, a => Assert.True(a.GetProperty("takes_account").GetBoolean()));
        Assert.All(blast.Values, a => Assert.Equal(["CA-12"], Strings(a.GetProperty("attack_chains"))));
        Assert.Equal("internet", blast["public-tools"].GetProperty("agent").GetProperty("entry_points")[0].GetProperty("kind").GetString());
    }

    [MotoFact]
    public void The_decoy_has_the_same_agents_and_an_administrator_no_agent_uses_and_no_CA_12()
    {
        var (report, file) = Scan("agents-decoy");
        const string scenario = "agents-decoy";

        Assert.Equal(3, report.GetProperty("agents").GetArrayLength());
        var admins = report.GetProperty("results").EnumerateArray().Where(r => r.GetProperty("check_id").GetString() == "aws-iam-005")
            .SelectMany(r => r.GetProperty("findings").EnumerateArray()).Select(f => f.GetProperty("resource_id").GetString()).ToList();
        Assert.Contains($"{Role(scenario, "ops-admin")}#access", admins);
        // The agent still calls refunds through its action group, and the gateway still has no authorizer: only the roles differ.
        Assert.Equal(Id(scenario, "refunds"), Agent(report, Id(scenario, "agent")).GetProperty("tools")[0].GetProperty("target_arn").GetString());
        Assert.Equal("internet", Agent(report, Id(scenario, "gateway")).GetProperty("entry_points")[0].GetProperty("kind").GetString());
        Assert.Empty(Chains(report, "CA-12"));

        var blast = AgentBlast(file);
        Assert.Equal(3, blast.Count);
        Assert.All(blast.Values, a => Assert.False(a.GetProperty("takes_account").GetBoolean(), a.GetProperty("headline").GetString()));
        Assert.All(blast.Values, a => Assert.Empty(a.GetProperty("attack_chains").EnumerateArray()));
    }
}
