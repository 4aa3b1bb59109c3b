using System.Text.Json;
using CloudAudit.Cli;
using CloudAudit.Demo;
using CloudAudit.Mcp.Tests.Support;

namespace CloudAudit.Mcp.Tests;

/// <summary>Each query tool over the demo organization, its answer checked against its output schema and against the CLI.</summary>
public sealed class DemoToolsTests(DemoServer demo) : IClassFixture<DemoServer>
{
    private McpServerRun Server => demo.Run;

    /// <summary>The CLI's own JSON report of the demo: the MCP answers must say the same.</summary>
    private static readonly Lazy<JsonElement> CliReport = new(() =>
    {
        var stdout = new StringWriter();
        CommandLineApp.Run(CommandLineApp.BuildRoot(), ["demo", "--format", "json"], stdout, new StringWriter());
        return JsonDocument.Parse(stdout.ToString()).RootElement;
    });

    [Fact]
    public void The_demo_scan_reports_what_the_cli_demo_reports()
    {
        var summary = CliReport.Value.GetProperty("summary");
        Assert.Equal("demo", demo.Scan.GetProperty("source").GetString());
        Assert.Equal(3, demo.Scan.GetProperty("accounts").GetArrayLength());
        Assert.Equal(summary.GetProperty("score").GetInt32(), demo.Scan.GetProperty("health_score").GetInt32());
        Assert.Equal(summary.GetProperty("total_findings").GetInt32(), demo.Scan.GetProperty("total_findings").GetInt32());
        Assert.Equal(summary.GetProperty("attack_chains_detected").GetInt32(), demo.Scan.GetProperty("attack_chains").GetInt32());
        Assert.Equal(summary.GetProperty("checks_not_assessed").GetInt32(), demo.Scan.GetProperty("checks_not_assessed").GetInt32());
        Assert.True(demo.Scan.GetProperty("checks_not_assessed").GetInt32() > 0, "the demo has denied reads: NOT ASSESSED must show");
    }

    [Fact]
    public async Task Paging_through_the_findings_returns_every_active_finding_once()
    {
        var expected = CliReport.Value.GetProperty("results").EnumerateArray()
            .SelectMany(r => r.GetProperty("findings").EnumerateArray()).Select(f => f.GetProperty("fingerprint").GetString()!).Order().ToList();
        var seen = new List<string>();
        var cursor = "";
        var pages = 0;
        do
        {
            var page = await Server.StructuredAsync("get_findings", new { limit = 40, cursor });
            seen.AddRange(page.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("fingerprint").GetString()!));
            Assert.Equal(expected.Count, page.GetProperty("page").GetProperty("total").GetInt32());
            cursor = page.GetProperty("page").GetProperty("next_cursor").GetString() ?? "";
            pages++;
        }
        while (cursor.Length > 0);
        Assert.Equal((expected.Count + 39) / 40, pages);
        Assert.Equal(expected, seen.Order().ToList());
    }

    [Fact]
    public async Task Filters_narrow_the_findings_and_a_cursor_is_refused_by_another_query()
    {
        var critical = await Server.StructuredAsync("get_findings", new { severity = "critical", limit = 5 });
        Assert.All(critical.GetProperty("findings").EnumerateArray(), f => Assert.Equal("critical", f.GetProperty("severity").GetString()));
        var s3 = await Server.StructuredAsync("get_findings", new { service = "s3", limit = 100 });
        Assert.All(s3.GetProperty("findings").EnumerateArray(), f => Assert.StartsWith("aws-s3-", f.GetProperty("check_id").GetString()));
        var cursor = critical.GetProperty("page").GetProperty("next_cursor").GetString();
        Assert.NotNull(cursor);
        Assert.Contains("belongs to another query", await Server.ErrorAsync("get_findings", new { severity = "high", limit = 5, cursor }));
        Assert.Contains("invalid severity 'urgent'", await Server.ErrorAsync("get_findings", new { severity = "urgent" }));
        Assert.Contains("limit must be between 1 and 100", await Server.ErrorAsync("get_findings", new { limit = 0 }));
        Assert.Contains("no scan of account '999999999999'", await Server.ErrorAsync("get_findings", new { account_id = "999999999999" }));
        var production = await Server.StructuredAsync("get_findings", new { account_id = DemoAccount.ProductionAccount, limit = 100 });
        Assert.All(production.GetProperty("findings").EnumerateArray(), f => Assert.Equal(DemoAccount.ProductionAccount, f.GetProperty("account_id").GetString()));
    }

    [Fact]
    public async Task Chains_fixes_score_and_blast_radius_answer_from_the_scan()
    {
        var chains = await Server.StructuredAsync("get_attack_chains");
        var first = chains.GetProperty("attack_chains")[0];
        Assert.Equal(CliReport.Value.GetProperty("attack_chains").GetArrayLength(), chains.GetProperty("page").GetProperty("total").GetInt32());
        Assert.False(string.IsNullOrEmpty(first.GetProperty("attack_narrative").GetString()));

        var failing = CliReport.Value.GetProperty("results").EnumerateArray().First(r => r.GetProperty("findings").GetArrayLength() > 0);
        var checkId = failing.GetProperty("check_id").GetString();
        var fix = await Server.StructuredAsync("get_remediation", new { check_id = checkId });
        Assert.Contains("FAIL", fix.GetProperty("status").GetString());
        Assert.Equal(CliReport.Value.GetProperty("results").EnumerateArray().Where(r => r.GetProperty("check_id").GetString() == checkId)
            .Sum(r => r.GetProperty("findings").GetArrayLength()), fix.GetProperty("page").GetProperty("total").GetInt32());
        Assert.Contains("aws ", fix.GetProperty("fixes")[0].GetProperty("remediation").GetProperty("cli").GetString());
        Assert.Contains("unknown check ID", await Server.ErrorAsync("get_remediation", new { check_id = "aws-nope-1" }));

        var score = await Server.StructuredAsync("get_health_score");
        Assert.Equal(demo.Scan.GetProperty("health_score").GetInt32(), score.GetProperty("scan").GetProperty("health_score").GetInt32());
        Assert.True(score.GetProperty("remediation_plan").GetArrayLength() > 0);

        var seed = first.GetProperty("resources")[0].GetString();
        var blast = await Server.StructuredAsync("blast_radius", new { resource = seed });
        Assert.Equal(seed, blast.GetProperty("seed").GetProperty("id").GetString());
        Assert.Contains("closest", await Server.ErrorAsync("blast_radius", new { resource = "no-such-thing-anywhere" }));
    }

    [Fact]
    public async Task Catalogue_and_compliance_tools_answer_with_the_cli_shapes()
    {
        var all = new List<string>();
        var cursor = "";
        do
        {
            var page = await Server.StructuredAsync("list_checks", new { cursor });
            all.AddRange(page.GetProperty("checks").EnumerateArray().Select(c => c.GetProperty("check_id").GetString()!));
            cursor = page.GetProperty("page").GetProperty("next_cursor").GetString() ?? "";
        }
        while (cursor.Length > 0);
        Assert.Equal(CloudAudit.Checks.CheckRegistry.All.Select(c => c.Info.Id).Order(), all.Order());

        var frameworks = await Server.StructuredAsync("list_frameworks");
        var ids = frameworks.GetProperty("frameworks").EnumerateArray().Select(f => f.GetProperty("id").GetString()!).ToList();
        Assert.Contains("soc2_type2", ids);
        var soc2 = await Server.StructuredAsync("get_compliance", new { framework_id = "soc2_type2" });
        Assert.Equal("soc2_type2", soc2.GetProperty("framework").GetProperty("id").GetString());
        Assert.True(soc2.GetProperty("summary").GetProperty("failed").GetInt32() > 0);
        var unknown = await Server.ErrorAsync("get_compliance", new { framework_id = "iso9001" });
        Assert.Contains("unknown framework 'iso9001'", unknown);
        Assert.Contains("soc2_type2", unknown);
    }

    [Fact]
    public async Task Access_tools_answer_from_the_scanned_inventory()
    {
        // The CLI's `access admins` over the same demo inventory names the same administrators.
        var snapshot = Server.WriteDemoSnapshot();
        var stdout = new StringWriter();
        CommandLineApp.Run(CommandLineApp.BuildRoot(), ["access", "admins", "--snapshot", snapshot, "--account", DemoAccount.DevelopmentAccount, "-f", "json"], stdout, new StringWriter());
        var expected = JsonDocument.Parse(stdout.ToString()).RootElement.GetProperty("admins").EnumerateArray().Select(a => a.GetProperty("principal").GetString()).ToList();
        var admins = await Server.StructuredAsync("access_admins", new { account_id = DemoAccount.DevelopmentAccount });
        Assert.Equal(expected, admins.GetProperty("admins").EnumerateArray().Select(a => a.GetProperty("principal").GetString()).ToList());

        var role = $"arn:aws:iam::{DemoAccount.DevelopmentAccount}:role/ci-deployer";
        Assert.Contains(role, expected);
        var canI = await Server.StructuredAsync("can_i", new { principal = role, action = "iam:CreateUser" });
        Assert.True(canI.GetProperty("answer").GetProperty("allowed").GetBoolean());
        var whoCan = await Server.StructuredAsync("who_can", new { action = "iam:CreateUser", account_id = DemoAccount.DevelopmentAccount });
        Assert.Contains(whoCan.GetProperty("principals").EnumerateArray(), p => p.GetProperty("principal").GetString() == role);

        Assert.Contains("unknown action 's3:GetObjekt'", await Server.ErrorAsync("who_can", new { action = "s3:GetObjekt" }));
        Assert.Contains("invalid principal ARN", await Server.ErrorAsync("can_i", new { principal = "bob", action = "s3:GetObject" }));
        // Proof Mode asks AWS about the live account: a scan of the demo has none.
        foreach (var (tool, arguments) in new (string, object)[] { ("can_i", new { principal = role, action = "iam:CreateUser", verify = true }),
            ("who_can", new { action = "iam:CreateUser", account_id = DemoAccount.DevelopmentAccount, verify = true }), ("access_admins", new { verify = true }) })
            Assert.Contains("is a demo scan: run scan_aws on the account first", await Server.ErrorAsync(tool, arguments));
    }

    [Fact]
    public async Task Agent_blast_pages_through_what_the_cli_agent_blast_answers_and_refuses_unknown_agents()
    {
        var stdout = new StringWriter();
        CommandLineApp.Run(CommandLineApp.BuildRoot(), ["agent-blast", "--snapshot", Server.WriteDemoSnapshot(), "-f", "json"], stdout, new StringWriter());
        var expected = JsonDocument.Parse(stdout.ToString()).RootElement.GetProperty("agents").EnumerateArray()
            .Select(a => $"{a.GetProperty("agent").GetProperty("arn").GetString()}: {a.GetProperty("headline").GetString()}").ToList();
        Assert.True(expected.Count > 5, "the demo has more agents than one page holds");
        var seen = new List<string>();
        var cursor = "";
        do
        {
            var page = await Server.StructuredAsync("get_agent_blast", new { cursor });
            seen.AddRange(page.GetProperty("agents").EnumerateArray().Select(a => $"{a.GetProperty("agent").GetProperty("arn").GetString()}: {a.GetProperty("headline").GetString()}"));
            Assert.Equal(expected.Count, page.GetProperty("page").GetProperty("total").GetInt32());
            Assert.StartsWith("## Agent blast radius", page.GetProperty("markdown").GetString());
            cursor = page.GetProperty("page").GetProperty("next_cursor").GetString() ?? "";
        }
        while (cursor.Length > 0);
        Assert.Equal(expected, seen);

        // A prompt that steers the development account's ops agent to its sandbox tool takes the account over.
        var ops = await Server.CallAsync("get_agent_blast", new { agent = "DEV-OPS" });
        var agent = Assert.Single(Assert.IsType<JsonElement>(ops.StructuredContent).GetProperty("agents").EnumerateArray());
        Assert.Equal("dev-ops-agent", agent.GetProperty("agent").GetProperty("name").GetString());
        Assert.True(agent.GetProperty("takes_account").GetBoolean());
        Assert.Contains(agent.GetProperty("behaviour_takeover").EnumerateArray(),
            t => t.GetProperty("tool").GetString() == "sandbox-ops" && t.GetProperty("account_takeover").GetBoolean());
        Assert.Contains($"reaches administrator of account {DemoAccount.DevelopmentAccount}", McpServerRun.Text(ops));

        var development = await Server.StructuredAsync("get_agent_blast", new { account_id = DemoAccount.DevelopmentAccount });
        Assert.All(development.GetProperty("agents").EnumerateArray(),
            a => Assert.Equal(DemoAccount.DevelopmentAccount, a.GetProperty("agent").GetProperty("account_id").GetString()));
        var security = await Server.StructuredAsync("get_agent_blast", new { account_id = DemoAccount.SecurityAccount });
        Assert.Equal(0, security.GetProperty("page").GetProperty("total").GetInt32());

        var unknown = await Server.ErrorAsync("get_agent_blast", new { agent = "no-such-agent" });
        Assert.Contains("no agent matches 'no-such-agent'", unknown);
        Assert.Contains("support-agent", unknown);
        Assert.Contains("dev-ops-agent", unknown);
        Assert.Contains("max_depth must be between 1 and 25", await Server.ErrorAsync("get_agent_blast", new { max_depth = 0 }));
        Assert.Contains("argument 'agent' must be string", await Server.ErrorAsync("get_agent_blast", new { agent = 3 }));
    }

    [Fact]
    public async Task Can_i_decides_with_the_request_context_as_access_can_i_context_does_and_refuses_bad_keys_and_values()
    {
        // The curated data-lake bucket refuses every request without TLS: the administrator role may read it, but not over plain HTTP.
        var role = $"arn:aws:iam::{DemoAccount.ProductionAccount}:role/OrganizationAccountAccessRole";
        var key = $"arn:aws:s3:::northwind-datalake-curated-{DemoAccount.ProductionAccount}/curated/q1.csv";
        var plain = await Server.StructuredAsync("can_i", new { principal = role, action = "s3:GetObject", resource = key });
        Assert.Equal("allowed", plain.GetProperty("answer").GetProperty("decision").GetString());
        Assert.Empty(plain.GetProperty("context").EnumerateObject());

        var insecure = new Dictionary<string, string> { ["aws:SecureTransport"] = "false" };
        var refused = await Server.CallAsync("can_i", new { principal = role, action = "s3:GetObject", resource = key, context = insecure });
        Assert.Contains("with aws:SecureTransport=false: EXPLICIT DENY", McpServerRun.Text(refused));
        var answer = Assert.IsType<JsonElement>(refused.StructuredContent);
        Assert.Equal("false", answer.GetProperty("context").GetProperty("aws:SecureTransport").GetString());
        Assert.Contains(answer.GetProperty("answer").GetProperty("statements").EnumerateArray(), s => s.GetProperty("sid").GetString() == "DenyInsecureTransport");

        // The same answer as the CLI's.
        var stdout = new StringWriter();
        CommandLineApp.Run(CommandLineApp.BuildRoot(), ["access", "can-i", role, "s3:GetObject", key, "--context", "aws:SecureTransport=false",
            "--snapshot", Server.WriteDemoSnapshot(), "-f", "json"], stdout, new StringWriter());
        Assert.True(JsonElement.DeepEquals(JsonDocument.Parse(stdout.ToString()).RootElement, answer.GetProperty("answer")), stdout.ToString());

        Assert.Contains("context aws:SecureTransport: 'maybe' is not true or false",
            await Server.ErrorAsync("can_i", new { principal = role, action = "s3:GetObject", context = new Dictionary<string, string> { ["aws:SecureTransport"] = "maybe" } }));
        Assert.Contains("context aws:SourceIp: 'here' is not an IP address",
            await Server.ErrorAsync("can_i", new { principal = role, action = "s3:GetObject", context = new Dictionary<string, string> { ["aws:SourceIp"] = "here" } }));
        Assert.Contains("unknown global condition key 'aws:SecureTransprt' (closest: aws:SecureTransport",
            await Server.ErrorAsync("can_i", new { principal = role, action = "s3:GetObject", context = new Dictionary<string, string> { ["aws:SecureTransprt"] = "false" } }));
        Assert.Contains("'SecureTransport' is not a condition key",
            await Server.ErrorAsync("can_i", new { principal = role, action = "s3:GetObject", context = new Dictionary<string, string> { ["SecureTransport"] = "false" } }));
        Assert.Contains("argument 'context' must be object or null whose values are string",
            await Server.ErrorAsync("can_i", new { principal = role, action = "s3:GetObject", context = new Dictionary<string, bool> { ["aws:SecureTransport"] = false } }));
        Assert.Contains("argument 'context' must be object",
            await Server.ErrorAsync("can_i", new { principal = role, action = "s3:GetObject", context = new[] { "aws:SecureTransport=false" } }));
    }
}
