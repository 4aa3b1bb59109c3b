namespace CloudAudit.Inventory.Catalog;

/// <summary>RDS reads: DB instances and DB clusters (Aurora and Multi-AZ clusters) of each scanned region.</summary>
public static class RdsCalls
{
    public static readonly ApiCall DescribeDBInstances = ApiCall.Regional("rds", "DescribeDBInstances");
    public static readonly ApiCall DescribeDBClusters = ApiCall.Regional("rds", "DescribeDBClusters");
}
