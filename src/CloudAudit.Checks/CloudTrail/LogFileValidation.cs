using CloudAudit.Checks.Framework;
using CloudAudit.Inventory.Views;

namespace CloudAudit.Checks.CloudTrail;

/// <summary>CIS 3.2: trails sign their log files with digest files.</summary>
public sealed class LogFileValidation : PerTrailCheck
{
    public override CheckInfo Info { get; } = new()
    {
        Id = "aws-ct-002",
        Title = "CloudTrail log file validation disabled",
        Service = "CloudTrail",
        Severity = Severity.High,
        ResourceType = "AWS::CloudTrail::Trail",
        Description = "Checks every trail owned by the account for LogFileValidationEnabled, which makes CloudTrail write "
            + "signed hourly digest files alongside the logs.",
        Rationale = "Attackers who reach the log bucket edit or delete the entries that show what they did. Digest files "
            + "let an investigator prove which log files were changed or removed; without them tampered logs look "
            + "authentic and the evidence cannot be trusted in an investigation or in court.",
        CommonCauses =
        [
            "Trails created with the CLI or older Terraform modules, where validation is off unless asked for.",
            "The option was seen as only useful for auditors and left off.",
        ],
        Recommendation = "Enable log file validation on the trail.",
        Remediation = new(
            Cli: "aws cloudtrail update-trail --region {home_region} --name {trail_name} --enable-log-file-validation",
            Terraform: """
                resource "aws_cloudtrail" "{trail_name:id}" {
                  name                       = {trail_name}
                  s3_bucket_name             = {bucket}
                  enable_log_file_validation = true
                }
                """,
            DocUrl: "https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-log-file-validation-enabling.html",
            Effort: Effort.Low),
        Compliance = Cis.Refs(v3: "3.2", v5: "3.2", v14: "3.2"),
    };

    protected override void EvaluateTrail(Trail trail, CheckContext context, Verdict verdict)
    {
        if (trail.LogFileValidationEnabled != true)
            verdict.Fail(trail.Arn, trail.HomeRegion!, $"Trail {trail.Name} does not validate its log files, so tampering cannot be detected.", Slots(trail));
    }
}
