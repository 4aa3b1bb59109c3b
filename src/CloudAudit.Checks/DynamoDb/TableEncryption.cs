using CloudAudit.Checks.Framework;
using CloudAudit.Inventory.Views;

namespace CloudAudit.Checks.DynamoDb;

/// <summary>A DynamoDB table's encryption at rest: key choice, status, and whether the key is still usable.</summary>
public sealed class TableEncryption : TableCheck
{
    private static readonly RemediationTemplate RestoreKey = new(
        Cli: """
            # Re-enable the key (or cancel its scheduled deletion, or restore the grant/policy DynamoDB lost); the table recovers on its own.
            aws kms enable-key --region {region} --key-id {kms_key}
            """,
        Terraform: """
            # Keep the key enabled, with a policy that lets DynamoDB use it. Adopt it first if Terraform does not manage it:
            import {
              to = aws_kms_key.{table:id}_key
              id = {kms_key_id}
            }

            # In the aws_kms_key resource that manages {kms_key}:
            resource "aws_kms_key" "{table:id}_key" {
              is_enabled = true
            }
            """,
        DocUrl: "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/encryption.troubleshooting.html",
        Effort: Effort.Low) { When = "the table's KMS key is inaccessible" };

    private static readonly RemediationTemplate UseKmsKey = new(
        Cli: """aws dynamodb update-table --region {region} --table-name {table} --sse-specification '{"Enabled":true,"SSEType":"KMS","KMSMasterKeyId":"<KMS_KEY_ARN>"}'""",
        Terraform: """
            resource "aws_dynamodb_table" "{table:id}" {
              name = {table}

              server_side_encryption {
                enabled     = true
                kms_key_arn = "<KMS_KEY_ARN>"
              }
            }
            """,
        DocUrl: "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/encryption.tutorial.html",
        Effort: Effort.Low) { When = "the table uses an AWS owned key or its encryption is not enabled" };

    public override CheckInfo Info { get; } = new()
    {
        Id = "aws-ddb-001",
        Title = "DynamoDB table encryption is weak or broken",
        Service = "DynamoDB",
        Severity = Severity.High,
        ResourceType = "AWS::DynamoDB::Table",
        Description = "Reads each table's SSEDescription. A table whose KMS key has become inaccessible "
            + "(InaccessibleEncryptionDateTime set) fails as Critical; a table whose encryption status is not ENABLED fails as "
            + "High; a table encrypted with the default AWS owned key (no SSEDescription) fails as Low. Tables using a KMS key "
            + "(AWS managed or customer managed) pass.",
        Rationale = "All DynamoDB data is encrypted at rest, but with an AWS owned key nobody in the account can see or "
            + "restrict its use, and CloudTrail records nothing about it. A KMS key adds a second permission check and an "
            + "audit trail. When that key becomes inaccessible the table stops serving requests, and after seven days "
            + "DynamoDB archives it.",
        CommonCauses =
        [
            "Tables were created with the default encryption setting.",
            "The customer managed key was disabled, scheduled for deletion, or lost the grant DynamoDB uses.",
            "A key policy change removed DynamoDB's access to the key.",
        ],
        Recommendation = "Encrypt tables with a KMS key, and keep that key enabled with a policy that lets DynamoDB use it.",
        Remediation = UseKmsKey,
        RemediationVariants = [RestoreKey],
    };

    protected override void Judge(Located<TableDescription> table, CheckContext context, Verdict verdict)
    {
        var t = table.Resource;
        var sse = t.SSEDescription;
        if (sse?.InaccessibleEncryptionDateTime is { } since)
            verdict.Fail(t.TableArn, table.Region,
                $"Table {t.TableName} cannot reach its KMS key ({sse.KMSMasterKeyArn ?? "unknown key"}) since {AwsDates.Day(since)}; DynamoDB archives it after seven days.",
                Slots(t).With("kms_key", sse.KMSMasterKeyArn ?? "").With("kms_key_id", KeyId(sse.KMSMasterKeyArn)),
                severity: Severity.Critical, remediation: RestoreKey);
        else if (sse is null || sse.SSEType is null)
            verdict.Fail(t.TableArn, table.Region, $"Table {t.TableName} is encrypted only with the AWS owned key.",
                Slots(t), severity: Severity.Low, remediation: UseKmsKey);
        else if (sse.Status != "ENABLED")
            verdict.Fail(t.TableArn, table.Region, $"Table {t.TableName} encryption status is {sse.Status ?? "unknown"}, not ENABLED.",
                Slots(t), severity: Severity.High, remediation: UseKmsKey);
    }

    /// <summary>The key ID Terraform imports a key by: the last part of its ARN.</summary>
    private static SlotValue KeyId(string? keyArn) =>
        Inventory.Arn.TryParse(keyArn)?.Resource is { } resource && resource.StartsWith("key/", StringComparison.Ordinal)
            ? resource["key/".Length..] : new SlotValue.Placeholder("KMS_KEY_ID");
}
