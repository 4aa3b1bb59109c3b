using CloudAudit.Checks.Framework;
using CloudAudit.Inventory.Catalog;
using CloudAudit.Inventory.Views;

namespace CloudAudit.Checks.Rds;

/// <summary>CIS 2.2.4 (v5.0): databases survive the loss of an Availability Zone.</summary>
public sealed class RdsMultiAz : Check
{
    private static readonly RemediationTemplate InstanceFix = new(
        Cli: """
            # Adds a synchronous standby in another Availability Zone; write latency rises while it first syncs.
            aws rds modify-db-instance --region {region} --db-instance-identifier {db_instance} --multi-az --apply-immediately
            """,
        Terraform: """
            # Set in the instance's existing resource; its other arguments stay as they are.
            resource "aws_db_instance" "{db_instance:id}" {
              identifier        = {db_instance}
              engine            = {engine}
              instance_class    = {instance_class}
              allocated_storage = {allocated_storage:raw}
              multi_az          = true
            }
            """,
        DocUrl: "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Concepts.MultiAZSingleStandby.html",
        Effort: Effort.Low)
    {
        When = "the DB instance stands alone (not in a cluster)",
    };

    private static readonly RemediationTemplate ClusterFix = new(
        Cli: """
            # An Aurora cluster fails over to a replica: add a reader in an Availability Zone the cluster does not use yet.
            aws rds create-db-instance --region {region} --db-instance-identifier <NEW_READER_INSTANCE_ID> \
              --db-cluster-identifier {db_cluster} --engine {engine} --db-instance-class {instance_class} \
              --availability-zone {availability_zone}
            """,
        Terraform: """
            resource "aws_rds_cluster_instance" "{db_cluster:id}_reader" {
              identifier         = "<NEW_READER_INSTANCE_ID>"
              cluster_identifier = {db_cluster}
              engine             = {engine}
              instance_class     = {instance_class}
              availability_zone  = {availability_zone}
            }
            """,
        DocUrl: "https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Concepts.AuroraHighAvailability.html",
        Effort: Effort.Medium)
    {
        When = "an Aurora cluster has all its instances in one Availability Zone",
    };

    public override CheckInfo Info { get; } = new()
    {
        Id = "aws-rds-003",
        Title = "RDS database runs in a single Availability Zone",
        Service = "RDS",
        Severity = Severity.Medium,
        Category = Category.Reliability,
        ResourceType = "AWS::RDS::DBInstance",
        Description = "Lists DB instances and DB clusters in every scanned region and fails standalone instances whose "
            + "MultiAZ is false and clusters whose MultiAZ is false (all instances in one zone). Read replicas (the copy, not "
            + "the source, is redundant), RDS Custom instances and Aurora Serverless v1 clusters are skipped; cluster members "
            + "are judged through their cluster. DocumentDB and Neptune are left out.",
        Rationale = "A single-AZ database goes down with its Availability Zone and with its own host: recovery means "
            + "restoring from backup to a point before the failure, with minutes to hours of outage and possibly the "
            + "latest writes lost. A Multi-AZ standby or an Aurora replica in another zone takes over in about a minute "
            + "with no data loss.",
        CommonCauses =
        [
            "Multi-AZ doubles the instance cost and was left off to save money, sometimes also in production.",
            "An Aurora cluster was created with only a writer instance.",
            "The database started as a development instance and became production without changes.",
        ],
        Recommendation = "Convert production instances to Multi-AZ, and give Aurora clusters a replica in a second Availability Zone.",
        Remediation = InstanceFix,
        RemediationVariants = [ClusterFix],
        Compliance = Cis.Refs(v5: "2.2.4"),
    };

    public override IReadOnlyList<ApiCall> Reads { get; } = [RdsCalls.DescribeDBInstances, RdsCalls.DescribeDBClusters];

    public override void Evaluate(CheckContext context, Verdict verdict)
    {
        var estate = RdsEstate.Of(context);
        verdict.AddGaps(estate.Instances.Gaps).AddGaps(estate.Clusters.Gaps);
        foreach (var (region, instance) in estate.StandaloneInstances.Select(i => (i.Region, i.Resource)))
        {
            if (instance.IsReadReplica || instance.IsCustom)
                continue;
            verdict.Scanned(instance.Arn(context.Partition, region, context.AccountId));
            if (instance.MultiAZ != true)
                verdict.Fail(instance.Arn(context.Partition, region, context.AccountId), region,
                    $"DB instance {instance.DBInstanceIdentifier} ({instance.Engine}) runs in {instance.AvailabilityZone ?? "one Availability Zone"} only.",
                    RdsSlots.Instance(instance));
        }
        foreach (var cluster in estate.Clusters.Items)
        {
            var (region, resource) = (cluster.Region, cluster.Resource);
            if (resource.EngineMode == "serverless")
                continue;
            verdict.Scanned(resource.Arn(context.Partition, region, context.AccountId));
            if (resource.MultiAZ == true)
                continue;
            var members = estate.Members(cluster);
            var used = members.Select(m => m.AvailabilityZone).OfType<string>().ToHashSet(StringComparer.Ordinal);
            var spare = (resource.AvailabilityZones ?? []).Where(az => !used.Contains(az)).Order(StringComparer.Ordinal).FirstOrDefault();
            var zones = used.Count == 0 ? "no Availability Zone (it has no instance)" : string.Join(", ", used.Order(StringComparer.Ordinal));
            verdict.Fail(resource.Arn(context.Partition, region, context.AccountId), region,
                $"DB cluster {resource.DBClusterIdentifier} ({resource.Engine}) has instances in {zones} only: no replica can take over if that zone fails.",
                RdsSlots.Cluster(resource, members.FirstOrDefault()).With("availability_zone", RdsSlots.Or(spare, "OTHER_AVAILABILITY_ZONE")),
                resourceType: "AWS::RDS::DBCluster", remediation: ClusterFix);
        }
        verdict.NotApplicable("no RDS DB instance or cluster in the scanned regions");
    }
}
