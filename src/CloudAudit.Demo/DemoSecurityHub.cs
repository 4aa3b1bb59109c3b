using CloudAudit.Inventory.Catalog;
using CloudAudit.Inventory.Snapshot;

namespace CloudAudit.Demo;

/// <summary>Production runs Security Hub in us-east-1 only; an SCP denies the scanner in eu-central-1. Development never enabled it.</summary>
internal sealed class DemoSecurityHub : IDemoPart
{
    public void Production(DemoRecorder a, DemoClock clock)
    {
        a.Regional(MonitoringCalls.DescribeHub, "us-east-1", $$"""
            {"HubArn": "arn:aws:securityhub:us-east-1:{{a.AccountId}}:hub/default", "SubscribedAt": "{{clock.DaysAgo(390)}}",
             "AutoEnableControls": true, "ControlFindingGenerator": "SECURITY_CONTROL"}
            """);
        NotSubscribed(a, "eu-west-1");
        a.Failure(MonitoringCalls.DescribeHub, "eu-central-1", null, ErrorKind.AccessDenied, "AccessDeniedException",
            $"User: arn:aws:iam::{a.AccountId}:user/security-auditor is not authorized to perform: securityhub:DescribeHub with an explicit deny in a service control policy", 403);
    }

    public void Development(DemoRecorder a, DemoClock clock)
    {
        foreach (var region in a.Regions)
            NotSubscribed(a, region);
    }

    /// <summary>The security account is Security Hub's delegated administrator: enabled everywhere.</summary>
    public void Security(DemoRecorder a, DemoClock clock)
    {
        foreach (var region in a.Regions)
            a.Regional(MonitoringCalls.DescribeHub, region, $$"""
                {"HubArn": "arn:aws:securityhub:{{region}}:{{a.AccountId}}:hub/default", "SubscribedAt": "{{clock.DaysAgo(640)}}",
                 "AutoEnableControls": true, "ControlFindingGenerator": "SECURITY_CONTROL"}
                """);
    }

    private static void NotSubscribed(DemoRecorder a, string region) =>
        a.Failure(MonitoringCalls.DescribeHub, region, null, ErrorKind.NotFound, "InvalidAccessException",
            $"Account {a.AccountId} is not subscribed to AWS Security Hub", 401);
}
