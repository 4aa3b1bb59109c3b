using CloudAudit.Checks.Framework;
using CloudAudit.Inventory.Views;

namespace CloudAudit.Checks.SecretsManager;

/// <summary>A Secrets Manager secret without automatic rotation.</summary>
public sealed class SecretNotRotated : SecretCheck
{
    public override CheckInfo Info { get; } = new()
    {
        Id = "aws-sm-001",
        Title = "Secrets Manager secret without rotation",
        Service = "Secrets Manager",
        Severity = Severity.Medium,
        ResourceType = "AWS::SecretsManager::Secret",
        Description = "Lists the secrets of every scanned region (ListSecrets, metadata only) and fails each customer-managed "
            + "primary secret whose RotationEnabled is not true. Secrets owned by another AWS service (OwningService set, "
            + "such as RDS-managed master passwords) and replicas in other regions are not judged here.",
        Rationale = "A credential that never changes stays valid for as long as anyone holds a copy: in an old laptop, a CI "
            + "log, a former employee's notes. Rotation limits how long a leaked secret is useful and proves that "
            + "applications can survive a credential change, which is exactly what an incident requires.",
        CommonCauses =
        [
            "The secret belongs to a third-party API whose keys Secrets Manager cannot rotate without a custom Lambda.",
            "Rotation was never configured because the application caches the value and would break.",
            "Secrets were migrated from another store with their values but without rotation.",
        ],
        Recommendation = "Enable rotation with a rotation function (AWS provides templates for databases), or rotate by hand on a fixed schedule for third-party keys.",
        Remediation = new(
            Cli: """
                # Needs a rotation function; AWS publishes templates for RDS, Redshift and DocumentDB credentials.
                aws secretsmanager rotate-secret --region {region} --secret-id {secret} --rotation-lambda-arn <ROTATION_LAMBDA_ARN> --rotation-rules AutomaticallyAfterDays=30
                """,
            Terraform: """
                resource "aws_secretsmanager_secret_rotation" "{secret:id}" {
                  secret_id           = {secret}
                  rotation_lambda_arn = "<ROTATION_LAMBDA_ARN>"

                  rotation_rules {
                    automatically_after_days = 30
                  }
                }
                """,
            DocUrl: "https://docs.aws.amazon.com/secretsmanager/latest/userguide/rotating-secrets.html",
            Effort: Effort.Medium),
    };

    protected override void Judge(Located<SecretListEntry> secret, CheckContext context, Verdict verdict)
    {
        if (IsReplica(secret) || secret.Resource.RotationEnabled == true) return;
        var changed = AwsDates.Parse(secret.Resource.LastChangedDate) ?? AwsDates.Parse(secret.Resource.CreatedDate);
        var since = changed is { } date ? $"; its value last changed {AwsDates.Day(date)} ({AwsDates.DaysBetween(date, context.Now)} days ago)" : "";
        verdict.Fail(secret.Resource.ARN, secret.Region, $"Secret {secret.Resource.Name} has no automatic rotation{since}.", Slots(secret.Resource));
    }
}
