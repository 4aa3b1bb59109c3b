using CloudAudit.Checks.Framework;
using CloudAudit.Inventory.Views;

namespace CloudAudit.Checks.Rds;

/// <summary>CIS 2.3.3 (v3.0) / 2.2.3 (v5.0): DB instances are not publicly accessible.</summary>
public sealed class RdsPublicAccess : RdsInstanceSettingCheck
{
    public RdsPublicAccess()
    {
        Info = new()
        {
            Id = "aws-rds-001",
            Title = "RDS DB instance publicly accessible",
            Service = "RDS",
            Severity = Severity.Critical,
            ResourceType = "AWS::RDS::DBInstance",
            Description = "Lists DB instances in every scanned region (DescribeDBInstances), Aurora cluster members included, "
                + "and fails each one with PubliclyAccessible set. DocumentDB and Neptune instances, which the same API lists, "
                + "are left out.",
            Rationale = "A publicly accessible instance gets a public IP and an endpoint that resolves to it from anywhere. "
                + "The security group is then the only thing between the database port and the internet, where databases are "
                + "scanned within minutes and brute-forced, or exploited through unpatched engine flaws; one permissive rule "
                + "exposes the data.",
            CommonCauses =
            [
                "Public access was turned on so developers or a BI tool could connect without a VPN or bastion.",
                "The instance was created in the console with the public option for a quick test and kept.",
                "A migration or vendor tool needed direct access from outside AWS.",
            ],
            Recommendation = "Turn off public accessibility and reach the database through private networking (VPN, Direct Connect, a bastion or SSM port forwarding).",
            Remediation = StandaloneFix,
            RemediationVariants = [MemberFix],
            Compliance = Cis.Refs(v3: "2.3.3", v5: "2.2.3"),
        };
    }

    public override CheckInfo Info { get; }

    protected override string CliFlag => "--no-publicly-accessible";
    protected override (string Name, string Value) TerraformSetting => ("publicly_accessible", "false");
    protected override string DocUrl => "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_VPC.WorkingWithRDSInstanceinaVPC.html#USER_VPC.Hiding";

    protected override bool Fails(DBInstance instance) => instance.PubliclyAccessible == true;

    protected override string Describe(DBInstance instance) =>
        $"DB instance {instance.DBInstanceIdentifier} ({instance.Engine}) is publicly accessible.";
}
