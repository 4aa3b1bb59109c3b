using System.Text.Json.Nodes;
using CloudAudit.Checks.Framework;
using CloudAudit.Inventory.Catalog;
using CloudAudit.Inventory.Views;

namespace CloudAudit.Checks.Waf;

/// <summary>A region with internet-facing ALBs or public REST APIs and no regional WAFv2 web ACL.</summary>
/// <remarks>
/// The reference tool fails every region without a web ACL. A web ACL protects something only when
/// there is something to protect, so this check judges the regions that have internet-facing
/// Application Load Balancers or public (edge-optimized or regional) API Gateway REST APIs: the
/// regional resources a REGIONAL web ACL attaches to that are reachable from the internet. Regions
/// with neither are not in scope. CloudFront distributions use the CLOUDFRONT scope and are not judged.
/// </remarks>
public sealed class NoRegionalWebAcl : Check
{
    public override CheckInfo Info { get; } = new()
    {
        Id = "aws-waf-001",
        Title = "Internet-facing endpoints without a WAF web ACL",
        Service = "WAF",
        Severity = Severity.Medium,
        ResourceType = "AWS::WAFv2::WebACL",
        Description = "In every scanned region, finds the internet-facing Application Load Balancers (DescribeLoadBalancers) "
            + "and the API Gateway REST APIs that are not private (GetRestApis), and fails the region when it has some but no "
            + "REGIONAL WAFv2 web ACL (ListWebACLs with Scope REGIONAL). Regions with nothing internet-facing that a regional "
            + "web ACL could protect are not in scope; CloudFront-scoped web ACLs are not considered.",
        Rationale = "Public load balancers and APIs receive automated attack traffic from the moment they exist: SQL injection "
            + "and path traversal probes, credential stuffing, scraping and request floods. A web ACL with AWS managed rule "
            + "groups and a rate limit blocks most of it before it reaches the application.",
        CommonCauses =
        [
            "WAF was set up on CloudFront in front of the main site, while other load balancers and APIs are reached directly.",
            "A new region or application was deployed without the web ACL the first one has.",
            "WAF is considered a cost to add later.",
        ],
        Recommendation = "Create a regional web ACL with the AWS managed core and known-bad-inputs rule groups and a rate limit, and associate it with each internet-facing ALB and API stage.",
        Remediation = new(
            Cli: """
                aws wafv2 create-web-acl --region {region} --name {web_acl} --scope REGIONAL --default-action '{"Allow":{}}' --visibility-config {visibility_config} --rules '[{"Name":"AWSManagedRulesCommonRuleSet","Priority":0,"Statement":{"ManagedRuleGroupStatement":{"VendorName":"AWS","Name":"AWSManagedRulesCommonRuleSet"}},"OverrideAction":{"None":{}},"VisibilityConfig":{"SampledRequestsEnabled":true,"CloudWatchMetricsEnabled":true,"MetricName":"common"}}]' --output json > web-acl.json
                jq --arg resource {resource_arn} '{WebACLArn: .Summary.ARN, ResourceArn: $resource}' web-acl.json > association.json
                aws wafv2 associate-web-acl --region {region} --cli-input-json file://association.json
                """,
            Terraform: """
                resource "aws_wafv2_web_acl" "{web_acl:id}" {
                  region = {region}
                  name   = {web_acl}
                  scope  = "REGIONAL"

                  default_action {
                    allow {}
                  }

                  rule {
                    name     = "AWSManagedRulesCommonRuleSet"
                    priority = 0

                    override_action {
                      none {}
                    }

                    statement {
                      managed_rule_group_statement {
                        vendor_name = "AWS"
                        name        = "AWSManagedRulesCommonRuleSet"
                      }
                    }

                    visibility_config {
                      sampled_requests_enabled   = true
                      cloudwatch_metrics_enabled = true
                      metric_name                = "common"
                    }
                  }

                  visibility_config {
                    sampled_requests_enabled   = true
                    cloudwatch_metrics_enabled = true
                    metric_name                = {web_acl}
                  }
                }

                resource "aws_wafv2_web_acl_association" "{web_acl:id}" {
                  region       = {region}
                  resource_arn = {resource_arn}
                  web_acl_arn  = aws_wafv2_web_acl.{web_acl:id}.arn
                }
                """,
            DocUrl: "https://docs.aws.amazon.com/waf/latest/developerguide/web-acl-creating.html",
            Effort: Effort.Medium),
    };

    public override IReadOnlyList<ApiCall> Reads { get; } = [WafCalls.ListRegionalWebAcls, WafCalls.DescribeLoadBalancers, WafCalls.GetRestApis];

    public override void Evaluate(CheckContext context, Verdict verdict)
    {
        var waf = context.Data.Waf();
        var notOffered = new List<string>();
        foreach (var region in context.Regions)
        {
            var exposed = Exposed(waf, region, verdict);
            if (exposed.Count == 0) continue;
            var acls = waf.RegionalWebAcls(region);
            if (acls.NotOffered) { notOffered.Add(region); continue; }
            if (!verdict.Accept(acls, out var list)) continue;
            verdict.Scanned($"arn:{context.Partition}:wafv2:{region}:{context.AccountId}:regional/webacl");
            if ((list.WebACLs ?? []).Count > 0) continue;
            verdict.Fail($"arn:{context.Partition}:wafv2:{region}:{context.AccountId}:regional/webacl", region,
                $"{region} has {exposed.Count} internet-facing endpoint(s) and no regional WAF web ACL: "
                + $"{string.Join(", ", exposed.Take(5).Select(e => e.Label))}{(exposed.Count > 5 ? ", …" : "")}.",
                new SlotValues()
                    .With("web_acl", $"baseline-{region}")
                    .With("visibility_config", CliFix.Json(new JsonObject
                    {
                        ["SampledRequestsEnabled"] = true, ["CloudWatchMetricsEnabled"] = true, ["MetricName"] = $"baseline-{region}",
                    }))
                    .With("resource_arn", exposed.Select(e => e.Arn).OfType<string>().FirstOrDefault() is { } arn
                        ? arn : new SlotValue.Placeholder("API_STAGE_ARN")));
        }
        verdict.NotApplicable(RegionalVerdicts.NothingInScope(
            "no internet-facing Application Load Balancers or public REST APIs in the scanned regions", notOffered));
    }

    /// <summary>Something a regional web ACL can protect; REST API stage ARNs are not known from GetRestApis.</summary>
    private sealed record Endpoint(string Label, string? Arn);

    /// <summary>The region's internet-facing ALBs and public REST APIs; failed reads become gaps.</summary>
    private static List<Endpoint> Exposed(WafView waf, string region, Verdict verdict)
    {
        var found = new List<Endpoint>();
        if (verdict.Accept(waf.LoadBalancers(region), out var balancers))
            found.AddRange((balancers.LoadBalancers ?? []).Where(lb => lb.InternetFacingAlb)
                .Select(lb => new Endpoint($"load balancer {lb.LoadBalancerName}", lb.LoadBalancerArn)));
        if (verdict.Accept(waf.RestApis(region), out var apis))
            found.AddRange((apis.Items ?? []).Where(api => api.Public).Select(api => new Endpoint($"REST API {api.Name}", null)));
        return found;
    }
}
