using System.Text.RegularExpressions;
using CloudAudit.Integration.Tests.Moto;

namespace CloudAudit.Integration.Tests;

/// <summary>
/// What the catalogue scenarios (seed_catalogue.py) should give for one check: its status in the hardened, exposed
/// and untouched accounts, the exact resources it fails in the exposed account, and resources it names as examined and
/// passed. A resource is written as its ID, with {account} and {name} (an ID seed_catalogue.py reported under that
/// name) filled in.
/// </summary>
public sealed record Expected(string Check, string Hardened, string Exposed, string Untouched, params string[] ExposedFailures)
{
    /// <summary>Resources the check examines and passes in both the hardened and the exposed account.</summary>
    public string[] Passes { get; init; } = [];

    /// <summary>Resources the check examines and passes in the hardened account only (the exposed one fails or lacks them).</summary>
    public string[] HardenedPasses { get; init; } = [];

    /// <summary>The check whose finding a failure of this one is reported under (no findings of its own).</summary>
    public string? FoldedInto { get; init; }

    public override string ToString() => Check;
}

/// <summary>The scans of the catalogue scenarios and the assertions the service test classes share.</summary>
public static partial class Catalogue
{
    public const string Pass = "PASS";
    public const string Fail = "FAIL";
    public const string NotApplicable = "NOT_APPLICABLE";
    public const string NotAssessed = "NOT_ASSESSED";

    /// <summary>Every check the catalogue scenarios judge, with what each should give.</summary>
    public static readonly IReadOnlyList<Expected> Table =
    [
        .. IamScenarioTests.Table, .. S3ScenarioTests.Table, .. NetworkScenarioTests.Table,
        .. DataStoreScenarioTests.Table, .. ComputeScenarioTests.Table, .. GovernanceScenarioTests.Table,
    ];

    public static readonly IReadOnlyList<string> Checks = [.. Table.Select(e => e.Check)];

    /// <summary>The scenario's account scanned once per test run by every catalogued check, in the two scenario regions.</summary>
    public static CliRun CatalogueScan(this MotoServer moto, string scenario) =>
        moto.Once($"catalogue {scenario}", () => moto.ScanChecks(scenario, Checks));

    /// <summary>A scan of the scenario's account by some checks; through a proxy with <c>--endpoint-url</c> in <paramref name="extra"/>.</summary>
    public static CliRun ScanChecks(this MotoServer moto, string scenario, IEnumerable<string> checks, params string[] extra) =>
        CliRunner.Run(["scan", "--role-arn", moto.RoleArn(scenario), "--regions", Scenarios.Regions, "--format", "json",
            "--checks", string.Join(",", checks), .. extra]);

    /// <summary>The status of the check in each scenario, and in the exposed account exactly the resources it fails.</summary>
    public static void AssertScenarios(this MotoServer moto, Expected expected)
    {
        foreach (var (scenario, status) in new[] { ("hardened", expected.Hardened), ("exposed", expected.Exposed), ("untouched", expected.Untouched) })
        {
            var run = moto.CatalogueScan(scenario);
            AssertStatus(run, expected.Check, status, scenario);
            if (status == Fail && expected.FoldedInto is { } root)
                Assert.Equal(root, run.Result(expected.Check).GetProperty("folded_into").GetString());
        }
        moto.AssertFailures(moto.CatalogueScan("exposed"), "exposed", expected.Check, expected.ExposedFailures);
        moto.AssertPassed(moto.CatalogueScan("hardened"), "hardened", expected.Check, [.. expected.Passes, .. expected.HardenedPasses]);
        moto.AssertPassed(moto.CatalogueScan("exposed"), "exposed", expected.Check, expected.Passes);
    }

    /// <summary>
    /// Each of <paramref name="resources"/> (templates, see <see cref="Expected"/>) is among the check's passed resources
    /// in the scan, and none of its findings names it.
    /// </summary>
    public static void AssertPassed(this MotoServer moto, CliRun run, string scenario, string check, IEnumerable<string> resources)
    {
        var passed = Passed(run, check);
        var failures = Failures(run, check);
        foreach (var resource in resources.Select(r => moto.Resolve(scenario, r)))
        {
            Assert.True(passed.Contains(resource), $"{check} in {scenario}: {resource} is not among the passed resources [{string.Join(", ", passed)}]");
            Assert.DoesNotContain(resource, failures);
        }
    }

    /// <summary>The resources the check reports as examined and passed.</summary>
    public static List<string> Passed(CliRun run, string check) =>
        run.Result(check).GetProperty("passed_resources").EnumerateArray().Select(r => r.GetString()!).ToList();

    public static void AssertStatus(CliRun run, string check, string status, string scenario)
    {
        var result = run.Result(check);
        Assert.True(result.GetProperty("status").GetString() == status,
            $"{check} in {scenario}: expected {status}, got {result.GetProperty("status").GetString()} ({result.GetProperty("reason")})\n"
            + string.Join("\n", Failures(run, check)) + "\n" + run.Stderr);
    }

    /// <summary>The resources the check fails in the scan are exactly <paramref name="resources"/> (templates, see <see cref="Expected"/>).</summary>
    public static void AssertFailures(this MotoServer moto, CliRun run, string scenario, string check, IEnumerable<string> resources) =>
        Assert.Equal(resources.Select(r => moto.Resolve(scenario, r)).Order(StringComparer.Ordinal), Failures(run, check));

    /// <summary>The distinct resources of the check's findings, in order.</summary>
    public static List<string> Failures(CliRun run, string check) => run.Result(check).GetProperty("findings").EnumerateArray()
        .Select(f => f.GetProperty("resource_id").GetString()!).Distinct().Order(StringComparer.Ordinal).ToList();

    public static string Resolve(this MotoServer moto, string scenario, string template) => Placeholder().Replace(template,
        m => m.Groups[1].Value == "account" ? moto.Accounts[scenario] : moto.ResourceIds[scenario][m.Groups[1].Value]);

    public static string Id(this MotoServer moto, string scenario, string name) => moto.ResourceIds[scenario][name];

    [GeneratedRegex(@"\{([a-z0-9-]+)\}")]
    private static partial Regex Placeholder();
}

/// <summary>A service's rows of the catalogue (static, so that the shared theory can enumerate them).</summary>
public interface IServiceCatalogue
{
    static abstract IReadOnlyList<Expected> Table { get; }
}

/// <summary>A service's catalogue tests: every row of its table checked against the three scenario scans.</summary>
public abstract class CatalogueTests<TService>(MotoServer moto) where TService : IServiceCatalogue
{
    protected MotoServer Moto { get; } = moto;

    public static TheoryData<string> Checks => [.. TService.Table.Select(e => e.Check)];

    [MotoTheory]
    [MemberData(nameof(Checks))]
    public void Each_scenario_gives_the_expected_status_and_failing_resources(string check) =>
        Moto.AssertScenarios(TService.Table.Single(e => e.Check == check));

    [Fact]
    public void Every_check_that_passes_the_hardened_account_names_a_resource_it_passed() =>
        Assert.Empty(TService.Table.Where(e => e.Hardened == Catalogue.Pass && e.Passes.Length + e.HardenedPasses.Length == 0).Select(e => e.Check));
}
