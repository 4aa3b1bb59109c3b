using CloudAudit.Checks.Framework;
using CloudAudit.Inventory.Views;

namespace CloudAudit.Checks.SageMaker;

/// <summary>A SageMaker notebook instance reaches the internet directly, outside the VPC's controls.</summary>
public sealed class NotebookDirectInternet : NotebookCheck
{
    public override CheckInfo Info { get; } = new()
    {
        Id = "aws-sagemaker-002",
        Title = "SageMaker notebook instance has direct internet access",
        Service = "SageMaker",
        Severity = Severity.High,
        ResourceType = "AWS::SageMaker::NotebookInstance",
        Description = "Describes every notebook instance in the scanned regions and fails each one whose DirectInternetAccess "
            + "is Enabled, meaning SageMaker gives it a network path to the internet that bypasses the customer's VPC.",
        Rationale = "A notebook with direct internet access can send training data, credentials and model artefacts anywhere, "
            + "and download anything, without passing the VPC's security groups, network firewall, proxy or flow logs. It "
            + "is the simplest exfiltration path out of a data science environment.",
        CommonCauses =
        [
            "DirectInternetAccess defaults to Enabled when a notebook is created without a VPC subnet.",
            "Packages are installed from public repositories instead of a private mirror or a NAT-routed subnet.",
        ],
        Recommendation = "Recreate the notebook in a private VPC subnet with DirectInternetAccess Disabled (the setting cannot be changed in place), routing required traffic through NAT or VPC endpoints.",
        Remediation = new(
            Cli: """
                # The setting cannot be updated: create a replacement in a VPC subnet, move the work, then delete the old notebook.
                aws sagemaker create-notebook-instance --region {region} --notebook-instance-name {replacement_notebook} --instance-type {instance_type} --role-arn {role_arn} --subnet-id <SUBNET_ID> --security-group-ids <SECURITY_GROUP_ID> --direct-internet-access Disabled --root-access Disabled --kms-key-id {kms_key}
                """,
            Terraform: """
                resource "aws_sagemaker_notebook_instance" "{notebook:id}" {
                  name                   = {notebook}
                  role_arn               = {role_arn}
                  instance_type          = {instance_type}
                  subnet_id              = "<SUBNET_ID>"
                  security_groups        = ["<SECURITY_GROUP_ID>"]
                  direct_internet_access = "Disabled"
                  root_access            = "Disabled"
                  kms_key_id             = {kms_key}
                }
                """,
            DocUrl: "https://docs.aws.amazon.com/sagemaker/latest/dg/appendix-notebook-and-internet-access.html",
            Effort: Effort.Medium),
    };

    protected override string? Setting(NotebookInstance notebook) => notebook.DirectInternetAccess;

    protected override string Problem => "has direct internet access outside the VPC (DirectInternetAccess Enabled)";
}
