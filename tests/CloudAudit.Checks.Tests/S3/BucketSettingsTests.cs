using CloudAudit.Checks.Framework;
using CloudAudit.Checks.Tests.Support;
using CloudAudit.Inventory.Catalog;

namespace CloudAudit.Checks.Tests.S3;

/// <summary>aws-s3-002 (default encryption), aws-s3-003 (versioning), aws-s3-007 (MFA Delete).</summary>
public class BucketSettingsTests
{
    private static string Sse(string algorithm) =>
        $$"""{"ServerSideEncryptionConfiguration": {"Rules": [{"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "{{algorithm}}"}, "BucketKeyEnabled": true}]} }""";

    [Fact]
    public void Encryption_fails_sse_s3_and_missing_defaults_and_passes_kms()
    {
        var result = new TestAccount().WithBuckets("logs", "ancient", "lake", "exports")
            .Answer(S3Calls.GetBucketEncryption, "logs", Sse("AES256"))
            .Error(S3Calls.GetBucketEncryption, "ancient", "ServerSideEncryptionConfigurationNotFoundError")
            .Answer(S3Calls.GetBucketEncryption, "lake", Sse("aws:kms"))
            .Answer(S3Calls.GetBucketEncryption, "exports", Sse("aws:kms:dsse"))
            .Run("aws-s3-002");

        Assert.Equal(["ancient", "logs"], result.Findings.Select(f => f.ResourceId).Order());
        Assert.Contains("S3-managed keys (AES256)", result.For("logs").Description);
        Assert.Contains("no default encryption", result.For("ancient").Description);
        Assert.Contains("aws s3api put-bucket-encryption --bucket logs \\", result.For("logs").Remediation!.Cli);
        Assert.Contains("\"KMSMasterKeyID\":\"<KMS_KEY_ARN>\"", result.For("logs").Remediation!.Cli);
        Assert.Equal(4, result.ResourcesScanned);
    }

    [Fact]
    public void Encryption_passes_when_every_bucket_uses_kms_and_is_not_assessed_when_denied()
    {
        var kms = new TestAccount().WithBuckets("lake").Answer(S3Calls.GetBucketEncryption, "lake", Sse("aws:kms"));
        Assert.Equal(CheckStatus.Pass, kms.Run("aws-s3-002").Status);
        var denied = new TestAccount().WithBuckets("lake").DeniedFor(S3Calls.GetBucketEncryption, "lake");
        Assert.Equal(CheckStatus.NotAssessed, denied.Run("aws-s3-002").Status);
    }

    private static TestAccount Versioning(params (string Bucket, string Json)[] buckets)
    {
        var account = new TestAccount().WithBuckets(buckets.Select(b => b.Bucket).ToArray());
        foreach (var (bucket, json) in buckets)
            account.Answer(S3Calls.GetBucketVersioning, bucket, json);
        return account;
    }

    [Fact]
    public void Versioning_fails_never_enabled_and_suspended_buckets()
    {
        var result = Versioning(("fresh", "{}"), ("paused", """{"Status": "Suspended"}"""), ("kept", """{"Status": "Enabled"}"""))
            .Run("aws-s3-003");
        Assert.Equal(["fresh", "paused"], result.Findings.Select(f => f.ResourceId).Order());
        Assert.Contains("suspended", result.For("paused").Description);
        Assert.Equal("aws s3api put-bucket-versioning --bucket fresh --versioning-configuration Status=Enabled", result.For("fresh").Remediation!.Cli);
        Assert.Equal(Category.Reliability, result.For("fresh").Category);
    }

    [Fact]
    public void Versioning_passes_and_is_not_assessed_when_denied()
    {
        Assert.Equal(CheckStatus.Pass, Versioning(("kept", """{"Status": "Enabled"}""")).Run("aws-s3-003").Status);
        var denied = new TestAccount().WithBuckets("kept").DeniedFor(S3Calls.GetBucketVersioning, "kept");
        Assert.Equal(CheckStatus.NotAssessed, denied.Run("aws-s3-003").Status);
    }

    [Fact]
    public void Mfa_delete_fails_without_it_and_tells_that_only_root_can_fix_it()
    {
        var result = Versioning(
                ("audit", """{"Status": "Enabled", "MFADelete": "Enabled"}"""),
                ("backups", """{"Status": "Enabled", "MFADelete": "Disabled"}"""),
                ("scratch", "{}"))
            .Run("aws-s3-007");
        Assert.Equal(["backups", "scratch"], result.Findings.Select(f => f.ResourceId).Order());
        var fix = result.For("backups").Remediation!;
        Assert.Contains("Only the root user", fix.Cli);
        Assert.Contains("aws s3api put-bucket-versioning --bucket backups \\", fix.Cli);
        Assert.Contains("--versioning-configuration Status=Enabled,MFADelete=Enabled", fix.Cli);
        Assert.Contains("--mfa '<ROOT_MFA_SERIAL_AND_CODE>'", fix.Cli);
        Assert.Contains("mfa_delete = \"Enabled\"", fix.Terraform);
        Assert.Contains(result.Findings[0].Compliance, c => c.Version == "5.0" && c.Control == "2.1.2");
    }

    [Fact]
    public void Mfa_delete_passes_and_is_not_assessed_when_denied()
    {
        Assert.Equal(CheckStatus.Pass, Versioning(("audit", """{"Status": "Enabled", "MFADelete": "Enabled"}""")).Run("aws-s3-007").Status);
        var denied = new TestAccount().WithBuckets("audit").DeniedFor(S3Calls.GetBucketVersioning, "audit");
        Assert.Equal(CheckStatus.NotAssessed, denied.Run("aws-s3-007").Status);
    }
}
