using System.Globalization;
using CloudAudit.Checks.Framework;
using CloudAudit.Inventory.Views;

namespace CloudAudit.Checks.Rds;

/// <summary>The account's DB instances and DB clusters across the scanned regions, read once per account.</summary>
public sealed class RdsEstate
{
    private RdsEstate(Gathered<Located<DBInstance>> instances, Gathered<Located<DBCluster>> clusters)
    {
        Instances = instances;
        Clusters = clusters;
    }

    public Gathered<Located<DBInstance>> Instances { get; }
    public Gathered<Located<DBCluster>> Clusters { get; }

    /// <summary>Instances that stand alone: not members of an Aurora or Multi-AZ DB cluster.</summary>
    public IEnumerable<Located<DBInstance>> StandaloneInstances => Instances.Items.Where(i => !i.Resource.InCluster);

    public static RdsEstate Of(CheckContext context) => context.Shared(c =>
    {
        var rds = c.Data.Rds();
        return new RdsEstate(rds.Instances(), rds.Clusters());
    });

    /// <summary>The cluster's instances that were listed, writer first.</summary>
    public IReadOnlyList<DBInstance> Members(Located<DBCluster> cluster)
    {
        var members = cluster.Resource.DBClusterMembers ?? [];
        return Instances.Items
            .Where(i => i.Region == cluster.Region && i.Resource.DBClusterIdentifier == cluster.Resource.DBClusterIdentifier)
            .Select(i => i.Resource)
            .OrderByDescending(i => members.Any(m => m.DBInstanceIdentifier == i.DBInstanceIdentifier && m.IsClusterWriter == true))
            .ThenBy(i => i.DBInstanceIdentifier, StringComparer.Ordinal)
            .ToList();
    }
}

/// <summary>Remediation slot values for RDS resources.</summary>
internal static class RdsSlots
{
    public static SlotValues Instance(DBInstance instance) => new SlotValues()
        .With("db_instance", instance.DBInstanceIdentifier)
        .With("engine", Or(instance.Engine, "ENGINE"))
        .With("instance_class", Or(instance.DBInstanceClass, "DB_INSTANCE_CLASS"))
        .With("allocated_storage", instance.AllocatedStorage is { } gb
            ? gb.ToString(CultureInfo.InvariantCulture) : new SlotValue.Placeholder("ALLOCATED_STORAGE_GB"))
        .With("db_cluster", Or(instance.DBClusterIdentifier, "DB_CLUSTER_ID"));

    public static SlotValues Cluster(DBCluster cluster, DBInstance? writer) => new SlotValues()
        .With("db_cluster", cluster.DBClusterIdentifier)
        .With("engine", Or(cluster.Engine, "ENGINE"))
        .With("engine_version", Or(cluster.EngineVersion, "ENGINE_VERSION"))
        .With("instance_class", Or(writer?.DBInstanceClass, "DB_INSTANCE_CLASS"));

    public static SlotValue Or(string? value, string placeholder) =>
        string.IsNullOrEmpty(value) ? new SlotValue.Placeholder(placeholder) : value;
}
