namespace CloudAudit.Inventory.Snapshot;

/// <summary>What <c>merge</c> checks of its inputs, whether inventories or reports: one shard of each index, every account once.</summary>
public static class ShardSet
{
    /// <summary>One input as the checks see it.</summary>
    /// <param name="Shard">Which shard of which split the input is; null when it is not a shard.</param>
    public sealed record Input(string File, string Version, ShardScope? Shard, string? Organization, IReadOnlyList<string> Accounts);

    /// <exception cref="MergeException">
    /// The shards split the accounts differently, versions or organizations differ, a shard is missing or repeated, an
    /// account appears twice, or an account of the run is in no shard.
    /// </exception>
    public static void Check(IReadOnlyList<Input> inputs)
    {
        if (inputs.Count < 2)
            throw new MergeException("merge needs at least two files");
        CheckSplits(inputs);
        var versions = inputs.GroupBy(i => i.Version).ToList();
        if (versions.Count > 1)
            throw new MergeException("the files come from different versions: "
                + string.Join(", ", inputs.Select(i => $"{i.File} ({i.Version})")));
        var organizations = inputs.Select(i => i.Organization).Distinct().ToList();
        if (organizations.Count > 1)
            throw new MergeException("the files cover different organizations: "
                + string.Join(", ", inputs.Select(i => $"{i.File} ({i.Organization ?? "none"})")));

        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var input in inputs)
            foreach (var account in input.Accounts)
                if (!seen.TryAdd(account, input.File))
                    throw new MergeException($"the files overlap: account {account} is in both {seen[account]} and {input.File}");

        var shards = inputs.Where(i => i.Shard is not null).ToList();
        if (shards.Count == 0)
            return;
        if (shards.Count != inputs.Count)
            throw new MergeException("some files are shards of a run and some are not: "
                + string.Join(", ", inputs.Select(i => $"{i.File} ({(i.Shard is { } s ? $"shard {s.Index}/{s.Count}" : "not a shard")})")));
        var counts = shards.Select(s => (s.Shard!.Count, s.Shard.AccountsTotal)).Distinct().ToList();
        if (counts.Count > 1)
            throw new MergeException("the shards come from different splits: "
                + string.Join(", ", shards.Select(s => $"{s.File} (shard {s.Shard!.Index}/{s.Shard.Count} of {s.Shard.AccountsTotal} accounts)")));
        foreach (var repeated in shards.GroupBy(s => s.Shard!.Index).Where(g => g.Count() > 1))
            throw new MergeException($"the files overlap: shard {repeated.Key}/{counts[0].Count} is in {string.Join(" and ", repeated.Select(s => s.File))}");
        var missing = Enumerable.Range(1, counts[0].Count).Where(k => shards.All(s => s.Shard!.Index != k)).ToList();
        if (missing.Count > 0)
            throw new MergeException($"shard(s) {string.Join(", ", missing.Select(k => $"{k}/{counts[0].Count}"))} missing: the merge would not cover every account");
        if (shards[0].Shard!.Assignment is { } assignment)
        {
            var fileOf = shards.ToDictionary(s => s.Shard!.Index, s => s.File);
            var absent = assignment.Where(a => !seen.ContainsKey(a.Key)).ToList();
            if (absent.Count > 0)
                throw new MergeException($"{absent.Count} account(s) of the run are in no shard: "
                    + string.Join(", ", absent.Select(a => $"{a.Key} (shard {a.Value}/{counts[0].Count}, {fileOf.GetValueOrDefault(a.Value, "no file")})")));
        }
        if (seen.Count != counts[0].AccountsTotal)
            throw new MergeException($"the shards hold {seen.Count} accounts, but the run covered {counts[0].AccountsTotal}");
    }

    /// <summary>
    /// Shards that recorded their split must have split alike (same digest): otherwise some accounts are in two
    /// shards and others in none. Files from before the digest was recorded are merged as they always were.
    /// </summary>
    private static void CheckSplits(IReadOnlyList<Input> inputs)
    {
        var shards = inputs.Where(i => i.Shard is not null).ToList();
        if (shards.All(s => s.Shard!.SplitDigest is null))
            return;
        var splits = shards.GroupBy(s => s.Shard!.SplitDigest ?? "none").ToList();
        if (splits.Count > 1)
            throw new MergeException("the shards split the accounts differently (each shard's split digest covers N, the run's accounts and the balance): "
                + string.Join("; ", splits.Select(g => $"{string.Join(", ", g.Select(s => s.File))} ({Describe(g.First().Shard!)})")));
    }

    private static string Describe(ShardScope shard) => shard.SplitDigest is not { } digest ? "no split recorded"
        : $"{shard.Count} shards of {shard.AccountsTotal} accounts, balanced by {shard.Balance ?? "?"}, split {digest[..Math.Min(digest.Length, 19)]}";
}

/// <summary>Files that cannot be merged into one; the message names them.</summary>
public sealed class MergeException(string message) : Exception(message);
