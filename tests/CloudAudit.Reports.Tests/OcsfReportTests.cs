using System.Text.Json;
using System.Text.Json.Nodes;
using CloudAudit.Analysis;
using CloudAudit.Reports.Ocsf;
using CloudAudit.Reports.Tests.Support;
using Json.Schema;

namespace CloudAudit.Reports.Tests;

public class OcsfReportTests
{
    private static List<JsonElement> Events(ScanReport report, bool jsonLines)
    {
        var text = Render.ToText((r, s) => OcsfReportWriter.Write(r, s, jsonLines), report);
        if (!jsonLines)
            return JsonDocument.Parse(text).RootElement.EnumerateArray().ToList();
        var lines = text.Split('\n');
        Assert.Equal("", lines[^1]);
        return lines[..^1].Select(l => JsonDocument.Parse(l).RootElement).ToList();
    }

    /// <summary>The Detection Finding schema of the OCSF version the writer declares (Schemas/README.md, OCSF-SOURCE.md).</summary>
    private static readonly Lazy<JsonSchema> Schema = new(() => JsonSchema.FromText(
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Schemas", $"ocsf-{OcsfReportWriter.OcsfVersion}-detection_finding.schema.json")),
        new BuildOptions { SchemaRegistry = new SchemaRegistry() }));

    /// <summary>The schema's errors for one event; failed branches of <c>if</c> are how profiles switch requirements off, not errors.</summary>
    private static List<string> SchemaErrors(JsonElement e)
    {
        var result = Schema.Value.Evaluate(e, new EvaluationOptions { OutputFormat = OutputFormat.List });
        return result.IsValid ? [] : (result.Details ?? [])
            .Where(d => d.Errors is not null && !d.EvaluationPath.ToString().Contains("/if", StringComparison.Ordinal))
            .SelectMany(d => d.Errors!.Select(err => $"{d.InstanceLocation}: {err.Value}"))
            .DefaultIfEmpty("invalid (no detail)").ToList();
    }

    public static TheoryData<string> ReportKinds => ["demo", "hostile", "suppressed", "organization"];

    private static ScanReport ReportOf(string kind) => kind switch
    {
        "demo" => TestReports.Demo(),
        "hostile" => Hostile.Report(),
        "organization" => OrganizationFindingsTests.Report,
        _ => TestReports.Of([TestReports.Finding("trail-a"), TestReports.Finding("trail-b")], new AnalysisOptions
        {
            Suppressions = [new Suppression("aws-ct-002", "trail-b", "Accepted risk", "bob", null)],
        }),
    };

    [Theory]
    [MemberData(nameof(ReportKinds))]
    public void Each_event_validates_against_the_schema_of_the_OCSF_version_it_declares(string kind)
    {
        var events = Events(ReportOf(kind), jsonLines: true);

        Assert.NotEmpty(events);
        foreach (var e in events)
        {
            Assert.Equal(OcsfReportWriter.OcsfVersion, e.GetProperty("metadata").GetProperty("version").GetString());
            var errors = SchemaErrors(e);
            Assert.True(errors.Count == 0, $"{e.GetProperty("finding_info").GetProperty("uid")}:\n{string.Join("\n", errors.Take(10))}");
        }
    }

    [Theory]
    [InlineData("time", "\"2026-12-07T12:00:00Z\"")] // OCSF timestamps are epoch milliseconds
    [InlineData("severity_id", "7")]
    [InlineData("class_uid", "2003")]
    [InlineData("type_uid", "200402")] // must be 200400 + activity_id
    [InlineData("finding_info", "{\"title\": \"no uid\"}")]
    [InlineData("metadata", null)]
    public void The_schema_rejects_an_event_broken_in_one_attribute(string attribute, string? value)
    {
        var e = JsonNode.Parse(Events(TestReports.Demo(), jsonLines: true)[0].GetRawText())!.AsObject();
        Assert.Empty(SchemaErrors(JsonDocument.Parse(e.ToJsonString()).RootElement));

        if (value is null) e.Remove(attribute);
        else e[attribute] = JsonNode.Parse(value);

        Assert.NotEmpty(SchemaErrors(JsonDocument.Parse(e.ToJsonString()).RootElement));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Each_finding_is_a_Detection_Finding_with_the_required_attributes(bool jsonLines)
    {
        var events = Events(TestReports.Demo(), jsonLines);
        Assert.Equal(TestReports.Demo().Summary.TotalFindings + TestReports.Demo().AttackPaths.Chains.Count, events.Count);
        foreach (var e in events)
        {
            Assert.Equal(2004, e.GetProperty("class_uid").GetInt32());
            Assert.Equal(2, e.GetProperty("category_uid").GetInt32());
            Assert.Equal(1, e.GetProperty("activity_id").GetInt32());
            Assert.Equal(200401, e.GetProperty("type_uid").GetInt32());
            Assert.InRange(e.GetProperty("severity_id").GetInt32(), 1, 5);
            Assert.True(e.GetProperty("time").GetInt64() > 0);
            Assert.StartsWith("1.", e.GetProperty("metadata").GetProperty("version").GetString());
            Assert.Equal("cloud-audit", e.GetProperty("metadata").GetProperty("product").GetProperty("name").GetString());
            Assert.Matches("^[0-9a-f]{32}$", e.GetProperty("finding_info").GetProperty("uid").GetString());
            Assert.False(string.IsNullOrEmpty(e.GetProperty("finding_info").GetProperty("title").GetString()));
            Assert.Equal("AWS", e.GetProperty("cloud").GetProperty("provider").GetString());
            Assert.Matches("^[0-9]{12}$", e.GetProperty("cloud").GetProperty("account").GetProperty("uid").GetString());
            Assert.False(string.IsNullOrEmpty(e.GetProperty("resources")[0].GetProperty("uid").GetString()));
            Assert.False(string.IsNullOrEmpty(e.GetProperty("remediation").GetProperty("desc").GetString()));
        }
        Assert.Equal(5, events.Single(e => e.GetProperty("finding_info").GetProperty("analytic").GetProperty("uid").GetString() == "aws-ct-003").GetProperty("severity_id").GetInt32());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Each_attack_chain_is_an_event_of_type_attack_chain_with_its_techniques_resources_and_findings(bool jsonLines)
    {
        var demo = TestReports.Demo();
        var chains = Events(demo, jsonLines).Where(e => e.GetProperty("finding_info").GetProperty("types")[0].GetString() == "Attack Chain").ToList();
        Assert.Equal(demo.AttackPaths.Chains.Count, chains.Count);
        foreach (var chain in demo.AttackPaths.Chains)
        {
            var e = Assert.Single(chains, x => x.GetProperty("unmapped").GetProperty("anchor").GetString() == chain.Anchor
                && x.GetProperty("finding_info").GetProperty("analytic").GetProperty("uid").GetString() == chain.ChainId);
            Assert.Empty(SchemaErrors(e));
            Assert.Equal(chain.Resources, e.GetProperty("resources").EnumerateArray().Select(r => r.GetProperty("uid").GetString()));
            Assert.Equal(chain.Findings.Select(f => f.Fingerprint), e.GetProperty("unmapped").GetProperty("findings").EnumerateArray().Select(f => f.GetString()));
            var techniques = e.GetProperty("finding_info").GetProperty("attacks").EnumerateArray()
                .Select(a => (a.TryGetProperty("technique", out var t) ? t : a.GetProperty("sub_technique")).GetProperty("uid").GetString());
            Assert.Equal(chain.MitreRefs.Where(m => m.StartsWith('T')), techniques);
        }
    }

    [Fact]
    public void Suppressed_findings_have_status_suppressed_and_their_reason()
    {
        var report = TestReports.Of([TestReports.Finding("trail-a"), TestReports.Finding("trail-b")], new AnalysisOptions
        {
            Suppressions = [new Suppression("aws-ct-002", "trail-b", "Accepted risk", "bob", null)],
        });
        var events = Events(report, jsonLines: false);
        var suppressed = events.Single(e => e.GetProperty("status_id").GetInt32() == 3);
        Assert.Equal("Suppressed", suppressed.GetProperty("status").GetString());
        Assert.Equal("trail-b", suppressed.GetProperty("resources")[0].GetProperty("uid").GetString());
        Assert.Equal("Accepted risk", suppressed.GetProperty("unmapped").GetProperty("suppression").GetProperty("reason").GetString());
        Assert.Equal(1, events.Single(e => e.GetProperty("status_id").GetInt32() != 3).GetProperty("status_id").GetInt32());
        Assert.Equal(2, events.Count);
    }
}
