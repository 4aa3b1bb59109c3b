using CloudAudit.Checks.Framework;
using CloudAudit.Inventory.Catalog;
using CloudAudit.Inventory.Views;

namespace CloudAudit.Checks.Rds;

/// <summary>CIS 2.3.1 (v3.0) / 2.2.1 (v5.0): DB storage is encrypted at rest; cluster storage is judged at the cluster.</summary>
public sealed class RdsStorageEncryption : Check
{
    private const string DocUrl = "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Overview.Encryption.html";

    private static readonly RemediationTemplate InstanceFix = new(
        Cli: """
            # Encryption cannot be switched on in place: snapshot the instance, copy the snapshot with a KMS key,
            # restore the encrypted copy as a new instance, move clients to it, then delete the old instance.
            aws rds create-db-snapshot --region {region} --db-instance-identifier {db_instance} \
              --db-snapshot-identifier {snapshot}
            aws rds wait db-snapshot-available --region {region} --db-snapshot-identifier {snapshot}
            aws rds copy-db-snapshot --region {region} --source-db-snapshot-identifier {snapshot} \
              --target-db-snapshot-identifier {encrypted_snapshot} --kms-key-id <KMS_KEY_ARN>
            aws rds wait db-snapshot-available --region {region} --db-snapshot-identifier {encrypted_snapshot}
            aws rds restore-db-instance-from-db-snapshot --region {region} \
              --db-instance-identifier <NEW_DB_INSTANCE_ID> \
              --db-snapshot-identifier {encrypted_snapshot} \
              --db-instance-class {instance_class} \
              --db-subnet-group-name {subnet_group} \
              --vpc-security-group-ids {security_groups:raw} \
              {multi_az_flag:raw} --no-publicly-accessible
            """,
        Terraform: """
            # Setting storage_encrypted on the existing aws_db_instance would replace it with an empty instance.
            # Restore the encrypted snapshot made by the CLI steps as a new instance, then retire the old one.
            data "aws_db_instance" "{db_instance:id}" {
              db_instance_identifier = {db_instance}
            }

            resource "aws_db_instance" "{db_instance:id}_encrypted" {
              identifier             = "<NEW_DB_INSTANCE_ID>"
              snapshot_identifier    = {encrypted_snapshot}
              instance_class         = data.aws_db_instance.{db_instance:id}.db_instance_class
              db_subnet_group_name   = data.aws_db_instance.{db_instance:id}.db_subnet_group
              vpc_security_group_ids = data.aws_db_instance.{db_instance:id}.vpc_security_groups
              multi_az               = data.aws_db_instance.{db_instance:id}.multi_az
              storage_encrypted      = true
              kms_key_id             = "<KMS_KEY_ARN>"
              publicly_accessible    = false
            }
            """,
        DocUrl: DocUrl,
        Effort: Effort.High)
    {
        When = "the DB instance stands alone (not in a cluster)",
    };

    private static readonly RemediationTemplate ClusterFix = new(
        Cli: """
            # Encryption cannot be switched on in place: snapshot the cluster, restore the snapshot as a new cluster
            # encrypted with a KMS key, add an instance, move clients to the new endpoints, then delete the old cluster.
            aws rds create-db-cluster-snapshot --region {region} --db-cluster-identifier {db_cluster} \
              --db-cluster-snapshot-identifier {snapshot}
            aws rds wait db-cluster-snapshot-available --region {region} --db-cluster-snapshot-identifier {snapshot}
            aws rds restore-db-cluster-from-snapshot --region {region} \
              --db-cluster-identifier <NEW_DB_CLUSTER_ID> \
              --snapshot-identifier {snapshot} \
              --engine {engine} --engine-version {engine_version} \
              --kms-key-id <KMS_KEY_ARN> \
              --db-subnet-group-name {subnet_group} \
              --vpc-security-group-ids {security_groups:raw}
            aws rds wait db-cluster-available --region {region} --db-cluster-identifier <NEW_DB_CLUSTER_ID>
            aws rds create-db-instance --region {region} \
              --db-instance-identifier <NEW_DB_INSTANCE_ID> \
              --db-cluster-identifier <NEW_DB_CLUSTER_ID> \
              --engine {engine} --db-instance-class {instance_class}
            """,
        Terraform: """
            # Setting storage_encrypted on the existing aws_rds_cluster would replace it with an empty cluster.
            # Restore the snapshot made by the CLI steps as a new, encrypted cluster, then retire the old one.
            data "aws_rds_cluster" "{db_cluster:id}" {
              cluster_identifier = {db_cluster}
            }

            resource "aws_rds_cluster" "{db_cluster:id}_encrypted" {
              cluster_identifier     = "<NEW_DB_CLUSTER_ID>"
              snapshot_identifier    = {snapshot}
              engine                 = data.aws_rds_cluster.{db_cluster:id}.engine
              engine_version         = data.aws_rds_cluster.{db_cluster:id}.engine_version
              db_subnet_group_name   = data.aws_rds_cluster.{db_cluster:id}.db_subnet_group_name
              vpc_security_group_ids = data.aws_rds_cluster.{db_cluster:id}.vpc_security_group_ids
              storage_encrypted      = true
              kms_key_id             = "<KMS_KEY_ARN>"
            }

            resource "aws_rds_cluster_instance" "{db_cluster:id}_encrypted" {
              identifier         = "<NEW_DB_INSTANCE_ID>"
              cluster_identifier = aws_rds_cluster.{db_cluster:id}_encrypted.id
              engine             = aws_rds_cluster.{db_cluster:id}_encrypted.engine
              instance_class     = {instance_class}
            }
            """,
        DocUrl: "https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Overview.Encryption.html",
        Effort: Effort.High)
    {
        When = "the storage belongs to an Aurora or Multi-AZ DB cluster",
    };

    public override CheckInfo Info { get; } = new()
    {
        Id = "aws-rds-002",
        Title = "RDS storage not encrypted at rest",
        Service = "RDS",
        Severity = Severity.High,
        ResourceType = "AWS::RDS::DBInstance",
        Description = "Lists DB instances and DB clusters in every scanned region (DescribeDBInstances, DescribeDBClusters) "
            + "and fails each standalone instance, and each cluster, whose StorageEncrypted is false. Cluster members share "
            + "their cluster's storage and are judged through it. DocumentDB and Neptune are left out.",
        Rationale = "An unencrypted database leaves its storage, automated backups, snapshots and read replicas in clear "
            + "text. A snapshot shared by mistake, or copied by someone with snapshot permissions, then gives the whole "
            + "database away with no KMS permission in between, and the encryption-at-rest requirement of PCI DSS, HIPAA "
            + "and similar regimes is not met.",
        CommonCauses =
        [
            "The database was created before encryption was the console default, or from an old template without StorageEncrypted.",
            "It was restored from an unencrypted snapshot, which yields an unencrypted database.",
            "Encryption is chosen at creation and cannot be switched on later without a snapshot and restore.",
        ],
        Recommendation = "Recreate the database encrypted: copy a snapshot with a KMS key (or restore a cluster snapshot with one) and move clients to the restored database.",
        Remediation = InstanceFix,
        RemediationVariants = [ClusterFix],
        Compliance = Cis.Refs(v3: "2.3.1", v5: "2.2.1"),
    };

    public override IReadOnlyList<ApiCall> Reads { get; } = [RdsCalls.DescribeDBInstances, RdsCalls.DescribeDBClusters];

    public override void Evaluate(CheckContext context, Verdict verdict)
    {
        var estate = RdsEstate.Of(context);
        verdict.AddGaps(estate.Instances.Gaps).AddGaps(estate.Clusters.Gaps);
        foreach (var (region, instance) in estate.StandaloneInstances.Select(i => (i.Region, i.Resource)))
        {
            verdict.Scanned(instance.Arn(context.Partition, region, context.AccountId));
            if (instance.StorageEncrypted == true)
                continue;
            var slots = RdsSlots.Instance(instance)
                .With("snapshot", $"{instance.DBInstanceIdentifier}-pre-encryption")
                .With("encrypted_snapshot", $"{instance.DBInstanceIdentifier}-encrypted")
                .With("subnet_group", RdsSlots.Or(instance.DBSubnetGroup?.DBSubnetGroupName, "DB_SUBNET_GROUP"))
                .With("security_groups", SecurityGroups(instance.VpcSecurityGroups))
                .With("multi_az_flag", instance.MultiAZ == true ? "--multi-az" : "--no-multi-az");
            verdict.Fail(instance.Arn(context.Partition, region, context.AccountId), region,
                $"DB instance {instance.DBInstanceIdentifier} ({instance.Engine}) stores its data unencrypted.", slots);
        }
        foreach (var cluster in estate.Clusters.Items)
        {
            verdict.Scanned(cluster.Resource.Arn(context.Partition, cluster.Region, context.AccountId));
            var (region, resource) = (cluster.Region, cluster.Resource);
            if (resource.StorageEncrypted == true)
                continue;
            var slots = RdsSlots.Cluster(resource, estate.Members(cluster).FirstOrDefault())
                .With("snapshot", $"{resource.DBClusterIdentifier}-pre-encryption")
                .With("subnet_group", RdsSlots.Or(resource.DBSubnetGroup, "DB_SUBNET_GROUP"))
                .With("security_groups", SecurityGroups(resource.VpcSecurityGroups));
            verdict.Fail(resource.Arn(context.Partition, region, context.AccountId), region,
                $"DB cluster {resource.DBClusterIdentifier} ({resource.Engine}) stores its data unencrypted.", slots,
                resourceType: "AWS::RDS::DBCluster", remediation: ClusterFix);
        }
        verdict.NotApplicable("no RDS DB instance or cluster in the scanned regions");
    }

    /// <summary>The security groups as one comma-separated CLI list.</summary>
    private static SlotValue SecurityGroups(List<VpcSecurityGroupMembership>? groups)
    {
        var ids = (groups ?? []).Select(g => g.VpcSecurityGroupId).OfType<string>().ToList();
        return ids.Count == 0 ? new SlotValue.Placeholder("SECURITY_GROUP_IDS") : string.Join(",", ids);
    }
}
