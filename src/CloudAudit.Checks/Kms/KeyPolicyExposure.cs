using CloudAudit.Checks.Framework;
using CloudAudit.Inventory;
using CloudAudit.Checks.Policies;
using CloudAudit.Inventory.Catalog;
using CloudAudit.Inventory.Views;
using CloudAudit.Policy.Model;

namespace CloudAudit.Checks.Kms;

/// <summary>A customer managed key whose key policy lets the public or accounts outside the organization use it.</summary>
public sealed class KeyPolicyExposure : Check
{
    public override CheckInfo Info { get; } = new()
    {
        Id = "aws-kms-002",
        Title = "KMS key policy open to the public or to accounts outside the organization",
        Service = "KMS",
        Severity = Severity.High,
        ResourceType = "AWS::KMS::Key",
        Description = "Reads the key policy of every customer managed key in every scanned region (AWS managed keys are "
            + "skipped) and evaluates it with the IAM policy engine for callers outside the account: anonymous callers, "
            + "any AWS account, accounts of another organization, services acting for any account, and each account the "
            + "policy names. Conditions that tie the caller to you (aws:PrincipalOrgID, aws:PrincipalAccount, "
            + "kms:CallerAccount, aws:SourceAccount, aws:SourceArn) count as KMS applies them, so a Principal \"*\" "
            + "statement restricted to your organization passes. A named account fails when it is outside the "
            + "organization; when the scan cannot list the organization's members (it runs in a member account) such a "
            + "grant is reported at MEDIUM, naming the account to confirm.",
        Rationale = "Whoever may use a key can decrypt every object, volume, snapshot, secret and backup encrypted with it, "
            + "wherever those copies go. A key policy open to any account, or shared with an account nobody controls any "
            + "more, turns a leaked snapshot or a misdirected replica into readable data, and lets an outsider encrypt with "
            + "your key, which some ransomware abuses.",
        CommonCauses =
        [
            "A statement with Principal \"*\" was added for a service integration without a condition naming the account.",
            "The key was shared with a vendor or a former partner account for cross-account backups and never unshared.",
            "A key policy was copied from another account and still names that account.",
        ],
        Recommendation = "Limit every statement that names outside principals to your organization (aws:PrincipalOrgID) or to named accounts you control, and remove grants to accounts you no longer work with.",
        Remediation = new RemediationTemplate(
            Cli: """
                # The current key policy with each open statement limited to the organization (review before applying).
                aws kms put-key-policy --region {region} --key-id {key_id} --policy-name default --policy {policy}
                """,
            Terraform: """
                resource "aws_kms_key_policy" "{key_id:id}" {
                  key_id = {key_id}
                  policy = {policy}
                }
                """,
            DocUrl: "https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-modifying-external-accounts.html",
            Effort: Effort.Low),
        Compliance = [new ComplianceRef(ComplianceRef.CisAws, "7.0", "2.21")],
    };

    public override IReadOnlyList<ApiCall> Reads { get; } =
    [
        ResourcePolicyCalls.ListKeys, ResourcePolicyCalls.DescribeKey, ResourcePolicyCalls.GetKeyPolicy,
        ResourcePolicyCalls.DescribeOrganization, ResourcePolicyCalls.ListAccounts,
    ];

    public override void Evaluate(CheckContext context, Verdict verdict)
    {
        var keys = context.Data.ResourcePolicies().KeyPolicies();
        verdict.AddGaps(keys.Gaps);
        var organization = OrganizationFacts.Of(context);
        var cache = context.Policies();
        foreach (var key in keys.Items)
        {
            if (key.PolicyText is not { } text) continue;
            var parsed = cache.Get(text, PolicyKind.Resource, key.ResourceArn);
            if (!parsed.TryGet(out var policy))
            {
                verdict.Gap(DataGap.UnreadablePolicy(key.Region, "kms", "GetKeyPolicy", key.ResourceArn, parsed.Error!));
                continue;
            }
            verdict.Scanned(key.ResourceArn);
            var breaches = Perimeter.Breaches(policy, key.ResourceArn, context.AccountId, organization);
            if (breaches.Count == 0) continue;
            var severity = breaches.All(b => b.Tier == PerimeterTier.NamedUnknown) ? Severity.Medium : Severity.High;
            verdict.Fail(key.ResourceArn, key.Region,
                $"Key {key.Name}: {string.Join("; ", breaches.Select(b => Perimeter.Describe(b, organization)))}.",
                new SlotValues()
                    .With("key_id", key.Name)
                    .With("policy", Perimeter.Restrict(text, breaches, organization, context.AccountId, "kms:CallerAccount")),
                severity: severity);
        }
        if (verdict.ResourcesScanned == 0 && verdict.Gaps.Count == 0)
            verdict.NotApplicable("no customer managed KMS key in the scanned regions");
    }
}
