using CloudAudit.Checks.Framework;
using CloudAudit.Inventory.Catalog;
using CloudAudit.Inventory.Views;

namespace CloudAudit.Checks.DynamoDb;

/// <summary>A DynamoDB table without point-in-time recovery.</summary>
public sealed class PointInTimeRecovery : TableCheck
{
    public override CheckInfo Info { get; } = new()
    {
        Id = "aws-ddb-002",
        Title = "DynamoDB point-in-time recovery disabled",
        Service = "DynamoDB",
        Severity = Severity.Medium,
        Category = Category.Reliability,
        ResourceType = "AWS::DynamoDB::Table",
        Description = "Calls DescribeContinuousBackups for every table in the scanned regions and fails each one whose "
            + "PointInTimeRecoveryStatus is not ENABLED.",
        Rationale = "Point-in-time recovery restores a table to any second of the recovery period. Without it, a faulty "
            + "deployment, a bad migration script or an attacker with write access can overwrite or delete items, and the "
            + "only way back is the last on-demand backup, if there is one.",
        CommonCauses =
        [
            "PITR is off by default on new tables.",
            "It was judged too expensive for large tables, without weighing the cost of losing the data.",
        ],
        Recommendation = "Enable point-in-time recovery on every table that holds data you cannot regenerate.",
        Remediation = new(
            Cli: "aws dynamodb update-continuous-backups --region {region} --table-name {table} --point-in-time-recovery-specification PointInTimeRecoveryEnabled=true",
            Terraform: """
                resource "aws_dynamodb_table" "{table:id}" {
                  name = {table}

                  point_in_time_recovery {
                    enabled = true
                  }
                }
                """,
            DocUrl: "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/PointInTimeRecovery.html",
            Effort: Effort.Low),
    };

    protected override IReadOnlyList<ApiCall> ExtraReads { get; } = [DynamoDbCalls.DescribeContinuousBackups];

    protected override void Judge(Located<TableDescription> table, CheckContext context, Verdict verdict)
    {
        if (!context.Data.DynamoDb().ContinuousBackups(table).TryGet(out var backups, out var gap))
        {
            verdict.Gap(gap!);
            return;
        }
        var status = backups.ContinuousBackupsDescription?.PointInTimeRecoveryDescription?.PointInTimeRecoveryStatus;
        if (status != "ENABLED")
            verdict.Fail(table.Resource.TableArn, table.Region,
                $"Table {table.Resource.TableName} has point-in-time recovery {status?.ToLowerInvariant() ?? "disabled"}.", Slots(table.Resource));
    }
}
