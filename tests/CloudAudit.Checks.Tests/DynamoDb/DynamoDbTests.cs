using CloudAudit.Checks.Framework;
using CloudAudit.Checks.Tests.Support;
using CloudAudit.Inventory.Catalog;

namespace CloudAudit.Checks.Tests.DynamoDb;

public class DynamoDbTests
{
    private sealed record Table(string Name, string? Sse = null, string Billing = "PAY_PER_REQUEST", string? Index = null, string Status = "ACTIVE");

    private const string Kms = """{"Status": "ENABLED", "SSEType": "KMS", "KMSMasterKeyArn": "arn:aws:kms:us-east-1:111122223333:key/k1"}""";

    private static TestAccount Tables(params Table[] tables)
    {
        var account = new TestAccount("us-east-1").Answer(DynamoDbCalls.ListTables, "us-east-1",
            $$"""{"TableNames": [{{string.Join(",", tables.Select(t => $"\"{t.Name}\""))}}]}""");
        foreach (var t in tables)
            account.Answer(DynamoDbCalls.DescribeTable, "us-east-1", "TableName", t.Name, $$"""
                {"Table": {"TableName": "{{t.Name}}", "TableArn": "arn:aws:dynamodb:us-east-1:111122223333:table/{{t.Name}}", "TableStatus": "{{t.Status}}",
                  "BillingModeSummary": {"BillingMode": "{{t.Billing}}"}{{(t.Sse is null ? "" : $", \"SSEDescription\": {t.Sse}")}}
                  {{(t.Index is null ? "" : $", \"GlobalSecondaryIndexes\": [{{\"IndexName\": \"{t.Index}\", \"IndexStatus\": \"ACTIVE\"}}]")}} } }
                """);
        return account;
    }

    [Fact]
    public void Encryption_findings_are_graded_by_what_went_wrong()
    {
        var result = Tables(new("cmk", Kms), new("owned"),
            new("disabling", """{"Status": "DISABLING", "SSEType": "KMS", "KMSMasterKeyArn": "k"}"""),
            new("lost", """{"Status": "ENABLED", "SSEType": "KMS", "KMSMasterKeyArn": "arn:aws:kms:us-east-1:111122223333:key/gone", "InaccessibleEncryptionDateTime": "2026-10-30T10:00:00Z"}""",
                Status: "INACCESSIBLE_ENCRYPTION_CREDENTIALS")).Run("aws-ddb-001");
        Assert.Equal(4, result.ResourcesScanned);
        Assert.Equal([("owned", Severity.Low), ("disabling", Severity.High), ("lost", Severity.Critical)],
            result.Findings.Select(f => (f.ResourceId.Split('/').Last(), f.Severity)).ToArray());
        Assert.Equal("aws dynamodb update-table --region us-east-1 --table-name owned --sse-specification '{\"Enabled\":true,\"SSEType\":\"KMS\",\"KMSMasterKeyId\":\"<KMS_KEY_ARN>\"}'",
            result.Findings[0].Remediation!.Cli);
        Assert.Contains("aws kms enable-key --region us-east-1 --key-id arn:aws:kms:us-east-1:111122223333:key/gone", result.Findings[2].Remediation!.Cli);
        Assert.Contains("  id = \"gone\"", result.Findings[2].Remediation!.Terraform);
        Assert.Contains("since 2026-10-30", result.Findings[2].Description);
    }

    [Fact]
    public void Kms_encrypted_tables_pass_and_an_unreadable_table_is_not_assessed()
    {
        Assert.Equal(CheckStatus.Pass, Tables(new Table("cmk", Kms)).Run("aws-ddb-001").Status);
        var denied = new TestAccount("us-east-1").Answer(DynamoDbCalls.ListTables, "us-east-1", """{"TableNames": ["t"]}""")
            .DeniedTarget(DynamoDbCalls.DescribeTable, "us-east-1", "TableName", "t");
        var result = denied.Run("aws-ddb-001");
        Assert.Equal(CheckStatus.NotAssessed, result.Status);
        Assert.Equal(0, result.ResourcesScanned);
    }

    private static TestAccount Backups(TestAccount account, string table, string status) =>
        account.Answer(DynamoDbCalls.DescribeContinuousBackups, "us-east-1", "TableName", table, $$"""
            {"ContinuousBackupsDescription": {"ContinuousBackupsStatus": "ENABLED", "PointInTimeRecoveryDescription": {"PointInTimeRecoveryStatus": "{{status}}"} } }
            """);

    [Fact]
    public void Tables_without_point_in_time_recovery_fail_and_a_denied_read_is_a_gap()
    {
        var account = Tables(new("orders", Kms), new("sessions", Kms), new("flags", Kms));
        Backups(account, "orders", "ENABLED");
        Backups(account, "sessions", "DISABLED");
        account.DeniedTarget(DynamoDbCalls.DescribeContinuousBackups, "us-east-1", "TableName", "flags");
        var result = account.Run("aws-ddb-002");
        Assert.Equal(CheckStatus.Fail, result.Status);
        Assert.Equal(2, result.ResourcesScanned);
        var finding = Assert.Single(result.Findings);
        Assert.Equal("Table sessions has point-in-time recovery disabled.", finding.Description);
        Assert.Equal("aws dynamodb update-continuous-backups --region us-east-1 --table-name sessions --point-in-time-recovery-specification PointInTimeRecoveryEnabled=true",
            finding.Remediation!.Cli);
        Assert.Single(result.Gaps);
    }

    [Fact]
    public void Tables_with_recovery_pass() =>
        Assert.Equal(CheckStatus.Pass, Backups(Tables(new Table("orders", Kms)), "orders", "ENABLED").Run("aws-ddb-002").Status);

    private static string Targets(params string[] pairs) => $$"""
        {"ScalableTargets": [{{string.Join(",", pairs.Select(p => p.Split('|')).Select(p => $$"""
            {"ServiceNamespace": "dynamodb", "ResourceId": "{{p[0]}}", "ScalableDimension": "{{p[1]}}", "MinCapacity": 5, "MaxCapacity": 100}
            """))}}]}
        """;

    [Fact]
    public void Provisioned_tables_need_read_and_write_scaling_on_the_table_and_each_index()
    {
        var account = Tables(new("scaled", Kms, "PROVISIONED"), new("audit", Kms, "PROVISIONED", Index: "by-actor"), new("ondemand", Kms))
            .Answer(DynamoDbCalls.DescribeScalableTargets, "us-east-1", Targets(
                "table/scaled|dynamodb:table:ReadCapacityUnits", "table/scaled|dynamodb:table:WriteCapacityUnits",
                "table/audit|dynamodb:table:ReadCapacityUnits", "table/audit/index/by-actor|dynamodb:index:ReadCapacityUnits"));
        var result = account.Run("aws-ddb-003");
        Assert.Equal(3, result.ResourcesScanned);
        var finding = result.Single();
        Assert.Equal("Provisioned table audit has no auto scaling for: table write, index by-actor write.", finding.Description);
        Assert.Contains("--resource-id table/audit --scalable-dimension dynamodb:table:WriteCapacityUnits", finding.Remediation!.Cli);
        Assert.Contains("resource \"aws_appautoscaling_target\" \"audit_write\"", finding.Remediation.Terraform);
    }

    [Fact]
    public void Without_scaling_targets_provisioned_tables_are_not_assessed_and_on_demand_ones_still_pass()
    {
        // The transport may not collect application-autoscaling: that is a gap, never a pass.
        var result = Tables(new("provisioned", Kms, "PROVISIONED"), new("ondemand", Kms)).Run("aws-ddb-003");
        Assert.Equal(CheckStatus.NotAssessed, result.Status);
        Assert.Equal(1, result.ResourcesScanned);
        Assert.Equal("application-autoscaling", Assert.Single(result.Gaps).Service);
    }

    [Fact]
    public void On_demand_tables_only_pass_without_reading_scaling_targets() =>
        Assert.Equal(CheckStatus.Pass, Tables(new Table("ondemand", Kms)).Run("aws-ddb-003").Status);

    [Fact]
    public void No_tables_is_not_applicable() =>
        Assert.Equal(CheckStatus.NotApplicable, Tables().Run("aws-ddb-002").Status);
}
