using System.Text.Json.Nodes;
using CloudAudit.Checks.Framework;
using CloudAudit.Checks.Tests.Support;
using CloudAudit.Inventory;
using CloudAudit.Inventory.Catalog;
using static CloudAudit.Demo.DemoRecorder;

namespace CloudAudit.Checks.Tests.S3;

public class BucketPolicyDeniesHttpTests
{
    private static string TlsDeny(string condition = """{"Bool":{"aws:SecureTransport":"false"}}""", string action = "\"s3:*\"") => $$"""
        {"Version":"2012-10-17","Statement":[{"Sid":"AllowReporting","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:role/reporting"},
          "Action":"s3:GetObject","Resource":"arn:aws:s3:::reports/*"},
         {"Sid":"DenyHttp","Effect":"Deny","Principal":"*","Action":{{action}},"Resource":["arn:aws:s3:::reports","arn:aws:s3:::reports/*"],"Condition":{{condition}}}]}
        """;

    private static CheckResult Run(string? policy) => new TestAccount().WithBucketPolicies(("reports", policy)).Run("aws-s3-006");

    [Theory]
    [InlineData("""{"Bool":{"aws:SecureTransport":"false"}}""")]
    [InlineData("""{"BoolIfExists":{"aws:SecureTransport":"false"}}""")]
    [InlineData("""{"Bool":{"aws:SecureTransport":false}}""")]
    public void A_deny_on_every_action_without_TLS_passes(string condition)
    {
        Assert.Equal(CheckStatus.Pass, Run(TlsDeny(condition)).Status);
    }

    [Fact]
    public void No_bucket_policy_fails_and_the_fix_creates_one()
    {
        var finding = Assert.Single(Run(null).Findings);
        Assert.Equal("arn:aws:s3:::reports", finding.ResourceId);
        Assert.Equal("us-east-1", finding.Region);
        Assert.Contains("has no bucket policy", finding.Description);
        var cli = finding.Remediation!.Cli.Split('\n')[1];
        Assert.StartsWith("aws s3api put-bucket-policy --bucket reports --policy '", cli);
        var policy = JsonNode.Parse(cli.Split(" --policy ")[1].Trim('\''))!;
        var statement = Assert.Single(policy["Statement"]!.AsArray())!;
        Assert.Equal("Deny", statement["Effect"]!.GetValue<string>());
        Assert.Equal("false", statement["Condition"]!["Bool"]!["aws:SecureTransport"]!.GetValue<string>());
    }

    [Fact]
    public void A_deny_limited_to_reads_fails_and_the_fix_keeps_the_existing_statements()
    {
        var finding = Assert.Single(Run(TlsDeny(action: "\"s3:GetObject\"")).Findings);
        Assert.Contains("over HTTP is not denied", finding.Description);
        var policy = JsonNode.Parse(finding.Remediation!.Cli.Split('\n')[1].Split(" --policy ")[1].Trim('\''))!;
        Assert.Equal(3, policy["Statement"]!.AsArray().Count);
        Assert.Contains("resource \"aws_s3_bucket_policy\" \"reports\"", finding.Remediation.Terraform);
    }

    [Fact]
    public void A_deny_the_caller_can_escape_fails()
    {
        // Denies HTTP only for requests that carry a tag: any caller can leave it out.
        var finding = Assert.Single(Run(TlsDeny("""{"Bool":{"aws:SecureTransport":"false"},"StringEquals":{"aws:RequestTag/env":"prod"}}""")).Findings);
        Assert.Equal("arn:aws:s3:::reports", finding.ResourceId);
    }

    [Fact]
    public void A_denied_policy_read_is_not_assessed()
    {
        var account = new TestAccount();
        account.Record.Global(ResourcePolicyCalls.ListBuckets, """{"Buckets": [{"Name": "reports", "BucketRegion": "us-east-1"}]}""");
        account.Denied(ResourcePolicyCalls.GetBucketPolicy, AwsIds.GlobalRegion, Params(("Bucket", "reports")));
        var result = account.Run("aws-s3-006");
        Assert.Equal(CheckStatus.NotAssessed, result.Status);
        Assert.Empty(result.Findings);
    }

    [Fact]
    public void No_buckets_is_not_applicable()
    {
        Assert.Equal(CheckStatus.NotApplicable, new TestAccount().WithBucketPolicies().Run("aws-s3-006").Status);
    }
}
