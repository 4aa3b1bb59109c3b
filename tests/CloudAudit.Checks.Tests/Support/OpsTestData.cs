using System.Text.Json.Nodes;
using CloudAudit.Checks.Framework;
using CloudAudit.Inventory.Catalog;
using CloudAudit.Inventory.Snapshot;

namespace CloudAudit.Checks.Tests.Support;

/// <summary>Short ways to record answers for the operations checks' tests.</summary>
public static class OpsTestData
{
    /// <summary>A regional call's answer in one region.</summary>
    public static TestAccount Answer(this TestAccount account, ApiCall call, string region, string json)
    {
        account.Record.Regional(call, region, json);
        return account;
    }

    /// <summary>A per-resource call's answer for one target.</summary>
    public static TestAccount Answer(this TestAccount account, ApiCall call, CallTarget target, string json)
    {
        account.Record.Target(call, target.Region, target.Parameters!, json);
        return account;
    }

    /// <summary>A per-resource call's answer for a target with one parameter.</summary>
    public static TestAccount Answer(this TestAccount account, ApiCall call, string region, string parameter, string value, string json) =>
        account.Answer(call, JsonParams.Target(region, (parameter, value)), json);

    /// <summary>The service does not exist in the region (the transport's NotAvailableInRegion).</summary>
    public static TestAccount NotOffered(this TestAccount account, ApiCall call, string region)
    {
        account.Record.Failure(call, region, null, ErrorKind.NotAvailableInRegion, "EndpointConnectionError",
            $"the {call.Service} endpoint does not exist in {region}");
        return account;
    }

    public static TestAccount DeniedTarget(this TestAccount account, ApiCall call, string region, string parameter, string value) =>
        account.Denied(call, region, JsonParams.Of((parameter, (JsonNode?)value)));

    public static Finding Single(this CheckResult result, CheckStatus status = CheckStatus.Fail)
    {
        Assert.Equal(status, result.Status);
        return Assert.Single(result.Findings);
    }
}
