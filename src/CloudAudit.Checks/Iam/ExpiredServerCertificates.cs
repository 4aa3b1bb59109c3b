using CloudAudit.Checks.Framework;
using CloudAudit.Inventory;
using CloudAudit.Inventory.Catalog;
using CloudAudit.Inventory.Views;

namespace CloudAudit.Checks.Iam;

/// <summary>CIS 1.19 (v5 1.18): expired SSL/TLS certificates stored in IAM are removed.</summary>
public sealed class ExpiredServerCertificates : SettingCheck<ListServerCertificatesResponse>
{
    public override CheckInfo Info { get; } = new()
    {
        Id = "aws-iam-013",
        Title = "Expired SSL/TLS certificate stored in IAM",
        Service = "IAM",
        Severity = Severity.Medium,
        ResourceType = "AWS::IAM::ServerCertificate",
        Description = "Lists the server certificates stored in IAM (ListServerCertificates) and fails each one whose "
            + "Expiration is before the inventory was collected.",
        Rationale = "An expired certificate that is still deployed makes clients see errors or, worse, trains users "
            + "and tools to click through certificate warnings. Left in IAM, it can also be attached to a new load "
            + "balancer or CloudFront distribution by mistake; IAM certificates never renew themselves.",
        CommonCauses =
        [
            "Certificates were uploaded to IAM before ACM existed and renewed by uploading new ones beside them.",
            "The load balancer moved to an ACM certificate and the IAM copy was forgotten.",
        ],
        Recommendation = "Delete the expired certificate (after checking nothing still uses it) and use ACM, which renews certificates itself.",
        Remediation = new(
            Cli: """
                # Make sure no load balancer listener or CloudFront distribution still uses it, then delete it.
                aws iam delete-server-certificate --server-certificate-name {certificate_name}
                """,
            Terraform: """
                # Issue the replacement in ACM (it renews itself), move listeners to it, then delete the expired
                # IAM certificate (or its aws_iam_server_certificate resource).
                resource "aws_acm_certificate" "{certificate_name:id}" {
                  domain_name       = "<DOMAIN_NAME>"
                  validation_method = "DNS"
                }
                """,
            DocUrl: "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_server-certs.html",
            Effort: Effort.Low),
        Compliance = Cis.Refs(v3: "1.19", v5: "1.18", v7Iam: "2.17", v14: "1.19"),
    };

    public override IReadOnlyList<ApiCall> Reads { get; } = [IamCalls.ListServerCertificates];

    protected override Observed<ListServerCertificatesResponse> Read(CheckContext context) => context.Data.Iam().ServerCertificates();

    protected override void Judge(ListServerCertificatesResponse response, CheckContext context, Verdict verdict)
    {
        var certificates = response.ServerCertificateMetadataList ?? [];
        if (certificates.Count == 0)
        {
            verdict.NotApplicable("no server certificates are stored in IAM");
            return;
        }
        foreach (var certificate in certificates)
        {
            verdict.Scanned(certificate.Arn);
            if (certificate.Expiration is { } expiry && expiry < context.Now)
                verdict.Fail(certificate.Arn, AwsIds.GlobalRegion,
                    $"Server certificate {certificate.ServerCertificateName} expired {CredentialAge.On(expiry, context.Now)}.",
                    new SlotValues().With("certificate_name", certificate.ServerCertificateName));
        }
    }
}
