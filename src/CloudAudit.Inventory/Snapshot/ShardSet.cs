namespace CloudAudit.Inventory.Snapshot;

/// <summary>What <c>merge</c> checks of its inputs, whether inventories or reports: one shard of each index, every account once.</summary>
public static class ShardSet
{
    /// <summary>One input as the checks see it.</summary>
    /// <param name="Shard">(index, count, accounts in the whole run) when the input is a shard; null otherwise.</param>
    public sealed record Input(string File, string Version, (int Index, int Count, int AccountsTotal)? Shard, string? Organization,
        IReadOnlyList<string> Accounts);

    /// <exception cref="MergeException">Versions or organizations differ, a shard is missing or repeated, or an account appears twice.</exception>
    public static void Check(IReadOnlyList<Input> inputs)
    {
        if (inputs.Count < 2)
            throw new MergeException("merge needs at least two files");
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
        var counts = shards.Select(s => (s.Shard!.Value.Count, s.Shard.Value.AccountsTotal)).Distinct().ToList();
        if (counts.Count > 1)
            throw new MergeException("the shards come from different splits: "
                + string.Join(", ", shards.Select(s => $"{s.File} (shard {s.Shard!.Value.Index}/{s.Shard.Value.Count} of {s.Shard.Value.AccountsTotal} accounts)")));
        foreach (var repeated in shards.GroupBy(s => s.Shard!.Value.Index).Where(g => g.Count() > 1))
            throw new MergeException($"the files overlap: shard {repeated.Key}/{counts[0].Count} is in {string.Join(" and ", repeated.Select(s => s.File))}");
        var missing = Enumerable.Range(1, counts[0].Count).Where(k => shards.All(s => s.Shard!.Value.Index != k)).ToList();
        if (missing.Count > 0)
            throw new MergeException($"shard(s) {string.Join(", ", missing.Select(k => $"{k}/{counts[0].Count}"))} missing: the merge would not cover every account");
        if (seen.Count != counts[0].AccountsTotal)
            throw new MergeException($"the shards hold {seen.Count} accounts, but the run covered {counts[0].AccountsTotal}");
    }
}

/// <summary>Files that cannot be merged into one; the message names them.</summary>
public sealed class MergeException(string message) : Exception(message);
