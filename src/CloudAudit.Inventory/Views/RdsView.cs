using System.Text.Json.Serialization;
using CloudAudit.Inventory.Catalog;

namespace CloudAudit.Inventory.Views;

public sealed record DBSubnet(string? SubnetIdentifier);
public sealed record DBSubnetGroup(string? DBSubnetGroupName, string? VpcId)
{
    public List<DBSubnet>? Subnets { get; init; }
}
public sealed record DBEndpoint(string? Address, int? Port);
public sealed record VpcSecurityGroupMembership(string? VpcSecurityGroupId, string? Status);
public sealed record DBParameterGroupStatus(string? DBParameterGroupName, string? ParameterApplyStatus);

public sealed record DBInstance(
    string DBInstanceIdentifier,
    string? DBInstanceArn,
    string? DBInstanceClass,
    string? Engine,
    string? EngineVersion,
    string? DBInstanceStatus,
    string? AvailabilityZone,
    bool? MultiAZ,
    bool? PubliclyAccessible,
    bool? StorageEncrypted,
    string? KmsKeyId,
    bool? AutoMinorVersionUpgrade,
    int? AllocatedStorage,
    string? DBClusterIdentifier,
    string? ReadReplicaSourceDBInstanceIdentifier,
    string? ReadReplicaSourceDBClusterIdentifier,
    DBSubnetGroup? DBSubnetGroup,
    List<VpcSecurityGroupMembership>? VpcSecurityGroups,
    List<DBParameterGroupStatus>? DBParameterGroups)
{
    /// <summary>DocumentDB and Neptune share the RDS API; they are not RDS databases.</summary>
    public DBEndpoint? Endpoint { get; init; }
    public bool IsRds => RdsEngines.IsRds(Engine);
    public bool InCluster => !string.IsNullOrEmpty(DBClusterIdentifier);
    /// <summary>RDS Custom (custom-oracle-ee, custom-sqlserver-…): the customer manages the host, Multi-AZ works differently.</summary>
    public bool IsCustom => Engine?.StartsWith("custom-", StringComparison.Ordinal) == true;
    public bool IsReadReplica => !string.IsNullOrEmpty(ReadReplicaSourceDBInstanceIdentifier) || !string.IsNullOrEmpty(ReadReplicaSourceDBClusterIdentifier);
    public string Arn(string partition, string region, string account) =>
        DBInstanceArn ?? $"arn:{partition}:rds:{region}:{account}:db:{DBInstanceIdentifier}";
}

public sealed record DBClusterMember(string DBInstanceIdentifier, bool? IsClusterWriter);

public sealed record DBCluster(
    string DBClusterIdentifier,
    string? DBClusterArn,
    string? Engine,
    string? EngineVersion,
    string? EngineMode,
    string? Status,
    bool? MultiAZ,
    bool? StorageEncrypted,
    string? KmsKeyId,
    List<string>? AvailabilityZones,
    List<DBClusterMember>? DBClusterMembers,
    string? DBSubnetGroup,
    List<VpcSecurityGroupMembership>? VpcSecurityGroups,
    string? DBClusterInstanceClass,
    string? DBClusterParameterGroup)
{
    public bool IsRds => RdsEngines.IsRds(Engine);
    public bool IsAurora => Engine?.StartsWith("aurora", StringComparison.Ordinal) == true;
    public string Arn(string partition, string region, string account) =>
        DBClusterArn ?? $"arn:{partition}:rds:{region}:{account}:cluster:{DBClusterIdentifier}";
}

public sealed record DescribeDBInstancesResponse(List<DBInstance>? DBInstances);
public sealed record DescribeDBClustersResponse(List<DBCluster>? DBClusters);

internal static class RdsEngines
{
    public static bool IsRds(string? engine) => engine is not ("docdb" or "neptune");
}

/// <summary>RDS as checks see it: DB instances and DB clusters of every scanned region (DocumentDB and Neptune left out).</summary>
public sealed class RdsView(AccountData data)
{
    public Gathered<Located<DBInstance>> Instances() =>
        RegionalListing.Gather(data, RdsCalls.DescribeDBInstances, RdsJson.Default.DescribeDBInstancesResponse,
            r => r.DBInstances?.Where(i => i.IsRds));

    public Gathered<Located<DBCluster>> Clusters() =>
        RegionalListing.Gather(data, RdsCalls.DescribeDBClusters, RdsJson.Default.DescribeDBClustersResponse,
            r => r.DBClusters?.Where(c => c.IsRds));
}

[JsonSourceGenerationOptions(PropertyNameCaseInsensitive = false, NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(DescribeDBInstancesResponse))]
[JsonSerializable(typeof(DescribeDBClustersResponse))]
internal sealed partial class RdsJson : JsonSerializerContext;
