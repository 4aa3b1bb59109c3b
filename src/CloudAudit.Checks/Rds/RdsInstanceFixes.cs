using CloudAudit.Checks.Framework;

namespace CloudAudit.Checks.Rds;

/// <summary>
/// Fixes that change one setting of a DB instance: the same CLI for every instance, and Terraform for
/// a standalone instance (aws_db_instance) or a cluster member (aws_rds_cluster_instance).
/// </summary>
internal static class RdsInstanceFixes
{
    public static RemediationTemplate Standalone(string cliFlag, (string Name, string Value) setting, string docUrl) =>
        Fix("the DB instance stands alone (not in a cluster)", "aws_db_instance", cliFlag, docUrl,
            ("identifier", "{db_instance}"), ("engine", "{engine}"), ("instance_class", "{instance_class}"),
            ("allocated_storage", "{allocated_storage:raw}"), setting);

    public static RemediationTemplate ClusterMember(string cliFlag, (string Name, string Value) setting, string docUrl) =>
        Fix("the DB instance is a member of an Aurora cluster", "aws_rds_cluster_instance", cliFlag, docUrl,
            ("identifier", "{db_instance}"), ("cluster_identifier", "{db_cluster}"), ("engine", "{engine}"),
            ("instance_class", "{instance_class}"), setting);

    private static RemediationTemplate Fix(string when, string resourceType, string cliFlag, string docUrl,
        params (string Name, string Value)[] arguments)
    {
        // Aligned as terraform fmt aligns them.
        var width = arguments.Max(a => a.Name.Length);
        var body = string.Join("\n", arguments.Select(a => $"  {a.Name.PadRight(width)} = {a.Value}"));
        return new RemediationTemplate(
            Cli: $"aws rds modify-db-instance --region {{region}} --db-instance-identifier {{db_instance}} {cliFlag} --apply-immediately",
            Terraform: "# Set in the instance's existing resource; its other arguments stay as they are.\n"
                + $"resource \"{resourceType}\" \"{{db_instance:id}}\" {{\n{body}\n}}",
            DocUrl: docUrl,
            Effort: Effort.Low)
        {
            When = when,
        };
    }
}
