using CloudAudit.Checks.Framework;
using CloudAudit.Checks.Tests.Support;
using CloudAudit.Inventory.Catalog;
using static CloudAudit.Checks.Tests.Rds.RdsData;

namespace CloudAudit.Checks.Tests.Rds;

public class RdsChecksTests
{
    private static TestAccount Databases(string[] instances, params string[] clusters) =>
        new TestAccount("eu-west-1").WithDatabases(instances, clusters);

    private const string Arn = "arn:aws:rds:eu-west-1:111122223333:db:";

    [Fact]
    public void Public_instances_fail_with_the_fix_for_their_kind()
    {
        var result = Databases([
            Instance("crm", engine: "mysql", publicAccess: true),
            Instance("w-1", engine: "aurora-postgresql", publicAccess: true, cluster: "analytics"),
            Instance("orders"),
            Instance("docs", engine: "docdb", publicAccess: true)]).Run("aws-rds-001");

        Assert.Equal([Arn + "crm", Arn + "w-1"], result.Findings.Select(f => f.ResourceId).Order());
        Assert.Equal(3, result.ResourcesScanned);
        var crm = result.Findings.Single(f => f.ResourceId == Arn + "crm").Remediation!;
        Assert.Equal("aws rds modify-db-instance --region eu-west-1 --db-instance-identifier crm --no-publicly-accessible --apply-immediately", crm.Cli);
        Assert.Contains("resource \"aws_db_instance\" \"crm\"", crm.Terraform);
        Assert.Contains("publicly_accessible = false", crm.Terraform);
        var member = result.Findings.Single(f => f.ResourceId == Arn + "w-1").Remediation!;
        Assert.Contains("resource \"aws_rds_cluster_instance\" \"w_1\"", member.Terraform);
        Assert.Contains("cluster_identifier  = \"analytics\"", member.Terraform);
    }

    [Fact]
    public void Rds_checks_pass_on_a_well_configured_instance()
    {
        var account = Databases([Instance("orders")], Cluster("analytics", multiAz: true));
        foreach (var id in new[] { "aws-rds-001", "aws-rds-002", "aws-rds-003", "aws-rds-004" })
            Assert.Equal(CheckStatus.Pass, account.Run(id).Status);
    }

    [Fact]
    public void Rds_checks_are_not_assessed_in_a_denied_region_and_not_applicable_without_databases()
    {
        var denied = new TestAccount("eu-west-1").Denied(RdsCalls.DescribeDBInstances, "eu-west-1").Denied(RdsCalls.DescribeDBClusters, "eu-west-1");
        var empty = Databases([]);
        foreach (var id in new[] { "aws-rds-001", "aws-rds-002", "aws-rds-003", "aws-rds-004" })
        {
            Assert.Equal(CheckStatus.NotAssessed, denied.Run(id).Status);
            Assert.Equal(CheckStatus.NotApplicable, empty.Run(id).Status);
        }
    }

    [Fact]
    public void Encryption_is_judged_per_standalone_instance_and_per_cluster()
    {
        var result = Databases(
            [Instance("crm", engine: "mysql", encrypted: false, multiAz: false), Instance("w-1", engine: "aurora-postgresql", encrypted: false, cluster: "analytics")],
            Cluster("analytics", encrypted: false)).Run("aws-rds-002");

        Assert.Equal(2, result.ResourcesScanned);
        var instance = result.Findings.Single(f => f.ResourceId == Arn + "crm");
        Assert.Contains("aws rds copy-db-snapshot --region eu-west-1 --source-db-snapshot-identifier crm-pre-encryption \\", instance.Remediation!.Cli);
        Assert.Contains("--target-db-snapshot-identifier crm-encrypted --kms-key-id <KMS_KEY_ARN>", instance.Remediation.Cli);
        Assert.Contains("--db-subnet-group-name data-subnets", instance.Remediation.Cli);
        Assert.Contains("--vpc-security-group-ids sg-0a1,sg-0b2", instance.Remediation.Cli);
        Assert.Contains("--no-multi-az --no-publicly-accessible", instance.Remediation.Cli);
        Assert.Contains("--db-instance-identifier <NEW_DB_INSTANCE_ID>", instance.Remediation.Cli);
        Assert.Contains("snapshot_identifier    = \"crm-encrypted\"", instance.Remediation.Terraform);

        var cluster = result.Findings.Single(f => f.ResourceId == "arn:aws:rds:eu-west-1:111122223333:cluster:analytics");
        Assert.Equal("AWS::RDS::DBCluster", cluster.ResourceType);
        Assert.Contains("aws rds restore-db-cluster-from-snapshot --region eu-west-1", cluster.Remediation!.Cli);
        Assert.Contains("--snapshot-identifier analytics-pre-encryption", cluster.Remediation.Cli);
        Assert.Contains("--engine aurora-postgresql --db-instance-class db.r6g.large", cluster.Remediation.Cli);
        Assert.Contains("resource \"aws_rds_cluster\" \"analytics_encrypted\"", cluster.Remediation.Terraform);
    }

    [Fact]
    public void Single_az_instances_and_clusters_fail_but_replicas_and_serverless_v1_are_skipped()
    {
        var result = Databases(
            [
                Instance("crm", engine: "mysql", multiAz: false, az: "eu-west-1b"),
                Instance("crm-reporting", engine: "mysql", multiAz: false, replicaOf: "crm"),
                Instance("w-1", engine: "aurora-postgresql", multiAz: false, cluster: "analytics", az: "eu-west-1a"),
            ],
            Cluster("analytics"), Cluster("legacy-serverless", mode: "serverless", writer: "none")).Run("aws-rds-003");

        Assert.Equal(2, result.ResourcesScanned);
        var instance = result.Findings.Single(f => f.ResourceId == Arn + "crm");
        Assert.Contains("runs in eu-west-1b only", instance.Description);
        Assert.Equal("""
            # Adds a synchronous standby in another Availability Zone; write latency rises while it first syncs.
            aws rds modify-db-instance --region eu-west-1 --db-instance-identifier crm --multi-az --apply-immediately
            """, instance.Remediation!.Cli);
        var cluster = result.Findings.Single(f => f.ResourceId.EndsWith(":cluster:analytics", StringComparison.Ordinal));
        Assert.Contains("instances in eu-west-1a only", cluster.Description);
        Assert.Contains("--availability-zone eu-west-1b", cluster.Remediation!.Cli);
        Assert.Contains("--db-cluster-identifier analytics --engine aurora-postgresql --db-instance-class db.r6g.large", cluster.Remediation.Cli);
        Assert.Contains(cluster.Compliance, c => c.Version == "5.0" && c.Control == "2.2.4");
        Assert.DoesNotContain(cluster.Compliance, c => c.Version == "3.0");
    }

    [Fact]
    public void Minor_version_upgrades_off_fail_for_every_instance()
    {
        var result = Databases([
            Instance("reporting", autoMinor: false),
            Instance("w-1", engine: "aurora-postgresql", autoMinor: false, cluster: "analytics"),
            Instance("orders")]).Run("aws-rds-004");
        Assert.Equal(2, result.Findings.Count);
        Assert.Equal("aws rds modify-db-instance --region eu-west-1 --db-instance-identifier reporting --auto-minor-version-upgrade --apply-immediately",
            result.Findings.Single(f => f.ResourceId == Arn + "reporting").Remediation!.Cli);
        Assert.Contains("auto_minor_version_upgrade = true",
            result.Findings.Single(f => f.ResourceId == Arn + "w-1").Remediation!.Terraform);
    }
}
