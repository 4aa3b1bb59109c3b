using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;

namespace CloudAudit.Cli.Tests;

/// <summary>Recording scans, diff, --baseline, trend and history, through the real command line on the demo.</summary>
public sealed class HistoryCommandsTests
{
    private const string Checks = "aws-s3-003,aws-ec2-004,aws-iam-002";

    private static readonly Lazy<string> Snapshot = new(() =>
    {
        var path = Path.Combine(Folder(), "demo.json.gz");
        Assert.Equal(1, CliRunner.Run("demo", "--save-snapshot", path, "-q").ExitCode);
        return path;
    });

    /// <summary>The demo's JSON report of a few checks, as a file.</summary>
    private static readonly Lazy<string> Report = new(() =>
    {
        var run = CliRunner.Run("scan", "--snapshot", Snapshot.Value, "--checks", Checks, "-f", "json", "--no-history");
        Assert.Equal(1, run.ExitCode);
        var path = Path.Combine(Folder(), "report.json");
        File.WriteAllText(path, run.Stdout);
        return path;
    });

    private static string Folder() => Directory.CreateTempSubdirectory("cloud-audit-history-cli-").FullName;

    private static string NewHistory() => Path.Combine(Folder(), "history.db");

    /// <summary>The report without its first active finding of <paramref name="checkId"/>: as if that resource had been fixed.</summary>
    private static string ReportWithout(string checkId, out string fingerprint)
    {
        var json = JsonNode.Parse(File.ReadAllText(Report.Value))!;
        var findings = json["results"]!.AsArray().First(r => (string)r!["check_id"]! == checkId && r["findings"]!.AsArray().Count > 0
            && r["gaps"]!.AsArray().Count == 0)!["findings"]!.AsArray();
        fingerprint = (string)findings[0]!["fingerprint"]!;
        findings.RemoveAt(0);
        var path = Path.Combine(Folder(), "fixed.json");
        File.WriteAllText(path, json.ToJsonString());
        return path;
    }

    private static long Scans(string history)
    {
        using var connection = new SqliteConnection($"Data Source={history};Pooling=False;Mode=ReadOnly");
        connection.Open();
        using var count = connection.CreateCommand();
        count.CommandText = "SELECT count(*) FROM scans";
        return (long)count.ExecuteScalar()!;
    }

    [Fact]
    public void A_scan_is_recorded_and_the_demo_only_when_saved()
    {
        var history = NewHistory();
        Assert.Equal(1, CliRunner.Run("demo", "--checks", Checks, "-q", "--history", history).ExitCode);
        Assert.False(File.Exists(history));
        var saved = CliRunner.Run("demo", "--checks", Checks, "--save", "--history", history, "-f", "json");
        Assert.Equal(1, saved.ExitCode);
        Assert.Contains($"recorded as scan 1 in {history}", saved.Stderr);
        Assert.Equal(1, CliRunner.Run("scan", "--snapshot", Snapshot.Value, "--checks", Checks, "-q", "--history", history).ExitCode);
        Assert.Equal(1, CliRunner.Run("scan", "--snapshot", Snapshot.Value, "--checks", Checks, "-q", "--history", history, "--no-history").ExitCode);
        Assert.Equal(2, Scans(history));
    }

    [Fact]
    public void Diff_of_two_recorded_scans_of_the_same_inventory_finds_nothing_new()
    {
        var history = NewHistory();
        for (var i = 0; i < 2; i++)
            Assert.Equal(1, CliRunner.Run("scan", "--snapshot", Snapshot.Value, "--checks", Checks, "-q", "--history", history).ExitCode);
        var diff = CliRunner.Run("diff", "last", "previous", "--history", history, "-f", "json");
        Assert.Equal(0, diff.ExitCode);
        var json = JsonDocument.Parse(diff.Stdout).RootElement;
        Assert.Equal(1, json.GetProperty("old_scan").GetProperty("scan_id").GetInt64());
        Assert.Equal(2, json.GetProperty("new_scan").GetProperty("scan_id").GetInt64());
        Assert.False(json.GetProperty("has_regression").GetBoolean());
        Assert.Equal(0, json.GetProperty("counts").GetProperty("new").GetInt32());
        Assert.True(json.GetProperty("counts").GetProperty("unchanged").GetInt32() > 5);
    }

    [Fact]
    public void Diff_of_report_files_shows_a_fixed_finding_and_in_reverse_a_new_one()
    {
        var fixedReport = ReportWithout("aws-iam-002", out var fingerprint);
        var forward = CliRunner.Run("diff", Report.Value, fixedReport, "-f", "json");
        Assert.Equal(0, forward.ExitCode);
        var json = JsonDocument.Parse(forward.Stdout).RootElement;
        Assert.Equal(fingerprint, json.GetProperty("fixed").EnumerateArray().Single().GetProperty("fingerprint").GetString());
        Assert.Empty(json.GetProperty("new").EnumerateArray());

        var backward = CliRunner.Run("diff", fixedReport, Report.Value);
        Assert.Equal(1, backward.ExitCode);
        Assert.Contains("cloud-audit diff: 1 new, 0 fixed", backward.Stdout);
        Assert.Contains("aws-iam-002", backward.Stdout);
    }

    [Fact]
    public void A_finding_gone_where_its_check_could_not_read_is_unverified_not_fixed()
    {
        // The demo denies a global S3 read to aws-s3-003: a bucket missing from its findings may just be unread.
        var json = JsonNode.Parse(File.ReadAllText(Report.Value))!;
        var result = json["results"]!.AsArray().First(r => (string)r!["check_id"]! == "aws-s3-003" && r["gaps"]!.AsArray().Count > 0)!;
        var gone = (string)result["findings"]![0]!["fingerprint"]!;
        result["findings"]!.AsArray().RemoveAt(0);
        var later = Path.Combine(Folder(), "later.json");
        File.WriteAllText(later, json.ToJsonString());
        var diff = JsonDocument.Parse(CliRunner.Run("diff", Report.Value, later, "-f", "json").Stdout).RootElement;
        Assert.Equal(gone, diff.GetProperty("unverified").EnumerateArray().Single().GetProperty("fingerprint").GetString());
        Assert.Empty(diff.GetProperty("fixed").EnumerateArray());
    }

    [Fact]
    public void Diff_as_markdown_fits_a_pull_request_comment()
    {
        var fixedReport = ReportWithout("aws-ec2-004", out _);
        var output = Path.Combine(Folder(), "diff.md");
        Assert.Equal(1, CliRunner.Run("diff", fixedReport, Report.Value, "-o", output).ExitCode);
        var markdown = File.ReadAllText(output);
        Assert.StartsWith("## cloud-audit diff: 1 new, 0 fixed (regression)", markdown);
        Assert.Contains("### New findings (1)", markdown);
        Assert.True(markdown.Length < 65_536);
    }

    [Fact]
    public void Diff_reads_the_reference_tools_report()
    {
        var reference = Path.Combine(CliRunner.RepoRoot(), "tests", "CloudAudit.Reports.Tests", "Fixtures", "reference-report.json");
        var run = CliRunner.Run("diff", reference, reference, "-f", "json");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(4, JsonDocument.Parse(run.Stdout).RootElement.GetProperty("counts").GetProperty("unchanged").GetInt32());
    }

    [Fact]
    public void A_baseline_file_counts_only_new_findings()
    {
        var fixedReport = ReportWithout("aws-iam-002", out var fingerprint);
        var same = CliRunner.Run("scan", "--snapshot", Snapshot.Value, "--checks", Checks, "--no-history", "--baseline", Report.Value, "-f", "sarif");
        Assert.Equal(0, same.ExitCode);
        Assert.Empty(JsonDocument.Parse(same.Stdout).RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray());

        var regressed = CliRunner.Run("scan", "--snapshot", Snapshot.Value, "--checks", Checks, "--no-history", "--baseline", fixedReport, "-f", "sarif");
        Assert.Equal(1, regressed.ExitCode);
        var result = JsonDocument.Parse(regressed.Stdout).RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray().Single();
        Assert.Equal(fingerprint, result.GetProperty("partialFingerprints").GetProperty("primaryLocationLineHash").GetString());
        Assert.Equal("new", result.GetProperty("baselineState").GetString());

        var markdown = CliRunner.Run("scan", "--snapshot", Snapshot.Value, "--checks", Checks, "--no-history", "--baseline", fixedReport, "-f", "markdown");
        Assert.Equal(1, markdown.ExitCode);
        Assert.Contains("1 new finding(s) not in the baseline", markdown.Stdout);
    }

    [Fact]
    public void Baseline_last_is_the_scan_before_this_one()
    {
        var history = NewHistory();
        var first = CliRunner.Run("scan", "--snapshot", Snapshot.Value, "--checks", Checks, "-q", "--history", history, "--baseline", "last");
        Assert.Equal(1, first.ExitCode); // nothing to compare with yet: every finding is new
        Assert.Contains("no recorded scan of account", first.Stderr);
        Assert.Equal(0, CliRunner.Run("scan", "--snapshot", Snapshot.Value, "--checks", Checks, "-q", "--history", history, "--baseline", "last").ExitCode);
        Assert.Equal(2, Scans(history));
    }

    [Fact]
    public void Trend_and_history_read_the_recorded_scans()
    {
        var history = NewHistory();
        for (var i = 0; i < 3; i++)
            CliRunner.Run("scan", "--snapshot", Snapshot.Value, "--checks", i == 1 ? "aws-s3-003" : Checks, "-q", "--history", history);

        var trend = CliRunner.Run("trend", "--history", history, "-a", "210987654321", "-f", "json");
        Assert.Equal(0, trend.ExitCode);
        var points = JsonDocument.Parse(trend.Stdout).RootElement.GetProperty("scans").EnumerateArray().ToList();
        Assert.Equal([1L, 2L, 3L], points.Select(p => p.GetProperty("scan_id").GetInt64()));
        Assert.All(points, p => Assert.Equal("210987654321", p.GetProperty("account_id").GetString()));
        var console = CliRunner.Run("trend", "--history", history);
        Assert.Contains("account 210987654321: 3 scan(s)", console.Stdout);
        Assert.Matches("score +[▁▂▃▄▅▆▇█]{3}", console.Stdout);

        var list = CliRunner.Run("history", "list", "--history", history, "-f", "json");
        Assert.Equal([3L, 2L, 1L], JsonDocument.Parse(list.Stdout).RootElement.GetProperty("scans").EnumerateArray().Select(s => s.GetProperty("scan_id").GetInt64()));
        var show = CliRunner.Run("history", "show", "previous", "--history", history, "-f", "json");
        Assert.Equal(2, JsonDocument.Parse(show.Stdout).RootElement.GetProperty("scan_id").GetInt64());
        var prune = CliRunner.Run("history", "prune", "--keep", "1", "--history", history);
        Assert.Equal(0, prune.ExitCode);
        Assert.Contains("deleted 2 scan(s)", prune.Stdout);
        Assert.Equal(1, Scans(history));
    }

    [Fact]
    public void Saved_reports_import_as_scans_of_their_own_time()
    {
        var history = NewHistory();
        var reference = Path.Combine(CliRunner.RepoRoot(), "tests", "CloudAudit.Reports.Tests", "Fixtures", "reference-report.json");
        var run = CliRunner.Run("history", "import", Report.Value, reference, "--history", history);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("imported 2 scan(s)", run.Stdout);
        var list = JsonDocument.Parse(CliRunner.Run("history", "list", "--history", history, "-f", "json").Stdout).RootElement.GetProperty("scans");
        Assert.Contains(list.EnumerateArray(), s => s.GetProperty("source").GetString() == "reference");
    }

    [Theory]
    [InlineData("diff", "missing.json", "last", "OLD: missing.json: no such report file")]
    [InlineData("diff", "last", "previous", "no history at")]
    [InlineData("trend", null, null, "no history at")]
    [InlineData("history", "show", "7", "no history at")]
    [InlineData("history", "prune", null, "say what to prune")]
    public void Reading_commands_without_a_history_are_exit_2(string command, string? a, string? b, string message)
    {
        var args = new[] { command, a, b }.OfType<string>().Concat(["--history", NewHistory()]).ToArray();
        var run = CliRunner.Run(args);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains(message, run.Stderr);
        Assert.Single(run.Stderr.Trim().Split('\n'));
    }

    [Fact]
    public void Another_tools_report_is_exit_2_naming_the_file()
    {
        var sarif = Path.Combine(Folder(), "results.sarif");
        File.WriteAllText(sarif, CliRunner.Run("demo", "--checks", Checks, "-f", "sarif").Stdout);
        var run = CliRunner.Run("diff", sarif, Report.Value);
        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"error: {sarif}: a SARIF log, not a JSON report (write one with `--format json`)", run.Stderr.Trim());
        var baseline = CliRunner.Run("scan", "--snapshot", Snapshot.Value, "--no-history", "--baseline", sarif, "-q");
        Assert.Equal(2, baseline.ExitCode);
        Assert.Contains("--baseline: ", baseline.Stderr);
    }

    [Fact]
    public void A_damaged_or_newer_history_stops_the_scan_before_it_runs_and_stays_as_it_was()
    {
        var damaged = NewHistory();
        File.WriteAllText(damaged, new string('x', 5000));
        var run = CliRunner.Run("scan", "--snapshot", Snapshot.Value, "--checks", Checks, "--history", damaged, "-f", "json");
        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"error: {damaged} is not a SQLite database (or is damaged beyond reading)", run.Stderr.Trim());
        Assert.Equal("", run.Stdout);
        Assert.Equal(new string('x', 5000), File.ReadAllText(damaged));

        var newer = NewHistory();
        Assert.Equal(1, CliRunner.Run("scan", "--snapshot", Snapshot.Value, "--checks", Checks, "-q", "--history", newer).ExitCode);
        using (var connection = new SqliteConnection($"Data Source={newer};Pooling=False"))
        {
            connection.Open();
            using var future = connection.CreateCommand();
            future.CommandText = "INSERT INTO schema_migrations VALUES (99, 'future', 'x')";
            future.ExecuteNonQuery();
        }
        var refused = CliRunner.Run("diff", "last", "previous", "--history", newer);
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("has history schema version 99, newer than this cloud-audit knows", refused.Stderr);
        Assert.Equal(2, CliRunner.Run("scan", "--snapshot", Snapshot.Value, "--checks", Checks, "-q", "--history", newer).ExitCode);
        Assert.Equal(1, Scans(newer));
    }

    [Fact]
    public void A_locked_history_only_costs_the_record()
    {
        var history = NewHistory();
        Assert.Equal(1, CliRunner.Run("scan", "--snapshot", Snapshot.Value, "--checks", Checks, "-q", "--history", history).ExitCode);
        using var holder = new SqliteConnection($"Data Source={history};Pooling=False");
        holder.Open();
        using var hold = holder.BeginTransaction(deferred: false);
        using (Configuration.CliEnvironment.Use(new Dictionary<string, string> { ["CLOUD_AUDIT_HISTORY"] = history, ["CLOUD_AUDIT_HISTORY_TIMEOUT"] = "1" }))
        {
            var run = CliRunner.Run("scan", "--snapshot", Snapshot.Value, "--checks", Checks, "-f", "json");
            Assert.Equal(1, run.ExitCode);
            Assert.Contains("warning: history: ", run.Stderr);
            Assert.Contains("is locked by another process; gave up waiting; this scan is not recorded", run.Stderr);
            Assert.Equal("cloud-audit", JsonDocument.Parse(run.Stdout).RootElement.GetProperty("tool").GetProperty("name").GetString());
        }
        hold.Rollback();
        Assert.Equal(1, Scans(history));
    }

    [Fact]
    public void An_unreachable_team_store_only_costs_the_record()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var run = CliRunner.Run("scan", "--snapshot", Snapshot.Value, "--checks", Checks, "-f", "json", "--store", $"postgresql://audit:secret@127.0.0.1:{port}/posture");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"warning: history: cannot reach postgresql://audit@127.0.0.1:{port}/posture", run.Stderr);
        Assert.DoesNotContain("secret", run.Stderr);
        Assert.Equal(JsonValueKind.Object, JsonDocument.Parse(run.Stdout).RootElement.ValueKind);
    }
}
