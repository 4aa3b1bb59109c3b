using System.Text.Json;
using System.Text.Json.Nodes;
using CloudAudit.Checks.Framework;
using CloudAudit.Reports.Sarif;
using CloudAudit.Reports.Tests.Support;
using Json.Schema;

namespace CloudAudit.Reports.Tests;

public class SarifReportTests
{
    private static readonly Lazy<JsonSchema> Schema = new(() =>
    {
        // The OASIS schema declares draft-04, which JsonSchema.Net does not read; it uses no keyword whose
        // meaning changed since, so it is evaluated as draft-07. Its draft-04 "id" is dropped: every $ref in it is local.
        var schema = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Schemas", "sarif-schema-2.1.0.json")))!.AsObject();
        schema["$schema"] = "http://json-schema.org/draft-07/schema#";
        schema.Remove("id");
        return JsonSchema.FromText(schema.ToJsonString(), new BuildOptions { SchemaRegistry = new SchemaRegistry() });
    });

    private static JsonElement Sarif(Analysis.ScanReport report) => JsonDocument.Parse(Render.ToText(SarifReportWriter.Write, report)).RootElement;

    public static TheoryData<string> ReportKinds => ["demo", "hostile", "synthetic"];

    private static Analysis.ScanReport ReportOf(string kind) => kind switch
    {
        "demo" => TestReports.Demo(),
        "hostile" => Hostile.Report(),
        _ => TestReports.Synthetic(500),
    };

    [Theory]
    [MemberData(nameof(ReportKinds))]
    public void Validates_against_the_SARIF_2_1_0_schema(string kind)
    {
        var text = Render.ToText(SarifReportWriter.Write, ReportOf(kind));
        var result = Schema.Value.Evaluate(JsonDocument.Parse(text).RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        var errors = (result.Details ?? []).Where(d => d.Errors is not null).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}")).Take(10);
        Assert.True(result.IsValid, string.Join("\n", errors));
    }

    [Fact]
    public void The_schema_check_catches_an_invalid_log()
    {
        var bad = JsonDocument.Parse("""{"version": "2.1.0", "runs": [{"results": [{"message": {"text": "x"}, "level": "fatal"}]}]}""").RootElement;
        Assert.False(Schema.Value.Evaluate(bad).IsValid);
    }

    [Fact]
    public void Meets_GitHub_code_scanning_requirements()
    {
        var run = Sarif(TestReports.Demo()).GetProperty("runs")[0];
        var driver = run.GetProperty("tool").GetProperty("driver");
        Assert.Equal("cloud-audit", driver.GetProperty("name").GetString());
        var rules = driver.GetProperty("rules").EnumerateArray().ToList();
        var chains = TestReports.Demo().AttackPaths.Chains;
        Assert.NotEmpty(chains);
        // One rule per check, then one per chain rule that fired.
        Assert.Equal(CheckRegistryIds().Count + chains.Select(c => c.ChainId).Distinct().Count(), rules.Count);
        foreach (var rule in rules.Take(CheckRegistryIds().Count))
        {
            foreach (var field in new[] { "id", "shortDescription", "fullDescription", "help", "defaultConfiguration", "properties" })
                Assert.True(rule.TryGetProperty(field, out _), $"{rule.GetProperty("id")}: {field}");
            Assert.False(string.IsNullOrWhiteSpace(rule.GetProperty("help").GetProperty("text").GetString()));
            Assert.Contains("### Fix", rule.GetProperty("help").GetProperty("markdown").GetString());
            var category = CloudAudit.Checks.CheckRegistry.Find(rule.GetProperty("id").GetString()!)!.Info.Category.Lower();
            Assert.Contains(category, rule.GetProperty("properties").GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
            // GitHub reads security-severity for security rules only; cost and reliability rules carry none.
            if (category != "security") continue;
            var score = rule.GetProperty("properties").GetProperty("security-severity").GetString()!;
            Assert.InRange(double.Parse(score, System.Globalization.CultureInfo.InvariantCulture), 0.1, 10.0);
        }
        var results = run.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(TestReports.Demo().Summary.TotalFindings + chains.Count, results.Count);
        foreach (var result in results)
        {
            var ruleIndex = result.GetProperty("ruleIndex").GetInt32();
            Assert.Equal(result.GetProperty("ruleId").GetString(), rules[ruleIndex].GetProperty("id").GetString());
            Assert.False(string.IsNullOrWhiteSpace(result.GetProperty("message").GetProperty("text").GetString()));
            var location = result.GetProperty("locations")[0].GetProperty("physicalLocation");
            var ruleId = result.GetProperty("ruleId").GetString()!;
            Assert.Equal(ruleId.StartsWith("aws-", StringComparison.Ordinal) ? $"checks/{ruleId}" : $"attack-chains/{ruleId}",
                location.GetProperty("artifactLocation").GetProperty("uri").GetString());
            Assert.Equal(1, location.GetProperty("region").GetProperty("startLine").GetInt32());
            Assert.Matches("^[0-9a-f]{32}$", result.GetProperty("partialFingerprints").GetProperty("primaryLocationLineHash").GetString());
        }
        Assert.Equal(results.Count, results.Select(r => r.GetProperty("partialFingerprints").GetProperty("primaryLocationLineHash").GetString()).Distinct().Count());
    }

    [Fact]
    public void Each_attack_chain_is_an_alert_of_its_rule_with_its_resources_and_findings()
    {
        var demo = TestReports.Demo();
        var run = Sarif(demo).GetProperty("runs")[0];
        var rules = run.GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray().ToList();
        var results = run.GetProperty("results").EnumerateArray().Where(r => r.GetProperty("ruleId").GetString()!.Contains('-') && !r.GetProperty("ruleId").GetString()!.StartsWith("aws-", StringComparison.Ordinal)).ToList();
        Assert.Equal(demo.AttackPaths.Chains.Count, results.Count);
        foreach (var chain in demo.AttackPaths.Chains)
        {
            var result = Assert.Single(results, r => r.GetProperty("ruleId").GetString() == chain.ChainId
                && r.GetProperty("properties").GetProperty("anchor").GetString() == chain.Anchor);
            var rule = rules[result.GetProperty("ruleIndex").GetInt32()];
            Assert.Equal(chain.ChainId, rule.GetProperty("id").GetString());
            Assert.Contains("attack-chain", rule.GetProperty("properties").GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
            Assert.Equal(chain.Resources, result.GetProperty("locations")[0].GetProperty("logicalLocations").EnumerateArray().Select(l => l.GetProperty("name").GetString()));
            Assert.Equal(chain.Findings.Select(f => f.Fingerprint), result.GetProperty("properties").GetProperty("findings").EnumerateArray().Select(f => f.GetString()));
            Assert.Contains(chain.PriorityFix.Title, result.GetProperty("message").GetProperty("text").GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Against_a_baseline_that_has_every_finding_no_chain_is_an_alert()
    {
        var demo = TestReports.Demo();
        var old = demo with { Baseline = new Analysis.ScanBaseline("previous scan", demo.Results.SelectMany(r => r.Findings).Select(f => f.Fingerprint).ToHashSet(StringComparer.Ordinal)) };
        var results = Sarif(old).GetProperty("runs")[0].GetProperty("results").EnumerateArray();
        Assert.DoesNotContain(results, r => r.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString()!.StartsWith("attack-chains/", StringComparison.Ordinal));
    }

    private static IReadOnlyList<string> CheckRegistryIds() => CloudAudit.Checks.CheckRegistry.All.Select(c => c.Info.Id).ToList();

    [Theory]
    [InlineData(Severity.Critical, "error")]
    [InlineData(Severity.High, "error")]
    [InlineData(Severity.Medium, "warning")]
    [InlineData(Severity.Low, "note")]
    [InlineData(Severity.Info, "note")]
    public void Levels_follow_severity(Severity severity, string level)
    {
        var report = TestReports.Of([TestReports.Finding("trail-a", severity: severity)]);
        var result = Sarif(report).GetProperty("runs")[0].GetProperty("results")[0];
        Assert.Equal(level, result.GetProperty("level").GetString());
        Assert.Equal(severity.Lower(), result.GetProperty("properties").GetProperty("severity").GetString());
    }

    [Fact]
    public void Fingerprints_are_stable_across_scans_and_differ_per_resource()
    {
        static IEnumerable<string> Prints(Analysis.ScanReport r) => Sarif(r).GetProperty("runs")[0].GetProperty("results").EnumerateArray()
            .Select(x => x.GetProperty("partialFingerprints").GetProperty("primaryLocationLineHash").GetString()!);
        Assert.Equal(Prints(TestReports.Demo()), Prints(TestReports.Demo()));
        var a = Prints(TestReports.Of([TestReports.Finding("trail-a")])).Single();
        var b = Prints(TestReports.Of([TestReports.Finding("trail-b")])).Single();
        var otherRegion = Prints(TestReports.Of([TestReports.Finding("trail-a", region: "us-east-1")])).Single();
        Assert.Equal(3, new[] { a, b, otherRegion }.Distinct().Count());
    }

    [Fact]
    public void Suppressed_findings_carry_an_accepted_external_suppression()
    {
        var suppression = new Analysis.Suppression("aws-ct-002", "trail-a", "Legacy trail, replaced in Q1", "sec-team", new DateOnly(2099, 3, 31));
        var report = TestReports.Of([TestReports.Finding("trail-a"), TestReports.Finding("trail-b")],
            new Analysis.AnalysisOptions { Suppressions = [suppression], Today = new DateOnly(2026, 11, 28) });
        var results = Sarif(report).GetProperty("runs")[0].GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(2, results.Count);
        var suppressed = results.Single(r => r.TryGetProperty("suppressions", out _));
        Assert.Equal("trail-a", suppressed.GetProperty("properties").GetProperty("resource_id").GetString());
        var entry = suppressed.GetProperty("suppressions")[0];
        Assert.Equal("external", entry.GetProperty("kind").GetString());
        Assert.Equal("accepted", entry.GetProperty("status").GetString());
        Assert.Equal("Legacy trail, replaced in Q1", entry.GetProperty("justification").GetString());
        Assert.Equal("2099-03-31", entry.GetProperty("properties").GetProperty("expires").GetString());
    }

    [Fact]
    public void Each_result_carries_its_own_fix()
    {
        var result = Sarif(TestReports.Of([TestReports.Finding("my-trail")])).GetProperty("runs")[0].GetProperty("results")[0];
        Assert.Equal("aws cloudtrail update-trail --region eu-west-1 --name my-trail --enable-log-file-validation",
            result.GetProperty("properties").GetProperty("remediation_cli").GetString());
    }
}
