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
        var assignment = Assign(Count, accounts.Select(idOf), durations);
        return accounts.Where(a => assignment[idOf(a)] == Index).OrderBy(idOf, StringComparer.Ordinal).ToList();
    }

    /// <summary>Every account and the shard (1 to <paramref name="count"/>) it goes to, as <see cref="Select{T}"/> splits them.</summary>
    public static SortedDictionary<string, int> Assign(int count, IEnumerable<string> accounts, IReadOnlyDictionary<string, double>? durations)
    {
        var ordered = accounts.Distinct().Order(StringComparer.Ordinal).ToList();
        var assignment = new SortedDictionary<string, int>(StringComparer.Ordinal);
        if (durations is null || durations.Count == 0)
        {
            for (var i = 0; i < ordered.Count; i++)
                assignment[ordered[i]] = i % count + 1;
            return assignment;
        }

        var known = ordered.Select(a => durations.GetValueOrDefault(a, double.NaN)).Where(d => !double.IsNaN(d)).Order().ToList();
        var median = known.Count == 0 ? 1 : known[known.Count / 2];
        var load = new double[count];
        foreach (var (account, seconds) in ordered
                     .Select(a => (Account: a, Seconds: durations.TryGetValue(a, out var d) ? d : median))
                     .OrderByDescending(a => a.Seconds).ThenBy(a => a.Account, StringComparer.Ordinal))
        {
            var target = 0;
            for (var s = 1; s < count; s++)
                if (load[s] < load[target])
                    target = s;
            load[target] += seconds;
            assignment[account] = target + 1;
        }
        return assignment;
    }

    public override string ToString() => $"{Index}/{Count}";

    [GeneratedRegex(@"^(\d{1,6})/(\d{1,6})$")]
    private static partial Regex Pattern();
}
