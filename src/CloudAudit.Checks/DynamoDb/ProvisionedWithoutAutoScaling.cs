using CloudAudit.Checks.Framework;
using CloudAudit.Inventory.Catalog;
using CloudAudit.Inventory.Views;

namespace CloudAudit.Checks.DynamoDb;

/// <summary>A PROVISIONED table (or one of its global secondary indexes) without read and write auto scaling.</summary>
/// <remarks>
/// Scaling targets come from Application Auto Scaling (DescribeScalableTargets, ServiceNamespace
/// dynamodb, once per region). When that read is missing, on-demand tables are still judged (they
/// pass) and each provisioned table is reported as not assessed, never as passing.
/// </remarks>
public sealed class ProvisionedWithoutAutoScaling : TableCheck
{
    public override CheckInfo Info { get; } = new()
    {
        Id = "aws-ddb-003",
        Title = "Provisioned DynamoDB table without auto scaling",
        Service = "DynamoDB",
        Severity = Severity.Medium,
        Category = Category.Reliability,
        ResourceType = "AWS::DynamoDB::Table",
        Description = "For each table in provisioned capacity mode, looks up the Application Auto Scaling targets registered "
            + "for the table (table/NAME, read and write capacity) and for each of its global secondary indexes, and fails the "
            + "table when any of them is missing. On-demand (PAY_PER_REQUEST) tables scale by themselves and pass. When the "
            + "scaling targets could not be read, provisioned tables are not assessed.",
        Rationale = "Fixed provisioned capacity throttles requests as soon as traffic exceeds it, which turns a busy day "
            + "into an outage, and wastes money whenever traffic is lower. A throttled index also throttles writes to its "
            + "table.",
        CommonCauses =
        [
            "Tables were created from the CLI or an old template with fixed capacity units.",
            "Auto scaling was set on the table but not on indexes added later.",
            "Scaling targets were deleted together with a CloudFormation stack that did not own the table.",
        ],
        Recommendation = "Register read and write auto scaling for the table and each index, or switch the table to on-demand capacity.",
        Remediation = new(
            Cli: "# Or switch to on-demand: aws dynamodb update-table --region {region} --table-name {table} --billing-mode PAY_PER_REQUEST\n"
                + ScalingCli("read", "Read") + "\n" + ScalingCli("write", "Write"),
            Terraform: ScalingTerraform("read", "Read") + "\n\n" + ScalingTerraform("write", "Write"),
            DocUrl: "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/AutoScaling.html",
            Effort: Effort.Low),
    };

    /// <summary>Target-tracking auto scaling of one capacity dimension (read or write) of the table.</summary>
    private static string ScalingCli(string name, string capacity) => $$"""
        aws application-autoscaling register-scalable-target --region {region} --service-namespace dynamodb --resource-id {scaling_resource} --scalable-dimension dynamodb:table:{{capacity}}CapacityUnits --min-capacity 5 --max-capacity 500
        aws application-autoscaling put-scaling-policy --region {region} --service-namespace dynamodb --resource-id {scaling_resource} --scalable-dimension dynamodb:table:{{capacity}}CapacityUnits --policy-name {{name}}-target-tracking --policy-type TargetTrackingScaling --target-tracking-scaling-policy-configuration '{"TargetValue":70.0,"PredefinedMetricSpecification":{"PredefinedMetricType":"DynamoDB{{capacity}}CapacityUtilization"} }'
        """;

    private static string ScalingTerraform(string name, string capacity) => $$"""
        resource "aws_appautoscaling_target" "{table:id}_{{name}}" {
          service_namespace  = "dynamodb"
          resource_id        = {scaling_resource}
          scalable_dimension = "dynamodb:table:{{capacity}}CapacityUnits"
          min_capacity       = 5
          max_capacity       = 500
        }

        resource "aws_appautoscaling_policy" "{table:id}_{{name}}" {
          name               = "{{name}}-target-tracking"
          policy_type        = "TargetTrackingScaling"
          service_namespace  = aws_appautoscaling_target.{table:id}_{{name}}.service_namespace
          resource_id        = aws_appautoscaling_target.{table:id}_{{name}}.resource_id
          scalable_dimension = aws_appautoscaling_target.{table:id}_{{name}}.scalable_dimension

          target_tracking_scaling_policy_configuration {
            target_value = 70
            predefined_metric_specification {
              predefined_metric_type = "DynamoDB{{capacity}}CapacityUtilization"
            }
          }
        }
        """;

    protected override IReadOnlyList<ApiCall> ExtraReads { get; } = [DynamoDbCalls.DescribeScalableTargets];

    protected override void Judge(Located<TableDescription> table, CheckContext context, Verdict verdict)
    {
        var t = table.Resource;
        if (!t.Provisioned) return;
        var targets = ScalingTargets.Of(context).In(table.Region);
        if (!verdict.Accept(targets, out var response))
        {
            if (targets.NotOffered)
                verdict.Gap(Inventory.DataGap.OutOfReach(table.Region, "application-autoscaling", "DescribeScalableTargets",
                    "Application Auto Scaling is not offered in the region"));
            return;
        }
        var registered = (response.ScalableTargets ?? []).Select(s => (s.ResourceId, s.ScalableDimension)).ToHashSet();
        var missing = new List<string>();
        void Require(string resourceId, string kind, string label)
        {
            foreach (var capacity in new[] { "Read", "Write" })
                if (!registered.Contains((resourceId, $"dynamodb:{kind}:{capacity}CapacityUnits")))
                    missing.Add($"{label} {capacity.ToLowerInvariant()}");
        }
        Require($"table/{t.TableName}", "table", "table");
        foreach (var index in t.GlobalSecondaryIndexes ?? [])
            Require($"table/{t.TableName}/index/{index.IndexName}", "index", $"index {index.IndexName}");
        if (missing.Count > 0)
            verdict.Fail(t.TableArn, table.Region,
                $"Provisioned table {t.TableName} has no auto scaling for: {string.Join(", ", missing)}.",
                Slots(t).With("scaling_resource", $"table/{t.TableName}"));
    }

    /// <summary>The scaling targets of each region, read once per account.</summary>
    private sealed class ScalingTargets
    {
        private readonly Dictionary<string, RegionRead<DescribeScalableTargetsResponse>> _byRegion;

        private ScalingTargets(CheckContext context) =>
            _byRegion = context.Regions.ToDictionary(r => r, r => context.Data.DynamoDb().ScalableTargets(r));

        public static ScalingTargets Of(CheckContext context) => context.Shared(c => new ScalingTargets(c));

        public RegionRead<DescribeScalableTargetsResponse> In(string region) =>
            _byRegion.TryGetValue(region, out var read) ? read : default;
    }
}
