using CloudAudit.Checks.Framework;
using CloudAudit.Inventory.Catalog;
using CloudAudit.Inventory.Views;

namespace CloudAudit.Checks.DynamoDb;

/// <summary>A check of each DynamoDB table (DescribeTable) in every scanned region; tables being deleted are skipped.</summary>
public abstract class TableCheck : ResourceCheck<TableDescription>
{
    public override IReadOnlyList<ApiCall> Reads => [DynamoDbCalls.ListTables, DynamoDbCalls.DescribeTable, .. ExtraReads];

    protected virtual IReadOnlyList<ApiCall> ExtraReads => [];

    protected override RegionalList<TableDescription> List(CheckContext context) => context.Data.DynamoDb().Tables();

    protected override bool InScope(TableDescription table) => table.TableStatus != "DELETING";

    protected override string NoResources => "no DynamoDB tables in the scanned regions";

    protected override string ResourceId(Located<TableDescription> table, CheckContext context) => table.Resource.TableArn;

    protected static SlotValues Slots(TableDescription table) => new SlotValues().With("table", table.TableName);
}
