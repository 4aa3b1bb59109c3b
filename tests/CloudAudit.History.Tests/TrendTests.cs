using CloudAudit.Analysis.Trends;
using CloudAudit.History.Store;
using CloudAudit.History.Trends;

namespace CloudAudit.History.Tests;

[Collection(nameof(StoreCollection))]
public sealed class TrendTests(StoreFixture stores)
{
    [Fact]
    public void Sparklines_span_the_series_from_lowest_to_highest()
    {
        Assert.Equal("▁▂▃▄▅▆▇█", Sparkline.Of([0, 1, 2, 3, 4, 5, 6, 7]));
        Assert.Equal("▁█▁", Sparkline.Of([40, 90, 40]));
        Assert.Equal("▁▁▁", Sparkline.Of([0, 0, 0]));
        Assert.Equal("▄▄", Sparkline.Of([70, 70]));
        Assert.Equal("▁█", Sparkline.Of([0, 100], floor: 0, ceiling: 100));
        Assert.Equal("", Sparkline.Of([]));
    }

    [Fact]
    public void Key_changes_are_big_score_moves_and_new_criticals()
    {
        static PosturePoint At(long id, int score, int critical) => new(id, Scans.Start.AddDays(id), "111111111111", score, critical, critical, 0, 0, 0, 0);
        var trend = new AccountTrend("111111111111", [At(1, 80, 0), At(2, 78, 0), At(3, 60, 0), At(4, 60, 1), At(5, 90, 0)]);
        Assert.Equal([(2L, 3L), (3L, 4L), (4L, 5L)], trend.KeyChanges.Select(c => (c.From.ScanId, c.To.ScanId)));
        Assert.Equal(30, trend.KeyChanges[^1].ScoreChange);
    }

    [Fact]
    public async Task The_trend_covers_one_account_or_every_account_in_the_history()
    {
        using var store = HistoryStore.Open(await stores.NewAsync(Database.Sqlite));
        Assert.Empty(PostureTrend.Of(store, null));
        for (var i = 0; i < 4; i++)
            store.Record(Scans.Of(Scans.Many(4 - i), Scans.Start.AddDays(i)));
        store.Record(Scans.Of(Scans.Many(1, account: "222222222222"), Scans.Start));

        var all = PostureTrend.Of(store, null);
        Assert.Equal(["111111111111", "222222222222"], all.Select(t => t.AccountId));
        Assert.Equal([4, 3, 2, 1], all[0].Points.Select(p => p.Findings));
        Assert.Equal([3, 2, 1], PostureTrend.Of(store, "111111111111", scans: 3)[0].Points.Select(p => p.Findings));
        Assert.Empty(PostureTrend.Of(store, "333333333333"));
    }
}
