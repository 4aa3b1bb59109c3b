using CloudAudit.Cli.Output;
using CloudAudit.Collection;
using CloudAudit.Collection.Organizations;

namespace CloudAudit.Cli.Tests;

/// <summary>The per-account bars of a multi-account collection fit a terminal however many accounts are in flight.</summary>
public class AccountProgressDisplayTests
{
    private static readonly string[] Accounts = [.. Enumerable.Range(0, 40).Select(i => $"1000000000{i:D2}")];

    [Fact]
    public void Forty_accounts_in_flight_get_at_most_the_bar_limit_and_the_total_line_counts_them_all()
    {
        var (display, output) = NewDisplay();
        foreach (var account in Accounts)
        {
            display.Add(new AccountProgress(account, AccountState.Collecting));
            display.Add(new AccountProgress(account, AccountState.Collecting, new CallProgress("iam", "global", "ListUsers", CallState.Planned)));
        }

        display.ShowUntilDone(Task.CompletedTask);

        var text = output.ToString();
        var drawn = Accounts.Count(a => text.Contains(a, StringComparison.Ordinal));
        Assert.Equal(AccountProgressDisplay.MostAccountBars, drawn);
        Assert.Contains("accounts 0/40, 40 collecting", text, StringComparison.Ordinal);
    }

    [Fact]
    public void An_account_that_ends_gives_its_bar_to_one_still_collecting()
    {
        var (display, output) = NewDisplay();
        foreach (var account in Accounts)
            display.Add(new AccountProgress(account, AccountState.Collecting));
        // The first twelve accounts are done before the display draws: the bars go to the next twelve.
        foreach (var account in Accounts.Take(AccountProgressDisplay.MostAccountBars))
            display.Add(new AccountProgress(account, AccountState.Collected));

        display.ShowUntilDone(Task.CompletedTask);

        var text = output.ToString();
        Assert.DoesNotContain(Accounts[0], text, StringComparison.Ordinal);
        Assert.Equal(AccountProgressDisplay.MostAccountBars,
            Accounts.Skip(AccountProgressDisplay.MostAccountBars).Count(a => text.Contains(a, StringComparison.Ordinal)));
        Assert.Contains($"accounts {AccountProgressDisplay.MostAccountBars}/40, 28 collecting", text, StringComparison.Ordinal);
    }

    private static (AccountProgressDisplay Display, StringWriter Output) NewDisplay()
    {
        var output = new StringWriter();
        return (new AccountProgressDisplay(Accounts.Length, Accounts.ToDictionary(a => a, _ => (string?)null), output, bars: true), output);
    }
}
