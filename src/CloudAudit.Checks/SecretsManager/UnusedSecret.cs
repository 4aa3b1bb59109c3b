using CloudAudit.Checks.Framework;
using CloudAudit.Inventory.Views;

namespace CloudAudit.Checks.SecretsManager;

/// <summary>A secret nobody has read for 90 days: it costs money and is a credential nobody watches.</summary>
public sealed class UnusedSecret : SecretCheck
{
    public static readonly TimeSpan Unused = TimeSpan.FromDays(90);

    public override CheckInfo Info { get; } = new()
    {
        Id = "aws-sm-002",
        Title = "Secrets Manager secret unused for 90 days",
        Service = "Secrets Manager",
        Severity = Severity.Low,
        Category = Category.Cost,
        ResourceType = "AWS::SecretsManager::Secret",
        Description = "Fails each customer-managed secret (replicas included, as each is billed) whose LastAccessedDate is 90 or "
            + "more days before the scan, or that was never accessed and was created 90 or more days ago. Secrets Manager "
            + "records the access date to the day.",
        Rationale = "Every secret is billed monthly whether or not it is read. An unused secret is also a live credential "
            + "that no application depends on any more, so nobody notices if it leaks, and nobody rotates it.",
        CommonCauses =
        [
            "The application that read the secret was decommissioned and the secret was left behind.",
            "Secrets were created for a migration or a test and never removed.",
            "A value was moved to a new secret name and the old one kept just in case.",
        ],
        Recommendation = "Confirm nothing reads the secret (CloudTrail GetSecretValue events), revoke the credential at its issuer, then schedule the secret for deletion.",
        Remediation = new(
            Cli: """
                # The recovery window keeps the secret restorable for 30 days in case something still needs it.
                aws secretsmanager delete-secret --region {region} --secret-id {secret} --recovery-window-in-days 30
                """,
            Terraform: """
                # Remove the secret's resource from your configuration; the recovery window keeps it restorable for 30 days.
                resource "aws_secretsmanager_secret" "{secret:id}" {
                  name                    = {secret}
                  recovery_window_in_days = 30
                }
                """,
            DocUrl: "https://docs.aws.amazon.com/secretsmanager/latest/userguide/manage_delete-secret.html",
            Effort: Effort.Low),
    };

    protected override void Judge(Located<SecretListEntry> secret, CheckContext context, Verdict verdict)
    {
        var accessed = AwsDates.Parse(secret.Resource.LastAccessedDate);
        var created = AwsDates.Parse(secret.Resource.CreatedDate);
        string? problem = (accessed, created) switch
        {
            ({ } last, _) when context.Now - last >= Unused => $"was last read on {AwsDates.Day(last)} ({AwsDates.DaysBetween(last, context.Now)} days ago)",
            (null, { } made) when context.Now - made >= Unused => $"has never been read since it was created on {AwsDates.Day(made)}",
            _ => null,
        };
        if (problem is not null)
            verdict.Fail(secret.Resource.ARN, secret.Region, $"Secret {secret.Resource.Name} {problem}.", Slots(secret.Resource));
    }
}
