namespace CloudAudit.Inventory.Snapshot;

/// <summary>
/// Combines the inventories of a sharded run (or of separate runs over different accounts) into one, as an unsharded
/// run would have written it: accounts in ID order, collected at the earliest shard's time. One file is read at a
/// time and its accounts kept on disk, so merging never holds more than one shard in memory.
/// </summary>
public static class SnapshotMerge
{
    /// <exception cref="SnapshotException">A file cannot be read as an inventory.</exception>
    /// <exception cref="MergeException">The files do not belong together (see <see cref="ShardSet.Check"/>).</exception>
    public static void Merge(IReadOnlyList<string> files, Stream output, bool gzip)
    {
        var folder = Directory.CreateTempSubdirectory("cloud-audit-merge-");
        try
        {
            var inputs = new List<ShardSet.Input>();
            var accountFiles = new SortedDictionary<string, string>(StringComparer.Ordinal);
            var headers = new List<InventorySnapshot>();
            var organizationFiles = new List<string>();
            foreach (var file in files)
            {
                var snapshot = SnapshotFile.Read(file);
                inputs.Add(new ShardSet.Input(file, $"inventory {snapshot.Version}, cloud-audit {snapshot.ToolVersion}",
                    snapshot.Shard, snapshot.Organization?.Id,
                    snapshot.Accounts.Select(a => a.AccountId).ToList()));
                foreach (var account in snapshot.Accounts)
                {
                    var path = Path.Combine(folder.FullName, $"{accountFiles.Count}.json");
                    using (var stream = File.Create(path))
                        SnapshotFile.WriteAccount(account, stream);
                    accountFiles.TryAdd(account.AccountId, path);
                }
                snapshot.Accounts = [];
                headers.Add(snapshot);
                if (snapshot.OrganizationInventory is not null)
                    organizationFiles.Add(file);
            }
            ShardSet.Check(inputs);
            // The organization's data is collected once per run (unsharded, or by shard 1): two copies are two runs.
            if (organizationFiles.Count > 1)
                throw new MergeException($"more than one inventory holds the organization's data ({string.Join(", ", organizationFiles)}): "
                    + "they come from separate --organization runs; merge the shards of one run");
            var header = Header(headers);

            IEnumerable<AccountInventory> Accounts()
            {
                foreach (var path in accountFiles.Values)
                {
                    using var stream = File.OpenRead(path);
                    yield return SnapshotFile.ReadAccount(stream);
                }
            }
            SnapshotFile.Write(header, Accounts(), output, gzip);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>The merged file's header: the earliest collection time; the source when every file agrees on it.</summary>
    private static InventorySnapshot Header(IReadOnlyList<InventorySnapshot> headers) => new()
    {
        Format = headers[0].Format,
        Version = headers[0].Version,
        ToolVersion = headers[0].ToolVersion,
        CollectedAt = headers.Min(h => h.CollectedAt),
        Source = headers.Select(h => h.Source).Distinct().Count() == 1 ? headers[0].Source : "merged",
        Organization = headers[0].Organization,
        OrganizationInventory = headers.Select(h => h.OrganizationInventory).OfType<AccountInventory>().FirstOrDefault(),
    };
}
