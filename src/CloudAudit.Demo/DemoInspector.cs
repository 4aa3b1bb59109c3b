using CloudAudit.Inventory.Catalog;
using CloudAudit.Inventory.Snapshot;

namespace CloudAudit.Demo;

/// <summary>
/// Production scans everything in us-east-1, skips Lambda in Dublin and is off in Frankfurt. Development
/// is off, and its Frankfurt read is denied. The security account scans EC2, ECR and Lambda everywhere.
/// </summary>
internal sealed class DemoInspector : IDemoPart
{
    public void Production(DemoRecorder a, DemoClock clock)
    {
        Status(a, "us-east-1", "ENABLED", "ENABLED", "ENABLED", "ENABLED");
        Status(a, "eu-west-1", "ENABLED", "ENABLED", "ENABLED", "DISABLED");
        Status(a, "eu-central-1", "DISABLED", "DISABLED", "DISABLED", "DISABLED");
    }

    public void Development(DemoRecorder a, DemoClock clock)
    {
        Status(a, "us-east-1", "DISABLED", "DISABLED", "DISABLED", "DISABLED");
        Status(a, "eu-west-1", "DISABLED", "DISABLED", "DISABLED", "DISABLED");
        a.Failure(InspectorCalls.BatchGetAccountStatus, "eu-central-1", null, ErrorKind.AccessDenied, "AccessDeniedException",
            $"User: arn:aws:sts::{a.AccountId}:assumed-role/SecurityAudit/scan is not authorized to perform: inspector2:BatchGetAccountStatus", 403);
    }

    public void Security(DemoRecorder a, DemoClock clock)
    {
        foreach (var region in a.Regions)
            Status(a, region, "ENABLED", "ENABLED", "ENABLED", "ENABLED");
    }

    private static void Status(DemoRecorder a, string region, string account, string ec2, string ecr, string lambda) =>
        a.Regional(InspectorCalls.BatchGetAccountStatus, region, $$"""
            {"accounts": [{"accountId": "{{a.AccountId}}", "state": {"status": "{{account}}"},
              "resourceState": {"ec2": {"status": "{{ec2}}"}, "ecr": {"status": "{{ecr}}"}, "lambda": {"status": "{{lambda}}"},
                                "lambdaCode": {"status": "DISABLED"} } }], "failedAccounts": []}
            """);
}
