using CloudAudit.Checks.Framework;
using CloudAudit.Checks.Policies;
using CloudAudit.Inventory.Catalog;
using CloudAudit.Inventory.Views;

namespace CloudAudit.Checks.DataPerimeter;

/// <summary>aws-dp-001: an S3 bucket policy that reaches outside the organization, Block Public Access considered.</summary>
public sealed class BucketPolicyPerimeter : PerimeterCheck
{
    public override CheckInfo Info { get; } = new()
    {
        Id = "aws-dp-001",
        Title = "S3 bucket policy reaches outside the organization",
        Service = "Data perimeter",
        Severity = Severity.High,
        ResourceType = "AWS::S3::Bucket",
        Description = HowDecided("bucket policy") + " RestrictPublicBuckets (on the bucket or the account) neutralizes a public "
            + "policy for everyone but AWS services and the account itself, so only service grants of such a policy are "
            + "reported; BlockPublicPolicy only stops new public policies and does not change the verdict. ACLs are not "
            + "evaluated here (aws-s3-001 covers Block Public Access).",
        Rationale = "Buckets hold the data itself: exports, backups, logs, model artifacts. A bucket policy that lets any "
            + "account in, or an account that left the company's control, is a standing copy channel that no identity "
            + "policy or SCP in your organization can close, because the caller's own account authorizes the request.",
        CommonCauses =
        [
            "A static-site or download bucket was made public with Principal \"*\" and s3:GetObject.",
            "A vendor or partner account was granted access for a project that has ended.",
            "A statement for an AWS service (CloudTrail, ELB logs, S3 replication) lacks aws:SourceAccount or aws:SourceArn.",
        ],
        Recommendation = "Limit each statement that names outside principals to your organization (aws:PrincipalOrgID), or service statements to your account (aws:SourceAccount), and enable RestrictPublicBuckets where public access is not intended.",
        Remediation = new RemediationTemplate(
            Cli: """
                # The bucket's policy with each open statement limited to the organization (review before applying).
                aws s3api put-bucket-policy --bucket {bucket} --policy {policy}
                """,
            Terraform: """
                resource "aws_s3_bucket_policy" "{bucket:id}" {
                  bucket = {bucket}
                  policy = {policy}
                }
                """,
            DocUrl: "https://docs.aws.amazon.com/AmazonS3/latest/userguide/example-bucket-policies.html#example-bucket-policies-org",
            Effort: Effort.Low),
        Compliance = [new ComplianceRef(ComplianceRef.CisAws, "7.0", "2.21")],
    };

    public override IReadOnlyList<ApiCall> Reads { get; } =
    [
        ResourcePolicyCalls.ListBuckets, ResourcePolicyCalls.GetBucketPolicy, ResourcePolicyCalls.GetBucketPublicAccessBlock,
        S3Calls.GetAccountPublicAccessBlock, .. OrganizationReads,
    ];

    protected override Gathered<ResourcePolicyRead> Resources(ResourcePolicyView view) => view.BucketPolicies();
    protected override (string Service, string Operation) PolicyRead => ("s3", "GetBucketPolicy");
    protected override string Noun => "bucket";

    protected override IReadOnlyList<PerimeterBreach> InForce(CheckContext context, ResourcePolicyRead resource,
        IReadOnlyList<PerimeterBreach> breaches, Verdict verdict)
    {
        if (!breaches.Any(b => b.Tier == PerimeterTier.Public))
            return breaches;
        // A public policy under RestrictPublicBuckets admits only AWS services and the bucket owner's account.
        var own = context.Data.ResourcePolicies().BucketPublicAccessBlock(resource.Name);
        var account = context.Data.S3().AccountPublicAccessBlock();
        if (!own.TryGet(out var bucketBlock, out var gap) || !account.TryGet(out var accountBlock, out gap))
        {
            verdict.Gap(gap!);
            return breaches;
        }
        return bucketBlock.Or(accountBlock).RestrictPublicBuckets == true ? [.. breaches.Where(b => b.ServiceOnly)] : breaches;
    }

    protected override SlotValues Slots(CheckContext context, ResourcePolicyRead resource, string restricted) =>
        new SlotValues().With("bucket", resource.Name).With("policy", restricted);
}
