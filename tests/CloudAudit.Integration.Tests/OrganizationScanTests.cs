using System.Text.Json.Nodes;
using CloudAudit.Integration.Tests.Moto;

namespace CloudAudit.Integration.Tests;

/// <summary>
/// `scan --organization` against moto's Organizations (seed_org_members.py): the management account lists the
/// organization, assumes OrganizationAccountAccessRole in each ACTIVE member (moto's STS issues credentials of that
/// account) and scans them all in one run. One member's role is made unassumable through a proxy answer; two shard
/// runs merged give the unsharded report.
/// </summary>
[Collection(nameof(MotoCollection))]
public sealed class OrganizationScanTests(MotoServer moto) : IDisposable
{
    private readonly string home = Directory.CreateTempSubdirectory("cloud-audit-organization-scan").FullName;
    private OrganizationRuns? runs;

    public void Dispose() => Directory.Delete(home, recursive: true);

    private OrganizationRuns Runs => runs ??= new OrganizationRuns(moto, home);

    private MotoServer.OrganizationSeed Org => Runs.Org;

    private string Account(string name) => Runs.Account(name);

    private CliRun AsRoleIn(string account, string[] args) => Runs.AsRoleIn(account, args);

    private CliRun ScanOrganization(params string[] extra) => Runs.ScanOrganization(extra);

    private CliRun Whole => Runs.Whole;

    private static Dictionary<(string Account, string Check), List<string>> Failing(CliRun run) => OrganizationRuns.Failing(run);

    private static Dictionary<string, JsonObject> Details(CliRun run) => OrganizationRuns.Details(run);

    [MotoFact]
    public void Every_active_account_is_scanned_with_its_own_verdicts_and_its_OU()
    {
        var run = Whole;

        Assert.Equal(1, run.ExitCode);
        string[] active = [Org.Management, Account("prod-app"), Account("web"), Account("sandbox"), Account("locked")];
        Assert.Equal(active.Order(StringComparer.Ordinal), run.Report.GetProperty("accounts").EnumerateArray().Select(a => a.GetString()!));
        Assert.Contains($"{Account("retired")} (SUSPENDED)", run.Stderr);
        // stderr is not a terminal here: no progress, not even a line per account (the report names them all).
        Assert.DoesNotContain("collected ", run.Stderr, StringComparison.Ordinal);
        Assert.Equal(Org.Organization, run.Report.GetProperty("organization").GetProperty("id").GetString());
        var details = Details(run);
        Assert.All(details.Values, d => Assert.Equal("ASSESSED", (string)d["status"]!));
        Assert.Equal("Root/prod/web", (string)details[Account("web")]["ou_path"]!);
        Assert.Equal("Root/sandbox", (string)details[Account("locked")]["ou_path"]!);
        Assert.Equal("prod-app", (string)details[Account("prod-app")]["name"]!);

        var failing = Failing(run);
        // prod-app has no password policy; locked none either (only web, sandbox and the management account got one).
        Assert.Equal([Account("prod-app")], failing[(Account("prod-app"), "aws-iam-006")]);
        Assert.Empty(failing[(Account("web"), "aws-iam-006")]);
        Assert.Empty(failing[(Account("sandbox"), "aws-iam-006")]);
        Assert.Empty(failing[(Org.Management, "aws-iam-006")]);
        // prod's SCP, read once by the management account for every member, closes dev-alice's PassRole path.
        Assert.Equal([$"arn:aws:iam::{Account("prod-app")}:user/ops-bob#sts-001"], failing[(Account("prod-app"), "aws-iam-018")]);
    }

    [MotoFact]
    public void A_member_whose_role_cannot_be_assumed_is_not_assessed_with_the_cause_and_the_others_are_scanned()
    {
        using var proxy = new FaultProxy(moto.Endpoint).Answer(
            r => r.Operation == "AssumeRole" && r.Body.Contains(Account("locked"), StringComparison.Ordinal),
            new CannedResponse(403, "text/xml",
                "<ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>not authorized to perform sts:AssumeRole</Message></Error></ErrorResponse>"));

        var run = ScanOrganization("--endpoint-url", proxy.Endpoint.ToString());

        Assert.Equal(1, run.ExitCode);
        var locked = Details(run)[Account("locked")];
        Assert.Equal("NOT_ASSESSED", (string)locked["status"]!);
        Assert.Contains("AccessDenied", (string)locked["reason"]!);
        Assert.Contains($"arn:aws:iam::{Account("locked")}:role/OrganizationAccountAccessRole", (string)locked["reason"]!);
        Assert.DoesNotContain(Failing(run).Keys, k => k.Account == Account("locked"));
        Assert.Equal([Account("prod-app")], Failing(run)[(Account("prod-app"), "aws-iam-006")]);
    }

    [MotoFact]
    public void A_hub_role_from_role_arn_reads_the_organization_and_each_member_role_is_assumed_with_its_credentials()
    {
        using var proxy = new FaultProxy(moto.Endpoint);
        var hub = $"arn:aws:iam::{Org.Management}:role/cloud-audit-hub";

        // The profile's own role is in the sandbox member account: only the hub role makes the management account the caller.
        var run = AsRoleIn(Account("sandbox"), ["scan", "--profile", "management", "--organization", "--role-arn", hub, "--external-id", "ext-7f3c",
            "--regions", "us-east-1", "--checks", OrganizationRuns.Checks, "--format", "json", "--endpoint-url", proxy.Endpoint.ToString()]);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(Org.Organization, run.Report.GetProperty("organization").GetProperty("id").GetString());
        Assert.Equal(Failing(Whole), Failing(run));
        var assumed = proxy.Requests.Where(r => r.Operation == "AssumeRole").Select(r => Uri.UnescapeDataString(r.Body)).ToList();
        Assert.Single(assumed, b => b.Contains(hub, StringComparison.Ordinal) && b.Contains("ExternalId=ext-7f3c", StringComparison.Ordinal));
        foreach (var member in new[] { "prod-app", "web", "sandbox", "locked" })
            Assert.Single(assumed, b => b.Contains($"arn:aws:iam::{Account(member)}:role/OrganizationAccountAccessRole", StringComparison.Ordinal)
                && b.Contains("ExternalId=ext-7f3c", StringComparison.Ordinal));
    }

    [MotoFact]
    public void Two_shard_runs_merged_give_the_unsharded_report()
    {
        var shards = new[] { 1, 2 }.Select(k =>
        {
            var run = ScanOrganization("--shard", $"{k}/2");
            Assert.True(run.ExitCode is 0 or 1, run.Stderr);
            var path = Path.Combine(home, $"shard-{k}.json");
            File.WriteAllText(path, run.Stdout);
            return path;
        }).ToList();
        var merged = Path.Combine(home, "merged.json");

        var merge = CliRunner.Run(["merge", .. shards, "-o", merged]);

        Assert.Equal(0, merge.ExitCode);
        Assert.Equal(Comparable(Whole.Stdout), Comparable(File.ReadAllText(merged)));
    }

    [MotoFact]
    public void Two_shards_given_the_same_basis_balance_by_the_history_s_collection_times_and_agree_on_the_split()
    {
        // The previous run, recorded two hours ago: the management account took as long as the four members together and more.
        var history = Path.Combine(home, "shard-history.db");
        var seconds = new Dictionary<string, double> { [Org.Management] = 100, [Account("prod-app")] = 4, [Account("web")] = 3, [Account("sandbox")] = 2, [Account("locked")] = 1,
            ["999999999999"] = 50 };  // an account outside this run: neither counted in the note nor changing the split
        using (var store = CloudAudit.History.Store.HistoryStore.Open(CloudAudit.History.Store.StoreLocation.Sqlite(history)))
            store.Record(new CloudAudit.History.Model.ScanRecord
            {
                Label = "previous run",
                ScannedAt = DateTimeOffset.UtcNow.AddHours(-2),
                Source = "live",
                ToolVersion = "0.1.0",
                Accounts = seconds.Select(p => new CloudAudit.History.Model.AccountRecord(p.Key, 100, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, p.Value)).ToList(),
                Checks = [],
                Findings = [],
            });
        var basis = DateTimeOffset.UtcNow.AddMinutes(-1).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

        // Shard 1 is recorded (with this run's own times) before shard 2 starts: shard 2 must not balance by it.
        var first = ScanOrganization("--history", history, "--shard", "1/2", "--shard-balance", "history", "--shard-basis", basis);
        var second = ScanOrganization("--history", history, "--shard", "2/2", "--shard-balance", "history", "--shard-basis", basis);
        // A shard given another basis (before the previous run) reads no times and splits by account ID.
        var stray = ScanOrganization("--history", history, "--shard", "2/2", "--shard-balance", "history", "--shard-basis", "2020-01-01T00:00:00Z");

        Assert.True(first.ExitCode is 0 or 1, first.Stderr);
        Assert.True(second.ExitCode is 0 or 1, second.Stderr);
        Assert.Contains($"shard 1/2: balanced by the collection times in the history (scans started before {basis}) of 5 of the run's 5 account(s)\n", first.Stderr);
        Assert.Contains($"shard 2/2: balanced by the collection times in the history (scans started before {basis}) of 5 of the run's 5 account(s)\n", second.Stderr);
        Assert.Contains("shard 2/2: balanced by the collection times in the history (scans started before 2020-01-01T00:00:00Z) of 0 of the run's 5 account(s)\n", stray.Stderr);
        var shares = new[] { first, second }.Select(r => r.Report.GetProperty("accounts").EnumerateArray().Select(a => a.GetString()!).ToList()).ToList();
        // Longest first, each to the shard with the least so far: the management account alone, the four members together
        // (by account ID alone, each shard would have had two or three accounts of both kinds).
        Assert.Equal([Org.Management], shares[0]);
        Assert.Equal(new[] { Account("prod-app"), Account("web"), Account("sandbox"), Account("locked") }.Order(StringComparer.Ordinal), shares[1]);
        Assert.Equal(Whole.Report.GetProperty("accounts").EnumerateArray().Select(a => a.GetString()!), shares.SelectMany(s => s).Order(StringComparer.Ordinal));
        var split = first.Report.GetProperty("shard");
        Assert.Equal($"history before {basis}", split.GetProperty("balance").GetString());
        Assert.Equal(split.GetProperty("split_digest").GetString(), second.Report.GetProperty("shard").GetProperty("split_digest").GetString());
        Assert.Equal(2, split.GetProperty("assignment").GetProperty(Account("web")).GetInt32());

        var files = new[] { first, second, stray }.Select((run, i) =>
        {
            var path = Path.Combine(home, $"history-shard-{i + 1}.json");
            File.WriteAllText(path, run.Stdout);
            return path;
        }).ToList();
        var agreed = CliRunner.Run("merge", files[0], files[1], "-o", Path.Combine(home, "merged.json"));
        var disagreed = CliRunner.Run("merge", files[0], files[2], "-o", Path.Combine(home, "stray.json"));
        Assert.Equal(0, agreed.ExitCode);
        Assert.Equal(2, disagreed.ExitCode);
        Assert.StartsWith($"error: the shards split the accounts differently (each shard's split digest covers N, the run's accounts and the balance): {files[0]} (2 shards of 5 accounts, balanced by history before {basis}, split sha256:", disagreed.Stderr);
        Assert.Contains($"; {files[2]} (2 shards of 5 accounts, balanced by history before 2020-01-01T00:00:00Z, split sha256:", disagreed.Stderr);
    }

    [MotoFact]
    public void An_organization_scan_is_recorded_for_every_account_judged_against_its_baseline_and_reported_for_compliance()
    {
        var history = Path.Combine(home, "org-history.db");

        var first = ScanOrganization("--history", history);
        var next = ScanOrganization("--history", history, "--baseline", "last");
        var compliance = ScanOrganization("--no-history", "--compliance", "soc2_type2");

        Assert.Equal(1, first.ExitCode);
        Assert.Contains("recorded as scan 1", first.Stderr);
        // Every account of the second scan has its findings in scan 1: nothing is new, so the exit code is 0.
        Assert.Equal(0, next.ExitCode);
        Assert.Contains("baseline last (scan 1): 0 new finding(s)", next.Stderr);
        Assert.DoesNotContain("no recorded scan of account", next.Stderr);
        Assert.Equal(1, compliance.ExitCode);
        Assert.Equal("soc2_type2", compliance.Report.GetProperty("framework").GetProperty("id").GetString());
        Assert.Equal(Whole.Report.GetProperty("accounts").EnumerateArray().Select(a => a.GetString()),
            compliance.Report.GetProperty("scan").GetProperty("accounts").EnumerateArray().Select(a => a.GetString()));
    }

    [MotoFact]
    public void An_OU_selects_the_accounts_below_it()
    {
        var run = ScanOrganization("--ous", Org.Ous["prod"]);

        Assert.Equal(new[] { Account("prod-app"), Account("web") }.Order(StringComparer.Ordinal), run.Report.GetProperty("accounts").EnumerateArray().Select(a => a.GetString()!).Order(StringComparer.Ordinal));
    }

    /// <summary>A report without what differs between two runs of the same scan: when it ran, how long it took, how many calls it made.</summary>
    private static string Comparable(string report)
    {
        var node = JsonNode.Parse(report)!.AsObject();
        foreach (var name in new[] { "duration_seconds", "timestamp", "api_calls" })
            node.Remove(name);
        foreach (var details in node["account_details"]!.AsArray())
            details!.AsObject().Remove("collection_seconds");
        return node.ToJsonString();
    }
}
