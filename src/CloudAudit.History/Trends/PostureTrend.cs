using CloudAudit.Analysis.Trends;
using CloudAudit.History.Store;

namespace CloudAudit.History.Trends;

/// <summary>A notable step between two consecutive scans of an account.</summary>
public sealed record TrendChange(PosturePoint From, PosturePoint To)
{
    public int ScoreChange => To.Score - From.Score;
    public int FindingsChange => To.Findings - From.Findings;
}

/// <summary>One account's recent posture, oldest scan first.</summary>
public sealed record AccountTrend(string AccountId, IReadOnlyList<PosturePoint> Points)
{
    /// <summary>Steps that moved the score by 5 or more or brought a new critical finding, newest last (at most five).</summary>
    public IReadOnlyList<TrendChange> KeyChanges { get; } = Points.Zip(Points.Skip(1), (a, b) => new TrendChange(a, b))
        .Where(c => Math.Abs(c.ScoreChange) >= 5 || c.To.Critical > c.From.Critical)
        .TakeLast(5)
        .ToList();
}

/// <summary>Posture over recorded scans: what <c>trend</c>, the HTML report's chart and MCP's get_trend read.</summary>
public static class PostureTrend
{
    public const int DefaultScans = 30;

    /// <summary>The trend of <paramref name="account"/>, or of every account in the history when null.</summary>
    public static IReadOnlyList<AccountTrend> Of(HistoryStore store, string? account, int scans = DefaultScans)
    {
        if (scans < 1)
            throw new ArgumentOutOfRangeException(nameof(scans), "at least one scan");
        var accounts = account is null ? store.Accounts() : [account];
        return accounts.Select(a => new AccountTrend(a, store.Trend(a, scans))).Where(t => t.Points.Count > 0).ToList();
    }
}

/// <summary>Unicode block sparklines: ▁ for the lowest value of the series, █ for the highest.</summary>
public static class Sparkline
{
    private const string Bars = "▁▂▃▄▅▆▇█";

    public static string Of(IReadOnlyList<int> values, int? floor = null, int? ceiling = null)
    {
        if (values.Count == 0) return "";
        var low = floor ?? values.Min();
        var high = ceiling ?? values.Max();
        // A flat series is a flat line: at the bottom when it is all zero, mid-height otherwise.
        if (high == low)
            return new string(Bars[values[0] == 0 ? 0 : Bars.Length / 2 - 1], values.Count);
        return string.Concat(values.Select(v => Bars[(int)Math.Round((double)(Math.Clamp(v, low, high) - low) / (high - low) * (Bars.Length - 1))]));
    }
}
