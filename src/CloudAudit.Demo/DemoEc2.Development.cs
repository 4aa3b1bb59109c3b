namespace CloudAudit.Demo;

/// <summary>
/// Development: an all-public VPC with no flow logs whose only route to production spans production's
/// whole range, default NACLs and default security groups left as AWS made them, a file share open on
/// SMB to the world, a debugging group open to everything, instances on IMDSv1 without protection,
/// unencrypted volumes, idle Elastic IPs, and a sandbox still running in eu-central-1's default VPC.
/// </summary>
internal sealed partial class DemoEc2
{
    public void Development(DemoRecorder a, DemoClock clock)
    {
        DevelopmentUsEast(new DemoEc2Region(a, "us-east-1", clock));
        // Workloads are confined to the US and Frankfurt: an SCP denies the EC2 API in eu-west-1, the scanner included.
        DemoEc2Region.DeniedByScp(a, "eu-west-1");
        DevelopmentEuCentral(new DemoEc2Region(a, "eu-central-1", clock));
    }

    private static void DevelopmentUsEast(DemoEc2Region r)
    {
        const string devA = "subnet-0a1c3e5a7c9e1b3d5", devB = "subnet-0b2d4f6b8d0f2c4e6", ci = "subnet-0c3e5a7c9e1a3d5f7";
        const string defaultVpc = "vpc-0a7b6c5d4e3f2a1b0", defA = "subnet-0d4f6b8d0f2b4e6a8", defB = "subnet-0e5a7c9e1a3c5f7b9";
        const string defaultSg = "sg-0f5a6b7c8d9e0f1ad", jenkins = "sg-0a6b7c8d9e0f1a2be", files = "sg-0b7c8d9e0f1a2b3cf",
            debug = "sg-0c8d9e0f1a2b3c4d0", defaultVpcSg = "sg-0d9e0f1a2b3c4d5e1";
        const string jenkinsHost = "i-0a2c4e6a8c0e2a4c6";

        r.EbsEncryptionByDefault(false)
            .Vpc(DevVpc, "10.50.0.0/16", "northwind-dev")
            .Vpc(defaultVpc, "172.31.0.0/16", isDefault: true)
            .Subnet(devA, DevVpc, "10.50.0.0/24", "us-east-1a", "dev-public-a", publicIp: true)
            .Subnet(devB, DevVpc, "10.50.1.0/24", "us-east-1b", "dev-public-b", publicIp: true)
            .Subnet(ci, DevVpc, "10.50.4.0/24", "us-east-1a", "dev-ci")
            .Subnet(defA, defaultVpc, "172.31.0.0/20", "us-east-1a", publicIp: true, defaultForAz: true)
            .Subnet(defB, defaultVpc, "172.31.16.0/20", "us-east-1b", publicIp: true, defaultForAz: true)
            // One main table for everything: the CI subnet is public too, and production is reachable whole.
            .RouteTable("rtb-0d7e9f1a3b5c7d9e2", DevVpc, "dev-main", true, [],
                ("10.50.0.0/16", "local"), ("0.0.0.0/0", "igw-0d8e7f6a5b4c3d2e1"), ("10.10.0.0/16", DevPeering))
            .RouteTable("rtb-0e8f1a2b4c6d8e1f3", defaultVpc, null, true, [], ("172.31.0.0/16", "local"), ("0.0.0.0/0", "igw-0e9f8a7b6c5d4e3f2"))
            .Peering(DevPeering, DevSide, ProdSide, "dev-ci-to-prod")
            .Acl("acl-0a6b8c1d3e5f7a9b2", DevVpc, null, true, [devA, devB, ci], DemoEc2Region.AllowAllAcl)
            .Acl("acl-0b7c9d2e4f6a8b1c3", defaultVpc, null, true, [defA, defB], DemoEc2Region.AllowAllAcl)
            .SecurityGroup(defaultSg, "default", DevVpc, "default VPC security group",
                new(Rule(defaultSg, 1), "-1", -1, -1, Group: defaultSg), SgRule.AllOut(Rule(defaultSg, 2)))
            .SecurityGroup(defaultVpcSg, "default", defaultVpc, "default VPC security group",
                new(Rule(defaultVpcSg, 1), "-1", -1, -1, Group: defaultVpcSg), SgRule.AllOut(Rule(defaultVpcSg, 2)))
            .SecurityGroup(jenkins, "dev-jenkins", DevVpc, "Jenkins controller",
                new(Rule(jenkins, 1), "tcp", 8080, 8080, "0.0.0.0/0", Description: "GitHub webhooks"),
                new(Rule(jenkins, 2), "tcp", 22, 22, "198.51.100.0/24", Description: "office"), SgRule.AllOut(Rule(jenkins, 3)))
            .SecurityGroup(files, "dev-file-share", DevVpc, "Windows file server",
                new(Rule(files, 1), "tcp", 445, 445, "0.0.0.0/0", Description: "branch office access"),
                new(Rule(files, 2), "tcp", 3389, 3389, "198.51.100.0/24", Description: "office"), SgRule.AllOut(Rule(files, 3)))
            .SecurityGroup(debug, "dev-debug-open", DevVpc, "debugging - remove",
                new(Rule(debug, 1), "-1", -1, -1, "0.0.0.0/0"), SgRule.AllOut(Rule(debug, 2)))
            .Instance(new(jenkinsHost, "dev-jenkins", "t3.large", devA, "10.50.0.25", [jenkins], [new("vol-0a3c5e7a9c1e3a5c7", 100, false, "gp2")])
                { HttpTokens = "optional", PublicIp = "3.92.150.44", LaunchedDaysAgo = 300, Ami = "ami-0d1c2b3a49586f7e6" })
            .Instance(new("i-0b3d5f7b9d1f3b5d7", "dev-file-server", "t3.xlarge", devB, "10.50.1.40", [files], [new("vol-0b4d6f8b0d2f4b6d8", 200, false)])
                { PublicIp = "44.201.7.9", TerminationProtection = true, LaunchedDaysAgo = 240, Platform = "Windows", Ami = "ami-0be0e902919675894" })
            .Instance(new("i-0c4e6a8c0e2a4c6e8", "load-test-runner", "c5.4xlarge", ci, "10.50.4.77", [jenkins], [new("vol-0c5e7a9c1e3a5c7e9", 50, false, "gp2")])
                { State = "stopped", StoppedDaysAgo = 63, HttpTokens = "optional", LaunchedDaysAgo = 140 })
            .Instance(new("i-0d5f7b9d1f3b5d7f9", "ci-runner", "m5.large", ci, "10.50.4.90", [jenkins], [new("vol-0d6f8b0d2f4b6d8f0", 30, false)])
                { Lifecycle = "spot", LaunchedDaysAgo = 1, InstanceProfile = "ci-runner" })
            .Address("eipalloc-0e5f6a7b8c9d0e1f2", "3.92.150.44", "dev-jenkins", jenkinsHost, "eni-0a2c4e6a8c0e2a4c6", "10.50.0.25")
            .Address("eipalloc-0f6a7b8c9d0e1f2a3", "18.208.40.12", "demo-2024")
            .Address("eipalloc-0a7b8c9d0e1f2a3b4", "52.70.9.161", null)
            .Image("ami-0d1c2b3a49586f7e6", "dev-jenkins-base", false, 310, "snap-0c3d4e5f6a7b8293b")
            .Record();
    }

    private static void DevelopmentEuCentral(DemoEc2Region r)
    {
        const string defaultVpc = "vpc-0e4d3c2b1a0f9e8d7";
        const string a = "subnet-0f6b8d0f2b4d6f8a1", b = "subnet-0a7c9e1a3c5e7a9b2", c = "subnet-0b8d0f2b4d6f8a0c3";
        const string defaultSg = "sg-0e0f1a2b3c4d5e6f2", wizard = "sg-0f1a2b3c4d5e6f7a3";

        r.EbsEncryptionByDefault(true)
            .Vpc(defaultVpc, "172.31.0.0/16", isDefault: true)
            .Subnet(a, defaultVpc, "172.31.0.0/20", "eu-central-1a", publicIp: true, defaultForAz: true)
            .Subnet(b, defaultVpc, "172.31.16.0/20", "eu-central-1b", publicIp: true, defaultForAz: true)
            .Subnet(c, defaultVpc, "172.31.32.0/20", "eu-central-1c", publicIp: true, defaultForAz: true)
            .RouteTable("rtb-0f9a1b3c5d7e9f1a4", defaultVpc, null, true, [], ("172.31.0.0/16", "local"), ("0.0.0.0/0", "igw-0f1a2b3c4d5e6f7a8"))
            .Acl("acl-0c8d0e2f4a6b8c0d4", defaultVpc, null, true, [a, b, c], DemoEc2Region.AllowAllAcl)
            .SecurityGroup(defaultSg, "default", defaultVpc, "default VPC security group",
                new(Rule(defaultSg, 1), "-1", -1, -1, Group: defaultSg), SgRule.AllOut(Rule(defaultSg, 2)))
            .SecurityGroup(wizard, "launch-wizard-1", defaultVpc, "launch-wizard-1 created 2026-04-15T09:12:41.118Z",
                new(Rule(wizard, 1), "tcp", 22, 22, "0.0.0.0/0"), SgRule.AllOut(Rule(wizard, 2)))
            .Instance(new("i-0e6a8c0e2a4c6e8a0", "dev-sandbox", "t3.medium", a, "172.31.5.14", [wizard], [new("vol-0e7a9c1e3a5c7e9a1", 16, true)])
                { HttpTokens = "optional", PublicIp = "18.194.22.7", LaunchedDaysAgo = 200, Ami = "ami-0faab6bdbac9486fb" })
            .Interface("eni-0f8b0d2f4b6d8f0b2", b, "172.31.20.33", "lambda",
                "AWS Lambda VPC ENI-northwind-dev-ingest-4c1e3a5b-7d9f-4a2b-8c6d-0e1f2a3b4c5d", [defaultSg], requesterManaged: true)
            .Record();
    }
}
