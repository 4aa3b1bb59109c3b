using System.Text.Json.Nodes;
using CloudAudit.Checks.Framework;
using CloudAudit.Inventory.Catalog;
using CloudAudit.Inventory.Views;

namespace CloudAudit.Checks.Efs;

/// <summary>CIS 2.4.1 (v3.0) / 2.3.1 (v5.0): EFS file systems are encrypted at rest.</summary>
public sealed class EfsEncryption : Check
{
    public override CheckInfo Info { get; } = new()
    {
        Id = "aws-efs-001",
        Title = "EFS file system not encrypted at rest",
        Service = "EFS",
        Severity = Severity.Medium,
        ResourceType = "AWS::EFS::FileSystem",
        Description = "Lists the account's EFS file systems in every scanned region (DescribeFileSystems) and fails each "
            + "one whose Encrypted flag is false. File systems being deleted are skipped.",
        Rationale = "File shares collect what applications write without thinking: exports, uploads, home directories, "
            + "configuration with credentials. Encryption at rest with a KMS key protects that data on the storage layer and "
            + "in backups, adds kms:Decrypt as a second gate on access, and is a hard requirement of most compliance regimes. "
            + "It can only be chosen when a file system is created.",
        CommonCauses =
        [
            "The file system was created through the CLI, an SDK or an old template before EFS encrypted new file systems by default.",
            "Encryption was switched off in the console to avoid KMS key management.",
        ],
        Recommendation = "Move the data to a new file system created with encryption at rest, then delete the unencrypted one.",
        Remediation = new(
            Cli: """
                # EFS cannot encrypt an existing file system. Back it up, restore the backup into a new encrypted
                # file system, create its mount targets, move clients over, then delete the old file system.
                # The default backup role exists once AWS Backup has been used in the console.
                aws backup start-backup-job --region {region} --backup-vault-name <BACKUP_VAULT_NAME> \
                  --resource-arn {file_system_arn} --iam-role-arn {backup_role} --output json > backup-job.json
                # Once the job is COMPLETED (aws backup describe-backup-job --backup-job-id, in backup-job.json), restore its recovery point:
                jq --arg role {backup_role} --argjson metadata {restore_metadata} \
                  '{RecoveryPointArn, IamRoleArn: $role, ResourceType: "EFS", Metadata: $metadata}' backup-job.json > restore-job.json
                aws backup start-restore-job --region {region} --cli-input-json file://restore-job.json
                """,
            Terraform: """
                # Changing encrypted on the existing aws_efs_file_system would replace it with an empty one. Declare the
                # encrypted replacement, copy the data into it (AWS DataSync or an AWS Backup restore), move the mount
                # targets and clients, then remove the old resource.
                resource "aws_efs_file_system" "{file_system_id:id}_encrypted" {
                  creation_token   = {creation_token}
                  encrypted        = true
                  kms_key_id       = "<KMS_KEY_ARN>"
                  performance_mode = {performance_mode}
                }
                """,
            DocUrl: "https://docs.aws.amazon.com/efs/latest/ug/encryption-at-rest.html",
            Effort: Effort.High),
        Compliance = Cis.Refs(v3: "2.4.1", v5: "2.3.1"),
    };

    public override IReadOnlyList<ApiCall> Reads { get; } = [EfsCalls.DescribeFileSystems];

    public override void Evaluate(CheckContext context, Verdict verdict)
    {
        var listing = context.Data.Efs().FileSystems();
        verdict.AddGaps(listing.Gaps);
        foreach (var (region, fileSystem) in listing.Items.Select(l => (l.Region, l.Resource)))
        {
            if (fileSystem.Gone || fileSystem.OwnerId is { } owner && owner != context.AccountId)
                continue;
            verdict.Scanned(fileSystem.FileSystemArn ?? $"arn:{context.Partition}:elasticfilesystem:{region}:{context.AccountId}:file-system/{fileSystem.FileSystemId}");
            if (fileSystem.Encrypted == true)
                continue;
            var arn = fileSystem.FileSystemArn
                ?? $"arn:{context.Partition}:elasticfilesystem:{region}:{context.AccountId}:file-system/{fileSystem.FileSystemId}";
            var name = fileSystem.Name is { Length: > 0 } n ? $"{fileSystem.FileSystemId} ({n})" : fileSystem.FileSystemId;
            var creationToken = $"{fileSystem.FileSystemId}-encrypted";
            var performanceMode = fileSystem.PerformanceMode ?? "generalPurpose";
            verdict.Fail(arn, region, $"EFS file system {name} is not encrypted at rest.", new SlotValues()
                .With("file_system_id", fileSystem.FileSystemId)
                .With("file_system_arn", arn)
                .With("performance_mode", performanceMode)
                .With("creation_token", creationToken)
                .With("backup_role", $"arn:{context.Partition}:iam::{context.AccountId}:role/service-role/AWSBackupDefaultServiceRole")
                .With("restore_metadata", RestoreMetadata(fileSystem.FileSystemId, performanceMode, creationToken)));
        }
        verdict.NotApplicable("no EFS file system in the scanned regions");
    }

    /// <summary>AWS Backup's restore metadata for EFS: a new file system, encrypted with the key to choose.</summary>
    private static string RestoreMetadata(string fileSystemId, string performanceMode, string creationToken) => CliFix.Json(new JsonObject
    {
        ["file-system-id"] = fileSystemId,
        ["newFileSystem"] = "true",
        ["Encrypted"] = "true",
        ["KmsKeyId"] = "<KMS_KEY_ARN>",
        ["PerformanceMode"] = performanceMode,
        ["CreationToken"] = creationToken,
    });
}
