using CloudAudit.Checks.Framework;
using CloudAudit.Access.Principals;
using CloudAudit.Inventory.Catalog;
using CloudAudit.Inventory.Views;

namespace CloudAudit.Checks.Threat;

/// <summary>TF-009: a Roles Anywhere trust anchor whose certificate authority lives outside AWS Private CA.</summary>
public sealed class RolesAnywhereExternalCa : Check
{
    private const string Service = "rolesanywhere.amazonaws.com";

    public override CheckInfo Info { get; } = new()
    {
        Id = "aws-tf-009",
        Title = "IAM Roles Anywhere trust anchor with external CA",
        Service = "Threat feed",
        Severity = Severity.High,
        Category = Category.Threat,
        ResourceType = "AWS::RolesAnywhere::TrustAnchor",
        Description = "Reads the IAM Roles Anywhere trust anchors of every scanned region (ListTrustAnchors) and fails each "
            + "anchor whose source is a certificate bundle or a self-signed repository rather than an AWS Private CA: High "
            + "when the anchor is enabled, Medium when it is disabled. The finding lists the roles that trust Roles Anywhere "
            + "without pinning this anchor (no aws:SourceArn condition naming it): those are the roles any certificate the "
            + "external CA signs can become.",
        Rationale = "Roles Anywhere exchanges an X.509 certificate for temporary role credentials. With an external CA, who "
            + "can obtain such a certificate is decided outside AWS, by that CA's issuance rules and by whoever holds its "
            + "keys; a CA that issues too freely, or whose key leaks, hands out AWS credentials. With AWS Private CA, issuance "
            + "is controlled and logged in the account.",
        CommonCauses =
        [
            "An on-premises or third-party PKI was registered as the anchor to get workloads running quickly.",
            "A test anchor with a self-generated CA was left enabled.",
            "Roles trust rolesanywhere.amazonaws.com without conditions, so any anchor's certificates can assume them.",
        ],
        Recommendation = "Move the anchor to an AWS Private CA, or disable it; and pin every role that trusts Roles Anywhere to its anchor with an aws:SourceArn condition.",
        Remediation = new(
            Cli: """
                # Sessions issued through the anchor (CloudTrail event history, last 90 days):
                aws cloudtrail lookup-events --region {region} --lookup-attributes AttributeKey=EventName,AttributeValue=CreateSession
                # Disable the anchor until it is backed by an AWS Private CA:
                aws rolesanywhere disable-trust-anchor --region {region} --trust-anchor-id {trust_anchor_id}
                """,
            Terraform: """
                resource "aws_rolesanywhere_trust_anchor" "{trust_anchor_name:id}" {
                  name    = {trust_anchor_name}
                  enabled = true
                  source {
                    source_type = "AWS_ACM_PCA"
                    source_data {
                      acm_pca_arn = "<PRIVATE_CA_ARN>"
                    }
                  }
                }
                """,
            DocUrl: "https://docs.aws.amazon.com/rolesanywhere/latest/userguide/trust-model.html",
            Effort: Effort.Medium),
        Threat = new("TF-009-roles-anywhere-abuse",
        [
            "https://docs.aws.amazon.com/rolesanywhere/latest/userguide/trust-model.html",
            "https://docs.aws.amazon.com/rolesanywhere/latest/userguide/introduction.html",
        ]) { Escalation = "medium when the anchor is disabled" },
    };

    public override IReadOnlyList<ApiCall> Reads { get; } = [IdentityAndMailCalls.ListTrustAnchors, IamAuthorizationCalls.GetAccountAuthorizationDetails];

    public override void Evaluate(CheckContext context, Verdict verdict)
    {
        var anchors = context.Data.IdentityAndMail().TrustAnchors();
        var inScope = verdict.Accept(anchors);
        foreach (var (_, anchor) in inScope) verdict.Scanned(anchor.TrustAnchorArn);
        if (inScope.Count == 0)
            verdict.NotApplicable(RegionalVerdicts.NothingInScope("no Roles Anywhere trust anchors in the scanned regions", anchors.NotOffered));
        foreach (var (region, anchor) in inScope)
        {
            if (anchor.Source?.SourceType is not ("CERTIFICATE_BUNDLE" or "SELF_SIGNED_REPOSITORY")) continue;
            var enabled = anchor.Enabled != false;
            var name = anchor.Name ?? anchor.TrustAnchorId;
            verdict.Fail(anchor.TrustAnchorArn, region,
                $"Trust anchor {name} ({(enabled ? "enabled" : "disabled")}) trusts certificates of an external CA ({anchor.Source.SourceType}), "
                + $"not of an AWS Private CA.{Reachable(anchor, context)}",
                new SlotValues().With("trust_anchor_id", anchor.TrustAnchorId).With("trust_anchor_name", name),
                severity: enabled ? Severity.High : Severity.Medium);
        }
    }

    /// <summary>" Roles reachable with its certificates: …" (roles that trust Roles Anywhere without naming another anchor).</summary>
    private static string Reachable(TrustAnchor anchor, CheckContext context)
    {
        var iam = context.Access().Iam;
        if (iam.Gap is not null) return "";
        var roles = iam.Roles.Where(r => r.Trust is { } trust && trust.Statements.Any(s =>
                s.Effect == Policy.Model.Effect.Allow && s.Principals?.Services.Contains(Service) == true
                && !s.Conditions.Any(c => c.Key.Equals("aws:SourceArn", StringComparison.OrdinalIgnoreCase)
                    && c.Values.All(v => !v.Contains(anchor.TrustAnchorId, StringComparison.Ordinal)))))
            .Select(r => r.Name).ToList();
        return roles.Count == 0 ? "" : $" Roles its certificates can become (they trust Roles Anywhere without pinning another anchor): {string.Join(", ", roles)}.";
    }
}
