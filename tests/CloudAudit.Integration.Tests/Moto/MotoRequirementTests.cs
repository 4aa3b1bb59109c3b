using CloudAudit.Testing;

namespace CloudAudit.Integration.Tests.Moto;

/// <summary>Where moto is missing, a developer's run skips the moto tests loudly; a CI run (CI=true) fails them.</summary>
public sealed class MotoRequirementTests
{
    private const string Missing = "python3 cannot import moto, boto3 and flask (No module named 'moto')";

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("false")]
    public void Outside_CI_a_missing_moto_skips_its_tests_naming_what_is_missing(string? ci)
    {
        var reason = MotoProcess.SkipReasonFor(Missing, ci);

        Assert.NotNull(reason);
        Assert.StartsWith("MOTO MISSING: ", reason);
        Assert.Contains("No module named 'moto'", reason);
        Assert.False(MotoProcess.EnsureAvailable(Missing, ci));
    }

    [Theory]
    [InlineData("true")]
    [InlineData("TRUE")]
    [InlineData("1")]
    public void Under_CI_a_missing_moto_fails_the_tests_instead_of_skipping_them(string ci)
    {
        Assert.Null(MotoProcess.SkipReasonFor(Missing, ci));
        var error = Assert.Throws<InvalidOperationException>(() => MotoProcess.EnsureAvailable(Missing, ci));
        Assert.Contains("CI=true", error.Message);
        Assert.Contains("No module named 'moto'", error.Message);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("true")]
    public void Where_moto_runs_nothing_is_skipped(string? ci)
    {
        Assert.Null(MotoProcess.SkipReasonFor(null, ci));
        Assert.True(MotoProcess.EnsureAvailable(null, ci));
    }
}
