using CloudAudit.Integration.Tests.Moto;

namespace CloudAudit.Integration.Tests;

/// <summary>
/// The other ways into a multi-account scan, end to end over moto's organization (seed_org_members.py): a list of
/// accounts without the organization, an organization inventory scanned later, and a caller that may not list the
/// organization.
/// </summary>
[Collection(nameof(MotoCollection))]
public sealed class AccountListScanTests(MotoServer moto) : IDisposable
{
    private readonly string home = Directory.CreateTempSubdirectory("cloud-audit-account-list-scan").FullName;
    private OrganizationRuns? runs;

    public void Dispose() => Directory.Delete(home, recursive: true);

    private OrganizationRuns Runs => runs ??= new OrganizationRuns(moto, home);

    private string Account(string name) => Runs.Account(name);

    [MotoFact]
    public void Listed_accounts_without_the_organization_are_each_scanned_through_the_role_and_the_organization_is_not_read()
    {
        using var proxy = new FaultProxy(moto.Endpoint);

        var run = Runs.AsManagement(["scan", "--profile", "management", "--accounts", $"{Account("web")},{Account("prod-app")}", "--regions", "us-east-1",
            "--checks", OrganizationRuns.Checks, "--format", "json", "--endpoint-url", proxy.Endpoint.ToString()]);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(new[] { Account("prod-app"), Account("web") }.Order(StringComparer.Ordinal),
            run.Report.GetProperty("accounts").EnumerateArray().Select(a => a.GetString()!));
        Assert.False(run.Report.TryGetProperty("organization", out var organization) && organization.ValueKind != System.Text.Json.JsonValueKind.Null);
        var details = OrganizationRuns.Details(run);
        Assert.All(details.Values, d => Assert.Equal("ASSESSED", (string)d["status"]!));
        // No account list was read: the accounts came from the command line, each through OrganizationAccountAccessRole.
        Assert.DoesNotContain(proxy.Requests, r => r.Operation is "ListAccounts" or "ListAccountsForParent" or "ListRoots");
        var assumed = proxy.Requests.Where(r => r.Operation == "AssumeRole").Select(r => Uri.UnescapeDataString(r.Body)).ToList();
        foreach (var member in new[] { "prod-app", "web" })
            Assert.Single(assumed, b => b.Contains($"arn:aws:iam::{Account(member)}:role/OrganizationAccountAccessRole", StringComparison.Ordinal));
        Assert.DoesNotContain(assumed, b => b.Contains(Account("sandbox"), StringComparison.Ordinal));
        var failing = OrganizationRuns.Failing(run);
        Assert.Equal(OrganizationRuns.Failing(Runs.Whole)[(Account("prod-app"), "aws-iam-006")], failing[(Account("prod-app"), "aws-iam-006")]);
        Assert.Equal([Account("prod-app")], failing[(Account("prod-app"), "aws-iam-006")]);
        Assert.Empty(failing[(Account("web"), "aws-iam-006")]);
    }

    [MotoFact]
    public void An_organization_collected_to_a_file_and_scanned_later_gets_the_live_scan_s_verdicts()
    {
        var inventory = Path.Combine(home, "organization.json.gz");

        var collect = Runs.AsManagement(["collect", "--profile", "management", "--organization", "--regions", "us-east-1",
            "--checks", OrganizationRuns.Checks, "--output", inventory]);
        var scan = CliRunner.Run(["scan", "--snapshot", inventory, "--checks", OrganizationRuns.Checks, "--format", "json", "--no-history"]);

        Assert.True(collect.ExitCode == 0, collect.Stderr);
        Assert.Equal(1, scan.ExitCode);
        var live = Runs.Whole;
        Assert.Equal(live.Report.GetProperty("accounts").EnumerateArray().Select(a => a.GetString()), scan.Report.GetProperty("accounts").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal(Statuses(live), Statuses(scan));
        Assert.Equal(OrganizationRuns.Failing(live), OrganizationRuns.Failing(scan));
        Assert.Equal(live.Report.GetProperty("organization").GetProperty("id").GetString(), scan.Report.GetProperty("organization").GetProperty("id").GetString());
        Assert.Equal(OrganizationRuns.Details(live).ToDictionary(d => d.Key, d => (string?)d.Value["ou_path"]),
            OrganizationRuns.Details(scan).ToDictionary(d => d.Key, d => (string?)d.Value["ou_path"]));
    }

    private static Dictionary<(string Account, string Check), string> Statuses(CliRun run) =>
        run.Report.GetProperty("results").EnumerateArray().ToDictionary(
            r => (r.GetProperty("account_id").GetString()!, r.GetProperty("check_id").GetString()!), r => r.GetProperty("status").GetString()!);

    [MotoFact]
    public void A_member_that_may_not_list_the_organization_stops_with_exit_2_the_cause_in_one_line_and_nothing_written()
    {
        // AWS answers a member account (neither the management account nor a delegated administrator) AccessDenied.
        using var proxy = new FaultProxy(moto.Endpoint).Answer(r => r.Service == "organizations" && r.Operation != "DescribeOrganization",
            new CannedResponse(400, "application/x-amz-json-1.1",
                """{"__type":"AccessDeniedException","Message":"You don't have permissions to access this resource."}"""));
        var output = Path.Combine(home, "report.json");
        var history = Path.Combine(home, "history.db");

        var run = Runs.AsRoleIn(Account("web"), ["scan", "--profile", "management", "--organization", "--regions", "us-east-1", "--checks", OrganizationRuns.Checks,
            "--format", "json", "--output", output, "--history", history, "--endpoint-url", proxy.Endpoint.ToString()]);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("", run.Stdout);
        var line = Assert.Single(run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"error: --organization must run from the organization's management account ({Runs.Org.Management}) or a delegated administrator; account {Account("web")} is neither", line);
        Assert.Contains("AccessDenied", line);
        Assert.False(File.Exists(output));
        Assert.DoesNotContain(proxy.Requests, r => r.Operation == "AssumeRole" && r.Body.Contains("OrganizationAccountAccessRole", StringComparison.Ordinal));
        using var store = CloudAudit.History.Store.HistoryStore.Open(CloudAudit.History.Store.StoreLocation.Sqlite(history));
        Assert.Empty(store.List());
    }
}
