using System.Text.Json.Nodes;
using CloudAudit.Inventory.Catalog;
using CloudAudit.Inventory.Snapshot;

namespace CloudAudit.Demo;

/// <summary>
/// One region of one demo account's EC2 and VPC estate. Resources are declared once and rendered
/// into every response that shows them (an instance appears in DescribeInstances, as a network
/// interface and through its volumes), so the responses agree with each other as AWS's do.
/// </summary>
internal sealed partial class DemoEc2Region(DemoRecorder account, string region, DemoClock clock)
{
    private readonly JsonArray _vpcs = [], _subnets = [], _routeTables = [], _acls = [], _groups = [], _rules = [], _interfaces = [],
        _peerings = [], _reservations = [], _volumes = [], _images = [], _addresses = [];
    private readonly Dictionary<string, (string Vpc, string Az)> _subnetPlaces = [];
    private readonly Dictionary<string, string> _groupNames = [];
    private readonly List<(string Instance, bool Enabled)> _protection = [];
    private bool _ebsEncryptionByDefault;

    private string Owner => account.AccountId;

    public DemoEc2Region EbsEncryptionByDefault(bool enabled)
    {
        _ebsEncryptionByDefault = enabled;
        return this;
    }

    public DemoEc2Region Vpc(string id, string cidr, string? name = null, bool isDefault = false)
    {
        _vpcs.Add(new JsonObject
        {
            ["CidrBlock"] = cidr, ["DhcpOptionsId"] = "dopt-0" + id[5..], ["State"] = "available", ["VpcId"] = id, ["OwnerId"] = Owner,
            ["InstanceTenancy"] = "default", ["IsDefault"] = isDefault,
            ["CidrBlockAssociationSet"] = new JsonArray(new JsonObject
            {
                ["AssociationId"] = "vpc-cidr-assoc-0" + id[5..], ["CidrBlock"] = cidr, ["CidrBlockState"] = new JsonObject { ["State"] = "associated" },
            }),
            ["Tags"] = Tags(name),
        });
        return this;
    }

    public DemoEc2Region Subnet(string id, string vpc, string cidr, string az, string? name = null, bool publicIp = false, bool defaultForAz = false)
    {
        _subnetPlaces[id] = (vpc, az);
        _subnets.Add(new JsonObject
        {
            ["AvailabilityZone"] = az, ["AvailableIpAddressCount"] = 4091 - _subnets.Count * 7, ["CidrBlock"] = cidr,
            ["DefaultForAz"] = defaultForAz, ["MapPublicIpOnLaunch"] = publicIp, ["State"] = "available", ["SubnetId"] = id, ["VpcId"] = vpc,
            ["OwnerId"] = Owner, ["SubnetArn"] = $"arn:aws:ec2:{region}:{Owner}:subnet/{id}", ["Tags"] = Tags(name),
        });
        return this;
    }

    /// <summary>Routes as (destination, target): local, igw-, nat-, pcx- targets.</summary>
    public DemoEc2Region RouteTable(string id, string vpc, string? name, bool main, string[] subnets, params (string Destination, string Target)[] routes)
    {
        var associations = new JsonArray();
        if (main)
            associations.Add(new JsonObject { ["Main"] = true, ["RouteTableAssociationId"] = "rtbassoc-0" + id[5..], ["RouteTableId"] = id });
        foreach (var subnet in subnets)
            associations.Add(new JsonObject
            {
                ["Main"] = false, ["RouteTableAssociationId"] = $"rtbassoc-0{subnet[^8..]}{id[^8..]}", ["RouteTableId"] = id, ["SubnetId"] = subnet,
                ["AssociationState"] = new JsonObject { ["State"] = "associated" },
            });
        _routeTables.Add(new JsonObject
        {
            ["Associations"] = associations, ["PropagatingVgws"] = new JsonArray(), ["RouteTableId"] = id,
            ["Routes"] = new JsonArray(routes.Select(r => (JsonNode?)Route(r.Destination, r.Target)).ToArray()),
            ["Tags"] = Tags(name), ["VpcId"] = vpc, ["OwnerId"] = Owner,
        });
        return this;
    }

    private static JsonObject Route(string destination, string target)
    {
        var route = new JsonObject { [destination.Contains(':', StringComparison.Ordinal) ? "DestinationIpv6CidrBlock" : "DestinationCidrBlock"] = destination };
        route[target switch
        {
            _ when target.StartsWith("nat-", StringComparison.Ordinal) => "NatGatewayId",
            _ when target.StartsWith("pcx-", StringComparison.Ordinal) => "VpcPeeringConnectionId",
            _ => "GatewayId",
        }] = target;
        route["Origin"] = target == "local" ? "CreateRouteTable" : "CreateRoute";
        route["State"] = "active";
        return route;
    }

    public DemoEc2Region Acl(string id, string vpc, string? name, bool isDefault, string[] subnets, params AclEntry[] entries)
    {
        _acls.Add(new JsonObject
        {
            ["Associations"] = new JsonArray(subnets.Select(s => (JsonNode?)new JsonObject
            {
                ["NetworkAclAssociationId"] = $"aclassoc-0{s[^8..]}{id[^8..]}", ["NetworkAclId"] = id, ["SubnetId"] = s,
            }).ToArray()),
            ["Entries"] = new JsonArray(entries.Select(e => (JsonNode?)AclEntryJson(e)).ToArray()),
            ["IsDefault"] = isDefault, ["NetworkAclId"] = id, ["Tags"] = Tags(name), ["VpcId"] = vpc, ["OwnerId"] = Owner,
        });
        return this;
    }

    private static JsonObject AclEntryJson(AclEntry entry)
    {
        var json = new JsonObject
        {
            [entry.Cidr.Contains(':', StringComparison.Ordinal) ? "Ipv6CidrBlock" : "CidrBlock"] = entry.Cidr,
            ["Egress"] = entry.Egress, ["Protocol"] = entry.Protocol, ["RuleAction"] = entry.Action, ["RuleNumber"] = entry.Number,
        };
        if (entry.From is { } from)
            json["PortRange"] = new JsonObject { ["From"] = from, ["To"] = entry.To ?? from };
        return json;
    }

    /// <summary>The default NACL's entries as AWS creates them (IPv4 only).</summary>
    public static AclEntry[] AllowAllAcl =>
    [
        new(100, "-1", "allow", "0.0.0.0/0"), new(32767, "-1", "deny", "0.0.0.0/0"),
        new(100, "-1", "allow", "0.0.0.0/0", Egress: true), new(32767, "-1", "deny", "0.0.0.0/0", Egress: true),
    ];

    public DemoEc2Region SecurityGroup(string id, string name, string vpc, string description, params SgRule[] rules)
    {
        _groupNames[id] = name;
        _groups.Add(new JsonObject
        {
            ["GroupId"] = id, ["GroupName"] = name, ["Description"] = description, ["VpcId"] = vpc, ["OwnerId"] = Owner,
            ["SecurityGroupArn"] = $"arn:aws:ec2:{region}:{Owner}:security-group/{id}",
            ["IpPermissions"] = Permissions(rules.Where(r => !r.Egress)),
            ["IpPermissionsEgress"] = Permissions(rules.Where(r => r.Egress)),
            ["Tags"] = Tags(name == "default" ? null : name),
        });
        foreach (var rule in rules)
        {
            var json = new JsonObject
            {
                ["SecurityGroupRuleId"] = rule.Id, ["GroupId"] = id, ["GroupOwnerId"] = Owner, ["IsEgress"] = rule.Egress,
                ["IpProtocol"] = rule.Protocol, ["FromPort"] = rule.From, ["ToPort"] = rule.To,
                ["SecurityGroupRuleArn"] = $"arn:aws:ec2:{region}:{Owner}:security-group-rule/{rule.Id}", ["Tags"] = new JsonArray(),
            };
            if (rule.Cidr is { } cidr) json[cidr.Contains(':', StringComparison.Ordinal) ? "CidrIpv6" : "CidrIpv4"] = cidr;
            if (rule.Group is { } group) json["ReferencedGroupInfo"] = new JsonObject { ["GroupId"] = group, ["UserId"] = Owner };
            if (rule.Description is { } text) json["Description"] = text;
            _rules.Add(json);
        }
        return this;
    }

    /// <summary>IpPermissions as DescribeSecurityGroups shows them: rules of one protocol and port range merged.</summary>
    private JsonArray Permissions(IEnumerable<SgRule> rules) => new(rules.GroupBy(r => (r.Protocol, r.From, r.To)).Select(g =>
    {
        var permission = new JsonObject { ["IpProtocol"] = g.Key.Protocol };
        if (g.Key.Protocol != "-1") { permission["FromPort"] = g.Key.From; permission["ToPort"] = g.Key.To; }
        permission["IpRanges"] = Ranges(g.Where(r => r.Cidr?.Contains('.', StringComparison.Ordinal) == true), "CidrIp");
        permission["Ipv6Ranges"] = Ranges(g.Where(r => r.Cidr?.Contains(':', StringComparison.Ordinal) == true), "CidrIpv6");
        permission["PrefixListIds"] = new JsonArray();
        permission["UserIdGroupPairs"] = new JsonArray(g.Where(r => r.Group is not null)
            .Select(r => (JsonNode?)new JsonObject { ["GroupId"] = r.Group, ["UserId"] = Owner }).ToArray());
        return (JsonNode?)permission;
    }).ToArray());

    private static JsonArray Ranges(IEnumerable<SgRule> rules, string member) => new(rules.Select(r =>
    {
        var range = new JsonObject { [member] = r.Cidr };
        if (r.Description is { } text) range["Description"] = text;
        return (JsonNode?)range;
    }).ToArray());

    public DemoEc2Region Interface(string id, string subnet, string privateIp, string type, string description, string[] groups,
        string? instance = null, bool requesterManaged = false, string? publicIp = null)
    {
        var (vpc, az) = _subnetPlaces[subnet];
        var eni = new JsonObject
        {
            ["AvailabilityZone"] = az, ["Description"] = description,
            ["Groups"] = new JsonArray(groups.Select(g => (JsonNode?)new JsonObject { ["GroupId"] = g, ["GroupName"] = _groupNames[g] }).ToArray()),
            ["InterfaceType"] = type, ["MacAddress"] = $"0e:{id[4..6]}:{id[6..8]}:{id[8..10]}:{id[10..12]}:{id[12..14]}",
            ["NetworkInterfaceId"] = id, ["OwnerId"] = Owner, ["PrivateIpAddress"] = privateIp, ["RequesterManaged"] = requesterManaged,
            ["SourceDestCheck"] = type != "nat_gateway", ["Status"] = "in-use", ["SubnetId"] = subnet, ["VpcId"] = vpc, ["TagSet"] = new JsonArray(),
        };
        if (instance is not null)
            eni["Attachment"] = new JsonObject
            {
                ["AttachmentId"] = "eni-attach-0" + id[5..], ["DeleteOnTermination"] = true, ["DeviceIndex"] = 0,
                ["InstanceId"] = instance, ["InstanceOwnerId"] = Owner, ["Status"] = "attached",
            };
        if (publicIp is not null)
            eni["Association"] = new JsonObject { ["IpOwnerId"] = "amazon", ["PublicIp"] = publicIp };
        _interfaces.Add(eni);
        return this;
    }

    public DemoEc2Region Peering(string id, PeerSide requester, PeerSide accepter, string? name)
    {
        _peerings.Add(new JsonObject
        {
            ["AccepterVpcInfo"] = PeerJson(accepter), ["RequesterVpcInfo"] = PeerJson(requester),
            ["Status"] = new JsonObject { ["Code"] = "active", ["Message"] = "Active" }, ["Tags"] = Tags(name), ["VpcPeeringConnectionId"] = id,
        });
        return this;
    }

    private static JsonObject PeerJson(PeerSide side) => new()
    {
        ["CidrBlock"] = side.Cidr, ["CidrBlockSet"] = new JsonArray(new JsonObject { ["CidrBlock"] = side.Cidr }),
        ["OwnerId"] = side.Owner, ["PeeringOptions"] = new JsonObject { ["AllowDnsResolutionFromRemoteVpc"] = false },
        ["VpcId"] = side.Vpc, ["Region"] = side.Region,
    };

    private static JsonArray Tags(string? name) =>
        name is null ? [] : new JsonArray(new JsonObject { ["Key"] = "Name", ["Value"] = name });

    /// <summary>Writes every regional response of this region into the account's inventory.</summary>
    public void Record()
    {
        Regional(Ec2Calls.DescribeVpcs, "Vpcs", _vpcs);
        Regional(Ec2Calls.DescribeSubnets, "Subnets", _subnets);
        Regional(Ec2Calls.DescribeRouteTables, "RouteTables", _routeTables);
        Regional(Ec2Calls.DescribeNetworkAcls, "NetworkAcls", _acls);
        Regional(Ec2Calls.DescribeSecurityGroups, "SecurityGroups", _groups);
        Regional(Ec2Calls.DescribeSecurityGroupRules, "SecurityGroupRules", _rules);
        Regional(Ec2Calls.DescribeNetworkInterfaces, "NetworkInterfaces", _interfaces);
        Regional(Ec2Calls.DescribeVpcPeeringConnections, "VpcPeeringConnections", _peerings);
        Regional(Ec2Calls.DescribeInstances, "Reservations", _reservations);
        Regional(Ec2Calls.DescribeVolumes, "Volumes", _volumes);
        Regional(Ec2Calls.DescribeOwnImages, "Images", _images);
        Regional(Ec2Calls.DescribeAddresses, "Addresses", _addresses);
        account.Regional(Ec2Calls.GetEbsEncryptionByDefault, region,
            new JsonObject { ["EbsEncryptionByDefault"] = _ebsEncryptionByDefault, ["SseType"] = "sse-ebs" }.ToJsonString());
        foreach (var (instance, enabled) in _protection)
            account.Target(Ec2Calls.DescribeTerminationProtection, region, Ec2Calls.TerminationProtectionTarget(region, instance).Parameters!,
                new JsonObject { ["InstanceId"] = instance, ["DisableApiTermination"] = new JsonObject { ["Value"] = enabled } }.ToJsonString());
    }

    private void Regional(ApiCall call, string member, JsonArray items) =>
        account.Regional(call, region, new JsonObject { [member] = items }.ToJsonString());

    /// <summary>Every EC2 read of a region denied, as a service control policy that denies the region's EC2 API does.</summary>
    public static void DeniedByScp(DemoRecorder account, string region)
    {
        foreach (var call in Ec2Calls.RegionalReads)
        {
            var action = "ec2:" + call.Operation;
            account.Failure(call, region, null, ErrorKind.AccessDenied, "UnauthorizedOperation",
                $"You are not authorized to perform this operation. User: arn:aws:iam::{account.AccountId}:user/security-auditor "
                + $"is not authorized to perform: {action} with an explicit deny in a service control policy", 403);
        }
    }
}
