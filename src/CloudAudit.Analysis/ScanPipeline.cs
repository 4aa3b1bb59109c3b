using CloudAudit.Checks.Framework;
using CloudAudit.Inventory.Snapshot;

namespace CloudAudit.Analysis;

/// <summary>Evaluates selected checks over an inventory and analyses the results into a report.</summary>
public static class ScanPipeline
{
    public static ScanReport Evaluate(InventorySnapshot snapshot, IReadOnlyList<Check> checks, AnalysisOptions options,
        string source, string toolVersion, TimeSpan collectionTime = default, Action<Check>? onEvaluated = null)
    {
        // Checks judge the inventory as of its collection, so saved snapshots evaluate the same later.
        var scan = new ScanAccumulator(checks, snapshot.CollectedAt, options, onEvaluated, organizationOnce: snapshot.Organization is not null);
        // The organization is evaluated once per run: by the unsharded inventory or shard 1's (merged shards keep its copy).
        if (snapshot.CarriesOrganization)
            scan.AddOrganization(snapshot.OrganizationInventory, snapshot.Organization!.ManagementAccountId,
                "the inventory holds no organization data (collected by a cloud-audit before organization checks); collect it again");
        foreach (var account in snapshot.Accounts)
            scan.Add(account);
        return scan.Finish(source, toolVersion, snapshot.CollectedAt, collectionTime, snapshot.Organization) with
        {
            Shard = snapshot.Shard is { } shard ? ScanShard.Of(shard) : null,
        };
    }
}
