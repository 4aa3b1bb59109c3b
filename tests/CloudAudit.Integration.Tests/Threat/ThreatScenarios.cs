using CloudAudit.Integration.Tests.Moto;

namespace CloudAudit.Integration.Tests.Threat;

/// <summary>One finding of a detector, as the JSON report gives it.</summary>
public sealed record ThreatFinding(string Resource, string Severity, string Description);

/// <summary>
/// <c>threat-feed</c> over the accounts of seed_threat.py (threat: what abuse leaves standing; threat-quiet: the same
/// kinds of resources set up with care), through a proxy in front of moto that answers what moto cannot.
/// </summary>
public static class ThreatScenarios
{
    public static CliRun ThreatFeed(this MotoServer moto, FaultProxy proxy, string scenario, string pattern) =>
        CliRunner.Run(["threat-feed", "--role-arn", moto.Threat.RoleArn(scenario), "--regions", Scenarios.Regions, "--format", "json",
            "--endpoint-url", proxy.Endpoint.ToString(), "--pattern", pattern]);

    public static string Account(this MotoServer moto, string scenario) => moto.Threat.Accounts[scenario];

    /// <summary>The ID seed_threat.py reported for a resource of the scenario.</summary>
    public static string ThreatId(this MotoServer moto, string scenario, string name) => moto.Threat.Ids[scenario][name];

    public static IReadOnlyList<ThreatFinding> Findings(this CliRun run, string check) =>
        [.. run.Result(check).GetProperty("findings").EnumerateArray().Select(f => new ThreatFinding(f.GetProperty("resource_id").GetString()!,
            f.GetProperty("severity").GetString()!.ToUpperInvariant(), f.GetProperty("description").GetString()!))];

    public static IReadOnlyList<string> PassedResources(this CliRun run, string check) =>
        [.. run.Result(check).GetProperty("passed_resources").EnumerateArray().Select(r => r.GetString()!)];

    /// <summary>The detector fails with exactly these findings (resource and severity, in any order).</summary>
    public static IReadOnlyList<ThreatFinding> AssertFails(CliRun run, string check, params (string Resource, string Severity)[] expected)
    {
        Assert.True(run.Status(check) == "FAIL", $"{check}: {run.Status(check)}\n{run.Result(check)}\n{run.Stderr}");
        var findings = run.Findings(check);
        Assert.Equal(expected.Select(e => $"{e.Resource} {e.Severity}").Order(StringComparer.Ordinal),
            findings.Select(f => $"{f.Resource} {f.Severity}").Order(StringComparer.Ordinal));
        // threat-feed exits 1 on any critical or high finding, 0 otherwise.
        Assert.Equal(expected.Any(e => e.Severity is "CRITICAL" or "HIGH") ? 1 : 0, run.ExitCode);
        return findings;
    }

    /// <summary>The detector examined the account and found nothing: PASS, not NOT ASSESSED or NOT APPLICABLE.</summary>
    public static void AssertPasses(CliRun run, string check)
    {
        Assert.True(run.Status(check) == "PASS", $"{check}: {run.Status(check)}\n{run.Result(check)}\n{run.Stderr}");
        Assert.Empty(run.Findings(check));
        Assert.Equal(0, run.ExitCode);
    }

    public static ThreatFinding Single(this IReadOnlyList<ThreatFinding> findings, string resource) =>
        Assert.Single(findings, f => f.Resource == resource);
}
