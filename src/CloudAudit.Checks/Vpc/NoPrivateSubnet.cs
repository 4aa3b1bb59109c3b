using CloudAudit.Checks.Framework;
using CloudAudit.Inventory.Catalog;
using CloudAudit.Inventory.Views;

namespace CloudAudit.Checks.Vpc;

/// <summary>Custom VPCs keep a private tier: not every subnet may face the internet.</summary>
public sealed class NoPrivateSubnet : Check
{
    public override CheckInfo Info { get; } = new()
    {
        Id = "aws-vpc-006",
        Title = "VPC has public subnets but no private subnet",
        Service = "VPC",
        Severity = Severity.Medium,
        ResourceType = "AWS::EC2::VPC",
        Description = "For every non-default VPC the account owns in the scanned regions, classifies its subnets "
            + "(DescribeSubnets): a subnet is public when it gives instances public IPs on launch (MapPublicIpOnLaunch) or "
            + "its route table, the one explicitly associated or else the VPC's main table (DescribeRouteTables), has an "
            + "active route to an internet gateway. The VPC fails when it has subnets and all of them are public. Default "
            + "VPCs are public by design and covered by aws-vpc-001.",
        Rationale = "Without a private subnet every database, cache and internal service in the VPC sits one route away "
            + "from the internet, and a single permissive security group or a public IP assigned on launch exposes it. "
            + "A private tier, reachable only from inside and leaving through a NAT gateway, is the basic network "
            + "segmentation that limits what an exposed web tier can lead to.",
        CommonCauses =
        [
            "A VPC built quickly with one public subnet per zone to get instances online.",
            "NAT gateways were avoided to save cost, so everything was given a public route.",
        ],
        Recommendation = "Add private subnets (no internet gateway route, no public IPs on launch) and move internal workloads into them.",
        Remediation = new(
            Cli: """
                # A subnet with a route table of its own, which has no route to an internet gateway.
                aws ec2 create-subnet --region {region} --vpc-id {vpc_id} --cidr-block <PRIVATE_SUBNET_CIDR> --availability-zone <AVAILABILITY_ZONE> --output json > subnet.json
                aws ec2 create-route-table --region {region} --vpc-id {vpc_id} --output json > route-table.json
                jq --slurpfile table route-table.json '{SubnetId: .Subnet.SubnetId, RouteTableId: $table[0].RouteTable.RouteTableId}' subnet.json > association.json
                aws ec2 associate-route-table --region {region} --cli-input-json file://association.json
                """,
            Terraform: """
                resource "aws_subnet" "{vpc_id:id}_private" {
                  vpc_id                  = {vpc_id}
                  cidr_block              = "<PRIVATE_SUBNET_CIDR>"
                  availability_zone       = "<AVAILABILITY_ZONE>"
                  map_public_ip_on_launch = false
                }

                resource "aws_route_table" "{vpc_id:id}_private" {
                  vpc_id = {vpc_id}
                }

                resource "aws_route_table_association" "{vpc_id:id}_private" {
                  subnet_id      = aws_subnet.{vpc_id:id}_private.id
                  route_table_id = aws_route_table.{vpc_id:id}_private.id
                }
                """,
            DocUrl: "https://docs.aws.amazon.com/vpc/latest/userguide/configure-subnets.html",
            Effort: Effort.High),
    };

    public override IReadOnlyList<ApiCall> Reads { get; } = [Ec2Calls.DescribeVpcs, Ec2Calls.DescribeSubnets, Ec2Calls.DescribeRouteTables];

    public override void Evaluate(CheckContext context, Verdict verdict)
    {
        var view = context.Data.Vpc();
        foreach (var region in context.Regions)
        {
            if (!verdict.Read(view.Vpcs(region), out var vpcs))
                continue;
            var custom = vpcs.Where(v => !v.Default && (v.OwnerId is null || v.OwnerId == context.AccountId)).ToList();
            if (custom.Count == 0
                || !verdict.Read(view.Subnets(region), out var subnets)
                || !verdict.Read(view.RouteTables(region), out var routeTables))
                continue;
            foreach (var vpc in custom)
            {
                var own = subnets.Where(s => s.VpcId == vpc.VpcId).ToList();
                if (own.Count == 0)
                    continue;
                verdict.Scanned(vpc.VpcId);
                var tables = routeTables.Where(t => t.VpcId == vpc.VpcId).ToList();
                if (!own.All(s => IsPublic(s, tables)))
                    continue;
                verdict.Fail(vpc.VpcId, region,
                    $"VPC {vpc.Label} has {own.Count} subnet(s), all public: {string.Join(", ", own.Select(s => s.Label))}.",
                    new SlotValues().With("vpc_id", vpc.VpcId));
            }
        }
        if (verdict.ResourcesScanned == 0)
            verdict.NotApplicable("no non-default VPC with subnets in the scanned regions");
    }

    private static bool IsPublic(Ec2Subnet subnet, IReadOnlyList<Ec2RouteTable> tables)
    {
        if (subnet.MapPublicIpOnLaunch == true)
            return true;
        var table = tables.FirstOrDefault(t => (t.Associations ?? []).Any(a => a.SubnetId == subnet.SubnetId))
            ?? tables.FirstOrDefault(t => t.IsMain);
        return table?.Routes?.Any(r => r.Active && r.ToInternetGateway) == true;
    }
}
