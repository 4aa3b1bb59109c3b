using CloudAudit.Checks.Framework;
using CloudAudit.Checks.Tests.Support;
using CloudAudit.Inventory.Catalog;

namespace CloudAudit.Checks.Tests.Waf;

public class WafTests
{
    private const string PublicAlb = """{"LoadBalancers": [{"LoadBalancerArn": "arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/app/web/1", "LoadBalancerName": "web", "Scheme": "internet-facing", "Type": "application"}]}""";
    private const string InternalAlb = """{"LoadBalancers": [{"LoadBalancerArn": "arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/app/int/1", "LoadBalancerName": "int", "Scheme": "internal", "Type": "application"}]}""";
    private const string NoApis = """{"items": []}""";
    private const string NoAcls = """{"WebACLs": []}""";

    private static TestAccount Region(string balancers, string apis, string acls, string region = "us-east-1") => new TestAccount(region)
        .Answer(WafCalls.DescribeLoadBalancers, region, balancers)
        .Answer(WafCalls.GetRestApis, region, apis)
        .Answer(WafCalls.ListRegionalWebAcls, region, acls);

    [Fact]
    public void A_public_load_balancer_without_a_web_acl_fails_with_an_association_for_it()
    {
        var finding = Region(PublicAlb, NoApis, NoAcls).Run("aws-waf-001").Single();
        Assert.Equal("us-east-1 has 1 internet-facing endpoint(s) and no regional WAF web ACL: load balancer web.", finding.Description);
        Assert.Contains("jq --arg resource arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/app/web/1 '", finding.Remediation!.Cli);
    }

    [Fact]
    public void A_public_rest_api_needs_its_stage_arn_filled_in()
    {
        var finding = Region("""{"LoadBalancers": []}""", """{"items": [{"id": "a1", "name": "orders", "endpointConfiguration": {"types": ["EDGE"]}}]}""", NoAcls)
            .Run("aws-waf-001").Single();
        Assert.Contains("REST API orders", finding.Description);
        Assert.Contains("jq --arg resource <API_STAGE_ARN> '", finding.Remediation!.Cli);
    }

    [Fact]
    public void A_region_with_a_web_acl_passes_and_one_with_nothing_public_is_out_of_scope()
    {
        Assert.Equal(CheckStatus.Pass, Region(PublicAlb, NoApis, """{"WebACLs": [{"Name": "main", "Id": "1", "ARN": "arn"}]}""").Run("aws-waf-001").Status);
        Assert.Equal(CheckStatus.NotApplicable, Region(InternalAlb, """{"items": [{"id": "p", "name": "private", "endpointConfiguration": {"types": ["PRIVATE"]}}]}""", NoAcls).Run("aws-waf-001").Status);
    }

    [Fact]
    public void Unreadable_web_acls_or_endpoints_are_not_assessed()
    {
        var acls = new TestAccount("us-east-1").Answer(WafCalls.DescribeLoadBalancers, "us-east-1", PublicAlb)
            .Answer(WafCalls.GetRestApis, "us-east-1", NoApis).Denied(WafCalls.ListRegionalWebAcls, "us-east-1");
        Assert.Equal(CheckStatus.NotAssessed, acls.Run("aws-waf-001").Status);
        var endpoints = new TestAccount("us-east-1").Denied(WafCalls.DescribeLoadBalancers, "us-east-1")
            .Answer(WafCalls.GetRestApis, "us-east-1", NoApis).Answer(WafCalls.ListRegionalWebAcls, "us-east-1", NoAcls);
        Assert.Equal(CheckStatus.NotAssessed, endpoints.Run("aws-waf-001").Status);
    }
}
