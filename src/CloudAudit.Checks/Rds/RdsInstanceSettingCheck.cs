using CloudAudit.Checks.Framework;
using CloudAudit.Inventory.Catalog;
using CloudAudit.Inventory.Views;

namespace CloudAudit.Checks.Rds;

/// <summary>
/// A check of one setting on every DB instance, Aurora cluster members included, fixed with
/// modify-db-instance. Subclasses give the setting's test, wording and fix.
/// </summary>
public abstract class RdsInstanceSettingCheck : Check
{
    private RemediationTemplate? _standalone, _member;

    /// <summary>The modify-db-instance flag that fixes the setting.</summary>
    protected abstract string CliFlag { get; }
    /// <summary>The Terraform argument that fixes it (same name on aws_db_instance and aws_rds_cluster_instance).</summary>
    protected abstract (string Name, string Value) TerraformSetting { get; }
    protected abstract string DocUrl { get; }

    protected abstract bool Fails(DBInstance instance);
    protected abstract string Describe(DBInstance instance);

    protected RemediationTemplate StandaloneFix => _standalone ??= RdsInstanceFixes.Standalone(CliFlag, TerraformSetting, DocUrl);
    protected RemediationTemplate MemberFix => _member ??= RdsInstanceFixes.ClusterMember(CliFlag, TerraformSetting, DocUrl);

    public override IReadOnlyList<ApiCall> Reads { get; } = [RdsCalls.DescribeDBInstances];

    public override void Evaluate(CheckContext context, Verdict verdict)
    {
        var instances = RdsEstate.Of(context).Instances;
        verdict.AddGaps(instances.Gaps);
        foreach (var (region, instance) in instances.Items.Select(i => (i.Region, i.Resource)))
        {
            verdict.Scanned(instance.Arn(context.Partition, region, context.AccountId));
            if (Fails(instance))
                verdict.Fail(instance.Arn(context.Partition, region, context.AccountId), region, Describe(instance),
                    RdsSlots.Instance(instance), remediation: instance.InCluster ? MemberFix : StandaloneFix);
        }
        verdict.NotApplicable("no RDS DB instance in the scanned regions");
    }
}
