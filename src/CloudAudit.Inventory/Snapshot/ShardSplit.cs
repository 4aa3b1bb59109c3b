using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace CloudAudit.Inventory.Snapshot;

/// <summary>
/// How a sharded run split its accounts, recorded by every shard so <c>merge</c> can tell shards that split alike
/// from shards that did not (another account list, another N, other collection times to balance by).
/// </summary>
public static class ShardSplit
{
    /// <summary>The balance of a split by account ID alone.</summary>
    public const string ByAccountId = "account-id";

    /// <summary>The balance of a split by a <c>--shard-balance FILE</c>.</summary>
    public const string ByFile = "file";

    /// <summary>The balance of a split by the history's scans that started before <paramref name="basis"/>.</summary>
    public static string ByHistory(DateTimeOffset basis) => $"history before {basis.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)}";

    /// <summary>
    /// SHA-256 over everything that decides the split: N, every account of the run in ID order, what it was balanced by
    /// and each account's seconds from that input (only the run's accounts: the others do not change the split).
    /// </summary>
    public static string Digest(int count, IEnumerable<string> accounts, string balance, IReadOnlyDictionary<string, double>? seconds)
    {
        var text = new StringBuilder().Append("cloud-audit shard split 1\nshards ").Append(count.ToString(CultureInfo.InvariantCulture))
            .Append("\nbalance ").Append(balance).Append('\n');
        foreach (var account in accounts.Order(StringComparer.Ordinal))
            text.Append(account).Append(' ')
                .Append(seconds is not null && seconds.TryGetValue(account, out var s) ? s.ToString("R", CultureInfo.InvariantCulture) : "-").Append('\n');
        return "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
