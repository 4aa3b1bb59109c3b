using CloudAudit.Analysis;
using CloudAudit.Analysis.Fingerprints;
using CloudAudit.Checks;
using CloudAudit.Checks.Framework;
using CloudAudit.Demo;

namespace CloudAudit.Analysis.Tests;

public sealed class FingerprintTests
{
    private const string Account = "123456789012";

    private static string Of(string resourceType, string resourceId, string region = "us-east-1", string check = "aws-ec2-004", string account = Account) =>
        FindingFingerprint.Of(check, account, region, resourceType, resourceId);

    [Fact]
    public void A_fingerprint_is_32_lower_case_hex_digits()
    {
        var fingerprint = Of("AWS::EC2::Instance", "i-0123456789abcdef0");
        Assert.Matches("^[0-9a-f]{32}$", fingerprint);
        Assert.True(FindingFingerprint.IsWellFormed(fingerprint));
        Assert.False(FindingFingerprint.IsWellFormed(fingerprint.ToUpperInvariant()));
    }

    [Fact]
    public void The_value_is_pinned_so_a_change_of_rules_cannot_pass_unnoticed()
    {
        // docs/history.md gives this example; changing it breaks every stored baseline and history.
        Assert.Equal("ec2:instance/i-0123456789abcdef0", ResourceKey.Normalize("AWS::EC2::Instance", "i-0123456789abcdef0", Account, "us-east-1"));
        Assert.Equal(PinnedExample, Of("AWS::EC2::Instance", "i-0123456789abcdef0"));
    }

    private const string PinnedExample = "56275439d206998cffaf19bd0edf34d9";

    [Theory]
    [InlineData("AWS::EC2::Instance", "i-0abc", "arn:aws:ec2:us-east-1:123456789012:instance/i-0abc")]
    [InlineData("AWS::EC2::Instance", "i-0ABC", "i-0abc")]
    [InlineData("AWS::S3::Bucket", "my-bucket", "arn:aws:s3:::my-bucket")]
    [InlineData("AWS::IAM::User", "alice", "arn:aws:iam::123456789012:user/people/alice")]
    [InlineData("AWS::IAM::Role", "arn:aws:iam::123456789012:role/Deploy", "arn:aws:iam::123456789012:role/ci/deploy")]
    [InlineData("AWS::Lambda::Function", "pay", "arn:aws:lambda:us-east-1:123456789012:function:pay")]
    [InlineData("AWS::SSM::Parameter", "/prod/db", "arn:aws:ssm:us-east-1:123456789012:parameter/prod/db")]
    [InlineData("AWS::SSM::Parameter", "plain", "arn:aws:ssm:us-east-1:123456789012:parameter/plain")]
    [InlineData("AWS::::Account", Account, "arn:aws:iam::123456789012:root")]
    [InlineData("AWS::EC2::Instance", "arn:aws-cn:ec2:us-east-1:123456789012:instance/i-0abc", "arn:aws:ec2:us-east-1:123456789012:instance/i-0abc")]
    [InlineData("AWS::EC2::Instance", "  i-0abc \n", "i-0abc")]
    public void Forms_of_one_resource_share_a_fingerprint(string type, string one, string other) =>
        Assert.Equal(Of(type, one), Of(type, other));

    [Theory]
    [InlineData("AWS::EC2::Instance", "i-0abc", "i-0abd")]
    [InlineData("AWS::S3::Bucket", "Legacy-Bucket", "legacy-bucket")] // S3 names keep their case
    [InlineData("AWS::ECS::Service", "arn:aws:ecs:us-east-1:123456789012:service/a/api", "arn:aws:ecs:us-east-1:123456789012:service/b/api")]
    [InlineData("AWS::IAM::Role", "arn:aws:iam::123456789012:role/x", "arn:aws:iam::999999999999:role/x")]
    [InlineData("AWS::KMS::Key", "arn:aws:kms:us-east-1:123456789012:key/k", "arn:aws:kms:eu-west-1:123456789012:key/k")]
    [InlineData("AWS::IAM::Role", "arn:aws:iam::123456789012:role/x#rule-1", "arn:aws:iam::123456789012:role/x#rule-2")]
    public void Different_resources_differ(string type, string one, string other) =>
        Assert.NotEqual(Of(type, one), Of(type, other));

    [Fact]
    public void Check_account_and_region_each_take_part()
    {
        var baseline = Of("AWS::EC2::Instance", "i-0abc");
        Assert.NotEqual(baseline, Of("AWS::EC2::Instance", "i-0abc", check: "aws-ec2-005"));
        Assert.NotEqual(baseline, Of("AWS::EC2::Instance", "i-0abc", account: "210987654321"));
        Assert.NotEqual(baseline, Of("AWS::EC2::Instance", "i-0abc", region: "eu-west-1"));
    }

    [Fact]
    public void Wording_severity_and_fix_take_no_part()
    {
        var finding = Finding("i-0abc");
        var reworded = finding with { Title = "other", Description = "other", Severity = Severity.Low, Recommendation = "other", Remediation = null };
        Assert.Equal(FindingFingerprint.Of(finding), FindingFingerprint.Of(reworded));
        Assert.NotEqual(FindingFingerprint.Of(finding), FindingFingerprint.Of(finding with { Discriminator = "lifecycle" }));
    }

    [Fact]
    public void Every_finding_of_the_demo_has_its_own_fingerprint_and_the_same_one_in_a_later_scan()
    {
        var first = Scan(new DateTimeOffset(2026, 11, 1, 8, 0, 0, TimeSpan.Zero));
        var later = Scan(new DateTimeOffset(2026, 11, 2, 8, 0, 0, TimeSpan.Zero));
        var fingerprints = Fingerprints(first);
        Assert.True(fingerprints.Count > 200);
        Assert.Equal(fingerprints.Count, fingerprints.Distinct().Count());
        Assert.Equal(fingerprints.Order(), Fingerprints(later).Order());
    }

    [Fact]
    public void Findings_that_repeat_an_identity_get_distinct_fingerprints_by_description()
    {
        var twice = new[] { Finding("i-0abc", "port 22 open"), Finding("i-0abc", "port 3389 open") };
        var assigned = FindingFingerprint.Assign(twice, f => FindingFingerprint.Of(f), f => f.Description);
        Assert.Equal(FindingFingerprint.Of(twice[0]), assigned[0]);
        Assert.NotEqual(assigned[0], assigned[1]);
        Assert.Equal(assigned, FindingFingerprint.Assign(twice, f => FindingFingerprint.Of(f), f => f.Description));
    }

    private static List<string> Fingerprints(ScanReport report) =>
        report.Results.SelectMany(r => r.Findings).Select(f => f.Fingerprint).ToList();

    private static ScanReport Scan(DateTimeOffset at) =>
        ScanPipeline.Evaluate(DemoAccount.Build(at, "0.1.0"), CheckRegistry.All, new AnalysisOptions(), "demo", "0.1.0");

    private static Finding Finding(string instance, string description = "IMDSv1 allowed") => new()
    {
        CheckId = "aws-ec2-004",
        Title = "EC2 instance allows IMDSv1",
        Severity = Severity.High,
        Category = Category.Security,
        ResourceType = "AWS::EC2::Instance",
        ResourceId = instance,
        Region = "us-east-1",
        AccountId = Account,
        Description = description,
        Recommendation = "Require IMDSv2",
    };
}
