using CloudAudit.Checks.Framework;
using CloudAudit.Inventory;
using CloudAudit.Inventory.Catalog;
using CloudAudit.Inventory.Views;

namespace CloudAudit.Checks.S3;

/// <summary>CIS 2.1.4 (account part): the account-level Block Public Access has all four settings on.</summary>
public sealed class AccountPublicAccessBlock : Check
{
    public override CheckInfo Info { get; } = new()
    {
        Id = "aws-s3-008",
        Title = "Account-level S3 Block Public Access not fully enabled",
        Service = "S3",
        Severity = Severity.Medium,
        ResourceType = "AWS::S3::AccountPublicAccessBlock",
        Description = "Reads the account's Block Public Access configuration (s3control GetPublicAccessBlock) and fails "
            + "unless BlockPublicAcls, IgnorePublicAcls, BlockPublicPolicy and RestrictPublicBuckets are all on. An account "
            + "that never configured it (NoSuchPublicAccessBlockConfiguration) fails.",
        Rationale = "The account-level settings cover every bucket and access point, including the ones created tomorrow "
            + "by a script or a console click that forgets bucket-level settings. Without them, the only protection of "
            + "each bucket is its own configuration, and one overlooked bucket with a public policy leaks its data.",
        CommonCauses =
        [
            "The account predates Block Public Access and nobody turned on the account-level settings.",
            "Only some settings were enabled because one workload (a public website bucket) needed public access.",
            "Settings were relaxed for a one-off public share and never restored.",
        ],
        Recommendation = "Turn on all four account-level Block Public Access settings; move any public content behind CloudFront.",
        Remediation = new(
            Cli: """
                aws s3control put-public-access-block --region {region} --account-id {account_id} \
                  --public-access-block-configuration BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true
                """,
            Terraform: """
                resource "aws_s3_account_public_access_block" "account" {
                  account_id              = {account_id}
                  block_public_acls       = true
                  ignore_public_acls      = true
                  block_public_policy     = true
                  restrict_public_buckets = true
                }
                """,
            DocUrl: "https://docs.aws.amazon.com/AmazonS3/latest/userguide/configuring-block-public-access-account.html",
            Effort: Effort.Low),
        Compliance = Cis.Refs(v3: "2.1.4", v5: "2.1.4"),
    };

    public override IReadOnlyList<ApiCall> Reads { get; } = [S3Calls.GetAccountPublicAccessBlock];

    public override void Evaluate(CheckContext context, Verdict verdict)
    {
        if (!context.Data.S3().AccountPublicAccessBlock().TryGet(out var block, out var gap))
        {
            verdict.Gap(gap!);
            return;
        }
        verdict.Scanned(context.AccountId);
        var missing = S3Fixes.MissingSettings(block);
        if (missing.Count > 0)
            verdict.Fail(context.AccountId, AwsIds.GlobalRegion, missing.Count == 4
                ? $"Account {context.AccountId} has no account-level Block Public Access setting turned on."
                : $"Account {context.AccountId} has account-level Block Public Access with {string.Join(", ", missing)} off.");
    }
}
