using System.Text.Json.Nodes;
using CloudAudit.Checks.Framework;
using CloudAudit.Inventory.Catalog;
using CloudAudit.Inventory.Views;

namespace CloudAudit.Checks.Backup;

/// <summary>A scanned region where AWS Backup has no vault, or vaults but no backup plan.</summary>
public sealed class NoBackupPlan : RegionalServiceCheck<ListBackupVaultsResponse>
{
    public override CheckInfo Info { get; } = new()
    {
        Id = "aws-backup-001",
        Title = "No AWS Backup plan in region",
        Service = "Backup",
        Severity = Severity.Medium,
        Category = Category.Reliability,
        ResourceType = "AWS::Backup::BackupPlan",
        Description = "Calls ListBackupVaults and ListBackupPlans in every scanned region. A region with no backup vault fails, "
            + "and so does a region with vaults but no backup plan: vaults alone hold only on-demand or service-created "
            + "backups, nothing is scheduled. Regions where AWS Backup is not offered are not applicable.",
        Rationale = "Without a backup plan, recovery from deletion, corruption or ransomware depends on each service's own "
            + "snapshots, if anyone remembered to configure them. Backup plans give scheduled, retained, centrally "
            + "monitored copies, and vault locks keep an attacker with admin rights from deleting them.",
        CommonCauses =
        [
            "Backups were configured per service (RDS automated backups, EBS snapshot scripts) and AWS Backup was never adopted.",
            "The organization's backup policy covers only the main region.",
            "A vault was created by an on-demand backup in the console, but no plan followed.",
        ],
        Recommendation = "Create a backup plan with a schedule and retention, assign resources to it by tag, and store copies in a locked vault.",
        Remediation = new(
            Cli: """
                aws backup create-backup-vault --region {region} --backup-vault-name {vault}
                aws backup create-backup-plan --region {region} --backup-plan {backup_plan} --output json > backup-plan.json
                # Back up what is tagged backup=daily. The default role exists once AWS Backup has been used in the console; otherwise create a role for backup.amazonaws.com.
                jq --arg role {backup_role} '{BackupPlanId, BackupSelection: {SelectionName: "tagged-for-backup", IamRoleArn: $role, ListOfTags: [{ConditionType: "STRINGEQUALS", ConditionKey: "backup", ConditionValue: "daily"}]}}' backup-plan.json > backup-selection.json
                aws backup create-backup-selection --region {region} --cli-input-json file://backup-selection.json
                """,
            Terraform: """
                resource "aws_backup_vault" "{region:id}" {
                  region = {region}
                  name   = {vault}
                }

                resource "aws_backup_plan" "{region:id}" {
                  region = {region}
                  name   = "daily-35d"

                  rule {
                    rule_name         = "daily"
                    target_vault_name = aws_backup_vault.{region:id}.name
                    schedule          = "cron(0 5 ? * * *)"

                    lifecycle {
                      delete_after = 35
                    }
                  }
                }

                # The default role exists once AWS Backup has been used in the console; otherwise create a role for backup.amazonaws.com.
                resource "aws_backup_selection" "{region:id}" {
                  region       = {region}
                  name         = "tagged-for-backup"
                  plan_id      = aws_backup_plan.{region:id}.id
                  iam_role_arn = {backup_role}

                  selection_tag {
                    type  = "STRINGEQUALS"
                    key   = "backup"
                    value = "daily"
                  }
                }
                """,
            DocUrl: "https://docs.aws.amazon.com/aws-backup/latest/devguide/creating-a-backup-plan.html",
            Effort: Effort.Medium),
    };

    public override IReadOnlyList<ApiCall> Reads { get; } = [BackupCalls.ListBackupVaults, BackupCalls.ListBackupPlans];

    protected override string ServiceName => "AWS Backup";

    protected override (string Service, string What) Setting => ("backup", "backup-plan");

    protected override IEnumerable<RegionRead<ListBackupVaultsResponse>> Read(CheckContext context) => context.Data.Backup().Vaults();

    protected override void JudgeRegion(string region, ListBackupVaultsResponse vaults, CheckContext context, Verdict verdict)
    {
        if (!verdict.Accept(context.Data.Backup().Plans(region), out var plans) || (plans.BackupPlansList ?? []).Count > 0) return;
        var vaultNames = (vaults.BackupVaultList ?? []).Select(v => v.BackupVaultName).ToList();
        var problem = vaultNames.Count == 0
            ? $"AWS Backup has no vault and no backup plan in {region}."
            : $"AWS Backup has {vaultNames.Count} vault(s) in {region} ({string.Join(", ", vaultNames)}) but no backup plan schedules anything into them.";
        var vault = vaultNames.FirstOrDefault(v => v != "Default") ?? $"backups-{region}";
        verdict.Fail(RegionSetting(context, "backup", region, "backup-plan"), region, problem,
            new SlotValues()
                .With("vault", vault)
                .With("backup_plan", DailyPlan(vault))
                .With("backup_role", $"arn:{context.Partition}:iam::{context.AccountId}:role/service-role/AWSBackupDefaultServiceRole"));
    }

    /// <summary>The plan the Terraform fix declares: daily at 05:00 UTC into the vault, kept 35 days.</summary>
    private static string DailyPlan(string vault) => CliFix.Json(new JsonObject
    {
        ["BackupPlanName"] = "daily-35d",
        ["Rules"] = new JsonArray(new JsonObject
        {
            ["RuleName"] = "daily",
            ["TargetBackupVaultName"] = vault,
            ["ScheduleExpression"] = "cron(0 5 ? * * *)",
            ["Lifecycle"] = new JsonObject { ["DeleteAfterDays"] = 35 },
        }),
    });
}
