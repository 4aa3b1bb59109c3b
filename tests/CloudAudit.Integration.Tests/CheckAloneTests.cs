using CloudAudit.Integration.Tests.Moto;
using static CloudAudit.Integration.Tests.Catalogue;

namespace CloudAudit.Integration.Tests;

/// <summary>
/// Each catalogued check run alone (<c>--checks ID</c>) over the exposed account: the collector then reads only what
/// the check declares, so a check that reads anything else finds it "not collected". The test fails on any such gap,
/// naming the undeclared operation, and on any verdict that differs from the check's in the full catalogue scan.
/// </summary>
[Collection(nameof(MotoCollection))]
public sealed class CheckAloneTests(MotoServer moto)
{
    public static TheoryData<string> Checks => [.. Catalogue.Checks];

    [MotoTheory]
    [MemberData(nameof(Checks))]
    public void Run_alone_a_check_reads_only_what_it_declares_and_gives_its_catalogue_verdict(string check)
    {
        var expected = Table.Single(e => e.Check == check);

        var run = moto.ScanChecks("exposed", [check]);

        var undeclared = run.Result(check).GetProperty("gaps").EnumerateArray()
            .Where(g => g.GetProperty("cause").GetString() == "not collected")
            .Select(g => $"{g.GetProperty("region").GetString()} {g.GetProperty("service").GetString()}:{g.GetProperty("operation").GetString()}")
            .ToList();
        Assert.True(undeclared.Count == 0, $"{check} reads what it does not declare: {string.Join(", ", undeclared)}");
        AssertStatus(run, check, expected.Exposed, "exposed, run alone");
        if (expected.FoldedInto is null)
            moto.AssertFailures(run, "exposed", check, expected.ExposedFailures);
    }
}
