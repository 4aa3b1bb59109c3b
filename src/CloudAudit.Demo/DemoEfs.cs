using CloudAudit.Inventory.Catalog;
using CloudAudit.Inventory.Snapshot;

namespace CloudAudit.Demo;

/// <summary>
/// Production: encrypted shares in us-east-1 and an unencrypted reports share from 2019 in eu-west-1.
/// Development: an unencrypted scratch share; an SCP denies EFS in eu-central-1.
/// </summary>
internal sealed class DemoEfs : IDemoPart
{
    /// <summary>The AWS managed key (aws/elasticfilesystem) of production's encrypted shares.</summary>
    public const string AwsManagedKey = "5b6c7d8e-9f0a-4b1c-8d2e-3f4a5b6c7d8e";

    private sealed record Share(string Id, string Name, double AgeDays, bool Encrypted, string Mode = "generalPurpose", int MountTargets = 3);

    public void Production(DemoRecorder a, DemoClock clock)
    {
        Record(a, clock, "us-east-1",
        [
            new("fs-0a1b2c3d4e5f60718", "shared-home", 760, Encrypted: true),
            new("fs-07c8d9e0f1a2b3c4d", "airflow-dags", 330, Encrypted: true),
        ]);
        Record(a, clock, "eu-west-1", [new("fs-03c4d5e6f7a8b9c0d", "legacy-reports-share", 2240, Encrypted: false, Mode: "maxIO", MountTargets: 2)]);
        Record(a, clock, "eu-central-1", []);
    }

    public void Development(DemoRecorder a, DemoClock clock)
    {
        Record(a, clock, "us-east-1", [new("fs-0d1e2f3a4b5c6d7e8", "dev-scratch-share", 400, Encrypted: false, MountTargets: 1)]);
        Record(a, clock, "eu-west-1", []);
        a.Failure(EfsCalls.DescribeFileSystems, "eu-central-1", null, ErrorKind.AccessDenied, "AccessDeniedException",
            $"User: arn:aws:sts::{a.AccountId}:assumed-role/SecurityAudit/scan is not authorized to perform: elasticfilesystem:DescribeFileSystems with an explicit deny in a service control policy", 403);
    }

    /// <summary>The security account keeps no file shares.</summary>
    public void Security(DemoRecorder a, DemoClock clock)
    {
        foreach (var region in a.Regions)
            Record(a, clock, region, []);
    }

    private static void Record(DemoRecorder a, DemoClock clock, string region, IReadOnlyList<Share> shares)
    {
        var id = a.AccountId;
        var items = shares.Select(s => $$"""
            {"OwnerId": "{{id}}", "CreationToken": "{{s.Name}}-{{s.Id[3..11]}}", "FileSystemId": "{{s.Id}}",
             "FileSystemArn": "arn:aws:elasticfilesystem:{{region}}:{{id}}:file-system/{{s.Id}}",
             "CreationTime": "{{clock.DaysAgo(s.AgeDays)}}", "LifeCycleState": "available", "Name": "{{s.Name}}",
             "NumberOfMountTargets": {{s.MountTargets}}, "SizeInBytes": {"Value": 48318382080, "ValueInIA": 30064771072, "ValueInStandard": 18253611008},
             "PerformanceMode": "{{s.Mode}}", "Encrypted": {{(s.Encrypted ? "true" : "false")}},
             {{(s.Encrypted ? $"\"KmsKeyId\": \"arn:aws:kms:{region}:{id}:key/{AwsManagedKey}\"," : "")}}
             "ThroughputMode": "elastic", "Tags": [{"Key": "Name", "Value": "{{s.Name}}"}],
             "FileSystemProtection": {"ReplicationOverwriteProtection": "ENABLED"} }
            """);
        a.Regional(EfsCalls.DescribeFileSystems, region, $$"""{"FileSystems": [{{string.Join(",", items)}}]}""");
    }
}
