namespace CloudAudit.Cli.Tests;

/// <summary>The multi-account options refuse bad input in one line with exit 2, before anything reaches AWS.</summary>
public class AccountOptionsTests
{
    [Theory]
    [InlineData("0/3", "error: invalid --shard '0/3': K must be between 1 and N (got 0 of 3)")]
    [InlineData("4/3", "error: invalid --shard '4/3': K must be between 1 and N (got 4 of 3)")]
    [InlineData("x", "error: invalid --shard 'x' (expected K/N, e.g. 2/5, with 1 <= K <= N)")]
    public void A_malformed_shard_exits_2(string shard, string error)
    {
        foreach (var command in new[] { "scan", "collect" })
        {
            string[] output = command == "collect" ? ["--output", "never-written.json"] : [];
            var run = CliRunner.Run([command, "--organization", "--shard", shard, .. output]);
            Assert.Equal(2, run.ExitCode);
            Assert.Equal(error + "\n", run.Stderr);
        }
    }

    [Theory]
    [InlineData("error: --ous needs --organization or --accounts", "--ous", "ou-abcd-12345678")]
    [InlineData("error: --ous needs --organization", "--accounts", "111122223333", "--ous", "ou-abcd-12345678")]
    [InlineData("error: --shard needs --organization or --accounts", "--shard", "1/2")]
    [InlineData("error: --org-role-name needs --organization or --accounts", "--org-role-name", "Audit")]
    [InlineData("error: invalid account ID '12345' in --accounts (expected 12 digits)", "--accounts", "12345")]
    [InlineData("error: invalid account ID 'abc' in --exclude-accounts (expected 12 digits)", "--organization", "--exclude-accounts", "abc")]
    [InlineData("error: invalid OU ID 'prod' (expected ou-xxxx-xxxxxxxx or a root r-xxxx)", "--organization", "--ous", "prod")]
    [InlineData("error: invalid role name 'a role' (expected a role name or path/name, such as OrganizationAccountAccessRole)", "--organization", "--org-role-name", "a role")]
    [InlineData("error: invalid --account-timeout 'soon' (expected a duration such as 90s, 30m or 2h)", "--organization", "--account-timeout", "soon")]
    [InlineData("error: --shard-balance needs --shard", "--organization", "--shard-balance", "previous.json")]
    [InlineData("error: --shard-balance history needs --shard-basis TIME (ISO 8601 UTC, the same for every shard of the run, e.g. its scheduled time)",
        "--organization", "--shard", "1/2", "--shard-balance", "history")]
    [InlineData("error: --shard-basis needs --shard-balance history", "--organization", "--shard", "1/2", "--shard-basis", "2026-12-08T10:00:00Z")]
    [InlineData("error: --shard-basis needs --shard-balance history", "--organization", "--shard", "1/2", "--shard-balance", "previous.json", "--shard-basis", "2026-12-08T10:00:00Z")]
    [InlineData("error: invalid --shard-basis '2026-12-08T10:00:00+02:00' (expected an ISO 8601 time in UTC, e.g. 2026-12-08T10:00:00Z)",
        "--organization", "--shard", "1/2", "--shard-balance", "history", "--shard-basis", "2026-12-08T10:00:00+02:00")]
    [InlineData("error: invalid --shard-basis 'tomorrow' (expected an ISO 8601 time in UTC, e.g. 2026-12-08T10:00:00Z)",
        "--organization", "--shard", "1/2", "--shard-balance", "history", "--shard-basis", "tomorrow")]
    [InlineData("error: --shard-basis needs --organization or --accounts", "--shard-basis", "2026-12-08T10:00:00Z")]
    public void Inconsistent_account_options_exit_2_naming_the_option(string error, params string[] args)
    {
        var run = CliRunner.Run(["scan", .. args]);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(error + "\n", run.Stderr);
    }

    [Fact]
    public void Collect_refuses_to_balance_by_the_history_it_does_not_read()
    {
        var run = CliRunner.Run("collect", "--organization", "--shard", "1/2", "--shard-balance", "history", "--shard-basis", "2026-12-08T10:00:00Z",
            "--output", "never-written.json");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("error: --shard-balance history: collect reads no history; use --shard-balance FILE (a previous run's report or inventory)\n", run.Stderr);
        Assert.False(File.Exists("never-written.json"));
    }
}
