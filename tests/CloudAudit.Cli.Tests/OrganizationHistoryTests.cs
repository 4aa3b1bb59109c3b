using CloudAudit.Analysis;
using CloudAudit.Checks;
using CloudAudit.Demo;
using CloudAudit.History.Model;
using CloudAudit.Inventory.Snapshot;
using CloudAudit.Reports.Json;

namespace CloudAudit.Cli.Tests;

/// <summary>
/// History records what a scan with --organization evaluated once for the organization under the organization, as
/// every report shows it, not under the account whose data it was judged on (the demo's security account, a
/// delegated administrator): that account's recorded score stays its own, as in the report.
/// </summary>
public class OrganizationHistoryTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 8, 3, 0, 0, TimeSpan.Zero);
    private const string Organization = DemoAccount.OrganizationId;

    private static ScanReport Report()
    {
        var snapshot = DemoAccount.Build(Now, "0.1.0");
        snapshot.Organization = new OrganizationScope { Id = Organization, ManagementAccountId = DemoAccount.ManagementAccount };
        snapshot.OrganizationInventory = DemoAccount.Build(Now, "0.1.0").Accounts.Single(a => a.AccountId == DemoAccount.SecurityAccount);
        return ScanPipeline.Evaluate(snapshot, CheckRegistry.All, new AnalysisOptions { Today = DateOnly.FromDateTime(Now.UtcDateTime) }, "snapshot", "0.1.0");
    }

    [Fact]
    public void A_scan_records_the_organization_s_results_and_findings_under_the_organization()
    {
        var report = Report();
        var record = ScanRecords.From(report);

        AssertUnderTheOrganization(report, record);
    }

    [Fact]
    public void A_saved_report_imports_them_under_the_organization_too()
    {
        var report = Report();
        using var json = new MemoryStream();
        JsonReportWriter.Write(report, json);
        json.Position = 0;
        var record = ScanRecords.From(JsonReportReader.Read(json, "organization.json"));

        AssertUnderTheOrganization(report, record);
    }

    private static void AssertUnderTheOrganization(ScanReport report, ScanRecord record)
    {
        var organizationChecks = record.Checks.Where(c => c.CheckId.StartsWith("aws-org-", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(organizationChecks);
        Assert.All(organizationChecks, c => Assert.Equal(Organization, c.AccountId));
        var organizationFindings = record.Findings.Where(f => f.CheckId.StartsWith("aws-org-", StringComparison.Ordinal)).ToList();
        Assert.Equal(report.ActiveFindings.Count(f => f.CheckId.StartsWith("aws-org-", StringComparison.Ordinal)), organizationFindings.Count);
        Assert.All(organizationFindings, f => Assert.Equal(Organization, f.AccountId));

        var organization = Assert.Single(record.Accounts, a => a.AccountId == Organization);
        Assert.Equal(organizationFindings.Count(f => f.State == FindingState.Active), organization.Findings);
        Assert.Equal(organizationChecks.Count, organization.ChecksPassed + organization.ChecksFailed + organization.ChecksErrored
            + organization.ChecksNotAssessed + organization.ChecksNotApplicable);

        var security = Assert.Single(record.Accounts, a => a.AccountId == DemoAccount.SecurityAccount);
        var ownFindings = report.ActiveFindings.Count(f => f.AccountId == DemoAccount.SecurityAccount && f.Scope == Checks.Framework.CheckScope.Account);
        Assert.Equal(ownFindings, security.Findings);
        Assert.Equal(report.AccountIds.Count + 1, record.Accounts.Count);
    }
}
