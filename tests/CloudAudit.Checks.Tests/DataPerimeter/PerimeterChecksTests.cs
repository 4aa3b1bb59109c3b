using System.Text.Json.Nodes;
using CloudAudit.Checks.Framework;
using CloudAudit.Checks.Tests.Support;
using CloudAudit.Inventory.Catalog;
using static CloudAudit.Checks.Tests.Support.ResourcePolicyFixtures;

namespace CloudAudit.Checks.Tests.DataPerimeter;

public class PerimeterChecksTests
{
    private static string Policy(string statement) => $$"""{"Version":"2012-10-17","Statement":[{{statement}}]}""";

    private const string PublicRead = """{"Sid":"PublicRead","Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::static-site/*"}""";

    private static JsonNode FixedPolicy(string cli, string flag) => JsonNode.Parse(cli.Split('\n')[1].Split($" {flag} ")[1].Split(' ')[0].Trim('\''))!;

    [Fact]
    public void Public_bucket_policy_is_high_and_the_fix_limits_it_to_the_organization()
    {
        var account = new TestAccount().InOrganization().WithBucketPolicies(("static-site", Policy(PublicRead))).WithPublicAccessBlock("static-site", restrictPublicBuckets: false);
        var finding = Assert.Single(account.Run("aws-dp-001").Findings);
        Assert.Equal(Severity.High, finding.Severity);
        Assert.Equal("arn:aws:s3:::static-site", finding.ResourceId);
        Assert.Contains("statement 0 (PublicRead) lets in anonymous callers", finding.Description);
        var policy = FixedPolicy(finding.Remediation!.Cli, "--policy");
        Assert.Equal(OrgId, policy["Statement"]![0]!["Condition"]!["StringEquals"]!["aws:PrincipalOrgID"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void RestrictPublicBuckets_on_the_bucket_or_the_account_neutralizes_a_public_policy(bool accountLevel)
    {
        var account = new TestAccount().InOrganization().WithBucketPolicies(("static-site", Policy(PublicRead)))
            .WithPublicAccessBlock("static-site", restrictPublicBuckets: true, accountLevel);
        Assert.Equal(CheckStatus.Pass, account.Run("aws-dp-001").Status);
    }

    [Fact]
    public void Unreadable_Block_Public_Access_keeps_the_finding_and_records_the_gap()
    {
        var account = new TestAccount().InOrganization().WithBucketPolicies(("static-site", Policy(PublicRead)))
            .Denied(ResourcePolicyCalls.GetBucketPublicAccessBlock, "global", CloudAudit.Demo.DemoRecorder.Params(("Bucket", "static-site")));
        var result = account.Run("aws-dp-001");
        Assert.Single(result.Findings);
        Assert.NotEmpty(result.Gaps);
    }

    [Fact]
    public void Org_wide_bucket_access_and_buckets_without_policy_pass()
    {
        var account = new TestAccount().InOrganization().WithBucketPolicies(
            ("shared-data", Policy("""{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::shared-data/*","Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-testorg0001"}}}""")),
            ("private", null));
        var result = account.Run("aws-dp-001");
        Assert.Equal(CheckStatus.Pass, result.Status);
        Assert.Equal(2, result.ResourcesScanned);
    }

    [Fact]
    public void Topic_open_to_a_service_acting_for_any_account_is_medium_but_SourceAccount_closes_it()
    {
        const string open = """{"Sid":"S3Events","Effect":"Allow","Principal":{"Service":"s3.amazonaws.com"},"Action":"sns:Publish","Resource":"arn:aws:sns:us-east-1:111122223333:uploads"}""";
        const string closed = """{"Sid":"Alarms","Effect":"Allow","Principal":"*","Action":"sns:Publish","Resource":"arn:aws:sns:us-east-1:111122223333:alarms","Condition":{"StringEquals":{"aws:SourceAccount":"111122223333"}}}""";
        var account = new TestAccount().InOrganization().WithTopics(Region, ("uploads", Policy(open)), ("alarms", Policy(closed)));
        var result = account.Run("aws-dp-002");
        var finding = Assert.Single(result.Findings);
        Assert.Equal("arn:aws:sns:us-east-1:111122223333:uploads", finding.ResourceId);
        Assert.Equal(Severity.Medium, finding.Severity);
        var cli = finding.Remediation!.Cli.Split('\n')[1];
        Assert.StartsWith("aws sns set-topic-attributes --region us-east-1 --topic-arn arn:aws:sns:us-east-1:111122223333:uploads --attribute-name Policy --attribute-value '", cli);
        Assert.Contains("\"aws:SourceAccount\":\"111122223333\"", cli);
        Assert.Equal(2, result.ResourcesScanned);
    }

    [Fact]
    public void Queue_shared_with_an_account_of_unknown_membership_is_low()
    {
        const string shared = """{"Sid":"Partner","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::444455556666:role/ingest"},"Action":["sqs:SendMessage"],"Resource":"arn:aws:sqs:us-east-1:111122223333:orders"}""";
        var account = new TestAccount().InOrganization().WithQueues(Region, ("orders", Policy(shared)), ("internal", null));
        var finding = Assert.Single(account.Run("aws-dp-003").Findings);
        Assert.Equal(Severity.Low, finding.Severity);
        Assert.Equal("arn:aws:sqs:us-east-1:111122223333:orders", finding.ResourceId);
        var cli = finding.Remediation!.Cli.Split('\n')[1];
        Assert.StartsWith("aws sqs set-queue-attributes --region us-east-1 --queue-url https://sqs.us-east-1.amazonaws.com/111122223333/orders --attributes '{\"Policy\":", cli);
        Assert.Contains("queue_url = \"https://sqs.us-east-1.amazonaws.com/111122223333/orders\"", finding.Remediation.Terraform);
    }

    [Fact]
    public void Secret_readable_by_an_outside_account_is_medium_and_the_fix_blocks_public_policies()
    {
        const string shared = """{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::444455556666:root"},"Action":"secretsmanager:GetSecretValue","Resource":"*"}""";
        var account = new TestAccount().InOrganization(TestAccount.Id).WithSecrets(Region, ("prod/db", Policy(shared)), ("prod/api", null));
        var finding = Assert.Single(account.Run("aws-dp-004").Findings);
        Assert.Equal(Severity.Medium, finding.Severity);
        Assert.EndsWith("--block-public-policy", finding.Remediation!.Cli.Split('\n')[1]);
    }

    [Fact]
    public void Public_function_permission_is_one_finding_per_statement_with_add_permission_fix()
    {
        const string policy = """
            {"Version":"2012-10-17","Id":"default","Statement":[
              {"Sid":"public-invoke","Effect":"Allow","Principal":"*","Action":"lambda:InvokeFunction","Resource":"arn:aws:lambda:us-east-1:111122223333:function:thumbnailer"},
              {"Sid":"s3-trigger","Effect":"Allow","Principal":{"Service":"s3.amazonaws.com"},"Action":"lambda:InvokeFunction","Resource":"arn:aws:lambda:us-east-1:111122223333:function:thumbnailer"}]}
            """;
        var account = new TestAccount().InOrganization().WithFunctions(Region, ("thumbnailer", "arn:aws:iam::111122223333:role/thumbnailer", policy));
        var findings = account.Run("aws-dp-005").Findings.OrderBy(f => f.ResourceId).ToList();
        Assert.Equal(2, findings.Count);
        Assert.Equal("arn:aws:lambda:us-east-1:111122223333:function:thumbnailer#public-invoke", findings[0].ResourceId);
        Assert.Equal(Severity.High, findings[0].Severity);
        Assert.Contains("--principal '*' --principal-org-id o-testorg0001", findings[0].Remediation!.Cli);
        Assert.Equal(Severity.Medium, findings[1].Severity);
        Assert.Contains("--principal s3.amazonaws.com --source-account 111122223333", findings[1].Remediation!.Cli);
    }

    [Fact]
    public void Function_without_policy_passes_and_a_denied_listing_is_not_assessed()
    {
        var account = new TestAccount("us-east-1", "eu-west-1").InOrganization()
            .WithFunctions("us-east-1", ("worker", "arn:aws:iam::111122223333:role/worker", null))
            .Denied(ResourcePolicyCalls.ListFunctions, "eu-west-1");
        var result = account.Run("aws-dp-005");
        Assert.Equal(CheckStatus.NotAssessed, result.Status);
        Assert.Equal(1, result.ResourcesScanned);
    }
}
