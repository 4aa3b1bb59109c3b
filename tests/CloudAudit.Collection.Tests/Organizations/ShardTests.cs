using CloudAudit.Collection.Organizations;
using CloudAudit.Inventory.Snapshot;

namespace CloudAudit.Collection.Tests.Organizations;

public class ShardTests
{
    private static readonly IReadOnlyList<string> Accounts = Enumerable.Range(0, 23).Select(i => (200000000000L + i * 7919L).ToString(System.Globalization.CultureInfo.InvariantCulture)).Reverse().ToList();

    [Theory]
    [InlineData("1/1", 1, 1)]
    [InlineData("2/5", 2, 5)]
    [InlineData(" 5/5 ", 5, 5)]
    public void K_of_N_parses(string text, int index, int count) =>
        Assert.Equal(new Shard(index, count), Shard.Parse(text));

    [Theory]
    [InlineData("0/3", "K must be between 1 and N (got 0 of 3)")]
    [InlineData("4/3", "K must be between 1 and N (got 4 of 3)")]
    [InlineData("1/0", "K must be between 1 and N (got 1 of 0)")]
    [InlineData("x", "expected K/N")]
    [InlineData("1/3/4", "expected K/N")]
    [InlineData("-1/3", "expected K/N")]
    [InlineData("", "expected K/N")]
    public void A_malformed_shard_is_refused_with_its_reason(string text, string reason) =>
        Assert.Contains(reason, Assert.Throws<FormatException>(() => Shard.Parse(text)).Message);

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(40)]
    public void The_shards_cover_every_account_exactly_once(int count)
    {
        var shares = Enumerable.Range(1, count).Select(k => new Shard(k, count).Select(Accounts, a => a)).ToList();

        Assert.Equal(Accounts.Order(StringComparer.Ordinal), shares.SelectMany(s => s).Order(StringComparer.Ordinal));
        Assert.True(shares.Max(s => s.Count) - shares.Min(s => s.Count) <= 1);
        // Whatever order the organization lists its accounts in, each shard picks the same ones.
        Assert.Equal(shares[0], new Shard(1, count).Select(Accounts.Reverse().ToList(), a => a));
    }

    [Fact]
    public void With_the_previous_run_s_durations_the_shards_balance_time_not_counts()
    {
        // One account took as long as all the others together.
        var durations = Accounts.ToDictionary(a => a, _ => 10.0);
        durations[Accounts[5]] = 220;
        var shares = Enumerable.Range(1, 2).Select(k => new Shard(k, 2).Select(Accounts, a => a, durations)).ToList();

        Assert.Equal(Accounts.Order(StringComparer.Ordinal), shares.SelectMany(s => s).Order(StringComparer.Ordinal));
        var slow = shares.Single(s => s.Contains(Accounts[5]));
        Assert.Single(slow);
        Assert.Equal(22, shares.Single(s => s != slow).Count);
    }

    [Fact]
    public void An_account_without_a_known_duration_counts_as_the_median()
    {
        var durations = new Dictionary<string, double> { [Accounts[0]] = 100, [Accounts[1]] = 1, [Accounts[2]] = 1 };
        var shares = Enumerable.Range(1, 3).Select(k => new Shard(k, 3).Select(Accounts, a => a, durations)).ToList();

        Assert.Equal(Accounts.Order(StringComparer.Ordinal), shares.SelectMany(s => s).Order(StringComparer.Ordinal));
        Assert.Equal([Accounts[0]], shares.Single(s => s.Contains(Accounts[0])));
    }

    [Fact]
    public void The_assignment_gives_each_account_the_shard_that_selects_it()
    {
        var durations = new Dictionary<string, double> { [Accounts[0]] = 100, [Accounts[1]] = 1, [Accounts[2]] = 1 };

        foreach (var balance in new[] { null, durations })
        {
            var assignment = Shard.Assign(3, Accounts.Reverse(), balance);
            Assert.Equal(Accounts.Order(StringComparer.Ordinal), assignment.Keys);
            for (var k = 1; k <= 3; k++)
                Assert.Equal(new Shard(k, 3).Select(Accounts, a => a, balance), assignment.Where(a => a.Value == k).Select(a => a.Key));
        }
    }

    [Fact]
    public void The_split_digest_changes_with_N_the_accounts_and_the_balance_and_with_nothing_else()
    {
        var times = new Dictionary<string, double> { [Accounts[0]] = 100, ["999999999999"] = 5 };
        var digest = ShardSplit.Digest(3, Accounts, ShardSplit.ByFile, times);

        // The same run seen by another shard: accounts listed in another order, times of accounts outside the run.
        Assert.Equal(digest, ShardSplit.Digest(3, Accounts.Reverse(), ShardSplit.ByFile, new Dictionary<string, double> { [Accounts[0]] = 100 }));
        Assert.NotEqual(digest, ShardSplit.Digest(4, Accounts, ShardSplit.ByFile, times));
        Assert.NotEqual(digest, ShardSplit.Digest(3, Accounts.Skip(1), ShardSplit.ByFile, times));
        Assert.NotEqual(digest, ShardSplit.Digest(3, Accounts, ShardSplit.ByFile, new Dictionary<string, double> { [Accounts[0]] = 99 }));
        Assert.NotEqual(digest, ShardSplit.Digest(3, Accounts, ShardSplit.ByHistory(new DateTimeOffset(2026, 12, 8, 10, 0, 0, TimeSpan.Zero)), times));
        Assert.Equal("history before 2026-12-08T10:00:00Z", ShardSplit.ByHistory(new DateTimeOffset(2026, 12, 8, 12, 0, 0, TimeSpan.FromHours(2))));
    }
}
