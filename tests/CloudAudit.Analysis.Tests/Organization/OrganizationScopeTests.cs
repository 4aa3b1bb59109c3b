using CloudAudit.Checks;
using CloudAudit.Checks.Framework;
using CloudAudit.Demo;
using CloudAudit.Inventory.Snapshot;

namespace CloudAudit.Analysis.Tests.Organization;

/// <summary>
/// Organization checks in a scan of an organization: evaluated once on the organization's data, never in each member,
/// and reported first, marked as the organization's. The demo's security account (a delegated administrator) stands in
/// for the caller whose data the organization inventory holds.
/// </summary>
public class OrganizationScopeTests
{
    private const string CheckId = "aws-org-001";
    private static readonly DateTimeOffset Now = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);

    private static InventorySnapshot Organization(bool withData = true, ShardScope? shard = null)
    {
        var snapshot = DemoAccount.Build(Now, "test");
        snapshot.Organization = new OrganizationScope { Id = DemoAccount.OrganizationId, ManagementAccountId = DemoAccount.ManagementAccount };
        snapshot.Shard = shard;
        if (withData)
            snapshot.OrganizationInventory = DemoAccount.Build(Now, "test").Accounts.Single(a => a.AccountId == DemoAccount.SecurityAccount);
        return snapshot;
    }

    private static ScanReport Scan(InventorySnapshot snapshot) =>
        ScanPipeline.Evaluate(snapshot, CheckRegistry.All, new AnalysisOptions(), "snapshot", "test");

    [Fact]
    public void An_organization_scan_evaluates_the_organization_checks_once_and_reports_them_first()
    {
        var report = Scan(Organization());

        var result = Assert.Single(report.Results, r => r.Result.CheckId == CheckId);
        Assert.Same(result, report.Results[0]);
        Assert.Equal(CheckScope.Organization, result.Result.Scope);
        Assert.Equal(CheckStatus.Fail, result.Result.Status);
        Assert.All(result.Active, f => Assert.Equal(CheckScope.Organization, f.Scope));
        Assert.Equal(3, result.Active.Count()); // Config unregistered; Security Hub without administrator in eu-west-1 and eu-central-1
        Assert.All(report.Results.Where(r => r.Info.Scope == CheckScope.Account), r => Assert.Equal(CheckScope.Account, r.Result.Scope));
        Assert.Equal(["aws-org-001", "aws-org-002", "aws-org-003"], report.Results.TakeWhile(r => r.Result.Scope == CheckScope.Organization).Select(r => r.Result.CheckId));
        Assert.Equal(report.Results.Count(r => r.Result.CheckId == "aws-iam-012"), report.AccountIds.Count);
    }

    [Fact]
    public void Without_organization_each_account_judges_it_on_its_own_data()
    {
        var snapshot = DemoAccount.Build(Now, "test");

        var results = Scan(snapshot).Results.Where(r => r.Result.CheckId == CheckId).ToList();

        Assert.Equal(3, results.Count);
        Assert.All(results, r => Assert.Equal(CheckScope.Account, r.Result.Scope));
        Assert.Equal(CheckStatus.Fail, results.Single(r => r.Result.AccountId == DemoAccount.SecurityAccount).Result.Status);
        Assert.All(results.Where(r => r.Result.AccountId != DemoAccount.SecurityAccount), r =>
        {
            Assert.Equal(CheckStatus.NotApplicable, r.Result.Status);
            Assert.StartsWith("evaluated at the organization: scan with --organization", r.Result.Reason);
        });
    }

    [Fact]
    public void An_organization_scan_whose_caller_is_refused_the_service_access_read_is_not_assessed_not_not_applicable()
    {
        var snapshot = Organization();
        snapshot.OrganizationInventory = DemoAccount.Build(Now, "test").Accounts
            .First(a => a.AccountId != DemoAccount.SecurityAccount && a.AccountId != DemoAccount.ManagementAccount);

        var result = Assert.Single(Scan(snapshot).Results, r => r.Result.CheckId == CheckId).Result;

        Assert.Equal(CheckStatus.NotAssessed, result.Status);
        Assert.Contains(result.Gaps, g => g.Operation == "ListAWSServiceAccessForOrganization");
    }

    [Fact]
    public void Only_the_first_shard_carries_the_organization()
    {
        var first = Scan(Organization(shard: new ShardScope { Index = 1, Count = 2, AccountsTotal = 3 }));
        var second = Scan(Organization(withData: false, shard: new ShardScope { Index = 2, Count = 2, AccountsTotal = 3 }));

        Assert.Single(first.Results, r => r.Result.CheckId == CheckId);
        Assert.DoesNotContain(second.Results, r => r.Result.CheckId == CheckId);
    }

    [Fact]
    public void An_organization_inventory_without_the_organization_data_is_not_assessed_never_a_pass()
    {
        var result = Assert.Single(Scan(Organization(withData: false)).Results, r => r.Result.CheckId == CheckId);

        Assert.Equal(CheckStatus.NotAssessed, result.Result.Status);
        Assert.StartsWith("the inventory holds no organization data", result.Result.Reason);
        Assert.Equal(DemoAccount.ManagementAccount, result.Result.AccountId);
    }

    [Fact]
    public void Organization_findings_belong_to_the_management_account_whoever_read_the_data()
    {
        var bySecurity = Scan(Organization());
        var byAnother = Organization();
        byAnother.OrganizationInventory!.AccountId = "999999999999";
        var byOther = Scan(byAnother);

        var findings = bySecurity.Results.Where(r => r.Result.Scope == CheckScope.Organization).SelectMany(r => r.Findings).ToList();
        Assert.NotEmpty(findings);
        Assert.All(bySecurity.Results.Where(r => r.Result.Scope == CheckScope.Organization), r => Assert.Equal(DemoAccount.ManagementAccount, r.Result.AccountId));
        Assert.All(findings, f => Assert.Equal(DemoAccount.ManagementAccount, f.Finding.AccountId));
        Assert.Equal(findings.Select(f => f.Fingerprint),
            byOther.Results.Where(r => r.Result.Scope == CheckScope.Organization).SelectMany(r => r.Findings).Select(f => f.Fingerprint));
    }

    [Fact]
    public void A_suppression_naming_the_management_account_accepts_an_organization_finding()
    {
        var options = new AnalysisOptions { Suppressions = [new Suppression(CheckId, null, "accepted", Accounts: [DemoAccount.ManagementAccount])] };

        var report = ScanPipeline.Evaluate(Organization(), CheckRegistry.All, options, "snapshot", "test");

        var result = Assert.Single(report.Results, r => r.Result.CheckId == CheckId);
        Assert.NotEmpty(result.Findings);
        Assert.All(result.Findings, f => Assert.Equal(FindingDisposition.Suppressed, f.Disposition));
    }
}
