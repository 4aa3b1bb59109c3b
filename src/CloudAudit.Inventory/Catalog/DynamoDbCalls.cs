using static CloudAudit.Inventory.Catalog.JsonParams;

namespace CloudAudit.Inventory.Catalog;

/// <summary>DynamoDB reads: tables and their backups, and the auto scaling targets registered for them.</summary>
public static class DynamoDbCalls
{
    public static readonly ApiCall ListTables = ApiCall.Regional("dynamodb", "ListTables");

    public static readonly ApiCall DescribeTable = PerTable("DescribeTable");

    public static readonly ApiCall DescribeContinuousBackups = PerTable("DescribeContinuousBackups");

    /// <summary>
    /// Application Auto Scaling targets of DynamoDB tables and indexes. The service model of
    /// application-autoscaling must be in the transport for this to be collected; until then checks
    /// that need it report the provisioned tables as not assessed.
    /// </summary>
    public static readonly ApiCall DescribeScalableTargets =
        ApiCall.Regional("application-autoscaling", "DescribeScalableTargets", Of(("ServiceNamespace", "dynamodb")));

    private static ApiCall PerTable(string operation) =>
        ApiCall.PerResource(ListTables, "dynamodb", operation, parent =>
            JsonLists.Strings(parent.Response, "TableNames").Select(name => Target(parent.Region, ("TableName", name))));
}
