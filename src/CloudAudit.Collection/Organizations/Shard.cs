using System.Globalization;
using System.Text.RegularExpressions;

namespace CloudAudit.Collection.Organizations;

/// <summary>
/// One machine's share of a multi-account run (<c>--shard K/N</c>, K from 1 to N). Every shard lists the same
/// accounts and computes the same split, so the shards cover every account exactly once without talking to each other.
/// </summary>
public sealed partial record Shard(int Index, int Count)
{
    /// <exception cref="FormatException">Not K/N with 1 ≤ K ≤ N.</exception>
    public static Shard Parse(string text)
    {
        var match = Pattern().Match(text.Trim());
        if (!match.Success
            || !int.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            || !int.TryParse(match.Groups[2].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var count))
            throw new FormatException($"invalid --shard '{text}' (expected K/N, e.g. 2/5, with 1 <= K <= N)");
        if (count < 1 || index < 1 || index > count)
            throw new FormatException($"invalid --shard '{text}': K must be between 1 and N (got {index} of {count})");
        return new Shard(index, count);
    }

    /// <summary>
    /// This shard's accounts. Without durations: every N-th account in ID order. With the previous run's durations
    /// (seconds per account): longest first, each to the shard with the least work so far (ties to the lower shard),
    /// an account without a known duration counted as the median of the known ones.
    /// </summary>
    public IReadOnlyList<T> Select<T>(IReadOnlyList<T> accounts, Func<T, string> idOf, IReadOnlyDictionary<string, double>? durations = null)
    {
        var ordered = accounts.OrderBy(idOf, StringComparer.Ordinal).ToList();
        if (durations is null || durations.Count == 0)
            return ordered.Where((_, i) => i % Count == Index - 1).ToList();

        var known = ordered.Select(a => durations.GetValueOrDefault(idOf(a), double.NaN)).Where(d => !double.IsNaN(d)).Order().ToList();
        var median = known.Count == 0 ? 1 : known[known.Count / 2];
        var load = new double[Count];
        var mine = new List<T>();
        foreach (var (account, seconds) in ordered
                     .Select(a => (Account: a, Seconds: durations.TryGetValue(idOf(a), out var d) ? d : median))
                     .OrderByDescending(a => a.Seconds).ThenBy(a => idOf(a.Account), StringComparer.Ordinal))
        {
            var target = 0;
            for (var s = 1; s < Count; s++)
                if (load[s] < load[target])
                    target = s;
            load[target] += seconds;
            if (target == Index - 1)
                mine.Add(account);
        }
        return mine.OrderBy(idOf, StringComparer.Ordinal).ToList();
    }

    public override string ToString() => $"{Index}/{Count}";

    [GeneratedRegex(@"^(\d{1,6})/(\d{1,6})$")]
    private static partial Regex Pattern();
}
