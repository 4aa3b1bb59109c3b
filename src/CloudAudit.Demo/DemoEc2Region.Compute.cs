using System.Globalization;
using System.Text.Json.Nodes;

namespace CloudAudit.Demo;

/// <summary>Instances, volumes, images and Elastic IPs of a demo region.</summary>
internal sealed partial class DemoEc2Region
{
    public DemoEc2Region Instance(DemoInstance spec)
    {
        var (vpc, az) = _subnetPlaces[spec.Subnet];
        var launched = clock.DaysAgo(spec.LaunchedDaysAgo);
        var stopped = spec.State == "stopped";
        var tags = Tags(spec.Name);
        if (spec.AutoScalingGroup is { } asg)
            tags.Add(new JsonObject { ["Key"] = "aws:autoscaling:groupName", ["Value"] = asg });
        var instance = new JsonObject
        {
            ["AmiLaunchIndex"] = 0, ["ImageId"] = spec.Ami, ["InstanceId"] = spec.Id, ["InstanceType"] = spec.Type, ["LaunchTime"] = launched,
            ["Placement"] = new JsonObject { ["AvailabilityZone"] = az, ["Tenancy"] = "default" },
            ["PrivateIpAddress"] = spec.PrivateIp,
            ["State"] = new JsonObject { ["Code"] = stopped ? 80 : 16, ["Name"] = spec.State },
            ["StateTransitionReason"] = spec.StoppedDaysAgo is { } days ? $"User initiated ({UserInitiated(days)} GMT)" : "",
            ["SubnetId"] = spec.Subnet, ["VpcId"] = vpc, ["Architecture"] = "x86_64",
            ["BlockDeviceMappings"] = new JsonArray(spec.Disks.Select((d, i) => (JsonNode?)new JsonObject
            {
                ["DeviceName"] = i == 0 ? "/dev/xvda" : $"/dev/sd{(char)('f' + i - 1)}",
                ["Ebs"] = new JsonObject { ["AttachTime"] = launched, ["DeleteOnTermination"] = i == 0, ["Status"] = "attached", ["VolumeId"] = d.VolumeId },
            }).ToArray()),
            ["SecurityGroups"] = new JsonArray(spec.Groups.Select(g => (JsonNode?)new JsonObject { ["GroupId"] = g, ["GroupName"] = _groupNames[g] }).ToArray()),
            ["Tags"] = tags,
            ["MetadataOptions"] = new JsonObject
            {
                ["State"] = "applied", ["HttpTokens"] = spec.HttpTokens, ["HttpPutResponseHopLimit"] = spec.HttpTokens == "required" ? 2 : 1,
                ["HttpEndpoint"] = "enabled", ["HttpProtocolIpv6"] = "disabled", ["InstanceMetadataTags"] = "disabled",
            },
            ["PlatformDetails"] = spec.Platform,
        };
        if (spec.PublicIp is { } ip && !stopped) instance["PublicIpAddress"] = ip;
        if (spec.Lifecycle is { } lifecycle) instance["InstanceLifecycle"] = lifecycle;
        if (spec.InstanceProfile is { } profile)
            instance["IamInstanceProfile"] = new JsonObject
            {
                ["Arn"] = $"arn:aws:iam::{Owner}:instance-profile/{profile}",
                ["Id"] = "AIPA" + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(Owner + profile)))[..17],
            };
        if (stopped) instance["StateReason"] = new JsonObject { ["Code"] = "Client.UserInitiatedShutdown", ["Message"] = "Client.UserInitiatedShutdown: User initiated shutdown" };
        _reservations.Add(new JsonObject
        {
            ["Groups"] = new JsonArray(), ["Instances"] = new JsonArray(instance), ["OwnerId"] = Owner, ["ReservationId"] = "r-0" + spec.Id[3..],
        });
        Interface(spec.NetworkInterface, spec.Subnet, spec.PrivateIp, "interface", "", spec.Groups, spec.Id, publicIp: stopped ? null : spec.PublicIp);
        for (var i = 0; i < spec.Disks.Length; i++)
            Volume(spec.Disks[i], az, spec.LaunchedDaysAgo, spec.Id, i == 0 ? "/dev/xvda" : $"/dev/sd{(char)('f' + i - 1)}");
        if (spec.State is "running" or "stopped" && spec.AutoScalingGroup is null && spec.Lifecycle != "spot")
            _protection.Add((spec.Id, spec.TerminationProtection));
        return this;
    }

    private string UserInitiated(double daysAgo) =>
        DateTimeOffset.Parse(clock.DaysAgo(daysAgo), CultureInfo.InvariantCulture).UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    public DemoEc2Region Volume(DemoDisk disk, string az, double createdDaysAgo, string? instance = null, string? device = null, string? name = null)
    {
        var volume = new JsonObject
        {
            ["AvailabilityZone"] = az, ["CreateTime"] = clock.DaysAgo(createdDaysAgo), ["Encrypted"] = disk.Encrypted, ["Size"] = disk.Size,
            ["SnapshotId"] = "", ["State"] = instance is null ? "available" : "in-use", ["VolumeId"] = disk.VolumeId,
            ["Iops"] = disk.Type == "gp3" ? 3000 : Math.Max(100, disk.Size * 3), ["VolumeType"] = disk.Type, ["MultiAttachEnabled"] = false,
            ["Attachments"] = instance is null ? new JsonArray() : new JsonArray(new JsonObject
            {
                ["AttachTime"] = clock.DaysAgo(createdDaysAgo), ["Device"] = device, ["InstanceId"] = instance, ["State"] = "attached",
                ["VolumeId"] = disk.VolumeId, ["DeleteOnTermination"] = device == "/dev/xvda",
            }),
        };
        if (disk.Encrypted)
            volume["KmsKeyId"] = $"arn:aws:kms:{region}:{Owner}:key/3c2b1a09-8f7e-4d6c-b5a4-93827160f5e4";
        if (name is not null)
            volume["Tags"] = Tags(name);
        _volumes.Add(volume);
        return this;
    }

    public DemoEc2Region Image(string id, string name, bool isPublic, double createdDaysAgo, string snapshot)
    {
        _images.Add(new JsonObject
        {
            ["Architecture"] = "x86_64", ["CreationDate"] = clock.DaysAgo(createdDaysAgo), ["ImageId"] = id, ["ImageLocation"] = $"{Owner}/{name}",
            ["ImageType"] = "machine", ["Public"] = isPublic, ["OwnerId"] = Owner, ["PlatformDetails"] = "Linux/UNIX", ["State"] = "available",
            ["BlockDeviceMappings"] = new JsonArray(new JsonObject
            {
                ["DeviceName"] = "/dev/xvda",
                ["Ebs"] = new JsonObject { ["DeleteOnTermination"] = true, ["SnapshotId"] = snapshot, ["VolumeSize"] = 30, ["VolumeType"] = "gp3", ["Encrypted"] = !isPublic },
            }),
            ["Name"] = name, ["RootDeviceName"] = "/dev/xvda", ["RootDeviceType"] = "ebs", ["VirtualizationType"] = "hvm", ["Tags"] = Tags(name),
        });
        return this;
    }

    /// <summary>An Elastic IP, associated with an instance or a network interface, or idle.</summary>
    public DemoEc2Region Address(string allocation, string ip, string? name, string? instance = null, string? eni = null, string? privateIp = null)
    {
        var address = new JsonObject
        {
            ["AllocationId"] = allocation, ["PublicIp"] = ip, ["Domain"] = "vpc", ["PublicIpv4Pool"] = "amazon", ["NetworkBorderGroup"] = region,
            ["Tags"] = Tags(name),
        };
        if (eni is not null)
        {
            address["AssociationId"] = "eipassoc-0" + allocation[10..];
            if (instance is not null) address["InstanceId"] = instance;
            address["NetworkInterfaceId"] = eni;
            address["NetworkInterfaceOwnerId"] = Owner;
            address["PrivateIpAddress"] = privateIp;
        }
        _addresses.Add(address);
        return this;
    }
}
