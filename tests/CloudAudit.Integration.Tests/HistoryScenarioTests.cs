using System.Text.Json;
using CloudAudit.Integration.Tests.Moto;

namespace CloudAudit.Integration.Tests;

/// <summary>
/// History end to end on a live account (history_scenario.py): scan, fix one problem and create another, scan
/// again; diff names exactly the one fixed and the one new finding, and a third scan judged against the last
/// one passes, since nothing new appeared.
/// </summary>
[Collection(nameof(MotoCollection))]
public sealed class HistoryScenarioTests(MotoServer moto)
{
    private const string Account = "300000000011";

    private static CliRun Scan(string history, params string[] extra) =>
        CliRunner.Run(["scan", "--role-arn", $"arn:aws:iam::{Account}:role/auditor", "--regions", "us-east-1", "--checks", "aws-s3-003",
            "--history", history, "-q", .. extra]);

    [MotoFact]
    public async Task Diff_shows_one_fixed_and_one_new_finding_and_a_baseline_passes_the_next_scan()
    {
        var history = Path.Combine(Directory.CreateTempSubdirectory("cloud-audit-history-moto-").FullName, "history.db");
        await moto.RunScriptAsync("history_scenario.py", "setup");
        Assert.Equal(1, Scan(history).ExitCode);
        await moto.RunScriptAsync("history_scenario.py", "change");
        Assert.Equal(1, Scan(history).ExitCode);

        var diff = CliRunner.Run("diff", "last", "previous", "--history", history, "-f", "json");
        Assert.Equal(1, diff.ExitCode);
        var json = JsonDocument.Parse(diff.Stdout).RootElement;
        string Only(string kind) => json.GetProperty(kind).EnumerateArray().Single().GetProperty("resource_id").GetString()!;
        Assert.Equal("history-new-one", Only("new"));
        Assert.Equal("history-fixed-me", Only("fixed"));
        Assert.Equal("history-stays", Only("unchanged"));
        Assert.Equal(0, json.GetProperty("counts").GetProperty("unverified").GetInt32());

        var console = CliRunner.Run("diff", "last", "previous", "--history", history);
        Assert.Contains("cloud-audit diff: 1 new, 1 fixed, 0 changed, 1 unchanged", console.Stdout);

        Assert.Equal(0, Scan(history, "--baseline", "last").ExitCode);
        Assert.Equal(1, Scan(history, "--baseline", "1").ExitCode); // against the first scan, history-new-one is new
    }
}
