using CloudAudit.Checks.Tests.Support;
using CloudAudit.Inventory.Catalog;

namespace CloudAudit.Checks.Tests.Rds;

/// <summary>Builders for RDS data in tests.</summary>
public static class RdsData
{
    public static string Instance(string id, string engine = "postgres", bool multiAz = true, bool publicAccess = false,
        bool encrypted = true, bool autoMinor = true, string? cluster = null, string? replicaOf = null, string az = "eu-west-1a",
        string region = "eu-west-1") => $$"""
        {"DBInstanceIdentifier": "{{id}}", "DBInstanceClass": "db.r6g.large", "Engine": "{{engine}}", "EngineVersion": "16.4",
         "DBInstanceStatus": "available", "AvailabilityZone": "{{az}}", "AllocatedStorage": 100,
         "MultiAZ": {{B(multiAz)}}, "PubliclyAccessible": {{B(publicAccess)}}, "StorageEncrypted": {{B(encrypted)}},
         "AutoMinorVersionUpgrade": {{B(autoMinor)}},
         "DBSubnetGroup": {"DBSubnetGroupName": "data-subnets", "VpcId": "vpc-1"},
         "VpcSecurityGroups": [{"VpcSecurityGroupId": "sg-0a1", "Status": "active"}, {"VpcSecurityGroupId": "sg-0b2", "Status": "active"}],
         {{(cluster is null ? "" : $"\"DBClusterIdentifier\": \"{cluster}\",")}}
         {{(replicaOf is null ? "" : $"\"ReadReplicaSourceDBInstanceIdentifier\": \"{replicaOf}\",")}}
         "DBInstanceArn": "arn:aws:rds:{{region}}:{{TestAccount.Id}}:db:{{id}}"}
        """;

    public static string Cluster(string id, bool multiAz = false, bool encrypted = true, string mode = "provisioned",
        string writer = "w-1", string region = "eu-west-1") => $$"""
        {"DBClusterIdentifier": "{{id}}", "Engine": "aurora-postgresql", "EngineVersion": "16.4", "EngineMode": "{{mode}}",
         "MultiAZ": {{B(multiAz)}}, "StorageEncrypted": {{B(encrypted)}}, "DBSubnetGroup": "data-subnets",
         "AvailabilityZones": ["{{region}}a", "{{region}}b", "{{region}}c"],
         "DBClusterMembers": [{"DBInstanceIdentifier": "{{writer}}", "IsClusterWriter": true}],
         "VpcSecurityGroups": [{"VpcSecurityGroupId": "sg-0a1", "Status": "active"}],
         "DBClusterArn": "arn:aws:rds:{{region}}:{{TestAccount.Id}}:cluster:{{id}}"}
        """;

    public static TestAccount WithDatabases(this TestAccount account, string[] instances, params string[] clusters)
    {
        account.InEveryRegion(RdsCalls.DescribeDBInstances, $$"""{"DBInstances": [{{string.Join(",", instances)}}]}""");
        account.InEveryRegion(RdsCalls.DescribeDBClusters, $$"""{"DBClusters": [{{string.Join(",", clusters)}}]}""");
        return account;
    }

    private static string B(bool value) => value ? "true" : "false";
}
