using CloudAudit.Integration.Tests.Moto;
using static CloudAudit.Integration.Tests.Catalogue;

namespace CloudAudit.Integration.Tests;

/// <summary>
/// EC2 and VPC checks against moto. Where moto differs from AWS: DescribeAddresses gives an unattached Elastic IP an
/// empty InstanceId and NetworkInterfaceId where AWS leaves them out, so moto's idle address looks attached (tested here
/// with DescribeAddresses as AWS answers it); the default security group moto creates has only the outbound rule, not
/// AWS's inbound rule admitting its own members; and a default NACL gets no IPv6 rules when the VPC gets an IPv6 block.
/// </summary>
[Collection(nameof(MotoCollection))]
public sealed class NetworkScenarioTests(MotoServer moto) : CatalogueTests<NetworkScenarioTests>(moto), IServiceCatalogue
{
    public static IReadOnlyList<Expected> Table { get; } =
    [
        // The image of the application instance: private, or (exposed) launchable by everyone.
        new("aws-ec2-001", Pass, Fail, NotApplicable, "{app-image}") { HardenedPasses = ["{app-image}"] },
        new("aws-ec2-002", Pass, Fail, NotApplicable, "{legacy-root-volume}", "{loose-volume}") { Passes = ["{encrypted-volume}"] },
        // A stopped instance comes back with its setting; an instance with the metadata endpoint off passes.
        new("aws-ec2-004", Pass, Fail, NotApplicable, "{legacy-instance}", "{stopped-instance}") { Passes = ["{app-instance}"] },
        new("aws-ec2-005", Pass, Fail, NotApplicable, "{legacy-instance}", "{stopped-instance}") { Passes = ["{app-instance}"] },
        // Regional: on in us-east-1, off in eu-west-1.
        new("aws-ec2-006", Pass, Fail, Fail, "{account}") { HardenedPasses = ["{account}"] },
        // moto: an idle address carries empty association fields.
        new("aws-eip-001", Pass, Pass, NotApplicable) { Passes = ["{app-address}"] },
        // A default VPC nothing uses passes (the untouched account's).
        new("aws-vpc-001", Pass, Fail, Pass, "{us-east-1-default-vpc}") { Passes = ["{eu-west-1-default-vpc}"], HardenedPasses = ["{us-east-1-default-vpc}"] },
        new("aws-vpc-002", Pass, Fail, Pass,
            "{ssh-open}", "{rdp-open-ipv6}", "{postgres-open}", "{all-ports-open}", "{all-traffic-ipv6}") { Passes = ["{app-group}", "{ssh-office-group}"] },
        // No flow log; an ACCEPT-only flow log; a flow log whose log group does not exist.
        new("aws-vpc-003", Pass, Fail, Fail, "{us-east-1-default-vpc}", "{app-vpc}", "{eu-west-1-default-vpc}") { HardenedPasses = ["{app-vpc}", "{us-east-1-default-vpc}"] },
        // A NACL on no subnet is out of scope, whatever it allows.
        new("aws-vpc-004", Pass, Fail, Fail,
            "{us-east-1-default-nacl}/ingress/100", "{ssh-nacl}/ingress/100", "{eu-west-1-default-nacl}/ingress/100") { Passes = ["{app-nacl}"] },
        new("aws-vpc-005", Pass, Fail, Fail, "{us-east-1-default-group}", "{eu-west-1-default-group}") { Passes = ["{app-default-group}"] },
        // The application VPC keeps a private subnet; the exposed account's web VPC has only a public one.
        new("aws-vpc-006", Pass, Fail, NotApplicable, "{web-vpc}") { Passes = ["{app-vpc}"] },
        new("aws-vpc-007", Pass, Fail, Pass, "{smb-open}", "{all-ports-open}", "{all-traffic-ipv6}") { Passes = ["{app-group}", "{ssh-office-group}"] },
        // The peering route covers one peer subnet, or (exposed) the peer VPC's whole block.
        new("aws-vpc-008", Pass, Fail, NotApplicable, "{peering-route}") { HardenedPasses = ["{peering-route}"] },
    ];

    [MotoFact]
    public void Findings_name_the_region_the_exposure_and_its_severity()
    {
        var run = Moto.CatalogueScan("exposed");

        Assert.Equal("eu-west-1", Assert.Single(run.Result("aws-ec2-006").GetProperty("findings").EnumerateArray()).GetProperty("region").GetString());
        Assert.Equal(["eu-west-1", "us-east-1"], Moto.CatalogueScan("untouched").Result("aws-ec2-006").GetProperty("findings")
            .EnumerateArray().Select(f => f.GetProperty("region").GetString()).Order());
        // Groups nothing uses are reported one step lower; a rule for all traffic is critical on its own.
        var severities = Severities(run, "aws-vpc-002");
        Assert.Equal("high", severities[Moto.Resolve("exposed", "{ssh-open}")]);
        Assert.Equal("high", severities[Moto.Resolve("exposed", "{all-traffic-ipv6}")]);
        Assert.Contains(run.FindingDescriptions("aws-vpc-002"), d => d.Contains("allows RDP (tcp 3389) from ::/0"));
        Assert.Contains(run.FindingDescriptions("aws-vpc-003"), d => d.Contains("records ACCEPT traffic only"));
        Assert.Contains(run.FindingDescriptions("aws-vpc-003"), d => d.Contains("fails to deliver") && d.Contains("unused default VPC"));
        Assert.Equal("low", Severities(run, "aws-vpc-003")[Moto.Id("exposed", "eu-west-1-default-vpc")]);
        Assert.Contains(run.FindingDescriptions("aws-vpc-004"), d => d.Contains("allows tcp 22 from 0.0.0.0/0 in inbound rule 100"));
        Assert.Contains(run.FindingDescriptions("aws-ec2-004"), d => d.Contains($"{Moto.Id("exposed", "stopped-instance")} (stopped) answers IMDSv1"));
        Assert.Contains($"holds 1 network interface(s): instance {Moto.Id("exposed", "legacy-instance")}",
            Assert.Single(run.FindingDescriptions("aws-vpc-001")));
    }

    [MotoFact]
    public void An_Elastic_IP_without_association_as_AWS_lists_it_fails_and_the_attached_one_passes()
    {
        var account = Moto.Accounts["exposed"];
        using var proxy = new FaultProxy(Moto.Endpoint).Answer(
            r => r is { Service: "ec2", Region: "us-east-1", Operation: "DescribeAddresses" },
            Recorded.Xml("ec2/DescribeAddresses.xml", ("account", account), ("idle", Moto.Id("exposed", "idle-address")),
                ("attached", "eipalloc-0a5f3e8c9b7d6e5f4"), ("instance", Moto.Id("exposed", "app-instance"))));

        var run = Moto.ScanChecks("exposed", ["aws-eip-001"], "--endpoint-url", proxy.Endpoint.ToString());

        AssertStatus(run, "aws-eip-001", Fail, "exposed as AWS lists its addresses");
        Moto.AssertFailures(run, "exposed", "aws-eip-001", ["{idle-address}"]);
        Assert.Equal(2, run.Result("aws-eip-001").GetProperty("resources_scanned").GetInt32());
    }

    private static Dictionary<string, string> Severities(CliRun run, string check) => run.Result(check).GetProperty("findings")
        .EnumerateArray().ToDictionary(f => f.GetProperty("resource_id").GetString()!, f => f.GetProperty("severity").GetString()!);
}
