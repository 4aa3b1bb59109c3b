namespace CloudAudit.Demo;

/// <summary>
/// EC2 and VPC. Production runs a three-tier VPC in us-east-1 (public, app and database subnets, NACLs,
/// web/bastion/database security groups) peered with an analytics VPC and with development, and a
/// smaller VPC in eu-west-1; its slips: a bastion open on SSH to the world, a database group open on
/// 5432 to ::/0, an IPv6 ephemeral-port NACL rule that reaches RDP, an AMI made public, an idle
/// Elastic IP, a reporting server stopped for weeks, no EBS default encryption in eu-west-1, and a
/// forgotten default VPC there. Development (set up in a hurry, see DemoEc2.Development.cs) is worse,
/// and a service control policy denies the scanner every EC2 read in eu-west-1.
/// </summary>
internal sealed partial class DemoEc2 : IDemoPart
{
    public const string ProdVpc = "vpc-0a1b2c3d4e5f60718";
    public const string ProdEuVpc = "vpc-0f1e2d3c4b5a69788";
    private const string AnalyticsVpc = "vpc-04d5e6f7a8b9c0d12";
    private const string DevVpc = "vpc-0d9e8f7a6b5c4d3e2";
    private const string AnalyticsPeering = "pcx-0b1c2d3e4f5a6b7c8";
    private const string DevPeering = "pcx-0c2d3e4f5a6b7c8d9";

    private static PeerSide ProdSide => new(ProdVpc, DemoAccount.ProductionAccount, "us-east-1", "10.10.0.0/16");
    private static PeerSide DevSide => new(DevVpc, DemoAccount.DevelopmentAccount, "us-east-1", "10.50.0.0/16");

    /// <summary>A security group rule ID derived from its group's ID, so the demo needs no table of random IDs.</summary>
    private static string Rule(string group, int n) => $"sgr-0{group[5..]}{n:x}";

    public void Production(DemoRecorder a, DemoClock clock)
    {
        ProductionUsEast(new DemoEc2Region(a, "us-east-1", clock));
        ProductionEuWest(new DemoEc2Region(a, "eu-west-1", clock));
        // The landing zone deleted the default VPC here and nothing else runs in the region.
        new DemoEc2Region(a, "eu-central-1", clock).EbsEncryptionByDefault(true).Record();
    }

    /// <summary>The security account runs no workloads: the landing zone removed its default VPCs.</summary>
    public void Security(DemoRecorder a, DemoClock clock)
    {
        foreach (var region in a.Regions)
            new DemoEc2Region(a, region, clock).EbsEncryptionByDefault(true).Record();
    }

    private static void ProductionUsEast(DemoEc2Region r)
    {
        const string pubA = "subnet-0f2a6c81e4b7d3905", pubB = "subnet-07d1e9b3a5c2f8e46", appA = "subnet-0c4e8a2d6f1b3a597",
            appB = "subnet-05b9f3d7a1e6c2084", dbA = "subnet-0e6a2c4b8d1f3e759", dbB = "subnet-03f7b1d5e9a2c6480", analytics = "subnet-09c8b7a6f5e4d3c21";
        const string alb = "sg-01b2c3d4e5f6a7b8c", app = "sg-02c3d4e5f6a7b8c9d", bastion = "sg-03d4e5f6a7b8c9d0e", db = "sg-04e5f6a7b8c9d0e1f",
            etl = "sg-06a7b8c9d0e1f2a3b";
        const string nat = "nat-0a9b8c7d6e5f43210", natEni = "eni-0c4e6a8d1f3b5c703";

        r.EbsEncryptionByDefault(true)
            .Vpc(ProdVpc, "10.10.0.0/16", "northwind-prod")
            .Vpc(AnalyticsVpc, "10.30.0.0/16", "northwind-analytics")
            .Subnet(pubA, ProdVpc, "10.10.0.0/24", "us-east-1a", "prod-public-us-east-1a", publicIp: true)
            .Subnet(pubB, ProdVpc, "10.10.1.0/24", "us-east-1b", "prod-public-us-east-1b", publicIp: true)
            .Subnet(appA, ProdVpc, "10.10.10.0/24", "us-east-1a", "prod-app-us-east-1a")
            .Subnet(appB, ProdVpc, "10.10.11.0/24", "us-east-1b", "prod-app-us-east-1b")
            .Subnet(dbA, ProdVpc, "10.10.20.0/24", "us-east-1a", "prod-db-us-east-1a")
            .Subnet(dbB, ProdVpc, "10.10.21.0/24", "us-east-1b", "prod-db-us-east-1b")
            .Subnet(analytics, AnalyticsVpc, "10.30.1.0/24", "us-east-1a", "analytics-private-us-east-1a")
            .RouteTable("rtb-0c1d2e3f4a5b6c7d8", ProdVpc, "prod-public", false, [pubA, pubB], ("10.10.0.0/16", "local"), ("0.0.0.0/0", "igw-0f3e2d1c0b9a87654"))
            .RouteTable("rtb-0d2e3f4a5b6c7d8e9", ProdVpc, "prod-app", false, [appA, appB], ("10.10.0.0/16", "local"), ("0.0.0.0/0", nat),
                ("10.30.1.0/24", AnalyticsPeering), ("10.50.4.0/24", DevPeering))
            .RouteTable("rtb-0e3f4a5b6c7d8e9f0", ProdVpc, "prod-main", true, [], ("10.10.0.0/16", "local"))
            .RouteTable("rtb-07a6b5c4d3e2f1a09", AnalyticsVpc, "analytics-main", true, [], ("10.30.0.0/16", "local"), ("10.10.20.0/23", AnalyticsPeering))
            .Peering(AnalyticsPeering, ProdSide, new(AnalyticsVpc, DemoAccount.ProductionAccount, "us-east-1", "10.30.0.0/16"), "prod-to-analytics")
            .Peering(DevPeering, DevSide, ProdSide, "dev-ci-to-prod")
            // Public subnets: SSH only from the office, SSH and RDP denied from the internet ahead of the
            // ephemeral-port rules; but the IPv6 rules added later have no such deny, so 141 reaches RDP.
            .Acl("acl-0a9b8c7d6e5f4a3b2", ProdVpc, "prod-public", false, [pubA, pubB],
                new(80, "6", "allow", "198.51.100.0/24", 22), new(90, "6", "deny", "0.0.0.0/0", 22), new(95, "6", "deny", "0.0.0.0/0", 3389),
                new(100, "6", "allow", "0.0.0.0/0", 443), new(101, "6", "allow", "::/0", 443),
                new(110, "6", "allow", "0.0.0.0/0", 80), new(111, "6", "allow", "::/0", 80),
                new(140, "6", "allow", "0.0.0.0/0", 1024, 65535), new(141, "6", "allow", "::/0", 1024, 65535),
                new(32767, "-1", "deny", "0.0.0.0/0"), new(32768, "-1", "deny", "::/0"),
                new(100, "-1", "allow", "0.0.0.0/0", Egress: true), new(101, "-1", "allow", "::/0", Egress: true),
                new(32767, "-1", "deny", "0.0.0.0/0", Egress: true), new(32768, "-1", "deny", "::/0", Egress: true))
            .Acl("acl-0b8c7d6e5f4a3b2c1", ProdVpc, "prod-private", false, [appA, appB, dbA, dbB],
                new(80, "-1", "allow", "10.10.0.0/16"), new(85, "-1", "allow", "10.30.0.0/16"), new(86, "-1", "allow", "10.50.4.0/24"),
                new(90, "6", "deny", "0.0.0.0/0", 3389), new(91, "6", "deny", "0.0.0.0/0", 22),
                new(100, "6", "allow", "0.0.0.0/0", 1024, 65535), new(32767, "-1", "deny", "0.0.0.0/0"),
                new(100, "-1", "allow", "0.0.0.0/0", Egress: true), new(32767, "-1", "deny", "0.0.0.0/0", Egress: true))
            .Acl("acl-0c7d6e5f4a3b2c1d0", ProdVpc, null, true, [], DemoEc2Region.AllowAllAcl)
            .Acl("acl-0d6e5f4a3b2c1d0e9", AnalyticsVpc, null, true, [analytics],
                new(100, "-1", "allow", "10.0.0.0/8"), new(32767, "-1", "deny", "0.0.0.0/0"),
                new(100, "-1", "allow", "10.0.0.0/8", Egress: true), new(32767, "-1", "deny", "0.0.0.0/0", Egress: true))
            .SecurityGroup("sg-0a1b2c3d4e5f6a7b8", "default", ProdVpc, "default VPC security group")
            .SecurityGroup("sg-05f6a7b8c9d0e1f2a", "default", AnalyticsVpc, "default VPC security group")
            .SecurityGroup(alb, "prod-web-alb", ProdVpc, "Public HTTPS load balancer",
                new(Rule(alb, 1), "tcp", 443, 443, "0.0.0.0/0"), new(Rule(alb, 2), "tcp", 443, 443, "::/0"),
                new(Rule(alb, 3), "tcp", 80, 80, "0.0.0.0/0", Description: "redirect to HTTPS"),
                new(Rule(alb, 4), "tcp", 8080, 8080, Group: app, Egress: true))
            .SecurityGroup(app, "prod-web-app", ProdVpc, "Web application instances",
                new(Rule(app, 1), "tcp", 8080, 8080, Group: alb), new(Rule(app, 2), "tcp", 22, 22, Group: bastion), SgRule.AllOut(Rule(app, 3)))
            .SecurityGroup(bastion, "prod-bastion", ProdVpc, "SSH bastion",
                new(Rule(bastion, 1), "tcp", 22, 22, "0.0.0.0/0", Description: "temporary: vendor support session"), SgRule.AllOut(Rule(bastion, 2)))
            .SecurityGroup(db, "prod-db", ProdVpc, "PostgreSQL (RDS)",
                new(Rule(db, 1), "tcp", 5432, 5432, Group: app), new(Rule(db, 2), "tcp", 5432, 5432, Group: bastion), SgRule.AllOut(Rule(db, 3)))
            .SecurityGroup(etl, "analytics-etl", AnalyticsVpc, "Analytics ETL workers", SgRule.AllOut(Rule(etl, 1)))
            .Interface("eni-0a2c4e6b8d1f3a501", pubA, "10.10.0.45", "interface", "ELB app/prod-web-alb/5f1c2d3e4a5b6c7d", [alb], requesterManaged: true)
            .Interface("eni-0b3d5f7c9e2a4b602", pubB, "10.10.1.52", "interface", "ELB app/prod-web-alb/5f1c2d3e4a5b6c7d", [alb], requesterManaged: true)
            .Interface(natEni, pubA, "10.10.0.200", "nat_gateway", $"Interface for NAT Gateway {nat}", [], requesterManaged: true, publicIp: "3.221.14.90")
            .Interface("eni-0d5f7b9e2a4c6d804", dbA, "10.10.20.31", "interface", "RDSNetworkInterface", [db], requesterManaged: true)
            .Instance(new("i-0f4c2a9e7b1d35608", "prod-web", "m6i.large", appA, "10.10.10.21", [app], [new("vol-0a7e3c9f1b5d24680", 30, true)])
                { AutoScalingGroup = "prod-web-asg", LaunchedDaysAgo = 12, InstanceProfile = "prod-web" })
            .Instance(new("i-07b3e1d9c5a2f4806", "prod-web", "m6i.large", appB, "10.10.11.37", [app], [new("vol-0c5a1e7d3f9b24681", 30, true)])
                { AutoScalingGroup = "prod-web-asg", LaunchedDaysAgo = 12, InstanceProfile = "prod-web" })
            .Instance(new("i-0e9d8c7b6a5f43210", "prod-bastion", "t3.micro", pubA, "10.10.0.12", [bastion], [new("vol-0b6d2f8a4c1e35792", 8, true)])
                { HttpTokens = "optional", PublicIp = "54.210.33.17", LaunchedDaysAgo = 410, Ami = "ami-0b5eea76982371e91" })
            .Instance(new("i-03c5e7a9b1d2f4608", "prod-batch-worker", "c6i.xlarge", appA, "10.10.10.54", [app], [new("vol-0d8f2b4a6c1e35793", 100, true)])
                { TerminationProtection = true, LaunchedDaysAgo = 75, InstanceProfile = "prod-batch-worker" })
            .Instance(new("i-0b2d4f6a8c1e3579a", "reporting-legacy", "r5.large", appB, "10.10.11.80", [app],
                    [new("vol-0e1a3c5b7d9f24682", 50, true), new("vol-0f2b4d6c8e1a35795", 500, true, "st1")])
                { State = "stopped", StoppedDaysAgo = 47, HttpTokens = "optional", TerminationProtection = true, LaunchedDaysAgo = 980, Ami = "ami-0b5eea76982371e91" })
            .Instance(new("i-06e8a0c2e4b6d8f01", "analytics-etl", "m6i.2xlarge", analytics, "10.30.1.15", [etl], [new("vol-01a3c5e7b9d2f4603", 200, true)])
                { TerminationProtection = true, LaunchedDaysAgo = 160, InstanceProfile = "analytics-etl" })
            .Volume(new("vol-0a9c1e3b5d7f24684", 250, false, "gp2"), "us-east-1a", 720, name: "legacy-export")
            .Address("eipalloc-0a1b2c3d4e5f6a7b8", "54.210.33.17", "prod-bastion", "i-0e9d8c7b6a5f43210", "eni-0e9d8c7b6a5f43210", "10.10.0.12")
            .Address("eipalloc-0b2c3d4e5f6a7b8c9", "3.221.14.90", "prod-nat-us-east-1a", eni: natEni, privateIp: "10.10.0.200")
            .Address("eipalloc-0c3d4e5f6a7b8c9d0", "52.4.118.203", "old-vpn-endpoint")
            .Image("ami-0f1e2d3c4b5a69788", "northwind-web-golden-2026-10", false, 20, "snap-0a1b2c3d4e5f60719")
            // Made public to share with a vendor instead of adding the vendor's account ID.
            .Image("ami-0e1d2c3b4a5968778", "northwind-reporting-2025-03", true, 600, "snap-0b2c3d4e5f6a7182a")
            .Record();
    }

    private static void ProductionEuWest(DemoEc2Region r)
    {
        const string pub = "subnet-0a8c2e4f6b1d3e570", priv = "subnet-0b9d3f5a7c2e4f681";
        const string defaultVpc = "vpc-0bb1c2d3e4f5a6b71";
        const string defA = "subnet-0c1e3a5b7d9f2a482", defB = "subnet-0d2f4b6c8e1a3b593", defC = "subnet-0e3a5c7d9f2b4c604";
        const string appSg = "sg-0c2d3e4f5a6b7c8da", reportingDb = "sg-0d3e4f5a6b7c8d9eb", defaultSg = "sg-0b1c2d3e4f5a6b7c9",
            defaultVpcSg = "sg-0e4f5a6b7c8d9e0fc";
        const string natEni = "eni-0f5b7d9e2a4c6d8f1";

        r.EbsEncryptionByDefault(false)
            .Vpc(ProdEuVpc, "10.20.0.0/16", "northwind-prod-eu")
            .Vpc(defaultVpc, "172.31.0.0/16", isDefault: true)
            .Subnet(pub, ProdEuVpc, "10.20.0.0/24", "eu-west-1a", "prod-eu-public-a", publicIp: true)
            .Subnet(priv, ProdEuVpc, "10.20.10.0/24", "eu-west-1a", "prod-eu-private-a")
            .Subnet(defA, defaultVpc, "172.31.0.0/20", "eu-west-1a", publicIp: true, defaultForAz: true)
            .Subnet(defB, defaultVpc, "172.31.16.0/20", "eu-west-1b", publicIp: true, defaultForAz: true)
            .Subnet(defC, defaultVpc, "172.31.32.0/20", "eu-west-1c", publicIp: true, defaultForAz: true)
            .RouteTable("rtb-0a4b6c8d1e3f5a7b9", ProdEuVpc, "prod-eu-public", false, [pub], ("10.20.0.0/16", "local"), ("0.0.0.0/0", "igw-0a5b4c3d2e1f09876"))
            .RouteTable("rtb-0b5c7d9e2f4a6b8c1", ProdEuVpc, "prod-eu-private", true, [], ("10.20.0.0/16", "local"), ("0.0.0.0/0", "nat-0b6c5d4e3f2a1b098"))
            .RouteTable("rtb-0c6d8e1f3a5b7c9d2", defaultVpc, null, true, [], ("172.31.0.0/16", "local"), ("0.0.0.0/0", "igw-0c7d6e5f4a3b2c1d0"))
            .Acl("acl-0e5f4a3b2c1d0e9f8", ProdEuVpc, null, true, [pub, priv], DemoEc2Region.AllowAllAcl)
            .Acl("acl-0f4a3b2c1d0e9f8a7", defaultVpc, null, true, [defA, defB, defC], DemoEc2Region.AllowAllAcl)
            .SecurityGroup(defaultSg, "default", ProdEuVpc, "default VPC security group",
                new(Rule(defaultSg, 1), "-1", -1, -1, Group: defaultSg), SgRule.AllOut(Rule(defaultSg, 2)))
            .SecurityGroup(defaultVpcSg, "default", defaultVpc, "default VPC security group",
                new(Rule(defaultVpcSg, 1), "-1", -1, -1, Group: defaultVpcSg), SgRule.AllOut(Rule(defaultVpcSg, 2)))
            .SecurityGroup(appSg, "prod-eu-app", ProdEuVpc, "EU application servers",
                new(Rule(appSg, 1), "tcp", 443, 443, "10.20.0.0/16"), SgRule.AllOut(Rule(appSg, 2)))
            .SecurityGroup(reportingDb, "prod-eu-reporting-db", ProdEuVpc, "Reporting PostgreSQL",
                new(Rule(reportingDb, 1), "tcp", 5432, 5432, "10.20.0.0/16"),
                new(Rule(reportingDb, 2), "tcp", 5432, 5432, "::/0", Description: "IPv6 migration test"),
                SgRule.AllOut(Rule(reportingDb, 3)))
            .Interface("eni-0e4a6c8d1f3b5c7e0", priv, "10.20.10.40", "interface", "RDSNetworkInterface", [reportingDb], requesterManaged: true)
            .Interface(natEni, pub, "10.20.0.150", "nat_gateway", "Interface for NAT Gateway nat-0b6c5d4e3f2a1b098", [], requesterManaged: true, publicIp: "34.240.17.33")
            // Launched before default encryption, which nobody enabled in this region.
            .Instance(new("i-0c1e3a5b7d9f2a4c6", "prod-eu-app-1", "m6i.large", priv, "10.20.10.11", [appSg], [new("vol-0c2e4a6b8d1f3a5c7", 30, false)])
                { TerminationProtection = true, LaunchedDaysAgo = 530, InstanceProfile = "prod-eu-app" })
            .Instance(new("i-0d2f4b6c8e1a3b5d8", "prod-eu-app-2", "m6i.large", priv, "10.20.10.12", [appSg], [new("vol-0d3f5b7c9e2a4b6d9", 30, true)])
                { State = "stopped", StoppedDaysAgo = 3, TerminationProtection = true, LaunchedDaysAgo = 90, InstanceProfile = "prod-eu-app" })
            .Address("eipalloc-0d4e5f6a7b8c9d0e1", "34.240.17.33", "prod-eu-nat", eni: natEni, privateIp: "10.20.0.150")
            .Record();
    }
}
