using CloudAudit.Integration.Tests.Moto;

namespace CloudAudit.Integration.Tests;

/// <summary>The scan every scenario test runs: the scenario's account, two regions, the JSON report.</summary>
public static class Scenarios
{
    public const string Regions = "us-east-1,eu-west-1";

    /// <summary>The CIS monitoring family: CloudTrail, the fifteen alarm controls and log-group encryption, Security Hub.</summary>
    public static readonly string[] MonitoringFamily =
        [.. Enumerable.Range(1, 8).Select(i => $"aws-ct-{i:000}"), .. Enumerable.Range(1, 16).Select(i => $"aws-cw-{i:000}"), "aws-sh-001"];

    /// <summary>The fifteen CIS 4.1–4.15 metric filter and alarm checks.</summary>
    public static readonly string[] AlarmChecks = [.. Enumerable.Range(1, 15).Select(i => $"aws-cw-{i:000}")];

    /// <summary>A live scan of one scenario account by the CIS logging and monitoring family (the scenarios set up nothing else).</summary>
    public static CliRun Scan(this MotoServer moto, string scenario, params string[] extra) =>
        CliRunner.Run(["scan", "--role-arn", moto.RoleArn(scenario), "--regions", Regions, "--format", "json",
            "--checks", string.Join(",", MonitoringFamily), .. extra]);

    /// <summary>A live scan of one scenario account by every check, for tests about the calls made rather than the verdicts.</summary>
    public static CliRun ScanAll(this MotoServer moto, string scenario, params string[] extra) =>
        CliRunner.Run(["scan", "--role-arn", moto.RoleArn(scenario), "--regions", Regions, "--format", "json", .. extra]);

    /// <summary>The whole family passes except <paramref name="expected"/>, which have the given statuses.</summary>
    public static void AssertFamily(CliRun run, IReadOnlyDictionary<string, string> expected)
    {
        var statuses = run.Statuses;
        var wrong = MonitoringFamily
            .Select(id => (Id: id, Want: expected.GetValueOrDefault(id, "PASS"), Got: statuses.GetValueOrDefault(id, "missing")))
            .Where(c => c.Want != c.Got).Select(c => $"{c.Id}: expected {c.Want}, got {c.Got}").ToList();
        Assert.True(wrong.Count == 0, string.Join("\n", wrong) + "\n" + run.Stderr);
    }

    public static Dictionary<string, string> All(IEnumerable<string> ids, string status) => ids.ToDictionary(id => id, _ => status);
}
