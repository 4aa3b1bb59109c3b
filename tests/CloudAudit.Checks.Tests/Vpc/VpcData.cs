using CloudAudit.Checks.Tests.Support;

namespace CloudAudit.Checks.Tests.Vpc;

/// <summary>VPC responses in AWS CLI shape for check tests.</summary>
public static class VpcData
{
    private static string Join(string member, string[] items) => $$"""{"{{member}}": [{{string.Join(",", items)}}]}""";
    private static string Bool(bool value) => value ? "true" : "false";
    private static string Cidr(string cidr, string v4, string v6) => cidr.Contains(':', StringComparison.Ordinal) ? $"\"{v6}\": \"{cidr}\"" : $"\"{v4}\": \"{cidr}\"";

    public static string VpcEntry(string id, string cidr = "10.0.0.0/16", bool isDefault = false, string owner = TestAccount.Id) =>
        $$"""{"VpcId": "{{id}}", "CidrBlock": "{{cidr}}", "IsDefault": {{Bool(isDefault)}}, "OwnerId": "{{owner}}", "State": "available"}""";

    public static string Vpcs(params string[] vpcs) => Join("Vpcs", vpcs);

    public static string Subnet(string id, string vpc, bool mapPublic = false) =>
        $$"""{"SubnetId": "{{id}}", "VpcId": "{{vpc}}", "CidrBlock": "10.0.1.0/24", "AvailabilityZone": "us-east-1a", "MapPublicIpOnLaunch": {{Bool(mapPublic)}}, "OwnerId": "{{TestAccount.Id}}"}""";

    public static string Subnets(params string[] subnets) => Join("Subnets", subnets);

    /// <summary>A route to "local", an igw-, nat-, or pcx- target.</summary>
    public static string Route(string destination, string target, string state = "active")
    {
        var member = target switch
        {
            _ when target.StartsWith("nat-", StringComparison.Ordinal) => "NatGatewayId",
            _ when target.StartsWith("pcx-", StringComparison.Ordinal) => "VpcPeeringConnectionId",
            _ => "GatewayId",
        };
        return $$"""{{{Cidr(destination, "DestinationCidrBlock", "DestinationIpv6CidrBlock")}}, "{{member}}": "{{target}}", "State": "{{state}}", "Origin": "CreateRoute"}""";
    }

    public static string RouteTable(string id, string vpc, bool main = false, string[]? subnets = null, params string[] routes)
    {
        var associations = (main ? [$$"""{"Main": true, "RouteTableId": "{{id}}"}"""] : Array.Empty<string>())
            .Concat((subnets ?? []).Select(s => $$"""{"Main": false, "SubnetId": "{{s}}", "RouteTableId": "{{id}}"}"""));
        return $$"""{"RouteTableId": "{{id}}", "VpcId": "{{vpc}}", "OwnerId": "{{TestAccount.Id}}", "Routes": [{{string.Join(",", routes)}}], "Associations": [{{string.Join(",", associations)}}]}""";
    }

    public static string RouteTables(params string[] tables) => Join("RouteTables", tables);

    public static string Interface(string id, string vpc, string? instance = null, params string[] groups) =>
        $$"""
        {"NetworkInterfaceId": "{{id}}", "VpcId": "{{vpc}}", "SubnetId": "subnet-1", "InterfaceType": "interface", "Status": "in-use",
         "Groups": [{{string.Join(",", groups.Select(g => $$"""{"GroupId": "{{g}}"}"""))}}]
         {{(instance is null ? "" : $$""", "Attachment": {"InstanceId": "{{instance}}", "Status": "attached"}""")}}}
        """;

    public static string Interfaces(params string[] interfaces) => Join("NetworkInterfaces", interfaces);

    public static string Group(string id, string name, string vpc = "vpc-1") =>
        $$"""{"GroupId": "{{id}}", "GroupName": "{{name}}", "VpcId": "{{vpc}}", "OwnerId": "{{TestAccount.Id}}", "Description": "{{name}}"}""";

    public static string Groups(params string[] groups) => Join("SecurityGroups", groups);

    public static string Rule(string id, string group, string protocol, int from, int to, string cidr, bool egress = false) =>
        $$"""
        {"SecurityGroupRuleId": "{{id}}", "GroupId": "{{group}}", "GroupOwnerId": "{{TestAccount.Id}}", "IsEgress": {{Bool(egress)}},
         "IpProtocol": "{{protocol}}", "FromPort": {{from}}, "ToPort": {{to}}, {{Cidr(cidr, "CidrIpv4", "CidrIpv6")}}}
        """;

    public static string SelfRule(string id, string group) =>
        $$"""{"SecurityGroupRuleId": "{{id}}", "GroupId": "{{group}}", "GroupOwnerId": "{{TestAccount.Id}}", "IsEgress": false, "IpProtocol": "-1", "FromPort": -1, "ToPort": -1, "ReferencedGroupInfo": {"GroupId": "{{group}}", "UserId": "{{TestAccount.Id}}"} }""";

    public static string Rules(params string[] rules) => Join("SecurityGroupRules", rules);

    public static string Entry(int number, string protocol, string action, string cidr, int? from = null, int? to = null, bool egress = false) =>
        $$"""
        {"RuleNumber": {{number}}, "Protocol": "{{protocol}}", "RuleAction": "{{action}}", "Egress": {{Bool(egress)}}, {{Cidr(cidr, "CidrBlock", "Ipv6CidrBlock")}}
         {{(from is null ? "" : $$""", "PortRange": {"From": {{from}}, "To": {{to ?? from}}}""")}}}
        """;

    public static string Acl(string id, string vpc, string[] subnets, params string[] entries) =>
        $$"""
        {"NetworkAclId": "{{id}}", "VpcId": "{{vpc}}", "IsDefault": false, "OwnerId": "{{TestAccount.Id}}",
         "Entries": [{{string.Join(",", entries)}}],
         "Associations": [{{string.Join(",", subnets.Select(s => $$"""{"NetworkAclAssociationId": "aclassoc-{{s}}", "NetworkAclId": "{{id}}", "SubnetId": "{{s}}"}"""))}}]}
        """;

    public static string Acls(params string[] acls) => Join("NetworkAcls", acls);

    public static string Peering(string id, (string Vpc, string Cidr) requester, (string Vpc, string Cidr) accepter, string accepterOwner = TestAccount.Id) =>
        $$"""
        {"VpcPeeringConnectionId": "{{id}}", "Status": {"Code": "active", "Message": "Active"},
         "RequesterVpcInfo": {"VpcId": "{{requester.Vpc}}", "OwnerId": "{{TestAccount.Id}}", "Region": "us-east-1", "CidrBlock": "{{requester.Cidr}}", "CidrBlockSet": [{"CidrBlock": "{{requester.Cidr}}"}]},
         "AccepterVpcInfo": {"VpcId": "{{accepter.Vpc}}", "OwnerId": "{{accepterOwner}}", "Region": "us-east-1", "CidrBlock": "{{accepter.Cidr}}", "CidrBlockSet": [{"CidrBlock": "{{accepter.Cidr}}"}]} }
        """;

    public static string Peerings(params string[] peerings) => Join("VpcPeeringConnections", peerings);

    public static string FlowLog(string resource, string status = "ACTIVE", string traffic = "ALL", string delivery = "SUCCESS") =>
        $$"""{"FlowLogId": "fl-{{resource}}", "ResourceId": "{{resource}}", "FlowLogStatus": "{{status}}", "DeliverLogsStatus": "{{delivery}}", "TrafficType": "{{traffic}}", "LogDestinationType": "s3", "LogDestination": "arn:aws:s3:::flow-logs"}""";

    public static string FlowLogs(params string[] logs) => Join("FlowLogs", logs);
}
