using CloudAudit.Checks.Framework;
using CloudAudit.Inventory.Views;

namespace CloudAudit.Checks.SageMaker;

/// <summary>Users of a SageMaker notebook instance have root on it.</summary>
public sealed class NotebookRootAccess : NotebookCheck
{
    public override CheckInfo Info { get; } = new()
    {
        Id = "aws-sagemaker-001",
        Title = "SageMaker notebook instance allows root access",
        Service = "SageMaker",
        Severity = Severity.Critical,
        ResourceType = "AWS::SageMaker::NotebookInstance",
        Description = "Describes every notebook instance in the scanned regions and fails each one whose RootAccess is Enabled "
            + "(the default when the notebook was created).",
        Rationale = "With root, anyone who can open the notebook can install software, change the instance's network and "
            + "security configuration, read every other user's files and the instance role's credentials, and persist across "
            + "restarts through the file system. Notebooks are reached through a browser session, so one phished data "
            + "scientist is enough.",
        CommonCauses =
        [
            "RootAccess defaults to Enabled and nobody changed it.",
            "Users asked for root to install packages, which lifecycle configurations or conda environments can do without it.",
        ],
        Recommendation = "Disable root access (the instance must be stopped) and install packages through lifecycle configurations.",
        Remediation = new(
            Cli: """
                aws sagemaker stop-notebook-instance --region {region} --notebook-instance-name {notebook}
                aws sagemaker wait notebook-instance-stopped --region {region} --notebook-instance-name {notebook}
                aws sagemaker update-notebook-instance --region {region} --notebook-instance-name {notebook} --root-access Disabled
                aws sagemaker start-notebook-instance --region {region} --notebook-instance-name {notebook}
                """,
            Terraform: """
                resource "aws_sagemaker_notebook_instance" "{notebook:id}" {
                  name          = {notebook}
                  role_arn      = {role_arn}
                  instance_type = {instance_type}
                  root_access   = "Disabled"
                }
                """,
            DocUrl: "https://docs.aws.amazon.com/sagemaker/latest/dg/nbi-root-access.html",
            Effort: Effort.Low),
    };

    protected override string? Setting(NotebookInstance notebook) => notebook.RootAccess;

    protected override string Problem => "gives its users root access (RootAccess Enabled)";
}
