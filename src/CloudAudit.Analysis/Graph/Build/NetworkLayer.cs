using System.Globalization;
using CloudAudit.Checks.Vpc;
using CloudAudit.Inventory;
using CloudAudit.Inventory.Views;

namespace CloudAudit.Analysis.Graph.Build;

/// <summary>An inbound security-group rule open to the whole internet, and the finding that reports it (when a check does).</summary>
internal sealed record Opening(string GroupId, string GroupLabel, SecurityGroupRule Rule, FindingRef? Finding)
{
    public string Ports => IpProtocol.IsAll(Rule.IpProtocol) ? "all traffic"
        : Rule.FromPort == Rule.ToPort ? $"{Rule.IpProtocol} {Rule.FromPort}" : $"{Rule.IpProtocol} {Rule.FromPort}-{Rule.ToPort}";

    public string Describe => $"security group {GroupLabel} allows {Ports} from {Rule.CidrIpv4 ?? Rule.CidrIpv6} (rule {Rule.SecurityGroupRuleId})";
}

/// <summary>
/// The network layer of one region: VPCs, subnets (public when their route table sends 0.0.0.0/0 to an internet
/// gateway), security groups with the rules that open them to the internet, network ACLs, and which workloads the
/// internet can actually reach: a public address, a public subnet, a security-group rule open to 0.0.0.0/0 and a
/// network ACL that lets the same port through.
/// </summary>
internal sealed class NetworkLayer
{
    // An address no ACL entry names specifically: stands for "somebody on the internet".
    private const string InternetProbe = "203.0.113.250";

    private readonly GraphDraft _g;
    private readonly string _region;
    private readonly Dictionary<string, (bool Public, string Why)> _subnets = new(StringComparer.Ordinal);
    private readonly Dictionary<string, NetworkAcl> _aclOfSubnet = new(StringComparer.Ordinal);
    private readonly Dictionary<string, NetworkAcl> _defaultAclOfVpc = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _vpcOfSubnet = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<Opening>> _openings = new(StringComparer.Ordinal);
    private bool _aclsRead;
    private bool _routesRead;

    private NetworkLayer(GraphDraft g, string region)
    {
        _g = g;
        _region = region;
    }

    /// <summary>The network of a region, ready to say what the internet reaches.</summary>
    public static NetworkLayer Add(GraphDraft g, AccountData data, string region)
    {
        var layer = new NetworkLayer(g, region);
        layer.Build(data);
        return layer;
    }

    public string VpcNode(string vpcId) => _g.Arn("ec2", _region, $"vpc/{vpcId}");
    public string SubnetNode(string subnetId) => _g.Arn("ec2", _region, $"subnet/{subnetId}");
    public string GroupNode(string groupId) => _g.Arn("ec2", _region, $"security-group/{groupId}");

    private void Build(AccountData data)
    {
        var vpc = data.Vpc();
        if (vpc.Vpcs(_region).TryGet(out var vpcs, out var gap))
            foreach (var v in vpcs.Where(v => v.OwnerId is null || v.OwnerId == _g.AccountId))
                _g.Alias(v.VpcId, _g.Node(VpcNode(v.VpcId), NodeType.Vpc, v.Label, _region, ("default", v.IsDefault == true ? "true" : null)));
        else _g.Gap($"VPCs in {_region}", gap!);

        Subnets(vpc);
        Acls(vpc);
        SecurityGroups(vpc);
    }

    private void Subnets(VpcView vpc)
    {
        if (!vpc.Subnets(_region).TryGet(out var subnets, out var gap))
        {
            _g.Gap($"subnets in {_region}", gap!);
            return;
        }
        var tables = vpc.RouteTables(_region);
        _routesRead = tables.TryGet(out var routeTables, out var tableGap);
        if (!_routesRead) _g.Gap($"route tables in {_region} (which subnets are public)", tableGap!);
        foreach (var subnet in subnets)
        {
            var id = _g.Node(SubnetNode(subnet.SubnetId), NodeType.Subnet, subnet.Label, _region);
            _g.Alias(subnet.SubnetId, id);
            if (subnet.VpcId is { } vpcId)
            {
                _vpcOfSubnet[subnet.SubnetId] = vpcId;
                _g.Edge(id, VpcNode(vpcId), EdgeType.InNetwork, Evidence.Context("ec2:DescribeSubnets", $"{subnet.SubnetId} is a subnet of {vpcId}"));
            }
            if (!_routesRead) continue;
            var table = routeTables!.FirstOrDefault(t => (t.Associations ?? []).Any(a => a.SubnetId == subnet.SubnetId))
                ?? routeTables!.FirstOrDefault(t => t.VpcId == subnet.VpcId && t.IsMain);
            var route = table?.Routes?.FirstOrDefault(r => r.ToInternetGateway && r.State != "blackhole"
                && (Cidr.IsWholeInternet(r.DestinationCidrBlock) || Cidr.IsWholeInternet(r.DestinationIpv6CidrBlock)));
            var isPublic = route is not null;
            var why = isPublic
                ? $"subnet {subnet.SubnetId} routes {route!.DestinationCidrBlock ?? route.DestinationIpv6CidrBlock} to internet gateway {route.GatewayId} (route table {table!.RouteTableId})"
                : $"subnet {subnet.SubnetId} has no route to an internet gateway{(table is null ? "" : $" (route table {table.RouteTableId})")}";
            _subnets[subnet.SubnetId] = (isPublic, why);
            _g.SetAttr(id, "public", isPublic ? "true" : "false");
        }
    }

    private void Acls(VpcView vpc)
    {
        _aclsRead = vpc.NetworkAcls(_region).TryGet(out var acls, out var gap);
        if (!_aclsRead)
        {
            _g.Gap($"network ACLs in {_region} (assumed to allow, as a default ACL does)", gap!);
            return;
        }
        foreach (var acl in acls!)
        {
            var id = _g.Node(_g.Arn("ec2", _region, $"network-acl/{acl.NetworkAclId}"), NodeType.NetworkAcl, acl.Label, _region);
            _g.Alias(acl.NetworkAclId, id);
            if (acl.VpcId is { } vpcId)
            {
                _g.Edge(id, VpcNode(vpcId), EdgeType.InNetwork, Evidence.Context("ec2:DescribeNetworkAcls", $"{acl.NetworkAclId} belongs to {vpcId}"));
                if (acl.IsDefault == true) _defaultAclOfVpc.TryAdd(vpcId, acl);
            }
            foreach (var subnet in acl.Subnets) _aclOfSubnet[subnet] = acl;
        }
    }

    private void SecurityGroups(VpcView vpc)
    {
        if (!vpc.SecurityGroups(_region).TryGet(out var groups, out var gap))
        {
            _g.Gap($"security groups in {_region}", gap!);
            return;
        }
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var group in groups.Where(g => g.OwnerId is null || g.OwnerId == _g.AccountId))
        {
            var id = _g.Node(GroupNode(group.GroupId), NodeType.SecurityGroup, group.Label, _region, ("default", group.IsDefault ? "true" : null));
            _g.Alias(group.GroupId, id);
            labels[group.GroupId] = group.Label;
            if (group.VpcId is { } vpcId)
                _g.Edge(id, VpcNode(vpcId), EdgeType.InNetwork, Evidence.Context("ec2:DescribeSecurityGroups", $"{group.GroupId} belongs to {vpcId}"));
        }
        if (!vpc.SecurityGroupRules(_region).TryGet(out var rules, out var rulesGap))
        {
            _g.Gap($"security group rules in {_region}", rulesGap!);
            return;
        }
        foreach (var rule in rules.Where(r => !r.Egress && labels.ContainsKey(r.GroupId) && Cidr.IsWholeInternet(r.CidrIpv4)))
        {
            var finding = _g.Findings.ForAny($"{rule.GroupId}/{rule.SecurityGroupRuleId}", "aws-vpc-002", "aws-vpc-007");
            if (!_openings.TryGetValue(rule.GroupId, out var list)) _openings[rule.GroupId] = list = [];
            list.Add(new Opening(rule.GroupId, labels[rule.GroupId], rule, finding));
        }
        foreach (var (groupId, list) in _openings)
            _g.SetAttr(GroupNode(groupId), "internet_ports", string.Join(", ", list.Select(o => o.Ports).Distinct()));
    }

    /// <summary>Links a workload's network interface to its subnet and security groups (edges in_network and network_attach).</summary>
    public void Attach(string node, string? subnetId, IEnumerable<string> groupIds, string source)
    {
        if (subnetId is not null && _g.Has(SubnetNode(subnetId)))
            _g.Edge(node, SubnetNode(subnetId), EdgeType.InNetwork, Evidence.Context(source, $"runs in subnet {subnetId}"));
        foreach (var groupId in groupIds.Where(g => _g.Has(GroupNode(g))))
            _g.Edge(GroupNode(groupId), node, EdgeType.NetworkAttach, Evidence.Context(source, $"uses security group {groupId}"));
    }

    /// <summary>
    /// Adds internet → <paramref name="node"/> when the internet can reach it: it has a public address, one of its
    /// subnets routes to an internet gateway, and a security-group rule open to 0.0.0.0/0 admits a port (restricted to
    /// <paramref name="port"/> when the service listens on one) that the subnet's network ACL lets through. Each
    /// admitting rule is a grant of the edge; fixing the check that reports it removes that grant.
    /// </summary>
    public bool Expose(string node, string? publicAddress, IReadOnlyList<string> subnetIds, IEnumerable<string> groupIds, string source, int? port = null)
    {
        if (publicAddress is null || !_routesRead) return false;
        var publicSubnet = subnetIds.Select(s => (Id: s, Route: _subnets.GetValueOrDefault(s))).FirstOrDefault(s => s.Route.Public);
        if (publicSubnet.Id is null) return false;
        var acl = _aclsRead ? _aclOfSubnet.GetValueOrDefault(publicSubnet.Id) ?? DefaultAclOf(publicSubnet.Id) : null;
        var grants = new List<Evidence>();
        var aclNotes = new List<string>();
        foreach (var opening in groupIds.SelectMany(g => _openings.GetValueOrDefault(g) ?? []))
        {
            var ports = port is { } p ? (IpProtocol.CoversTcpPort(opening.Rule.IpProtocol, opening.Rule.FromPort, opening.Rule.ToPort, p) ? (p, p) : ((int, int)?)null)
                : (opening.Rule.FromPort ?? 0, opening.Rule.ToPort ?? 65535);
            if (ports is not { } range) continue;
            if (acl is not null)
            {
                if (AclAdmits(acl, opening.Rule.IpProtocol, range.Item1 < 0 ? 0 : range.Item1, range.Item2 < 0 ? 65535 : range.Item2) is not { } entry) continue;
                aclNotes.Add($"network ACL {acl.NetworkAclId} lets {opening.Ports} through (rule {entry})");
            }
            grants.Add(Evidence.Grant("ec2:DescribeSecurityGroupRules", opening.Describe, opening.Finding));
        }
        if (grants.Count == 0) return false;
        var context = new List<Evidence>
        {
            Evidence.Context(source, $"public address {publicAddress}"),
            Evidence.Context("ec2:DescribeRouteTables", publicSubnet.Route.Why),
            Evidence.Context("ec2:DescribeNetworkAcls", acl is null ? "network ACLs not read: assumed to allow, as a default ACL does" : string.Join("; ", aclNotes.Distinct())),
        };
        _g.Edge(SecurityGraph.InternetId, node, EdgeType.ReachableFromInternet, [.. grants, .. context]);
        _g.SetAttr(node, "internet_reachable", "true");
        return true;
    }

    // DescribeNetworkAcls lists every subnet's association; a subnet missing from it gets its VPC's default ACL.
    private NetworkAcl? DefaultAclOf(string subnetId) =>
        _vpcOfSubnet.TryGetValue(subnetId, out var vpcId) ? _defaultAclOfVpc.GetValueOrDefault(vpcId) : null;

    /// <summary>
    /// The rule number of the inbound ACL entry that lets some port of the range in from an internet address, or null
    /// when the ACL denies all of them. Entries are evaluated in order; decisions only change at entries' range ends.
    /// </summary>
    private static int? AclAdmits(NetworkAcl acl, string? protocol, int from, int to)
    {
        var entries = (acl.Entries ?? []).Where(e => e.Egress != true && e.CidrBlock is not null && Covers(e.CidrBlock)).OrderBy(e => e.RuleNumber).ToList();
        var candidates = new SortedSet<int> { from };
        foreach (var e in entries)
            foreach (var edge in new[] { e.PortRange?.From, (e.PortRange?.To ?? int.MaxValue - 1) + 1 })
                if (edge is { } x && x > from && x <= to) candidates.Add(x);
        foreach (var port in candidates)
        {
            var decisive = entries.FirstOrDefault(e => IpProtocol.IsAll(e.Protocol)
                || (SameProtocol(e.Protocol, protocol) && (e.PortRange is null || (e.PortRange.From <= port && port <= e.PortRange.To))));
            if (decisive is { Allows: true }) return decisive.RuleNumber;
        }
        return null;
    }

    private static bool SameProtocol(string? acl, string? rule) =>
        IpProtocol.IsAll(rule) || string.Equals(Normal(acl), Normal(rule), StringComparison.Ordinal);

    private static string? Normal(string? protocol) => protocol switch { "tcp" => "6", "udp" => "17", "icmp" => "1", _ => protocol };

    private static bool Covers(string cidr) =>
        Cidr.Parse(cidr) is { } network && network.Contains(System.Net.IPAddress.Parse(InternetProbe));

    public static string Port(int port) => port.ToString(CultureInfo.InvariantCulture);
}
