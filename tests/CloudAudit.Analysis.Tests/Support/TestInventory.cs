using System.Text.Json.Nodes;
using CloudAudit.Checks;
using CloudAudit.Demo;
using CloudAudit.Inventory.Catalog;
using CloudAudit.Inventory.Snapshot;

namespace CloudAudit.Analysis.Tests.Support;

/// <summary>
/// An account inventory written call by call (in the AWS CLI shape the collector stores), scanned by every check and
/// analysed, for tests of what the graph builder makes of real API data.
/// </summary>
public sealed class TestInventory
{
    public const string Account = TestGraph.Account;
    public const string Region = "us-east-1";
    public static readonly DateTimeOffset Now = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly AccountInventory _inventory = new() { AccountId = Account, Regions = [Region] };
    private readonly JsonArray _instances = [], _groups = [], _rules = [], _subnets = [], _tables = [], _acls = [], _vpcs = [];

    public TestInventory() => Record = new DemoRecorder(_inventory);

    public DemoRecorder Record { get; }

    /// <summary>The calls recorded so far (all of them once <see cref="Scan"/> has run).</summary>
    public AccountInventory Inventory => _inventory;
    public IamAuthorizationBuilder Iam { get; } = new(Account);

    public TestInventory Vpc(string id)
    {
        _vpcs.Add(new JsonObject { ["VpcId"] = id, ["CidrBlock"] = "10.0.0.0/16", ["IsDefault"] = false, ["OwnerId"] = Account, ["State"] = "available" });
        return this;
    }

    /// <summary>A subnet with a route table of its own: public when it routes 0.0.0.0/0 to an internet gateway.</summary>
    public TestInventory Subnet(string id, string vpc, bool isPublic)
    {
        _subnets.Add(new JsonObject { ["SubnetId"] = id, ["VpcId"] = vpc, ["CidrBlock"] = "10.0.1.0/24", ["OwnerId"] = Account });
        var routes = new JsonArray(new JsonObject { ["DestinationCidrBlock"] = "10.0.0.0/16", ["GatewayId"] = "local", ["State"] = "active" });
        if (isPublic) routes.Add(new JsonObject { ["DestinationCidrBlock"] = "0.0.0.0/0", ["GatewayId"] = "igw-1", ["State"] = "active" });
        _tables.Add(new JsonObject
        {
            ["RouteTableId"] = $"rtb-{id}", ["VpcId"] = vpc, ["OwnerId"] = Account, ["Routes"] = routes,
            ["Associations"] = new JsonArray(new JsonObject { ["Main"] = false, ["SubnetId"] = id, ["RouteTableId"] = $"rtb-{id}" }),
        });
        return this;
    }

    /// <summary>A network ACL on the subnets: allow-all (rule 100), or deny SSH from anywhere ahead of it.</summary>
    public TestInventory Acl(string id, string vpc, bool denySsh, params string[] subnets)
    {
        var entries = new JsonArray();
        if (denySsh)
            entries.Add(new JsonObject { ["RuleNumber"] = 50, ["Protocol"] = "6", ["RuleAction"] = "deny", ["Egress"] = false, ["CidrBlock"] = "0.0.0.0/0", ["PortRange"] = new JsonObject { ["From"] = 22, ["To"] = 22 } });
        entries.Add(new JsonObject { ["RuleNumber"] = 100, ["Protocol"] = "-1", ["RuleAction"] = "allow", ["Egress"] = false, ["CidrBlock"] = "0.0.0.0/0" });
        _acls.Add(new JsonObject
        {
            ["NetworkAclId"] = id, ["VpcId"] = vpc, ["IsDefault"] = false, ["OwnerId"] = Account, ["Entries"] = entries,
            ["Associations"] = new JsonArray([.. subnets.Select(s => (JsonNode)new JsonObject { ["NetworkAclAssociationId"] = $"aclassoc-{s}", ["SubnetId"] = s })]),
        });
        return this;
    }

    /// <summary>A security group, open to 0.0.0.0/0 on <paramref name="openPort"/> when given.</summary>
    public TestInventory SecurityGroup(string id, string vpc, int? openPort)
    {
        _groups.Add(new JsonObject { ["GroupId"] = id, ["GroupName"] = id, ["VpcId"] = vpc, ["OwnerId"] = Account, ["Description"] = "test" });
        if (openPort is { } port)
            _rules.Add(new JsonObject
            {
                ["SecurityGroupRuleId"] = $"sgr-{id}", ["GroupId"] = id, ["GroupOwnerId"] = Account, ["IsEgress"] = false,
                ["IpProtocol"] = "tcp", ["FromPort"] = port, ["ToPort"] = port, ["CidrIpv4"] = "0.0.0.0/0",
            });
        return this;
    }

    public TestInventory Instance(string id, string subnet, string vpc, string group, string? publicIp, string? profileRole = null, string httpTokens = "required")
    {
        var instance = new JsonObject
        {
            ["InstanceId"] = id, ["InstanceType"] = "t3.micro", ["State"] = new JsonObject { ["Name"] = "running" },
            ["VpcId"] = vpc, ["SubnetId"] = subnet, ["LaunchTime"] = "2026-10-01T00:00:00+00:00",
            ["MetadataOptions"] = new JsonObject { ["HttpTokens"] = httpTokens, ["HttpEndpoint"] = "enabled" },
            ["SecurityGroups"] = new JsonArray(new JsonObject { ["GroupId"] = group, ["GroupName"] = group }),
        };
        if (publicIp is not null) instance["PublicIpAddress"] = publicIp;
        if (profileRole is not null)
            instance["IamInstanceProfile"] = new JsonObject { ["Arn"] = $"arn:aws:iam::{Account}:instance-profile/{profileRole}", ["Id"] = "AIPA1" };
        _instances.Add(instance);
        return this;
    }

    public ScanReport Scan()
    {
        Record.Global(IamAuthorizationCalls.GetAccountAuthorizationDetails, Iam.Build());
        Record.Regional(Ec2Calls.DescribeVpcs, Region, new JsonObject { ["Vpcs"] = _vpcs.DeepClone() }.ToJsonString());
        Record.Regional(Ec2Calls.DescribeSubnets, Region, new JsonObject { ["Subnets"] = _subnets.DeepClone() }.ToJsonString());
        Record.Regional(Ec2Calls.DescribeRouteTables, Region, new JsonObject { ["RouteTables"] = _tables.DeepClone() }.ToJsonString());
        Record.Regional(Ec2Calls.DescribeNetworkAcls, Region, new JsonObject { ["NetworkAcls"] = _acls.DeepClone() }.ToJsonString());
        Record.Regional(Ec2Calls.DescribeSecurityGroups, Region, new JsonObject { ["SecurityGroups"] = _groups.DeepClone() }.ToJsonString());
        Record.Regional(Ec2Calls.DescribeSecurityGroupRules, Region, new JsonObject { ["SecurityGroupRules"] = _rules.DeepClone() }.ToJsonString());
        Record.Regional(Ec2Calls.DescribeNetworkInterfaces, Region, """{"NetworkInterfaces":[]}""");
        Record.Regional(Ec2Calls.DescribeInstances, Region,
            new JsonObject { ["Reservations"] = new JsonArray(new JsonObject { ["Instances"] = _instances.DeepClone() }) }.ToJsonString());
        var snapshot = new InventorySnapshot { CollectedAt = Now, Accounts = [_inventory] };
        return ScanPipeline.Evaluate(snapshot, CheckRegistry.All, new AnalysisOptions { Today = DateOnly.FromDateTime(Now.UtcDateTime) }, "test", "0.0.0");
    }
}
