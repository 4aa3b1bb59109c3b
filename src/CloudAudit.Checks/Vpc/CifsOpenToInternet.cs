using CloudAudit.Checks.Framework;

namespace CloudAudit.Checks.Vpc;

/// <summary>CIS v5 5.1.2 (v6/v7 6.1.2): no security group admits the internet to CIFS/SMB.</summary>
public sealed class CifsOpenToInternet : InternetIngressCheck
{
    public override CheckInfo Info { get; } = new()
    {
        Id = "aws-vpc-007",
        Title = "Security group allows internet ingress to CIFS/SMB (445)",
        Service = "VPC",
        Severity = Severity.Critical,
        ResourceType = "AWS::EC2::SecurityGroup",
        Description = "Reads every security group rule of every scanned region (DescribeSecurityGroupRules) and fails each "
            + "inbound rule whose source is 0.0.0.0/0 or ::/0 and whose protocol and port range cover TCP 445, the port "
            + "of SMB/CIFS file sharing: a rule for all protocols or a wide range such as 0-65535 counts. One finding per "
            + "rule; a group no network interface uses is reported one step lower. Such rules may also fail aws-vpc-002 "
            + "when they cover administration ports too.",
        Rationale = "SMB exposed to the internet is how worms such as WannaCry and NotPetya spread, and file servers "
            + "answering on 445 leak share names and accept password guessing. There is no legitimate reason to offer "
            + "SMB to the whole internet; Amazon FSx and Windows file servers belong behind a VPN or private connectivity.",
        CommonCauses =
        [
            "A Windows file server or FSx share was opened to the internet to reach it from an office without a VPN.",
            "An all-traffic or 0-65535 rule, which includes 445, was added for troubleshooting.",
        ],
        Recommendation = "Remove the rule and allow port 445 only from trusted private networks.",
        Remediation = RestrictPortRule,
        RemediationVariants = [RestrictAllTrafficRule],
        Compliance = Cis.Refs(v5: "5.1.2"),
    };

    protected override IReadOnlyList<ExposedPort> Ports { get; } = [new(445, "SMB/CIFS", Severity.Critical)];
}
