using System.Text.Json.Serialization;
using CloudAudit.Inventory.Catalog;

namespace CloudAudit.Inventory.Views;

public sealed record VpcCidrBlockAssociation(string? CidrBlock);
public sealed record VpcIpv6CidrBlockAssociation(string? Ipv6CidrBlock);

public sealed record Ec2Vpc(
    string VpcId,
    string? CidrBlock,
    bool? IsDefault,
    string? OwnerId,
    string? State,
    List<VpcCidrBlockAssociation>? CidrBlockAssociationSet,
    List<VpcIpv6CidrBlockAssociation>? Ipv6CidrBlockAssociationSet,
    List<Ec2Tag>? Tags)
{
    public bool Default => IsDefault == true;
    public string Label => Ec2Tags.Labelled(VpcId, Tags);
}

public sealed record Ec2Subnet(string SubnetId, string? VpcId, string? CidrBlock, string? AvailabilityZone,
    bool? MapPublicIpOnLaunch, bool? DefaultForAz, string? OwnerId, List<Ec2Tag>? Tags)
{
    public string Label => Ec2Tags.Labelled(SubnetId, Tags);
}

public sealed record Ec2Route(
    string? DestinationCidrBlock,
    string? DestinationIpv6CidrBlock,
    string? DestinationPrefixListId,
    string? GatewayId,
    string? NatGatewayId,
    string? TransitGatewayId,
    string? VpcPeeringConnectionId,
    string? State,
    string? Origin)
{
    public string? Destination => DestinationCidrBlock ?? DestinationIpv6CidrBlock ?? DestinationPrefixListId;
    public bool Active => State != "blackhole";
    public bool ToInternetGateway => GatewayId?.StartsWith("igw-", StringComparison.Ordinal) == true;
}

public sealed record RouteTableAssociation(bool? Main, string? SubnetId, string? RouteTableId, string? GatewayId);

public sealed record Ec2RouteTable(string RouteTableId, string? VpcId, string? OwnerId, List<Ec2Route>? Routes,
    List<RouteTableAssociation>? Associations, List<Ec2Tag>? Tags)
{
    public bool IsMain => (Associations ?? []).Any(a => a.Main == true);
    public string Label => Ec2Tags.Labelled(RouteTableId, Tags);
}

public sealed record NetworkInterfaceAttachment(string? InstanceId, string? InstanceOwnerId, string? Status);

public sealed record NetworkInterface(
    string NetworkInterfaceId,
    string? VpcId,
    string? SubnetId,
    string? InterfaceType,
    string? Description,
    bool? RequesterManaged,
    string? Status,
    NetworkInterfaceAttachment? Attachment,
    List<GroupIdentifier>? Groups,
    string? OwnerId)
{
    /// <summary>What the interface belongs to, as a person would say it: "instance i-0abc", "nat_gateway".</summary>
    public string Owner => Attachment?.InstanceId is { } instance ? $"instance {instance}"
        : !string.IsNullOrEmpty(Description) ? $"{InterfaceType ?? "interface"} \"{Description}\""
        : InterfaceType ?? "interface";
}

public sealed record Ec2SecurityGroup(string GroupId, string? GroupName, string? VpcId, string? OwnerId, string? Description, List<Ec2Tag>? Tags)
{
    public bool IsDefault => GroupName == "default";
    public string Label => GroupName is { Length: > 0 } name ? $"{name} ({GroupId})" : GroupId;
}

public sealed record ReferencedSecurityGroup(string? GroupId, string? UserId, string? VpcPeeringConnectionId);

public sealed record SecurityGroupRule(
    string SecurityGroupRuleId,
    string GroupId,
    string? GroupOwnerId,
    bool? IsEgress,
    string? IpProtocol,
    int? FromPort,
    int? ToPort,
    string? CidrIpv4,
    string? CidrIpv6,
    string? PrefixListId,
    ReferencedSecurityGroup? ReferencedGroupInfo,
    string? Description)
{
    public bool Egress => IsEgress == true;
    /// <summary>The rule's peer: a CIDR, a prefix list or a security group.</summary>
    public string Source => CidrIpv4 ?? CidrIpv6 ?? PrefixListId ?? ReferencedGroupInfo?.GroupId ?? "unknown";
}

public sealed record AclPortRange(int? From, int? To);

public sealed record NetworkAclEntry(int RuleNumber, string? Protocol, string? RuleAction, bool? Egress,
    string? CidrBlock, string? Ipv6CidrBlock, AclPortRange? PortRange)
{
    public bool Allows => RuleAction == "allow";
    public string? Source => CidrBlock ?? Ipv6CidrBlock;
}

public sealed record NetworkAclAssociation(string? NetworkAclAssociationId, string? SubnetId);

public sealed record NetworkAcl(string NetworkAclId, string? VpcId, bool? IsDefault, string? OwnerId,
    List<NetworkAclEntry>? Entries, List<NetworkAclAssociation>? Associations, List<Ec2Tag>? Tags)
{
    public IEnumerable<string> Subnets => (Associations ?? []).Select(a => a.SubnetId).OfType<string>();
    public string Label => Ec2Tags.Labelled(NetworkAclId, Tags);
}

public sealed record PeeringCidrBlock(string? CidrBlock);
public sealed record PeeringIpv6CidrBlock(string? Ipv6CidrBlock);

public sealed record PeeringVpcInfo(string? VpcId, string? OwnerId, string? Region, string? CidrBlock,
    List<PeeringCidrBlock>? CidrBlockSet, List<PeeringIpv6CidrBlock>? Ipv6CidrBlockSet)
{
    /// <summary>Every IPv4 and IPv6 block of the VPC.</summary>
    public IEnumerable<string> Cidrs =>
        new[] { CidrBlock }.Concat((CidrBlockSet ?? []).Select(c => c.CidrBlock))
            .Concat((Ipv6CidrBlockSet ?? []).Select(c => c.Ipv6CidrBlock))
            .OfType<string>().Distinct();
}

public sealed record PeeringStatus(string? Code, string? Message);

public sealed record VpcPeeringConnection(string VpcPeeringConnectionId, PeeringVpcInfo? RequesterVpcInfo,
    PeeringVpcInfo? AccepterVpcInfo, PeeringStatus? Status, List<Ec2Tag>? Tags)
{
    /// <summary>The other side of the connection, seen from <paramref name="vpcId"/>.</summary>
    public PeeringVpcInfo? PeerOf(string? vpcId) =>
        RequesterVpcInfo?.VpcId == vpcId ? AccepterVpcInfo : AccepterVpcInfo?.VpcId == vpcId ? RequesterVpcInfo : null;
}

/// <summary>A flow log with the delivery status members the VPC checks read.</summary>
public sealed record VpcFlowLog(string? FlowLogId, string? ResourceId, string? FlowLogStatus, string? DeliverLogsStatus,
    string? DeliverLogsErrorMessage, string? TrafficType, string? LogDestinationType, string? LogDestination, string? LogGroupName);

public sealed record DescribeVpcsResponse(List<Ec2Vpc>? Vpcs);
public sealed record DescribeSubnetsResponse(List<Ec2Subnet>? Subnets);
public sealed record DescribeRouteTablesResponse(List<Ec2RouteTable>? RouteTables);
public sealed record DescribeNetworkInterfacesResponse(List<NetworkInterface>? NetworkInterfaces);
public sealed record DescribeSecurityGroupsResponse(List<Ec2SecurityGroup>? SecurityGroups);
public sealed record DescribeSecurityGroupRulesResponse(List<SecurityGroupRule>? SecurityGroupRules);
public sealed record DescribeNetworkAclsResponse(List<NetworkAcl>? NetworkAcls);
public sealed record DescribeVpcPeeringConnectionsResponse(List<VpcPeeringConnection>? VpcPeeringConnections);
public sealed record DescribeVpcFlowLogsResponse(List<VpcFlowLog>? FlowLogs);

/// <summary>VPC networking (VPCs, subnets, routes, interfaces, security groups, NACLs, peering, flow logs), per region.</summary>
public sealed class VpcView(AccountData data)
{
    public Observed<IReadOnlyList<Ec2Vpc>> Vpcs(string region) =>
        ObservedList.Read(data.InRegion(Ec2Calls.DescribeVpcs, region), VpcJson.Default.DescribeVpcsResponse, r => r.Vpcs);

    public Observed<IReadOnlyList<Ec2Subnet>> Subnets(string region) =>
        ObservedList.Read(data.InRegion(Ec2Calls.DescribeSubnets, region), VpcJson.Default.DescribeSubnetsResponse, r => r.Subnets);

    public Observed<IReadOnlyList<Ec2RouteTable>> RouteTables(string region) =>
        ObservedList.Read(data.InRegion(Ec2Calls.DescribeRouteTables, region), VpcJson.Default.DescribeRouteTablesResponse, r => r.RouteTables);

    public Observed<IReadOnlyList<NetworkInterface>> NetworkInterfaces(string region) =>
        ObservedList.Read(data.InRegion(Ec2Calls.DescribeNetworkInterfaces, region), VpcJson.Default.DescribeNetworkInterfacesResponse, r => r.NetworkInterfaces);

    public Observed<IReadOnlyList<Ec2SecurityGroup>> SecurityGroups(string region) =>
        ObservedList.Read(data.InRegion(Ec2Calls.DescribeSecurityGroups, region), VpcJson.Default.DescribeSecurityGroupsResponse, r => r.SecurityGroups);

    public Observed<IReadOnlyList<SecurityGroupRule>> SecurityGroupRules(string region) =>
        ObservedList.Read(data.InRegion(Ec2Calls.DescribeSecurityGroupRules, region), VpcJson.Default.DescribeSecurityGroupRulesResponse, r => r.SecurityGroupRules);

    public Observed<IReadOnlyList<NetworkAcl>> NetworkAcls(string region) =>
        ObservedList.Read(data.InRegion(Ec2Calls.DescribeNetworkAcls, region), VpcJson.Default.DescribeNetworkAclsResponse, r => r.NetworkAcls);

    public Observed<IReadOnlyList<VpcPeeringConnection>> PeeringConnections(string region) =>
        ObservedList.Read(data.InRegion(Ec2Calls.DescribeVpcPeeringConnections, region), VpcJson.Default.DescribeVpcPeeringConnectionsResponse, r => r.VpcPeeringConnections);

    public Observed<IReadOnlyList<VpcFlowLog>> FlowLogs(string region) =>
        ObservedList.Read(data.InRegion(MonitoringCalls.DescribeFlowLogs, region), VpcJson.Default.DescribeVpcFlowLogsResponse, r => r.FlowLogs);
}

[JsonSourceGenerationOptions(PropertyNameCaseInsensitive = false, NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(DescribeVpcsResponse))]
[JsonSerializable(typeof(DescribeSubnetsResponse))]
[JsonSerializable(typeof(DescribeRouteTablesResponse))]
[JsonSerializable(typeof(DescribeNetworkInterfacesResponse))]
[JsonSerializable(typeof(DescribeSecurityGroupsResponse))]
[JsonSerializable(typeof(DescribeSecurityGroupRulesResponse))]
[JsonSerializable(typeof(DescribeNetworkAclsResponse))]
[JsonSerializable(typeof(DescribeVpcPeeringConnectionsResponse))]
[JsonSerializable(typeof(DescribeVpcFlowLogsResponse))]
internal sealed partial class VpcJson : JsonSerializerContext;
