using CloudAudit.Checks.Framework;

namespace CloudAudit.Checks.CloudTrail;

/// <summary>Remediation shared by the CloudTrail checks: create a compliant trail, or repair an existing one.</summary>
internal static class TrailFixes
{
    public const string DocUrl = "https://docs.aws.amazon.com/awscloudtrail/latest/userguide/receive-cloudtrail-log-files-from-multiple-regions.html";

    public static readonly RemediationTemplate CreateTrail = new(
        Cli: """
            # Create a multi-region trail that records all management events, then start it.
            # The bucket needs the CloudTrail bucket policy: https://docs.aws.amazon.com/awscloudtrail/latest/userguide/create-s3-bucket-policy-for-cloudtrail.html
            aws cloudtrail create-trail --region {region} \
              --name organization-audit-trail \
              --s3-bucket-name <CLOUDTRAIL_BUCKET> \
              --is-multi-region-trail \
              --include-global-service-events \
              --enable-log-file-validation
            aws cloudtrail put-event-selectors --region {region} \
              --trail-name organization-audit-trail \
              --event-selectors '[{"ReadWriteType":"All","IncludeManagementEvents":true}]'
            aws cloudtrail start-logging --region {region} --name organization-audit-trail
            """,
        Terraform: """
            resource "aws_cloudtrail" "audit" {
              name                          = "organization-audit-trail"
              s3_bucket_name                = "<CLOUDTRAIL_BUCKET>"
              is_multi_region_trail         = true
              include_global_service_events = true
              enable_logging                = true
              enable_log_file_validation    = true

              event_selector {
                read_write_type           = "All"
                include_management_events = true
              }
            }
            """,
        DocUrl: DocUrl,
        Effort: Effort.Medium)
    {
        When = "no trail can be repaired: create a compliant one",
    };

    public static readonly RemediationTemplate RepairTrail = new(
        Cli: """
            # Make the existing trail multi-region, record all management events, and start it.
            aws cloudtrail update-trail --region {home_region} --name {trail_name} \
              --is-multi-region-trail --include-global-service-events
            aws cloudtrail put-event-selectors --region {home_region} \
              --trail-name {trail_name} \
              --event-selectors '[{"ReadWriteType":"All","IncludeManagementEvents":true}]'
            aws cloudtrail start-logging --region {home_region} --name {trail_name}
            """,
        Terraform: """
            resource "aws_cloudtrail" "{trail_name:id}" {
              name                          = {trail_name}
              s3_bucket_name                = {bucket}
              is_multi_region_trail         = true
              include_global_service_events = true
              enable_logging                = true

              event_selector {
                read_write_type           = "All"
                include_management_events = true
              }
            }
            """,
        DocUrl: DocUrl,
        Effort: Effort.Low)
    {
        When = "an existing trail falls short: repair it",
    };
}
