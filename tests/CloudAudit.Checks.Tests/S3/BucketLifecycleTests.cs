using System.Text.Json.Nodes;
using CloudAudit.Checks.Framework;
using CloudAudit.Checks.S3;
using CloudAudit.Checks.Tests.Support;
using CloudAudit.Inventory.Catalog;
using CloudAudit.Inventory.Views;

namespace CloudAudit.Checks.Tests.S3;

public class BucketLifecycleTests
{
    private const string Versioned = """{"Status": "Enabled"}""";
    private const string Abort = """{"ID": "abort", "Filter": {}, "Status": "Enabled", "AbortIncompleteMultipartUpload": {"DaysAfterInitiation": 7}}""";
    private const string Noncurrent = """{"ID": "old-versions", "Filter": {}, "Status": "Enabled", "NoncurrentVersionExpiration": {"NoncurrentDays": 30}}""";
    private const string Expire = """{"ID": "expire", "Filter": {"Prefix": "tmp/"}, "Status": "Enabled", "Expiration": {"Days": 14}}""";

    private static TestAccount Bucket(string versioning, params string[]? rules)
    {
        var account = new TestAccount().WithBuckets("b").Answer(S3Calls.GetBucketVersioning, "b", versioning);
        return rules is null
            ? account.Error(S3Calls.GetBucketLifecycleConfiguration, "b", "NoSuchLifecycleConfiguration")
            : account.Answer(S3Calls.GetBucketLifecycleConfiguration, "b", $$"""{"Rules": [{{string.Join(",", rules)}}]}""");
    }

    /// <summary>The lifecycle configuration inside a rendered CLI fix.</summary>
    private static JsonObject Configuration(Finding finding)
    {
        var cli = finding.Remediation!.Cli;
        var start = cli.IndexOf("--lifecycle-configuration '", StringComparison.Ordinal) + "--lifecycle-configuration '".Length;
        return JsonNode.Parse(cli[start..cli.LastIndexOf('\'')])!.AsObject();
    }

    [Fact]
    public void A_versioned_bucket_without_rules_has_two_gaps_and_one_fix_for_both()
    {
        var result = Bucket(Versioned, null).Run("aws-s3-004");
        Assert.Equal([Severity.Medium, Severity.Low], result.Findings.Select(f => f.Severity));
        Assert.Contains("noncurrent", result.Findings[0].Description);
        Assert.Contains("multipart", result.Findings[1].Description);
        Assert.Equal(result.Findings[0].Remediation!.Cli, result.Findings[1].Remediation!.Cli);
        var rule = Assert.Single(Configuration(result.Findings[0])["Rules"]!.AsArray())!.AsObject();
        Assert.Equal("cloud-audit-housekeeping", rule["ID"]!.GetValue<string>());
        Assert.Equal(90, rule["NoncurrentVersionExpiration"]!["NoncurrentDays"]!.GetValue<int>());
        Assert.Equal(7, rule["AbortIncompleteMultipartUpload"]!["DaysAfterInitiation"]!.GetValue<int>());
        Assert.Contains("noncurrent_version_expiration", result.Findings[0].Remediation!.Terraform);
        Assert.Contains("abort_incomplete_multipart_upload", result.Findings[1].Remediation!.Terraform);
    }

    [Fact]
    public void An_unversioned_bucket_without_rules_is_one_low_finding()
    {
        var finding = Assert.Single(Bucket("{}", null).Run("aws-s3-004").Findings);
        Assert.Equal(Severity.Low, finding.Severity);
        Assert.Contains("no enabled lifecycle rule", finding.Description);
        var rule = Configuration(finding)["Rules"]![0]!;
        Assert.Equal("INTELLIGENT_TIERING", rule["Transitions"]![0]!["StorageClass"]!.GetValue<string>());
        Assert.NotNull(rule["AbortIncompleteMultipartUpload"]);
        Assert.Null(rule["NoncurrentVersionExpiration"]);
        Assert.Contains("storage_class = \"INTELLIGENT_TIERING\"", finding.Remediation!.Terraform);
    }

    [Fact]
    public void The_fix_keeps_the_existing_rules_unchanged()
    {
        var finding = Assert.Single(Bucket("{}", Expire).Run("aws-s3-004").Findings);
        Assert.Contains("aborts incomplete multipart uploads", finding.Description);
        var rules = Configuration(finding)["Rules"]!.AsArray();
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(Expire), rules[0]));
        Assert.Equal("cloud-audit-housekeeping", rules[1]!["ID"]!.GetValue<string>());
        Assert.Contains("aws s3api put-bucket-lifecycle-configuration --bucket b --lifecycle-configuration '", finding.Remediation!.Cli);
    }

    [Fact]
    public void Disabled_rules_do_not_count()
    {
        var disabled = Noncurrent.Replace("\"Enabled\"", "\"Disabled\"", StringComparison.Ordinal);
        var result = Bucket(Versioned, disabled, Abort).Run("aws-s3-004");
        Assert.Equal(Severity.Medium, Assert.Single(result.Findings).Severity);
    }

    [Fact]
    public void Passes_with_noncurrent_expiration_and_upload_cleanup()
    {
        Assert.Equal(CheckStatus.Pass, Bucket(Versioned, Noncurrent, Abort).Run("aws-s3-004").Status);
        Assert.Equal(CheckStatus.Pass, Bucket("{}", Expire, Abort).Run("aws-s3-004").Status);
    }

    [Fact]
    public void Either_read_denied_is_not_assessed()
    {
        var versioning = new TestAccount().WithBuckets("b")
            .DeniedFor(S3Calls.GetBucketVersioning, "b")
            .Answer(S3Calls.GetBucketLifecycleConfiguration, "b", $$"""{"Rules": [{{Abort}}]}""");
        Assert.Equal(CheckStatus.NotAssessed, versioning.Run("aws-s3-004").Status);
        var lifecycle = new TestAccount().WithBuckets("b")
            .Answer(S3Calls.GetBucketVersioning, "b", Versioned)
            .DeniedFor(S3Calls.GetBucketLifecycleConfiguration, "b");
        Assert.Equal(CheckStatus.NotAssessed, lifecycle.Run("aws-s3-004").Status);
    }

    private static BucketLifecycle Rules(params string[] rules)
    {
        var stored = new JsonArray(rules.Select(r => JsonNode.Parse(r)).ToArray());
        var typed = rules.Select(r => System.Text.Json.JsonSerializer.Deserialize<LifecycleRule>(r)!).ToList();
        return new BucketLifecycle(typed, stored);
    }

    [Fact]
    public void The_housekeeping_rule_takes_a_free_id_and_the_style_of_legacy_rules()
    {
        var legacy = """{"ID": "cloud-audit-housekeeping", "Prefix": "", "Status": "Enabled", "Expiration": {"Days": 30}}""";
        var fix = LifecycleHousekeeping.Merge(Rules(legacy), [LifecycleGap.IncompleteUploads]);
        var added = JsonNode.Parse(fix.Configuration)!["Rules"]![1]!.AsObject();
        Assert.Equal("cloud-audit-housekeeping-2", fix.RuleId);
        Assert.Equal("", added["Prefix"]!.GetValue<string>());
        Assert.False(added.ContainsKey("Filter"));
    }
}
