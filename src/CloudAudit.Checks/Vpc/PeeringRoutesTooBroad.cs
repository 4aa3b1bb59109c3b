using CloudAudit.Checks.Framework;
using CloudAudit.Inventory;
using CloudAudit.Inventory.Catalog;
using CloudAudit.Inventory.Views;

namespace CloudAudit.Checks.Vpc;

/// <summary>
/// CIS v3 5.5 / v5 5.6 (a manual control there): routes through VPC peering connections are least
/// access. Decided here as: a route to a peering connection fails when its destination is a default
/// route (0.0.0.0/0, ::/0) or spans a whole CIDR block of the peer VPC, since least access means
/// routing only the peer subnets this VPC needs.
/// </summary>
public sealed class PeeringRoutesTooBroad : Check
{
    /// <summary>An address family: how the CLI and Terraform name a route's destination.</summary>
    private sealed record Family(string Name, string CliFlag, string TerraformArgument);

    private static readonly Family Ipv4 = new("IPv4", "--destination-cidr-block", "destination_cidr_block");
    private static readonly Family Ipv6 = new("IPv6", "--destination-ipv6-cidr-block", "destination_ipv6_cidr_block");

    private static RemediationTemplate Narrow(Family family) => new(
        Cli: $$"""
            # Route only the peer subnets this VPC needs, then remove the broad route:
            aws ec2 create-route --region {region} --route-table-id {route_table_id} {{family.CliFlag}} <PEER_SUBNET_CIDR> --vpc-peering-connection-id {pcx_id}
            aws ec2 delete-route --region {region} --route-table-id {route_table_id} {{family.CliFlag}} {destination}
            """,
        Terraform: $$"""
            # Delete the aws_route (or route block of the aws_route_table) for {destination}, and route only the needed peer subnets:
            resource "aws_route" "{route_table_id:id}_peer_subnet" {
              route_table_id            = {route_table_id}
              vpc_peering_connection_id = {pcx_id}
              {{family.TerraformArgument}} = "<PEER_SUBNET_CIDR>"
            }
            """,
        DocUrl: "https://docs.aws.amazon.com/vpc/latest/peering/peering-configurations-partial-access.html",
        Effort: Effort.Medium) { When = $"the route's destination is an {family.Name} block" };

    private static readonly RemediationTemplate NarrowIpv4 = Narrow(Ipv4);
    private static readonly RemediationTemplate NarrowIpv6 = Narrow(Ipv6);

    public override CheckInfo Info { get; } = new()
    {
        Id = "aws-vpc-008",
        Title = "VPC peering route is not least access",
        Service = "VPC",
        Severity = Severity.Low,
        ResourceType = "AWS::EC2::Route",
        Description = "Reads the route tables of every scanned region (DescribeRouteTables) and, for each active route to a "
            + "VPC peering connection, compares its destination with the peer VPC's CIDR blocks (DescribeVpcPeeringConnections). "
            + "A route fails when its destination is 0.0.0.0/0 or ::/0 (MEDIUM) or contains an entire CIDR block of the "
            + "peer VPC (LOW); routes to individual peer subnets pass. One finding per route. CIS lists this control as "
            + "manual; this is how cloud-audit automates it.",
        Rationale = "Peering joins two networks. Routing the whole peer range makes every subnet on the other side "
            + "reachable, so a compromise in one VPC can probe all of the other; routing only the subnets that must talk "
            + "(an application tier to a shared database subnet) keeps the blast radius of either side small, and the "
            + "route tables document which paths are intended.",
        CommonCauses =
        [
            "Peering was set up with the console's defaults, routing the peer VPC's full CIDR from every route table.",
            "A default route was pointed at the peering connection while testing connectivity.",
        ],
        Recommendation = "Replace the route with routes to just the peer subnets this VPC needs to reach.",
        Remediation = NarrowIpv4,
        RemediationVariants = [NarrowIpv6],
        Compliance = Cis.Refs(v3: "5.5", v5: "5.6"),
    };

    public override IReadOnlyList<ApiCall> Reads { get; } = [Ec2Calls.DescribeRouteTables, Ec2Calls.DescribeVpcPeeringConnections];

    public override void Evaluate(CheckContext context, Verdict verdict)
    {
        var vpc = context.Data.Vpc();
        foreach (var region in context.Regions)
        {
            if (!verdict.Read(vpc.RouteTables(region), out var tables))
                continue;
            var peeringRoutes = tables.Where(t => t.OwnerId is null || t.OwnerId == context.AccountId)
                .SelectMany(t => (t.Routes ?? []).Where(r => r.VpcPeeringConnectionId is not null && r.Active).Select(r => (Table: t, Route: r)))
                .ToList();
            if (peeringRoutes.Count == 0 || !verdict.Read(vpc.PeeringConnections(region), out var connections))
                continue;
            foreach (var (table, route) in peeringRoutes)
            {
                var peer = connections.FirstOrDefault(c => c.VpcPeeringConnectionId == route.VpcPeeringConnectionId)?.PeerOf(table.VpcId);
                var destination = Cidr.Parse(route.DestinationCidrBlock ?? route.DestinationIpv6CidrBlock);
                if (peer is null || destination is not { } network)
                {
                    verdict.Gap(DataGap.OutOfReach(region, "ec2", "DescribeRouteTables",
                        peer is null ? $"peering connection {route.VpcPeeringConnectionId} is not listed in the region"
                            : $"route to {route.Destination} is not a CIDR block", table.RouteTableId));
                    continue;
                }
                verdict.Scanned($"{table.RouteTableId}/route/{route.Destination}");
                var spanned = peer.Cidrs.FirstOrDefault(c => Cidr.Parse(c) is { } block && Cidr.Covers(network, block));
                if (network.PrefixLength != 0 && spanned is null)
                    continue;
                var reach = network.PrefixLength == 0
                    ? "a default route, so everything not local goes to the peer"
                    : $"covers the peer VPC's whole block {spanned}";
                Report(table, route, peer, reach, region, verdict, network.PrefixLength == 0 ? Severity.Medium : null);
            }
        }
        if (verdict.ResourcesScanned == 0)
            verdict.NotApplicable("no route to a VPC peering connection in the scanned regions");
    }

    private static void Report(Ec2RouteTable table, Ec2Route route, PeeringVpcInfo peer, string reach, string region,
        Verdict verdict, Severity? severity)
    {
        var ipv6 = route.DestinationCidrBlock is null;
        verdict.Fail($"{table.RouteTableId}/route/{route.Destination}", region,
            $"Route table {table.Label} of {table.VpcId} sends {route.Destination} to peering connection "
            + $"{route.VpcPeeringConnectionId} ({peer.VpcId}, account {peer.OwnerId}, {peer.Region}): the route {reach}.",
            new SlotValues()
                .With("route_table_id", table.RouteTableId)
                .With("destination", route.Destination!)
                .With("pcx_id", route.VpcPeeringConnectionId!),
            severity: severity, remediation: ipv6 ? NarrowIpv6 : NarrowIpv4);
    }
}
