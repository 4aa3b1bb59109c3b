using System.Text.Json;
using CloudAudit.Analysis;
using CloudAudit.Checks;
using CloudAudit.Demo;
using CloudAudit.Inventory.Snapshot;
using CloudAudit.Reports.Console;
using CloudAudit.Reports.Csv;
using CloudAudit.Reports.Html;
using CloudAudit.Reports.Json;
using CloudAudit.Reports.Markdown;
using CloudAudit.Reports.Ocsf;
using CloudAudit.Reports.Sarif;
using CloudAudit.Reports.Tests.Support;
using Spectre.Console;

namespace CloudAudit.Reports.Tests;

/// <summary>
/// Every format of a scan of an organization shows what was evaluated once for the organization under it: the demo
/// as an --organization inventory whose organization data is the security account's (a delegated administrator), so
/// aws-org-001 fails there once (Config, and Security Hub in two regions), aws-org-002 in the two regions the
/// single-region organization trail leaves, aws-org-003 for the unguarded development account, and none is counted
/// under that account.
/// </summary>
public class OrganizationFindingsTests
{
    private const string Organization = "organization o-northwind01";
    private const string Check = "aws-org-001";

    internal static readonly ScanReport Report = Build();

    private static ScanReport Build()
    {
        var snapshot = DemoAccount.Build(TestReports.Now, "0.1.0");
        snapshot.Organization = new OrganizationScope { Id = DemoAccount.OrganizationId, ManagementAccountId = DemoAccount.ManagementAccount };
        snapshot.OrganizationInventory = DemoAccount.Build(TestReports.Now, "0.1.0").Accounts.Single(a => a.AccountId == DemoAccount.SecurityAccount);
        return ScanPipeline.Evaluate(snapshot, CheckRegistry.All, new AnalysisOptions { Today = DateOnly.FromDateTime(TestReports.Now.UtcDateTime) }, "snapshot", "0.1.0");
    }

    [Fact]
    public void Json_marks_the_organization_result_and_its_findings_and_lists_it_first()
    {
        var results = JsonDocument.Parse(Render.ToText(JsonReportWriter.Write, Report)).RootElement.GetProperty("results");

        Assert.Equal(Check, results[0].GetProperty("check_id").GetString());
        Assert.Equal("organization", results[0].GetProperty("scope").GetString());
        Assert.Equal(3, results[0].GetProperty("findings").GetArrayLength());
        Assert.All(results[0].GetProperty("findings").EnumerateArray(), f => Assert.Equal("organization", f.GetProperty("scope").GetString()));
        Assert.Equal(("aws-org-002", "organization"), (results[1].GetProperty("check_id").GetString(), results[1].GetProperty("scope").GetString()));
        Assert.Equal(("aws-org-003", "organization"), (results[2].GetProperty("check_id").GetString(), results[2].GetProperty("scope").GetString()));
        Assert.False(results[3].TryGetProperty("scope", out _));
        Assert.Single(results.EnumerateArray(), r => r.GetProperty("check_id").GetString() == Check);
    }

    [Fact]
    public void Csv_and_markdown_put_the_findings_under_the_organization()
    {
        var rows = Rfc4180.Parse(Render.ToText(CsvReportWriter.Write, Report)[..^2]);
        var column = CsvReportWriter.Columns.ToList().IndexOf("check_id");
        var organizationRows = rows.Skip(1).Where(r => r[column] == Check).ToList();
        Assert.Equal(3, organizationRows.Count);
        Assert.All(organizationRows, r => Assert.Equal(Organization, r[0]));

        var markdown = MarkdownReportWriter.Render(Report, limit: 1_000_000);
        var organization = Organization.Replace("-", "\\-", StringComparison.Ordinal);
        var check = Check.Replace("-", "\\-", StringComparison.Ordinal);
        // aws-org-001's three findings, aws-org-002's two (the organization trail records us-east-1 only) and aws-org-003's
        // one (development, in the Sandbox OU, has no guardrail).
        Assert.Contains($"| {organization} | | | 6 | evaluated once at the organization |", markdown);
        Assert.Equal(3, markdown.Split('\n').Count(l => l.Contains($"| {check} | {organization} | ", StringComparison.Ordinal)));
        Assert.DoesNotContain($"| {check} | {DemoAccount.SecurityAccount} |", markdown);
    }

    [Fact]
    public void Sarif_and_ocsf_locate_the_findings_in_the_organization()
    {
        var results = JsonDocument.Parse(Render.ToText(SarifReportWriter.Write, Report)).RootElement.GetProperty("runs")[0].GetProperty("results")
            .EnumerateArray().Where(r => r.GetProperty("ruleId").GetString() == Check).ToList();
        Assert.Equal(3, results.Count);
        Assert.All(results, r =>
        {
            Assert.Equal("organization", r.GetProperty("properties").GetProperty("scope").GetString());
            Assert.Equal(DemoAccount.OrganizationId, r.GetProperty("properties").GetProperty("organization_id").GetString());
            Assert.StartsWith($"{DemoAccount.OrganizationId}/", r.GetProperty("locations")[0].GetProperty("logicalLocations")[0].GetProperty("fullyQualifiedName").GetString());
        });

        var events = JsonDocument.Parse(Render.ToText((r, s) => OcsfReportWriter.Write(r, s, jsonLines: false), Report)).RootElement.EnumerateArray()
            .Where(e => e.GetProperty("unmapped").TryGetProperty("check_id", out var id) && id.GetString() == Check).ToList();
        Assert.Equal(3, events.Count);
        Assert.All(events, e =>
        {
            Assert.Equal(DemoAccount.OrganizationId, e.GetProperty("cloud").GetProperty("org").GetProperty("uid").GetString());
            Assert.Equal("organization", e.GetProperty("unmapped").GetProperty("scope").GetString());
        });
    }

    [Fact]
    public void Html_and_console_show_the_organization_apart_from_the_accounts()
    {
        var html = Render.ToText(HtmlReportWriter.Write, Report);
        Assert.Contains($"\"account\":\"{Organization}\"", html);

        var text = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(text), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors, Interactive = InteractionSupport.No,
        });
        console.Profile.Width = 200;
        new ConsoleReportWriter(console, showRemediation: false, details: true).Write(Report);
        var lines = text.ToString().Split('\n');
        Assert.Contains(lines, l => l.Contains(Organization, StringComparison.Ordinal) && l.Contains("evaluated once", StringComparison.Ordinal));
        Assert.Equal(3, lines.Count(l => l.Contains($"{Check}  {Organization}", StringComparison.Ordinal)));
        Assert.DoesNotContain(lines, l => l.Contains($"{Check}  {DemoAccount.SecurityAccount}", StringComparison.Ordinal));

        var summary = new StringWriter();
        var brief = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(summary), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors, Interactive = InteractionSupport.No,
        });
        brief.Profile.Width = 200;
        new ConsoleReportWriter(brief, showRemediation: false, details: false).Write(Report);
        Assert.Contains($"{Organization}  score", summary.ToString());
    }
}
