using CloudAudit.Checks.Framework;
using CloudAudit.Inventory.Catalog;
using CloudAudit.Inventory.Views;

namespace CloudAudit.Checks.DataPerimeter;

/// <summary>aws-dp-004: a Secrets Manager resource policy that reaches outside the organization.</summary>
public sealed class SecretPolicyPerimeter : PerimeterCheck
{
    public override CheckInfo Info { get; } = new()
    {
        Id = "aws-dp-004",
        Title = "Secrets Manager secret policy reaches outside the organization",
        Service = "Data perimeter",
        Severity = Severity.High,
        ResourceType = "AWS::SecretsManager::Secret",
        Description = HowDecided("secret's resource policy (GetResourcePolicy; secret values are never read)"),
        Rationale = "A secret is a credential: a database password, an API key, a signing key. A resource policy that lets "
            + "an outside account read it hands over whatever the credential opens, and the read happens with the outside "
            + "account's own identity, beyond the reach of your SCPs and monitoring.",
        CommonCauses =
        [
            "A secret was shared with a vendor account for an integration by naming the account root.",
            "Principal \"*\" was used with a condition the caller controls, believing it limited access.",
        ],
        Recommendation = "Limit each statement that names outside principals to your organization (aws:PrincipalOrgID) and keep Block Public Policy on for put-resource-policy.",
        Remediation = new RemediationTemplate(
            Cli: """
                # The secret's policy with each open statement limited to your organization; public policies are refused.
                aws secretsmanager put-resource-policy --region {region} --secret-id {secret_arn} --resource-policy {policy} --block-public-policy
                """,
            Terraform: """
                resource "aws_secretsmanager_secret_policy" "{secret_name:id}" {
                  secret_arn          = {secret_arn}
                  policy              = {policy}
                  block_public_policy = true
                }
                """,
            DocUrl: "https://docs.aws.amazon.com/secretsmanager/latest/userguide/auth-and-access_resource-policies.html",
            Effort: Effort.Low),
        Compliance = [new ComplianceRef(ComplianceRef.CisAws, "7.0", "2.21")],
    };

    public override IReadOnlyList<ApiCall> Reads { get; } = [ResourcePolicyCalls.ListSecrets, ResourcePolicyCalls.GetSecretResourcePolicy, .. OrganizationReads];

    protected override Gathered<ResourcePolicyRead> Resources(ResourcePolicyView view) => view.SecretPolicies();
    protected override (string Service, string Operation) PolicyRead => ("secretsmanager", "GetResourcePolicy");
    protected override string Noun => "secret";

    protected override SlotValues Slots(CheckContext context, ResourcePolicyRead resource, string restricted) =>
        new SlotValues().With("secret_arn", resource.ResourceArn).With("secret_name", resource.Name).With("policy", restricted);
}
