namespace CloudAudit.Demo;

/// <summary>A network ACL entry of the demo estate.</summary>
internal sealed record AclEntry(int Number, string Protocol, string Action, string Cidr, int? From = null, int? To = null, bool Egress = false);

/// <summary>A security group rule: to or from a CIDR, or another group.</summary>
internal sealed record SgRule(string Id, string Protocol, int From, int To, string? Cidr = null, string? Group = null,
    bool Egress = false, string? Description = null)
{
    public static SgRule AllOut(string id) => new(id, "-1", -1, -1, "0.0.0.0/0", Egress: true);
}

/// <summary>One side of a VPC peering connection.</summary>
internal sealed record PeerSide(string Vpc, string Owner, string Region, string Cidr);

/// <summary>An EBS volume attached to a demo instance.</summary>
internal sealed record DemoDisk(string VolumeId, int Size, bool Encrypted, string Type = "gp3");

/// <summary>An instance of the demo estate; its network interface and volumes are recorded with it.</summary>
internal sealed record DemoInstance(string Id, string Name, string Type, string Subnet, string PrivateIp, string[] Groups, DemoDisk[] Disks)
{
    public string State { get; init; } = "running";
    public double LaunchedDaysAgo { get; init; } = 120;
    public double? StoppedDaysAgo { get; init; }
    public string HttpTokens { get; init; } = "required";
    public bool TerminationProtection { get; init; }
    public string? AutoScalingGroup { get; init; }
    public string? Lifecycle { get; init; }
    public string? PublicIp { get; init; }
    public string Ami { get; init; } = "ami-0c7217cdde317cfec";
    public string Platform { get; init; } = "Linux/UNIX";
    /// <summary>The instance profile name, or null for an instance started without one.</summary>
    public string? InstanceProfile { get; init; }
    public string NetworkInterface => "eni-" + Id[2..];
}
