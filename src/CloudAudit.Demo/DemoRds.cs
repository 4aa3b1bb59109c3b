using System.Security.Cryptography;
using System.Text;
using CloudAudit.Inventory.Catalog;

namespace CloudAudit.Demo;

/// <summary>
/// Production: a Multi-AZ, encrypted orders database with a reporting replica that never takes minor
/// upgrades, an Aurora analytics cluster with only a writer, and a legacy CRM MySQL in eu-west-1 that
/// is public, unencrypted and single-AZ. Development: a public, unencrypted Postgres.
/// </summary>
internal sealed class DemoRds : IDemoPart
{
    private const string AuroraHostedZone = "Z2R2ITUGPM61AM";

    private sealed record Db(string Id, string Engine, string Version, string Class, string Az, int StorageGb, double AgeDays,
        string SubnetGroup, string SecurityGroup, string ParameterGroup, string? KmsKey,
        bool MultiAz = false, bool Public = false, bool AutoMinor = true, string? Cluster = null, string? ReplicaOf = null,
        string[]? Replicas = null, string? SecondaryAz = null, string StorageType = "gp3", int Port = 5432);

    public void Production(DemoRecorder a, DemoClock clock)
    {
        var id = a.AccountId;
        var ordersKey = DemoKms.KeyArn(id, "us-east-1", DemoKms.OrdersDatabaseKey);
        const string dataSubnets = "northwind-data-subnets";
        const string dataSg = "sg-0a1b2c3d4e5f60789";
        RecordInstances(a, clock, "us-east-1",
        [
            new("orders-db", "postgres", "16.4", "db.r6g.xlarge", "us-east-1a", 500, 820, dataSubnets, dataSg, "orders-postgres16", ordersKey,
                MultiAz: true, SecondaryAz: "us-east-1b", Replicas: ["orders-db-reporting"]),
            new("orders-db-reporting", "postgres", "16.4", "db.r6g.large", "us-east-1c", 500, 400, dataSubnets, dataSg, "orders-postgres16", ordersKey,
                AutoMinor: false, ReplicaOf: "orders-db"),
            new("northwind-analytics-1", "aurora-postgresql", "16.4", "db.r6g.large", "us-east-1a", 1, 260, dataSubnets, dataSg,
                "default.aurora-postgresql16", DemoKms.KeyArn(id, "us-east-1", DemoKms.AwsManagedRdsKey), Cluster: "northwind-analytics", StorageType: "aurora"),
        ]);
        RecordCluster(a, clock, "us-east-1", "northwind-analytics", "northwind-analytics-1", dataSubnets, dataSg,
            DemoKms.KeyArn(id, "us-east-1", DemoKms.AwsManagedRdsKey));
        RecordInstances(a, clock, "eu-west-1",
        [
            new("legacy-crm-mysql", "mysql", "8.0.35", "db.m5.large", "eu-west-1b", 200, 2100, "default-vpc-0f1e2d3c4b5a69788",
                "sg-0c1d2e3f4a5b6c7d8", "default.mysql8.0", null, Public: true, AutoMinor: false, StorageType: "gp2", Port: 3306),
        ]);
        RecordInstances(a, clock, "eu-central-1", []);
        NoClusters(a, "eu-west-1", "eu-central-1");
    }

    public void Development(DemoRecorder a, DemoClock clock)
    {
        RecordInstances(a, clock, "us-east-1",
        [
            new("dev-orders-db", "postgres", "16.4", "db.t4g.medium", "us-east-1b", 50, 300, "dev-public-subnets",
                "sg-0e1f2a3b4c5d6e7f8", "default.postgres16", null, Public: true),
        ]);
        RecordInstances(a, clock, "eu-west-1", []);
        RecordInstances(a, clock, "eu-central-1", []);
        NoClusters(a, "us-east-1", "eu-west-1", "eu-central-1");
    }

    /// <summary>The security account runs no databases.</summary>
    public void Security(DemoRecorder a, DemoClock clock)
    {
        foreach (var region in a.Regions)
            RecordInstances(a, clock, region, []);
        NoClusters(a, [.. a.Regions]);
    }

    private static void NoClusters(DemoRecorder a, params string[] regions)
    {
        foreach (var region in regions)
            a.Regional(RdsCalls.DescribeDBClusters, region, """{"DBClusters": []}""");
    }

    private static void RecordInstances(DemoRecorder a, DemoClock clock, string region, IReadOnlyList<Db> databases)
    {
        var id = a.AccountId;
        var items = databases.Select(db => $$"""
            {"DBInstanceIdentifier": "{{db.Id}}", "DBInstanceClass": "{{db.Class}}", "Engine": "{{db.Engine}}",
             "DBInstanceStatus": "available", "MasterUsername": "{{(db.Cluster is null ? "dbadmin" : "analytics_admin")}}",
             "Endpoint": {"Address": "{{db.Id}}.c9akciq32xyz.{{region}}.rds.amazonaws.com", "Port": {{db.Port}}, "HostedZoneId": "{{AuroraHostedZone}}"},
             "AllocatedStorage": {{db.StorageGb}}, "InstanceCreateTime": "{{clock.DaysAgo(db.AgeDays)}}",
             "PreferredBackupWindow": "03:00-03:30", "BackupRetentionPeriod": {{(db.ReplicaOf is null ? 7 : 0)}},
             "DBSecurityGroups": [], "VpcSecurityGroups": [{"VpcSecurityGroupId": "{{db.SecurityGroup}}", "Status": "active"}],
             "DBParameterGroups": [{"DBParameterGroupName": "{{db.ParameterGroup}}", "ParameterApplyStatus": "in-sync"}],
             "AvailabilityZone": "{{db.Az}}",
             "DBSubnetGroup": {"DBSubnetGroupName": "{{db.SubnetGroup}}", "DBSubnetGroupDescription": "{{db.SubnetGroup}}", "VpcId": "vpc-0a1b2c3d4e5f60718", "SubnetGroupStatus": "Complete"},
             "PreferredMaintenanceWindow": "sun:05:00-sun:05:30", "PendingModifiedValues": {},
             "MultiAZ": {{Json(db.MultiAz)}}, "EngineVersion": "{{db.Version}}", "AutoMinorVersionUpgrade": {{Json(db.AutoMinor)}},
             {{(db.ReplicaOf is null ? "" : $"\"ReadReplicaSourceDBInstanceIdentifier\": \"{db.ReplicaOf}\",")}}
             "ReadReplicaDBInstanceIdentifiers": [{{string.Join(", ", (db.Replicas ?? []).Select(r => $"\"{r}\""))}}],
             {{(db.SecondaryAz is null ? "" : $"\"SecondaryAvailabilityZone\": \"{db.SecondaryAz}\",")}}
             "LicenseModel": "{{(db.Engine == "mysql" ? "general-public-license" : "postgresql-license")}}",
             "PubliclyAccessible": {{Json(db.Public)}}, "StorageType": "{{db.StorageType}}", "DbInstancePort": 0,
             {{(db.Cluster is null ? "" : $"\"DBClusterIdentifier\": \"{db.Cluster}\", \"PromotionTier\": 1,")}}
             "StorageEncrypted": {{Json(db.KmsKey is not null)}}, {{(db.KmsKey is null ? "" : $"\"KmsKeyId\": \"{db.KmsKey}\",")}}
             "DbiResourceId": "db-{{ResourceSuffix(id, db.Id)}}", "CACertificateIdentifier": "rds-ca-rsa2048-g1",
             "CopyTagsToSnapshot": true, "MonitoringInterval": 60, "DBInstanceArn": "arn:aws:rds:{{region}}:{{id}}:db:{{db.Id}}",
             "IAMDatabaseAuthenticationEnabled": false, "PerformanceInsightsEnabled": {{Json(db.Cluster is not null)}},
             "DeletionProtection": {{Json(!db.Public)}}, "AssociatedRoles": [], "TagList": [{"Key": "team", "Value": "data-platform"}],
             "CustomerOwnedIpEnabled": false, "NetworkType": "IPV4", "BackupTarget": "region"}
            """);
        a.Regional(RdsCalls.DescribeDBInstances, region, $$"""{"DBInstances": [{{string.Join(",", items)}}]}""");
    }

    private static void RecordCluster(DemoRecorder a, DemoClock clock, string region, string cluster, string writer,
        string subnetGroup, string securityGroup, string kmsKey)
    {
        var id = a.AccountId;
        a.Regional(RdsCalls.DescribeDBClusters, region, $$"""
            {"DBClusters": [{"AllocatedStorage": 1, "AvailabilityZones": ["{{region}}a", "{{region}}b", "{{region}}c"],
              "BackupRetentionPeriod": 14, "DatabaseName": "analytics", "DBClusterIdentifier": "{{cluster}}",
              "DBClusterParameterGroup": "default.aurora-postgresql16", "DBSubnetGroup": "{{subnetGroup}}", "Status": "available",
              "EarliestRestorableTime": "{{clock.DaysAgo(14)}}", "Endpoint": "{{cluster}}.cluster-c9akciq32xyz.{{region}}.rds.amazonaws.com",
              "ReaderEndpoint": "{{cluster}}.cluster-ro-c9akciq32xyz.{{region}}.rds.amazonaws.com", "MultiAZ": false,
              "Engine": "aurora-postgresql", "EngineVersion": "16.4", "LatestRestorableTime": "{{clock.Ago(TimeSpan.FromMinutes(5))}}",
              "Port": 5432, "MasterUsername": "analytics_admin", "PreferredBackupWindow": "04:00-04:30",
              "PreferredMaintenanceWindow": "sun:06:00-sun:06:30", "ReadReplicaIdentifiers": [],
              "DBClusterMembers": [{"DBInstanceIdentifier": "{{writer}}", "IsClusterWriter": true, "DBClusterParameterGroupStatus": "in-sync", "PromotionTier": 1}],
              "VpcSecurityGroups": [{"VpcSecurityGroupId": "{{securityGroup}}", "Status": "active"}], "HostedZoneId": "{{AuroraHostedZone}}",
              "StorageEncrypted": true, "KmsKeyId": "{{kmsKey}}", "DbClusterResourceId": "cluster-{{ResourceSuffix(id, cluster)}}",
              "DBClusterArn": "arn:aws:rds:{{region}}:{{id}}:cluster:{{cluster}}", "AssociatedRoles": [],
              "IAMDatabaseAuthenticationEnabled": false, "ClusterCreateTime": "{{clock.DaysAgo(260)}}", "EngineMode": "provisioned",
              "DeletionProtection": true, "HttpEndpointEnabled": false, "CopyTagsToSnapshot": true, "CrossAccountClone": false,
              "DomainMemberships": [], "TagList": [], "AutoMinorVersionUpgrade": true, "NetworkType": "IPV4", "StorageType": "aurora"}]}
            """);
    }

    private static string Json(bool value) => value ? "true" : "false";

    /// <summary>A stable 26-character resource ID suffix, uppercase letters and digits as RDS writes them.</summary>
    private static string ResourceSuffix(string account, string name)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{account}/{name}"));
        return new string(hash.Take(26).Select(b => alphabet[b % alphabet.Length]).ToArray());
    }
}
