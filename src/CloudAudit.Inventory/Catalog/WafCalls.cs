using static CloudAudit.Inventory.Catalog.JsonParams;

namespace CloudAudit.Inventory.Catalog;

/// <summary>WAFv2 regional web ACLs, and the internet-facing endpoints a regional web ACL can protect.</summary>
public static class WafCalls
{
    public static readonly ApiCall ListRegionalWebAcls = ApiCall.Regional("wafv2", "ListWebACLs", Of(("Scope", "REGIONAL")));
    public static readonly ApiCall DescribeLoadBalancers = ApiCall.Regional("elbv2", "DescribeLoadBalancers");
    public static readonly ApiCall GetRestApis = ApiCall.Regional("apigateway", "GetRestApis");
}
