using System.Text.Json.Nodes;
using CloudAudit.Collection.Organizations;
using CloudAudit.Inventory.Snapshot;

namespace CloudAudit.Cli.Tests;

/// <summary>
/// `merge` of a run split into shards gives what the unsharded run gives: the demo's three accounts, saved as one
/// inventory, split as --shard K/3 splits them, each share scanned on its own, then merged.
/// </summary>
public sealed class MergeCommandTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("cloud-audit-merge-test-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private string PathOf(string name) => Path.Combine(folder, name);

    /// <summary>The demo inventory, and its shares as shards 1..count of the same run.</summary>
    private (string Whole, List<string> Shards) DemoShards(int count, Action<InventorySnapshot, int>? tamper = null)
    {
        var whole = PathOf("whole.json.gz");
        Assert.Equal(1, CliRunner.Run("demo", "--quiet", "--save-snapshot", whole).ExitCode);
        var shards = new List<string>();
        for (var k = 1; k <= count; k++)
        {
            var snapshot = SnapshotFile.Read(whole);
            var total = snapshot.Accounts.Count;
            snapshot.Accounts = [.. new Shard(k, count).Select(snapshot.Accounts, a => a.AccountId)];
            snapshot.Shard = new ShardScope { Index = k, Count = count, AccountsTotal = total };
            tamper?.Invoke(snapshot, k);
            var path = PathOf($"shard-{k}.json.gz");
            using (var file = File.Create(path))
                SnapshotFile.Write(snapshot, file, gzip: true);
            shards.Add(path);
        }
        return (whole, shards);
    }

    /// <summary>
    /// The demo inventory split as a run records it: each shard K balanced by <paramref name="secondsOf"/>(K) (null: by
    /// account ID), with the split's digest and assignment, as <c>collect --shard</c> writes them.
    /// </summary>
    private List<string> RecordedShards(int count, Func<int, IReadOnlyDictionary<string, double>?> secondsOf, Action<InventorySnapshot, int>? tamper = null)
    {
        DemoShards(count);
        var whole = SnapshotFile.Read(PathOf("whole.json.gz"));
        var ids = whole.Accounts.Select(a => a.AccountId).ToList();
        var shards = new List<string>();
        for (var k = 1; k <= count; k++)
        {
            var seconds = secondsOf(k);
            var balance = seconds is null ? ShardSplit.ByAccountId : ShardSplit.ByFile;
            var assignment = Shard.Assign(count, ids, seconds);
            var snapshot = SnapshotFile.Read(PathOf("whole.json.gz"));
            snapshot.Accounts = [.. snapshot.Accounts.Where(a => assignment[a.AccountId] == k)];
            snapshot.Shard = new ShardScope
            {
                Index = k, Count = count, AccountsTotal = ids.Count, Balance = balance,
                SplitDigest = ShardSplit.Digest(count, ids, balance, seconds), Assignment = assignment,
            };
            tamper?.Invoke(snapshot, k);
            var path = PathOf($"recorded-{k}.json.gz");
            using (var file = File.Create(path))
                SnapshotFile.Write(snapshot, file, gzip: true);
            shards.Add(path);
        }
        return shards;
    }

    /// <summary>Each inventory scanned into a JSON report beside it.</summary>
    private List<string> Reports(IEnumerable<string> inventories) => inventories.Select((inventory, i) =>
    {
        var path = PathOf($"recorded-report-{i + 1}.json");
        File.WriteAllText(path, Report(inventory));
        return path;
    }).ToList();

    /// <summary>
    /// The demo as an organization run: the security account (a delegated administrator) is the caller whose data the
    /// organization inventory holds, in the whole run and in shard 1 only, as a live run writes them.
    /// </summary>
    private (string Whole, List<string> Shards) OrganizationShards(int count, bool everyShardCarries = false)
    {
        var (demo, shards) = DemoShards(count, (snapshot, k) =>
        {
            snapshot.Organization = new OrganizationScope { Id = "o-northwind01", ManagementAccountId = "110987654320" };
            if (k == 1 || everyShardCarries)
                snapshot.OrganizationInventory = CallerData(PathOf("whole.json.gz"));
        });
        var whole = SnapshotFile.Read(demo);
        whole.Organization = new OrganizationScope { Id = "o-northwind01", ManagementAccountId = "110987654320" };
        whole.OrganizationInventory = CallerData(demo);
        var path = PathOf("organization-whole.json.gz");
        using (var file = File.Create(path))
            SnapshotFile.Write(whole, file, gzip: true);
        return (path, shards);
    }

    private static AccountInventory CallerData(string demo) => SnapshotFile.Read(demo).Accounts.Single(a => a.AccountId == "410987654323");

    [Fact]
    public void Merged_organization_shards_keep_one_copy_of_the_organization_and_equal_the_unsharded_run()
    {
        var (whole, shards) = OrganizationShards(3);
        var merged = PathOf("merged-organization.json.gz");

        Assert.Equal(0, CliRunner.Run(["merge", .. shards, "-o", merged]).ExitCode);
        Assert.Equal(Json(whole), Json(merged));

        var reports = shards.Select((shard, i) =>
        {
            var path = PathOf($"organization-report-{i + 1}.json");
            File.WriteAllText(path, Report(shard));
            return path;
        }).ToList();
        var mergedReport = PathOf("merged-organization-report.json");
        Assert.Equal(0, CliRunner.Run(["merge", .. reports, "-o", mergedReport]).ExitCode);
        var text = File.ReadAllText(mergedReport);
        Assert.Equal(Comparable(Report(whole)), Comparable(text));
        var organizationResults = JsonNode.Parse(text)!["results"]!.AsArray().Where(r => r!["check_id"]!.GetValue<string>() == "aws-org-001").ToList();
        Assert.Equal("organization", Assert.Single(organizationResults)!["scope"]!.GetValue<string>());
    }

    [Fact]
    public void Organization_data_in_two_files_is_refused_naming_them()
    {
        var (_, shards) = OrganizationShards(2, everyShardCarries: true);

        var run = CliRunner.Run("merge", shards[0], shards[1], "-o", PathOf("out.json.gz"));

        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"error: more than one inventory holds the organization's data ({shards[0]}, {shards[1]}): they come from separate "
            + "--organization runs; merge the shards of one run\n", run.Stderr);
        Assert.False(File.Exists(PathOf("out.json.gz")));
    }

    private static string Json(string inventory)
    {
        using var file = File.OpenRead(inventory);
        using var zip = new System.IO.Compression.GZipStream(file, System.IO.Compression.CompressionMode.Decompress);
        return new StreamReader(zip).ReadToEnd();
    }

    private static string Report(string path) => CliRunner.Run("scan", "--snapshot", path, "--format", "json").Stdout;

    /// <summary>A report without what differs between any two runs of the same scan (how long it took).</summary>
    private static string Comparable(string report)
    {
        var node = JsonNode.Parse(report)!.AsObject();
        node.Remove("duration_seconds");
        return node.ToJsonString();
    }

    [Fact]
    public void Merged_shard_inventories_are_the_unsharded_inventory()
    {
        var (whole, shards) = DemoShards(3);
        var merged = PathOf("merged.json.gz");

        var run = CliRunner.Run(["merge", .. shards, "-o", merged]);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal($"merged 3 inventories into {merged}\n", run.Stderr);
        Assert.Equal(Json(whole), Json(merged));
    }

    [Fact]
    public void Merged_shard_reports_are_the_unsharded_report()
    {
        var (whole, shards) = DemoShards(2);
        var reports = shards.Select((shard, i) =>
        {
            var path = PathOf($"report-{i + 1}.json");
            File.WriteAllText(path, Report(shard));
            return path;
        }).ToList();
        var merged = PathOf("merged.json");

        var run = CliRunner.Run(["merge", .. reports, "-o", merged]);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("\"shard\"", File.ReadAllText(reports[0]));
        Assert.Equal(Comparable(Report(whole)), Comparable(File.ReadAllText(merged)));
    }

    [Fact]
    public void A_shard_given_twice_is_refused_naming_both_files()
    {
        var (_, shards) = DemoShards(2);

        var run = CliRunner.Run("merge", shards[0], shards[1], shards[0], "-o", PathOf("out.json"));

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith($"error: the files overlap: account ", run.Stderr);
        Assert.Contains($"is in both {shards[0]} and {shards[0]}", run.Stderr);
        Assert.False(File.Exists(PathOf("out.json")));
    }

    [Fact]
    public void A_missing_shard_is_refused()
    {
        var (_, shards) = DemoShards(3);

        var run = CliRunner.Run("merge", shards[0], shards[2], "-o", PathOf("out.json.gz"));

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("error: shard(s) 2/3 missing: the merge would not cover every account\n", run.Stderr);
    }

    [Fact]
    public void Files_of_different_versions_are_refused_naming_each()
    {
        var (_, shards) = DemoShards(2, (snapshot, k) => snapshot.ToolVersion = k == 2 ? "9.9.9" : snapshot.ToolVersion);

        var run = CliRunner.Run("merge", shards[0], shards[1], "-o", PathOf("out.json.gz"));

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("error: the files come from different versions: ", run.Stderr);
        Assert.Contains($"{shards[1]} (inventory 1, cloud-audit 9.9.9)", run.Stderr);
    }

    [Fact]
    public void Reports_scanned_with_different_settings_are_refused()
    {
        var (_, shards) = DemoShards(2);
        File.WriteAllText(PathOf("a.json"), Report(shards[0]));
        File.WriteAllText(PathOf("b.json"), CliRunner.Run("scan", "--snapshot", shards[1], "--format", "json", "--min-severity", "high").Stdout);

        var run = CliRunner.Run("merge", PathOf("a.json"), PathOf("b.json"), "-o", PathOf("out.json"));

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("error: the reports differ in 'min_severity'", run.Stderr);
    }

    [Fact]
    public void Inventories_and_reports_are_not_merged_together_and_other_files_are_named()
    {
        var (_, shards) = DemoShards(2);
        File.WriteAllText(PathOf("b.json"), Report(shards[1]));
        File.WriteAllText(PathOf("other.json"), """{"hello":"world"}""");

        var mixed = CliRunner.Run("merge", shards[0], PathOf("b.json"), "-o", PathOf("out.json"));
        var other = CliRunner.Run("merge", shards[0], PathOf("other.json"), "-o", PathOf("out.json"));

        Assert.Equal(2, mixed.ExitCode);
        Assert.Equal($"error: cannot merge inventories with reports: {shards[0]} (inventory), {PathOf("b.json")} (report)\n", mixed.Stderr);
        Assert.Equal(2, other.ExitCode);
        Assert.Equal($"error: {PathOf("other.json")} is neither a cloud-audit inventory nor a cloud-audit JSON report\n", other.Stderr);
    }

    [Fact]
    public void A_snapshot_scan_narrows_to_the_accounts_asked_for()
    {
        var (whole, _) = DemoShards(1);

        var one = JsonNode.Parse(CliRunner.Run("scan", "--snapshot", whole, "--format", "json", "--accounts", "310987654322").Stdout)!;
        var two = JsonNode.Parse(CliRunner.Run("scan", "--snapshot", whole, "--format", "json", "--exclude-accounts", "310987654322").Stdout)!;
        var unknown = CliRunner.Run("scan", "--snapshot", whole, "--accounts", "999999999999");
        var live = CliRunner.Run("scan", "--snapshot", whole, "--organization");

        Assert.Equal(["310987654322"], one["accounts"]!.AsArray().Select(a => (string)a!));
        Assert.Equal(["210987654321", "410987654323"], two["accounts"]!.AsArray().Select(a => (string)a!));
        Assert.Equal("error: --accounts: the inventory holds no account 999999999999\n", unknown.Stderr);
        Assert.Equal("error: --organization reads AWS and cannot be combined with --snapshot\n", live.Stderr);
    }

    [Fact]
    public void Shards_that_recorded_the_same_split_merge_into_the_unsharded_files()
    {
        var slow = new Dictionary<string, double> { ["210987654321"] = 100, ["310987654322"] = 1 };
        var shards = RecordedShards(2, _ => slow);
        var reports = Reports(shards);

        var inventories = CliRunner.Run(["merge", .. shards, "-o", PathOf("merged.json.gz")]);
        var merged = CliRunner.Run(["merge", .. reports, "-o", PathOf("merged.json")]);

        Assert.Equal(0, inventories.ExitCode);
        Assert.Equal(0, merged.ExitCode);
        var shard = JsonNode.Parse(File.ReadAllText(reports[0]))!["shard"]!;
        Assert.Equal("file", (string?)shard["balance"]);
        Assert.StartsWith("sha256:", (string?)shard["split_digest"]);
        Assert.Equal(1, (int)shard["assignment"]!["210987654321"]!);
        Assert.Equal(Json(PathOf("whole.json.gz")), Json(PathOf("merged.json.gz")));
        Assert.Equal(Comparable(Report(PathOf("whole.json.gz"))), Comparable(File.ReadAllText(PathOf("merged.json"))));
    }

    [Fact]
    public void Shards_that_split_differently_are_refused_naming_the_files_that_disagree()
    {
        // Shard 1 balanced by times that put 210987654321 alone, shard 2 split by account ID (310987654322 alone):
        // 410987654323 is in neither, which the digests say before anything else.
        var shards = RecordedShards(2, k => k == 1 ? new Dictionary<string, double> { ["210987654321"] = 100, ["310987654322"] = 1, ["410987654323"] = 1 } : null);
        var reports = Reports(shards);

        foreach (var files in new[] { shards, reports })
        {
            var output = files == shards ? PathOf("out.json.gz") : PathOf("out.json");
            var run = CliRunner.Run(["merge", .. files, "-o", output]);

            Assert.Equal(2, run.ExitCode);
            Assert.StartsWith("error: the shards split the accounts differently (each shard's split digest covers N, the run's accounts and the balance): "
                + $"{files[0]} (2 shards of 3 accounts, balanced by file, split sha256:", run.Stderr);
            Assert.Contains($"; {files[1]} (2 shards of 3 accounts, balanced by account-id, split sha256:", run.Stderr);
            Assert.Single(run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.False(File.Exists(output));
        }
    }

    [Fact]
    public void An_account_missing_from_every_shard_is_refused_naming_it_and_its_shard()
    {
        // Both shards split alike (by account ID: 210987654321 and 410987654323 to shard 1), but shard 1 lost 410987654323.
        var shards = RecordedShards(2, _ => null, (snapshot, k) =>
        {
            if (k == 1)
                snapshot.Accounts = [.. snapshot.Accounts.Where(a => a.AccountId != "410987654323")];
        });
        var reports = Reports(shards);

        foreach (var files in new[] { shards, reports })
        {
            var run = CliRunner.Run(["merge", .. files, "-o", files == shards ? PathOf("out.json.gz") : PathOf("out.json")]);

            Assert.Equal(2, run.ExitCode);
            Assert.Equal($"error: 1 account(s) of the run are in no shard: 410987654323 (shard 1/2, {files[0]})\n", run.Stderr);
        }
    }

    [Fact]
    public void A_shard_without_a_recorded_split_beside_one_with_it_is_refused()
    {
        var (_, plain) = DemoShards(2);
        var recorded = RecordedShards(2, _ => null);

        var run = CliRunner.Run("merge", recorded[0], plain[1], "-o", PathOf("out.json.gz"));

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("error: the shards split the accounts differently", run.Stderr);
        Assert.Contains($"{plain[1]} (no split recorded)", run.Stderr);
    }
}
