namespace CloudAudit.Integration.Tests;

/// <summary>The CLI runs of these tests find a throw-away history, not the user's.</summary>
public sealed class TestHistoryTests
{
    [Fact]
    public void A_cli_run_without_history_flags_reads_a_throw_away_store_not_the_user_s()
    {
        var user = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cloud-audit", "history.db");

        var run = CliRunner.Run("history", "show", "999999999");

        Assert.Equal(2, run.ExitCode);
        var store = Environment.GetEnvironmentVariable("CLOUD_AUDIT_HISTORY");
        Assert.NotNull(store);
        Assert.StartsWith(Path.GetTempPath(), store);
        Assert.Contains(store, run.Stderr);
        Assert.DoesNotContain(user, run.Stderr);
    }
}
