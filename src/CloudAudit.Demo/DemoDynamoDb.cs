using CloudAudit.Inventory.Catalog;
using CloudAudit.Inventory.Snapshot;
using static CloudAudit.Demo.DemoRecorder;

namespace CloudAudit.Demo;

/// <summary>
/// Production: on-demand orders tables with a CMK and PITR; a provisioned sessions table with auto
/// scaling but default encryption and no PITR; a provisioned audit table whose index nobody scaled.
/// Development: a cache table whose KMS key was disabled, and a feature-flag table whose resource
/// policy denies everyone but the application, the scanner included. The security account has no tables.
/// </summary>
internal sealed class DemoDynamoDb : IDemoPart
{
    private sealed record Table(string Name, string Billing, string? Key, bool Pitr, string? Index = null, double? KeyLostDaysAgo = null, bool BackupsDenied = false);

    public void Production(DemoRecorder a, DemoClock clock)
    {
        var cmk = $"arn:aws:kms:us-east-1:{a.AccountId}:key/8d7c6b5a-4e3f-4a2b-9c1d-0e9f8a7b6c5d";
        Record(a, clock, new()
        {
            ["us-east-1"] =
            [
                new("northwind-orders", "PAY_PER_REQUEST", cmk, true),
                new("northwind-sessions", "PROVISIONED", null, false),
                new("northwind-audit-events", "PROVISIONED", cmk, true, Index: "by-actor"),
            ],
            ["eu-west-1"] = [new("northwind-eu-orders", "PAY_PER_REQUEST", $"arn:aws:kms:eu-west-1:{a.AccountId}:key/1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d", true)],
        }, scaled: ["northwind-sessions"]);
    }

    public void Development(DemoRecorder a, DemoClock clock) => Record(a, clock, new()
    {
        ["us-east-1"] =
        [
            new("dev-legacy-cache", "PAY_PER_REQUEST", $"arn:aws:kms:us-east-1:{a.AccountId}:key/6e5d4c3b-2a1f-4e0d-9c8b-7a6f5e4d3c2b", false, KeyLostDaysAgo: 2),
            new("dev-feature-flags", "PROVISIONED", null, false, BackupsDenied: true),
        ],
    }, scaled: []);

    /// <summary>The security account keeps no tables.</summary>
    public void Security(DemoRecorder a, DemoClock clock) => Record(a, clock, new(), scaled: []);

    private static void Record(DemoRecorder a, DemoClock clock, Dictionary<string, Table[]> byRegion, string[] scaled)
    {
        var id = a.AccountId;
        foreach (var region in a.Regions)
        {
            var tables = byRegion.GetValueOrDefault(region) ?? [];
            a.Regional(DynamoDbCalls.ListTables, region, $$"""{"TableNames": [{{string.Join(", ", tables.Select(t => $"\"{t.Name}\""))}}]}""");
            foreach (var t in tables)
            {
                var arn = $"arn:aws:dynamodb:{region}:{id}:table/{t.Name}";
                a.Target(DynamoDbCalls.DescribeTable, region, Params(("TableName", t.Name)), $$"""{"Table": {{Describe(t, arn, clock)}}}""");
                if (t.BackupsDenied)
                    a.Failure(DynamoDbCalls.DescribeContinuousBackups, region, Params(("TableName", t.Name)), ErrorKind.AccessDenied, "AccessDeniedException",
                        $"User: arn:aws:sts::{id}:assumed-role/SecurityAudit/scan is not authorized to perform: dynamodb:DescribeContinuousBackups on resource: {arn} with an explicit deny in a resource-based policy", 400);
                else
                    a.Target(DynamoDbCalls.DescribeContinuousBackups, region, Params(("TableName", t.Name)), $$"""
                        {"ContinuousBackupsDescription": {"ContinuousBackupsStatus": "ENABLED", "PointInTimeRecoveryDescription":
                          {"PointInTimeRecoveryStatus": "{{(t.Pitr ? "ENABLED" : "DISABLED")}}"{{(t.Pitr ? $", \"RecoveryPeriodInDays\": 35, \"EarliestRestorableDateTime\": \"{clock.DaysAgo(35)}\", \"LatestRestorableDateTime\": \"{clock.Ago(TimeSpan.FromMinutes(5))}\"" : "")}} } } }
                        """);
            }
            var targets = tables.Where(t => scaled.Contains(t.Name)).SelectMany(t => new[] { "Read", "Write" }.Select(capacity => $$"""
                {"ServiceNamespace": "dynamodb", "ResourceId": "table/{{t.Name}}", "ScalableDimension": "dynamodb:table:{{capacity}}CapacityUnits",
                 "MinCapacity": 5, "MaxCapacity": 400, "RoleARN": "arn:aws:iam::{{id}}:role/aws-service-role/dynamodb.application-autoscaling.amazonaws.com/AWSServiceRoleForApplicationAutoScaling_DynamoDBTable",
                 "CreationTime": "{{clock.DaysAgo(300)}}", "SuspendedState": {"DynamicScalingInSuspended": false, "DynamicScalingOutSuspended": false, "ScheduledScalingSuspended": false} }
                """));
            a.Regional(DynamoDbCalls.DescribeScalableTargets, region, $$"""{"ScalableTargets": [{{string.Join(",", targets)}}]}""");
        }
    }

    private static string Describe(Table t, string arn, DemoClock clock)
    {
        var throughput = t.Billing == "PROVISIONED" ? "\"ReadCapacityUnits\": 50, \"WriteCapacityUnits\": 20" : "\"ReadCapacityUnits\": 0, \"WriteCapacityUnits\": 0";
        var sse = t.Key is null ? "" : $$"""
            , "SSEDescription": {"Status": "ENABLED", "SSEType": "KMS", "KMSMasterKeyArn": "{{t.Key}}"{{(t.KeyLostDaysAgo is { } lost ? $", \"InaccessibleEncryptionDateTime\": \"{clock.DaysAgo(lost)}\"" : "")}}}
            """;
        var index = t.Index is null ? "" : $$"""
            , "GlobalSecondaryIndexes": [{"IndexName": "{{t.Index}}", "KeySchema": [{"AttributeName": "actor", "KeyType": "HASH"}, {"AttributeName": "at", "KeyType": "RANGE"}],
               "Projection": {"ProjectionType": "KEYS_ONLY"}, "IndexStatus": "ACTIVE", "ProvisionedThroughput": {{{throughput}}, "NumberOfDecreasesToday": 0},
               "IndexSizeBytes": 81234567, "ItemCount": 1200345, "IndexArn": "{{arn}}/index/{{t.Index}}"}]
            """;
        return $$"""
            {"TableName": "{{t.Name}}", "TableArn": "{{arn}}", "TableId": "{{Guid(t.Name)}}",
             "TableStatus": "{{(t.KeyLostDaysAgo is null ? "ACTIVE" : "INACCESSIBLE_ENCRYPTION_CREDENTIALS")}}",
             "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}], "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}],
             "CreationDateTime": "{{clock.DaysAgo(800)}}", "ProvisionedThroughput": {{{throughput}}, "NumberOfDecreasesToday": 0},
             "TableSizeBytes": 734003200, "ItemCount": 1843221, "BillingModeSummary": {"BillingMode": "{{t.Billing}}"},
             "DeletionProtectionEnabled": true{{sse}}{{index}}}
            """;
    }

    private static string Guid(string name)
    {
        var hex = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(name)));
        return $"{hex[..8]}-{hex[8..12]}-{hex[12..16]}-{hex[16..20]}-{hex[20..32]}";
    }
}
