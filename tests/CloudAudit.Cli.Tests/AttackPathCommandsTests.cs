using System.Text.Json;
using System.Text.Json.Nodes;

namespace CloudAudit.Cli.Tests;

/// <summary>The demo account saved once as a JSON report and as a snapshot, for the offline attack-path commands.</summary>
public sealed class SavedDemo : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("attack-paths");

    public SavedDemo()
    {
        Report = Path.Combine(_dir.FullName, "report.json");
        Snapshot = Path.Combine(_dir.FullName, "demo.json.gz");
        CliRunner.Run("demo", "--format", "json", "--output", Report, "--save-snapshot", Snapshot);
        Json = JsonNode.Parse(File.ReadAllText(Report))!;
    }

    public string Report { get; }
    public string Snapshot { get; }
    public JsonNode Json { get; }
    public string Folder => _dir.FullName;

    public void Dispose() => _dir.Delete(recursive: true);
}

public sealed class AttackPathCommandsTests(SavedDemo demo) : IClassFixture<SavedDemo>
{
    private static JsonNode Parse(CliRun run)
    {
        Assert.True(run.ExitCode == 0, run.Stderr);
        return JsonNode.Parse(run.Stdout)!;
    }

    [Fact]
    public void The_demo_report_has_chains_and_a_plan_to_simulate()
    {
        Assert.NotEmpty(demo.Json["attack_chains"]!.AsArray());
        Assert.NotEmpty(demo.Json["root_causes"]!.AsArray());
    }

    [Fact]
    public void The_detailed_console_report_shows_the_chains_and_the_remediation_plan()
    {
        var run = CliRunner.Run("scan", "--snapshot", demo.Snapshot, "--details");
        var plan = demo.Json["root_causes"]!.AsArray();
        var chains = plan.SelectMany(c => c!["chain_keys"]!.AsArray().Select(k => k!.GetValue<string>())).Distinct().Count();
        Assert.Contains($"Attack Chains ({demo.Json["attack_chains"]!.AsArray().Count})", run.Stdout);
        Assert.Contains($"Remediation plan: fix {plan.Count} thing{(plan.Count == 1 ? "" : "s")}, break {chains} chain", run.Stdout);
    }

    [Theory]
    [InlineData("--report")]
    [InlineData("--snapshot")]
    public void Simulate_fixing_the_top_root_cause_breaks_the_chains_the_plan_says(string source)
    {
        var top = demo.Json["root_causes"]![0]!;
        var file = source == "--report" ? demo.Report : demo.Snapshot;
        var result = Parse(CliRunner.Run("simulate", "--fix", top["check_id"]!.GetValue<string>(), source, file, "--format", "json"));

        var broken = result["chains_broken"]!.AsArray().Select(c => $"{c!["chain_id"]}|{c["anchor"]}").Order().ToList();
        Assert.Equal(top["chain_keys"]!.AsArray().Select(k => k!.GetValue<string>()).Order(), broken);
        Assert.Equal(demo.Json["attack_chains"]!.AsArray().Count, result["attack_chains"]!["before"]!.GetValue<int>());
        Assert.Equal(demo.Json["summary"]!["score"]!.GetValue<int>(), result["score"]!["before"]!.GetValue<int>());
        Assert.True(result["score"]!["after"]!.GetValue<int>() >= result["score"]!["before"]!.GetValue<int>());
    }

    [Fact]
    public void Simulate_table_shows_before_after_and_the_chains_broken()
    {
        var top = demo.Json["root_causes"]![0]!;
        var run = CliRunner.Run("simulate", "--fix", top["check_id"]!.GetValue<string>(), "--report", demo.Report);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Health score", run.Stdout);
        Assert.Contains("→ GONE", run.Stdout);
        Assert.Contains(top["chains_broken"]![0]!.GetValue<string>(), run.Stdout);
    }

    [Theory]
    [InlineData("--report")]
    [InlineData("--snapshot")]
    public void Exposure_ranks_by_score_with_reasons(string source)
    {
        var result = Parse(CliRunner.Run("exposure", source, source == "--report" ? demo.Report : demo.Snapshot, "-n", "5", "-f", "json"));
        var items = result["items"]!.AsArray();
        Assert.Equal("1", result["schema_version"]!.GetValue<string>());
        Assert.Equal(5, items.Count);
        var scores = items.Select(i => i!["score"]!.GetValue<int>()).ToList();
        Assert.Equal(scores.OrderDescending(), scores);
        Assert.All(items, i => Assert.NotEmpty(i!["reasons"]!.AsArray()));
        Assert.Contains(items, i => i!["internet_hops"] is not null);
    }

    [Fact]
    public void Exposure_table_lists_the_reasons()
    {
        var run = CliRunner.Run("exposure", "--report", demo.Report, "-n", "3");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Most exposed resources (top 3", run.Stdout);
        Assert.Contains("reachable from outside", run.Stdout);
    }

    private string ExposedWorkload() =>
        demo.Json["attack_chains"]!.AsArray().First(c => c!["chain_id"]!.GetValue<string>()
            is "AC-01" or "AC-02" or "AC-05" or "CA-01" or "CA-02" or "CA-03" or "CA-04" or "CA-05" or "CA-06")!["anchor"]!.GetValue<string>();

    [Theory]
    [InlineData("--report")]
    [InlineData("--snapshot")]
    public void Blast_radius_json_follows_the_contract_and_reaches_past_the_role(string source)
    {
        var seed = ExposedWorkload();
        var result = Parse(CliRunner.Run("blast-radius", "--resource", seed, source, source == "--report" ? demo.Report : demo.Snapshot, "-f", "json"));
        Assert.Equal("1.0", result["schema_version"]!.GetValue<string>());
        var nodes = result["graph"]!["nodes"]!.AsArray();
        Assert.Equal(seed, nodes[0]!["id"]!.GetValue<string>());
        Assert.Equal(0, nodes[0]!["bfsStep"]!.GetValue<int>());
        Assert.Contains(nodes, n => n!["type"]!.GetValue<string>() == "iam_role");
        Assert.Equal(nodes.Count - 1, result["summary"]!["nodes_reachable"]!.GetValue<int>());
        Assert.Equal(nodes.Count - 1, result["graph"]!["edges"]!.AsArray().Count);
        Assert.NotEmpty(result["narrative"]!.AsArray());
        Assert.NotEmpty(result["cloud_audit_detects"]!.AsArray());
        foreach (var key in new[] { "generated_at", "generator", "source", "fixes" }) Assert.NotNull(result[key]);
    }

    [Theory]
    [InlineData("--report")]
    [InlineData("--snapshot")]
    public void Blast_radius_fixes_change_the_resources_on_the_path_not_the_check_s_first_finding_elsewhere(string source)
    {
        // sandbox-api runs as lambda-admin-exec (account 310987654322), which holds AdministratorAccess; aws-iam-005's
        // first finding in the scan is another account's OrganizationAccountAccessRole, which this path never touches.
        const string seed = "arn:aws:lambda:us-east-1:310987654322:function:sandbox-api";
        var result = Parse(CliRunner.Run("blast-radius", "--resource", seed, source, source == "--report" ? demo.Report : demo.Snapshot, "-f", "json"));

        var admin = result["fixes"]!.AsArray().Single(f => f!["id"]!.GetValue<string>() == "aws-iam-005")!;
        Assert.Contains("--role-name lambda-admin-exec ", admin["cli_command"]!.GetValue<string>());
        Assert.Contains("\"lambda-admin-exec\"", admin["terraform"]!.GetValue<string>());
        Assert.DoesNotContain(result["fixes"]!.AsArray(), f => f!["cli_command"]?.GetValue<string>().Contains("OrganizationAccountAccessRole") == true);
    }

    [Fact]
    public void Escalation_paths_to_a_more_privileged_principal_say_so_once()
    {
        var paths = demo.Json["escalation_paths"]!.AsArray().Select(p => p!["target_privilege"]!.GetValue<string>()).ToList();

        Assert.Contains(paths, p => p.StartsWith("more privileged: allowed ", StringComparison.Ordinal));
        Assert.All(paths, p => Assert.True(p == "administrator" || p.StartsWith("more privileged: ", StringComparison.Ordinal), p));
        Assert.DoesNotContain(paths, p => p.Contains("more privileged: more privileged", StringComparison.Ordinal));
    }

    [Fact]
    public void Blast_radius_tree_mermaid_and_markdown()
    {
        var seed = ExposedWorkload();
        var tree = CliRunner.Run("blast-radius", "--resource", seed, "--report", demo.Report);
        Assert.Contains("└── runs as → role ", tree.Stdout);
        var mermaid = CliRunner.Run("blast-radius", "--resource", seed, "--report", demo.Report, "-f", "mermaid");
        Assert.StartsWith("graph TD\n", mermaid.Stdout);
        Assert.Contains("n0 -->|\"runs as\"| n1", mermaid.Stdout);
        var markdown = CliRunner.Run("blast-radius", "--resource", seed, "--report", demo.Report, "-f", "markdown");
        Assert.StartsWith("# Blast radius: ", markdown.Stdout);
        Assert.Contains("| step | from | move | to | evidence |", markdown.Stdout);
    }

    [Fact]
    public void Blast_radius_says_when_the_node_cap_is_hit()
    {
        var run = CliRunner.Run("blast-radius", "--resource", ExposedWorkload(), "--report", demo.Report, "--max-nodes", "2");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("stopped at 2 resources (--max-nodes)", run.Stdout);
    }

    [Theory]
    [InlineData("blast-radius", "--resource", "i-doesnotexist", "no single resource 'i-doesnotexist' in the security graph; closest: ")]
    [InlineData("blast-radius", "--resource", "x", "--max-depth", "26", "--max-depth must be between 1 and 25")]
    [InlineData("blast-radius", "--resource", "x", "--max-nodes", "0", "--max-nodes must be between 1 and 10000")]
    [InlineData("blast-radius", "--resource", "x", "-f", "svg", "unknown format 'svg'")]
    [InlineData("simulate", "--fix", "aws-nope-001", "unknown check ID aws-nope-001")]
    [InlineData("exposure", "-n", "0", "--limit must be at least 1")]
    [InlineData("agent-blast", "--agent", "nobody-here", "no agent matches 'nobody-here'; agents: ")]
    [InlineData("agent-blast", "-f", "mermaid", "unknown format 'mermaid'")]
    [InlineData("agent-blast", "--max-depth", "0", "--max-depth must be between 1 and 25")]
    public void Bad_input_is_one_line_and_exit_2(params string[] argsAndMessage)
    {
        var run = CliRunner.Run([.. argsAndMessage[..^1], "--report", demo.Report]);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains(argsAndMessage[^1], run.Stderr);
        Assert.Single(run.Stderr.Trim().Split('\n'));
        Assert.Equal("", run.Stdout);
    }

    [Theory]
    [InlineData("--report")]
    [InlineData("--snapshot")]
    public void Agent_blast_json_covers_every_agent_and_the_dev_ops_agent_reaches_admin_only_through_its_tool(string source)
    {
        var result = Parse(CliRunner.Run("agent-blast", source, source == "--report" ? demo.Report : demo.Snapshot, "-f", "json"));
        Assert.Equal("1", result["schema_version"]!.GetValue<string>());
        var agents = result["agents"]!.AsArray();
        Assert.Equal(demo.Json["agents"]!.AsArray().Count, agents.Count);
        Assert.Equal(demo.Json["summary"]!["agents_discovered"]!.GetValue<int>(), agents.Count);
        var ops = Assert.Single(agents, a => a!["agent"]!["name"]!.GetValue<string>() == "dev-ops-agent")!;
        Assert.True(ops["takes_account"]!.GetValue<bool>());
        Assert.StartsWith("a prompt that steers dev-ops-agent to its tool sandbox-ops reaches administrator", ops["headline"]!.GetValue<string>());
        Assert.False(ops["identity_takeover"]![0]!["account_takeover"]!.GetValue<bool>());
        Assert.True(ops["behaviour_takeover"]![0]!["account_takeover"]!.GetValue<bool>());
        Assert.Contains("CA-12", ops["attack_chains"]!.AsArray().Select(c => c!.GetValue<string>()));
        // The public playground function's role may prompt it: its way in from the internet.
        var entry = Assert.Single(ops["agent"]!["entry_points"]!.AsArray())!;
        Assert.Equal(("principal", true), (entry["kind"]!.GetValue<string>(), entry["internet_reachable"]!.GetValue<bool>()));
        Assert.EndsWith(":role/dev-playground-role", entry["from"]!.GetValue<string>(), StringComparison.Ordinal);
        // Every agent's roles are in the demo's IAM data, so what each reaches is assessed.
        Assert.All(agents, a => Assert.DoesNotContain(a!["coverage_notes"]!.AsArray(), n => n!.GetValue<string>().Contains("not in the IAM data read", StringComparison.Ordinal)));
        var support = Assert.Single(agents, a => a!["agent"]!["name"]!.GetValue<string>() == "support-agent")!;
        Assert.False(support["takes_account"]!.GetValue<bool>());
        Assert.Empty(support["attack_chains"]!.AsArray());
    }

    [Fact]
    public void Agent_blast_tree_and_markdown_for_one_agent()
    {
        var tree = CliRunner.Run("agent-blast", "--agent", "dev-ops", "--report", demo.Report);
        Assert.Equal(0, tree.ExitCode);
        Assert.StartsWith("dev-ops-agent  [bedrock_agent, us-east-1, account ", tree.Stdout);
        Assert.Contains("Behaviour takeover (a prompt steers its tools):", tree.Stdout);
        Assert.Contains("tool sandbox-ops (action_group_lambda)", tree.Stdout);
        Assert.Contains("is administrator of → account ", tree.Stdout);
        Assert.Contains(":role/dev-playground-role (from the internet): allowed bedrock:InvokeAgent on ", tree.Stdout);
        var markdown = CliRunner.Run("agent-blast", "-a", "DV3AG9NT01", "--report", demo.Report, "-f", "markdown");
        // Scanned names are escaped in Markdown, as in every Markdown output.
        Assert.StartsWith("## Agent blast radius\n\n### dev\\-ops\\-agent (bedrock_agent, us-east-1)", markdown.Stdout);
        Assert.Contains("| behaviour takeover | tool sandbox\\-ops |", markdown.Stdout);
        Assert.Contains("- reached by arn:aws:iam::", markdown.Stdout);
    }

    [Fact]
    public void Agent_blast_of_a_report_without_agents_exits_1()
    {
        var stripped = JsonNode.Parse(File.ReadAllText(demo.Report))!.AsObject();
        stripped["agents"] = new JsonArray();
        var path = Path.Combine(demo.Folder, "no-agents.json");
        File.WriteAllText(path, stripped.ToJsonString());
        var run = CliRunner.Run("agent-blast", "--report", path);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("no AI agents in this scan", run.Stderr);
        Assert.Equal("", run.Stdout);
    }

    [Fact]
    public void A_report_without_a_security_graph_or_no_input_is_refused()
    {
        var stripped = JsonNode.Parse(File.ReadAllText(demo.Report))!.AsObject();
        stripped.Remove("security_graph");
        var path = Path.Combine(demo.Folder, "old.json");
        File.WriteAllText(path, stripped.ToJsonString());
        var run = CliRunner.Run("exposure", "--report", path);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("this report has no security graph; scan again with this version", run.Stderr);

        Assert.Contains("give either --report FILE", CliRunner.Run("exposure").Stderr);
        Assert.Contains("give either --report FILE", CliRunner.Run("exposure", "--report", demo.Report, "--snapshot", demo.Snapshot).Stderr);
        Assert.Equal(2, CliRunner.Run("simulate", "--fix", "aws-vpc-002", "--report", Path.Combine(demo.Folder, "missing.json")).ExitCode);
    }
}
