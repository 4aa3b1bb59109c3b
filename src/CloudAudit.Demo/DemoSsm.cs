using CloudAudit.Inventory.Catalog;

namespace CloudAudit.Demo;

/// <summary>
/// Production: two API instances managed by SSM (one behind on patches), a hand-built bastion SSM
/// does not know, and an EU worker Patch Manager never scanned; a legacy SMTP password kept as a
/// plain String parameter. Development: an unmanaged dev box and secrets in plain String parameters.
/// The security account: no instances, no parameters.
/// </summary>
internal sealed class DemoSsm : IDemoPart
{
    private sealed record Instance(string Id, string Name, bool Managed, int? Missing = null, int? Failed = null);

    public void Production(DemoRecorder a, DemoClock clock)
    {
        Record(a, clock, new()
        {
            ["us-east-1"] =
            [
                new("i-0a1b2c3d4e5f60001", "northwind-api-1", true, 0, 0),
                new("i-0a1b2c3d4e5f60002", "northwind-api-2", true, 4, 1),
                new("i-0a1b2c3d4e5f60003", "bastion", false),
            ],
            ["eu-west-1"] = [new("i-0f9e8d7c6b5a40010", "northwind-eu-worker", true)],
        });
        Parameters(a, clock, new()
        {
            ["us-east-1"] =
            [
                ("/northwind/prod/db/password", "SecureString"), ("/northwind/prod/api/base-url", "String"),
                ("/northwind/prod/legacy/SMTP_PASSWORD", "String"), ("/northwind/prod/stripe/api-key", "SecureString"),
                ("/northwind/prod/db/password-rotation-days", "String"),
            ],
            ["eu-west-1"] = [("/northwind/prod-eu/feature-flags", "StringList")],
        });
    }

    public void Development(DemoRecorder a, DemoClock clock)
    {
        Record(a, clock, new() { ["us-east-1"] = [new("i-0d4c3b2a1f0e90021", "dev-box", false)] });
        Parameters(a, clock, new()
        {
            ["us-east-1"] = [("/dev/app/DB_PASSWORD", "String"), ("/dev/app/STRIPE_API_KEY", "String"), ("/dev/app/DATABASE_URL", "String"), ("/dev/app/LOG_LEVEL", "String")],
        });
    }

    /// <summary>The security account runs no instances and keeps no parameters.</summary>
    public void Security(DemoRecorder a, DemoClock clock)
    {
        Record(a, clock, new());
        Parameters(a, clock, new());
    }

    private static void Record(DemoRecorder a, DemoClock clock, Dictionary<string, Instance[]> byRegion)
    {
        foreach (var region in a.Regions)
        {
            var instances = byRegion.GetValueOrDefault(region) ?? [];
            var reservations = instances.Select((i, n) => $$"""
                {"ReservationId": "r-0{{n}}{{i.Id[2..]}}", "OwnerId": "{{a.AccountId}}", "Instances": [{"InstanceId": "{{i.Id}}",
                  "ImageId": "ami-0e1f2a3b4c5d6e7f8", "InstanceType": "m6i.large", "LaunchTime": "{{clock.DaysAgo(90 + n)}}",
                  "State": {"Code": 16, "Name": "running"}, "PlatformDetails": "Linux/UNIX", "PrivateIpAddress": "10.20.{{n}}.{{10 + n}}",
                  "Tags": [{"Key": "Name", "Value": "{{i.Name}}"}]}]}
                """);
            a.Regional(SsmCalls.DescribeRunningInstances, region, $$"""{"Reservations": [{{string.Join(",", reservations)}}]}""");
            var managed = instances.Where(i => i.Managed).ToList();
            var info = managed.Select(i => $$"""
                {"InstanceId": "{{i.Id}}", "PingStatus": "Online", "LastPingDateTime": "{{clock.Ago(TimeSpan.FromMinutes(3))}}",
                 "AgentVersion": "3.3.1142.0", "IsLatestVersion": false, "PlatformType": "Linux", "PlatformName": "Amazon Linux",
                 "PlatformVersion": "2023", "ResourceType": "EC2Instance", "IPAddress": "10.20.0.10", "ComputerName": "{{i.Name}}.ec2.internal",
                 "SourceId": "{{i.Id}}", "SourceType": "AWS::EC2::Instance"}
                """);
            a.Regional(SsmCalls.DescribeInstanceInformation, region, $$"""{"InstanceInformationList": [{{string.Join(",", info)}}]}""");
            var states = managed.Where(i => i.Missing is not null).Select(i => $$"""
                {"InstanceId": "{{i.Id}}", "PatchGroup": "northwind-prod", "BaselineId": "pb-0e1d2c3b4a5f69788", "InstalledCount": 412,
                 "InstalledOtherCount": 3, "InstalledPendingRebootCount": 0, "InstalledRejectedCount": 0, "MissingCount": {{i.Missing}},
                 "FailedCount": {{i.Failed}}, "NotApplicableCount": 1290, "OperationStartTime": "{{clock.DaysAgo(2)}}",
                 "OperationEndTime": "{{clock.DaysAgo(2)}}", "Operation": "Scan", "RebootOption": "NoReboot",
                 "CriticalNonCompliantCount": {{i.Missing}}, "SecurityNonCompliantCount": {{i.Missing}}, "OtherNonCompliantCount": 0}
                """);
            foreach (var batch in SsmCalls.PatchStateBatches(region, managed.Select(i => i.Id)))
                a.Target(SsmCalls.DescribeInstancePatchStates, region, batch.Parameters!, $$"""{"InstancePatchStates": [{{string.Join(",", states)}}]}""");
        }
    }

    private static void Parameters(DemoRecorder a, DemoClock clock, Dictionary<string, (string Name, string Type)[]> byRegion)
    {
        foreach (var region in a.Regions)
        {
            var parameters = (byRegion.GetValueOrDefault(region) ?? []).Select(p => $$"""
                {"Name": "{{p.Name}}", "ARN": "arn:aws:ssm:{{region}}:{{a.AccountId}}:parameter{{p.Name}}", "Type": "{{p.Type}}",
                 {{(p.Type == "SecureString" ? "\"KeyId\": \"alias/aws/ssm\", " : "")}}"LastModifiedDate": "{{clock.DaysAgo(150)}}",
                 "LastModifiedUser": "arn:aws:iam::{{a.AccountId}}:user/ops-admin", "Version": 3, "Tier": "Standard", "Policies": [], "DataType": "text"}
                """);
            a.Regional(SsmCalls.DescribeParameters, region, $$"""{"Parameters": [{{string.Join(",", parameters)}}]}""");
        }
    }
}
