using System.Text.RegularExpressions;

namespace CloudAudit.Bench.Tests;

/// <summary>
/// Each bench runs as its documentation says, in a tiny mode: it exits 0, prints its figures and leaves no process
/// behind. Figures are not judged here (timing goals live in the benches themselves).
/// </summary>
public sealed class BenchCommandTests
{
    [Fact]
    public async Task Collection_bench_runs_as_documented_and_stops_its_fake_aws()
    {
        var run = await BenchRun.RunAsync("CloudAudit.Collection.Bench",
            "--regions", "1", "--trails", "2", "--log-groups", "60", "--alarms", "120", "--latency-ms", "1", "--timeline");

        AssertRanCleanly(run);
        Assert.Matches(@"wall time\s+\d+\.\d+ s", run.Output);
        Assert.Matches(@"lower bound\s+\d+\.\d+ s  \(critical path .*, event history \d+\.\d+ s \(\d+ reads in one region", run.Output);
        // The timeline: where the time went, and the chain of requests that answered last, from a root down.
        Assert.Matches(@"HTTP in flight\s+\d+\.\d on average of 32 allowed", run.Output);
        Assert.Matches(@"critical path .*\r?\n    [a-z0-9-]+:[A-Za-z]+@[a-z0-9-]+ +\d+ ", run.Output);
        // 2 trails' reads, two log-group pages, two alarm pages: the fake AWS answered every request the scanner sent.
        var requests = Regex.Match(run.Output, @"HTTP requests\s+([\d,]*\d)\s+\(pages and retries included; fake AWS served ([\d,]*\d)");
        Assert.True(requests.Success, run.Output);
        Assert.Equal(requests.Groups[1].Value, requests.Groups[2].Value);
        // The fake AWS answers every service the checks read: a failed call would be retried and inflate the wall time.
        Assert.Matches(@"retries, throttles\s+0, 0; failed calls 0\r?\n", run.Output);
        Assert.Matches(@"memory\s+peak working set \d+ MB", run.Output);
    }

    [Fact]
    public async Task Collection_bench_organization_mode_collects_every_account_and_evaluates_each()
    {
        var run = await BenchRun.RunAsync("CloudAudit.Collection.Bench",
            "--accounts", "3", "--regions", "1", "--trails", "1", "--log-groups", "10", "--alarms", "10", "--filters", "2", "--latency-ms", "1", "--evaluate");

        AssertRanCleanly(run);
        // Each account answered GetCallerIdentity with its own ID (from its access key), or it would be NOT ASSESSED.
        Assert.Matches(@"accounts\s+3 collected, 0 not assessed", run.Output);
        var requests = Regex.Match(run.Output, @"HTTP requests\s+([\d,]*\d)\s+\(fake AWS served ([\d,]*\d), throttled 0\)");
        Assert.True(requests.Success, run.Output);
        Assert.Equal(requests.Groups[1].Value, requests.Groups[2].Value);
        Assert.Matches(@"retries, throttles\s+0, 0; failed calls 0\r?\n", run.Output);
        Assert.Matches(@"lower bound\s+\d+\.\d+ s", run.Output);
        Assert.Matches(@"memory\s+peak working set \d+ MB", run.Output);
        Assert.Matches(@"report\s+\d+ results, \d+ findings", run.Output);
        Assert.Matches(@"projected, 1,000 accounts: \d+\.\d min on one machine", run.Output);
    }

    [Fact]
    public async Task Checks_bench_runs_as_documented()
    {
        var run = await BenchRun.RunAsync("CloudAudit.Checks.Bench", "20", "5", "5");

        AssertRanCleanly(run);
        foreach (var check in new[] { "aws-iam-005", "aws-iam-007", "aws-iam-018" })
            Assert.Matches($@"{check}: [A-Z ]+, \d+ examined, \d+ findings .* in \d+\.\d+ s wall", run.Output);
        Assert.Matches(@"access who-can s3:GetObject \S+: \d+ allowed, \d+ not assessed in \d+ ms wall, \d+ ms CPU", run.Output);
        Assert.Matches(@"access admins: \d+ administrators, \d+ when conditions hold in \d+\.\d+ s wall, \d+\.\d+ s CPU", run.Output);
        Assert.Matches(@"peak working set \d+ MiB", run.Output);
        Assert.DoesNotContain(" ERROR ", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Policy_bench_runs_as_documented()
    {
        var run = await BenchRun.RunAsync("CloudAudit.Policy.Bench", "50", "5", "20");

        AssertRanCleanly(run);
        Assert.Matches(@"decisions: 1,000 \(", run.Output);
        Assert.Matches(@"throughput: [\d,]+ decisions/s", run.Output);
    }

    [Fact]
    public async Task History_bench_runs_as_documented_and_stops_its_PostgreSQL()
    {
        var run = await BenchRun.RunAsync("CloudAudit.History.Bench", "--findings", "300", "--scans", "20");

        AssertRanCleanly(run);
        Assert.Matches(@"SQLite: record 300 findings \d+\.\d+ s and \d+\.\d+ s .* diff of the two .* \d+\.\d+ s .*: 3 new, 3 fixed", run.Output);
        Assert.Matches(@"SQLite: trend over 20 stored scans \(3 account\(s\), 60 points\) in \d+ ms", run.Output);
        if (!run.Output.Contains("PostgreSQL skipped", StringComparison.Ordinal))
            Assert.Matches(@"PostgreSQL: trend over 20 stored scans", run.Output);
    }

    [Fact]
    public async Task A_process_left_behind_is_found()
    {
        var start = new System.Diagnostics.ProcessStartInfo("setsid") { UseShellExecute = false };
        foreach (var arg in (string[])["sh", "-c", "sleep 30 & wait"])
            start.ArgumentList.Add(arg);
        using var leader = System.Diagnostics.Process.Start(start)!;
        try
        {
            // The shell's own child is found too, by the session it inherited.
            IReadOnlyList<string> leftovers = [];
            for (var attempt = 0; attempt < 50 && leftovers.Count < 2; attempt++, await Task.Delay(100))
                leftovers = await BenchRun.LeftoversAsync(leader.Id);
            Assert.Equal(2, leftovers.Count);
            Assert.Contains($"{leader.Id}: sh -c sleep 30 & wait ", leftovers);
            Assert.Contains(leftovers, l => l.EndsWith(": sleep 30 ", StringComparison.Ordinal));
        }
        finally
        {
            leader.Kill(entireProcessTree: true);
            await leader.WaitForExitAsync();
        }
        Assert.Empty(await BenchRun.LeftoversAsync(leader.Id));
    }

    private static void AssertRanCleanly(BenchRun run)
    {
        Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}\n{run.Output}\n{run.Errors}");
        Assert.True(run.Leftovers.Count == 0, "left running:\n" + string.Join('\n', run.Leftovers));
    }
}
