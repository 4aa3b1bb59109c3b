using CloudAudit.Checks.Framework;
using CloudAudit.Inventory.Views;

namespace CloudAudit.Checks.Rds;

/// <summary>CIS 2.3.2 (v3.0) / 2.2.2 (v5.0): DB instances apply minor engine versions automatically.</summary>
public sealed class RdsAutoMinorVersionUpgrade : RdsInstanceSettingCheck
{
    public RdsAutoMinorVersionUpgrade()
    {
        Info = new()
        {
            Id = "aws-rds-004",
            Title = "RDS automatic minor version upgrade disabled",
            Service = "RDS",
            Severity = Severity.Low,
            Category = Category.Reliability,
            ResourceType = "AWS::RDS::DBInstance",
            Description = "Lists DB instances in every scanned region (DescribeDBInstances), Aurora cluster members included, "
                + "and fails each one whose AutoMinorVersionUpgrade is off. DocumentDB and Neptune instances are left out.",
            Rationale = "Minor engine versions carry security fixes and bug fixes without breaking changes. With automatic "
                + "upgrades off, an instance stays on the version it was created with until someone schedules an upgrade, and "
                + "eventually reaches end of support, when AWS forces the upgrade at a time of its choosing.",
            CommonCauses =
            [
                "Upgrades were disabled after one caused an unplanned restart, instead of moving the maintenance window.",
                "The instance was created from a template that turns the option off.",
            ],
            Recommendation = "Enable automatic minor version upgrades and set a maintenance window that suits the workload.",
            Remediation = StandaloneFix,
            RemediationVariants = [MemberFix],
            Compliance = Cis.Refs(v3: "2.3.2", v5: "2.2.2"),
        };
    }

    public override CheckInfo Info { get; }

    protected override string CliFlag => "--auto-minor-version-upgrade";
    protected override (string Name, string Value) TerraformSetting => ("auto_minor_version_upgrade", "true");
    protected override string DocUrl => "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_UpgradeDBInstance.Upgrading.html#USER_UpgradeDBInstance.Upgrading.AutoMinorVersionUpgrades";

    protected override bool Fails(DBInstance instance) => instance.AutoMinorVersionUpgrade != true;

    protected override string Describe(DBInstance instance) =>
        $"DB instance {instance.DBInstanceIdentifier} ({instance.Engine} {instance.EngineVersion}) does not apply minor versions automatically.";
}
