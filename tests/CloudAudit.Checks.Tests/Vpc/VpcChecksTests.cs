using CloudAudit.Checks.Framework;
using CloudAudit.Checks.Tests.Support;
using CloudAudit.Inventory.Catalog;
using static CloudAudit.Checks.Tests.Vpc.VpcData;

namespace CloudAudit.Checks.Tests.Vpc;

public class DefaultVpcInUseTests
{
    [Fact]
    public void Fails_a_default_vpc_with_network_interfaces_and_passes_an_empty_one()
    {
        var account = new TestAccount("us-east-1", "eu-west-1")
            .InEveryRegion(Ec2Calls.DescribeVpcs, Vpcs(VpcEntry("vpc-default", "172.31.0.0/16", isDefault: true), VpcEntry("vpc-prod")));
        account.Record.Regional(Ec2Calls.DescribeNetworkInterfaces, "us-east-1", Interfaces(Interface("eni-1", "vpc-default", "i-legacy")));
        account.Record.Regional(Ec2Calls.DescribeNetworkInterfaces, "eu-west-1", Interfaces(Interface("eni-2", "vpc-prod", "i-app")));
        var result = account.Run("aws-vpc-001");
        var finding = Assert.Single(result.Findings);
        Assert.Equal(("vpc-default", "us-east-1"), (finding.ResourceId, finding.Region));
        Assert.Contains("1 network interface(s): instance i-legacy", finding.Description);
        Assert.Contains("--filters '[{\"Name\":\"vpc-id\",\"Values\":[\"vpc-default\"]}]'", finding.Remediation!.Cli);
        Assert.Equal(2, result.ResourcesScanned);
    }

    [Fact]
    public void Not_applicable_without_default_vpcs_and_not_assessed_when_interfaces_are_denied()
    {
        Assert.Equal(CheckStatus.NotApplicable, new TestAccount().InEveryRegion(Ec2Calls.DescribeVpcs, Vpcs(VpcEntry("vpc-prod"))).Run("aws-vpc-001").Status);
        var denied = new TestAccount().InEveryRegion(Ec2Calls.DescribeVpcs, Vpcs(VpcEntry("vpc-d", isDefault: true)));
        denied.Denied(Ec2Calls.DescribeNetworkInterfaces, "us-east-1");
        Assert.Equal(CheckStatus.NotAssessed, denied.Run("aws-vpc-001").Status);
    }
}

public class FlowLogsMissingTests
{
    private static TestAccount Account(string flowLogs) => new TestAccount()
        .InEveryRegion(Ec2Calls.DescribeVpcs, Vpcs(VpcEntry("vpc-prod"), VpcEntry("vpc-default", "172.31.0.0/16", isDefault: true),
            VpcEntry("vpc-shared", owner: "999988887777")))
        .InEveryRegion(MonitoringCalls.DescribeFlowLogs, flowLogs)
        .InEveryRegion(Ec2Calls.DescribeNetworkInterfaces, Interfaces(Interface("eni-1", "vpc-prod", "i-1")));

    [Fact]
    public void Needs_an_active_delivering_flow_log_on_the_vpc_itself_that_records_rejected_traffic()
    {
        Assert.Equal(CheckStatus.Pass, Account(FlowLogs(FlowLog("vpc-prod", traffic: "REJECT"), FlowLog("vpc-default"))).Run("aws-vpc-003").Status);

        var result = Account(FlowLogs(FlowLog("vpc-prod", traffic: "ACCEPT"), FlowLog("subnet-1"))).Run("aws-vpc-003");
        Assert.Equal(["vpc-default", "vpc-prod"], result.Findings.Select(f => f.ResourceId).Order());
        var prod = result.Findings.Single(f => f.ResourceId == "vpc-prod");
        Assert.Contains("records ACCEPT traffic only", prod.Description);
        Assert.Equal(Severity.Medium, prod.Severity);
        Assert.Equal("aws ec2 create-flow-logs --region us-east-1 --resource-type VPC --resource-ids vpc-prod --traffic-type ALL "
            + "--log-destination-type s3 --log-destination <FLOW_LOG_BUCKET_ARN>", prod.Remediation!.Cli);
        Assert.Contains("resource \"aws_flow_log\" \"vpc_prod\"", prod.Remediation.Terraform);
        var unusedDefault = result.Findings.Single(f => f.ResourceId == "vpc-default");
        Assert.Equal(Severity.Low, unusedDefault.Severity);
        Assert.Contains("unused default VPC", unusedDefault.Description);
    }

    [Fact]
    public void A_failing_delivery_does_not_count()
    {
        var result = Account(FlowLogs(FlowLog("vpc-prod", delivery: "FAILED"), FlowLog("vpc-default"))).Run("aws-vpc-003");
        Assert.Contains("fails to deliver", Assert.Single(result.Findings).Description);
    }

    [Fact]
    public void Denied_flow_logs_are_not_assessed()
    {
        var account = new TestAccount().InEveryRegion(Ec2Calls.DescribeVpcs, Vpcs(VpcEntry("vpc-prod")));
        account.Denied(MonitoringCalls.DescribeFlowLogs, "us-east-1");
        Assert.Equal(CheckStatus.NotAssessed, account.Run("aws-vpc-003").Status);
    }
}

public class NoPrivateSubnetTests
{
    private static TestAccount Account(string subnets, string tables) => new TestAccount()
        .InEveryRegion(Ec2Calls.DescribeVpcs, Vpcs(VpcEntry("vpc-app"), VpcEntry("vpc-default", "172.31.0.0/16", isDefault: true)))
        .InEveryRegion(Ec2Calls.DescribeSubnets, subnets)
        .InEveryRegion(Ec2Calls.DescribeRouteTables, tables);

    [Fact]
    public void Fails_when_every_subnet_is_public_by_ip_assignment_or_by_internet_route()
    {
        var result = Account(
            Subnets(Subnet("subnet-a", "vpc-app", mapPublic: true), Subnet("subnet-b", "vpc-app"), Subnet("subnet-d", "vpc-default", mapPublic: true)),
            RouteTables(RouteTable("rtb-main", "vpc-app", main: true, null, Route("10.0.0.0/16", "local"), Route("0.0.0.0/0", "igw-1")))).Run("aws-vpc-006");
        var finding = Assert.Single(result.Findings);
        Assert.Equal("vpc-app", finding.ResourceId);
        Assert.Contains("--vpc-id vpc-app", finding.Remediation!.Cli);
        Assert.Contains("resource \"aws_subnet\" \"vpc_app_private\"", finding.Remediation.Terraform);
    }

    [Fact]
    public void Passes_with_a_private_subnet_behind_nat_and_ignores_blackholed_internet_routes()
    {
        var tables = RouteTables(
            RouteTable("rtb-public", "vpc-app", false, ["subnet-a"], Route("0.0.0.0/0", "igw-1")),
            RouteTable("rtb-private", "vpc-app", true, null, Route("0.0.0.0/0", "nat-1")),
            RouteTable("rtb-old", "vpc-app", false, ["subnet-c"], Route("0.0.0.0/0", "igw-gone", "blackhole")));
        var subnets = Subnets(Subnet("subnet-a", "vpc-app", mapPublic: true), Subnet("subnet-b", "vpc-app"), Subnet("subnet-c", "vpc-app"));
        Assert.Equal(CheckStatus.Pass, Account(subnets, tables).Run("aws-vpc-006").Status);
    }

    [Fact]
    public void Denied_route_tables_are_not_assessed()
    {
        var account = new TestAccount().InEveryRegion(Ec2Calls.DescribeVpcs, Vpcs(VpcEntry("vpc-app")))
            .InEveryRegion(Ec2Calls.DescribeSubnets, Subnets(Subnet("subnet-a", "vpc-app", mapPublic: true)));
        account.Denied(Ec2Calls.DescribeRouteTables, "us-east-1");
        Assert.Equal(CheckStatus.NotAssessed, account.Run("aws-vpc-006").Status);
    }
}

public class PeeringRoutesTooBroadTests
{
    private static readonly string Connection = Peerings(Peering("pcx-1", ("vpc-a", "10.10.0.0/16"), ("vpc-b", "10.30.0.0/16"), "444455556666"));

    private static CheckResult Run(params string[] routes) => new TestAccount()
        .InEveryRegion(Ec2Calls.DescribeRouteTables, RouteTables(RouteTable("rtb-a", "vpc-a", true, null, routes)))
        .InEveryRegion(Ec2Calls.DescribeVpcPeeringConnections, Connection)
        .Run("aws-vpc-008");

    [Fact]
    public void Fails_routes_to_the_whole_peer_block_or_everywhere_and_passes_subnet_routes()
    {
        var result = Run(Route("10.10.0.0/16", "local"), Route("10.30.0.0/16", "pcx-1"), Route("10.30.4.0/24", "pcx-1"), Route("0.0.0.0/0", "pcx-1"));
        Assert.Equal(["rtb-a/route/0.0.0.0/0", "rtb-a/route/10.30.0.0/16"], result.Findings.Select(f => f.ResourceId).Order());
        Assert.Equal(3, result.ResourcesScanned);
        var broad = result.Findings.Single(f => f.ResourceId.EndsWith("10.30.0.0/16", StringComparison.Ordinal));
        Assert.Equal(Severity.Low, broad.Severity);
        Assert.Contains("vpc-b, account 444455556666", broad.Description);
        Assert.Contains("aws ec2 delete-route --region us-east-1 --route-table-id rtb-a --destination-cidr-block 10.30.0.0/16", broad.Remediation!.Cli);
        Assert.Contains("destination_cidr_block = \"<PEER_SUBNET_CIDR>\"", broad.Remediation.Terraform);
        Assert.Equal(Severity.Medium, result.Findings.Single(f => f.ResourceId.EndsWith("0.0.0.0/0", StringComparison.Ordinal)).Severity);
    }

    [Fact]
    public void A_supernet_of_the_peer_block_also_fails()
    {
        Assert.Single(Run(Route("10.0.0.0/8", "pcx-1")).Findings);
    }

    [Fact]
    public void Not_applicable_without_peering_routes_and_not_assessed_when_connections_are_denied()
    {
        Assert.Equal(CheckStatus.NotApplicable, Run(Route("10.10.0.0/16", "local")).Status);
        var denied = new TestAccount().InEveryRegion(Ec2Calls.DescribeRouteTables, RouteTables(RouteTable("rtb-a", "vpc-a", true, null, Route("10.30.0.0/16", "pcx-1"))));
        denied.Denied(Ec2Calls.DescribeVpcPeeringConnections, "us-east-1");
        Assert.Equal(CheckStatus.NotAssessed, denied.Run("aws-vpc-008").Status);
    }
}
