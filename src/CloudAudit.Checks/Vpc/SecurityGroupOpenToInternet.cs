using CloudAudit.Checks.Framework;

namespace CloudAudit.Checks.Vpc;

/// <summary>
/// CIS v3 5.2 and 5.3 / v5 5.3 and 5.4: no security group admits the internet to administration ports;
/// database and search ports are held to the same rule, tiered as the reference tool tiers them.
/// </summary>
public sealed class SecurityGroupOpenToInternet : InternetIngressCheck
{
    public override CheckInfo Info { get; } = new()
    {
        Id = "aws-vpc-002",
        Title = "Security group allows internet ingress to sensitive ports",
        Service = "VPC",
        Severity = Severity.Critical,
        ResourceType = "AWS::EC2::SecurityGroup",
        Description = "Reads every security group rule of every scanned region (DescribeSecurityGroupRules) and fails each "
            + "inbound rule whose source is 0.0.0.0/0 or ::/0 and whose protocol and port range cover SSH (22), RDP (3389), "
            + "MySQL (3306) or PostgreSQL (5432), which are CRITICAL, or SQL Server (1433), Redis (6379), MongoDB (27017), "
            + "Elasticsearch (9200) or Kibana (5601), which are HIGH. A rule for all protocols is CRITICAL on its own. Port "
            + "ranges are evaluated as ranges: tcp 0-65535 covers 22. One finding per rule. All groups the account owns "
            + "are evaluated; a group no network interface uses is reported one step lower. Rules whose source is a "
            + "prefix list or another security group are not internet-wide and are not flagged.",
        Rationale = "Scanners sweep the whole IPv4 internet for SSH, RDP and database ports within minutes of an address "
            + "appearing, and IPv6 ranges are increasingly swept too. An open administration port invites credential "
            + "stuffing and exploitation of the service itself; an open database port often needs only a default or "
            + "leaked password to hand over the data.",
        CommonCauses =
        [
            "A rule opened to 0.0.0.0/0 \"temporarily\" to debug from home or a conference and never removed.",
            "A rule added for ::/0 next to a well-restricted IPv4 rule when IPv6 was enabled on the VPC.",
            "Broad rules (all traffic, or 0-65535) copied from a tutorial or a quick-start template.",
        ],
        Recommendation = "Remove the rule, and allow the port only from known networks or security groups; reach SSH and RDP through Session Manager or a VPN.",
        Remediation = RestrictPortRule,
        RemediationVariants = [RestrictAllTrafficRule],
        Compliance = [.. Cis.Refs(v3: "5.2", v5: "5.3"), .. Cis.Refs(v3: "5.3", v5: "5.4")],
    };

    protected override IReadOnlyList<ExposedPort> Ports { get; } =
    [
        new(22, "SSH", Severity.Critical),
        new(3389, "RDP", Severity.Critical),
        new(3306, "MySQL", Severity.Critical),
        new(5432, "PostgreSQL", Severity.Critical),
        new(1433, "SQL Server", Severity.High),
        new(6379, "Redis", Severity.High),
        new(27017, "MongoDB", Severity.High),
        new(9200, "Elasticsearch", Severity.High),
        new(5601, "Kibana", Severity.High),
    ];

    protected override Severity? AllTrafficSeverity => Severity.Critical;
}
