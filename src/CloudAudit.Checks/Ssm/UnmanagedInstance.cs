using CloudAudit.Checks.Framework;
using CloudAudit.Inventory.Catalog;

namespace CloudAudit.Checks.Ssm;

/// <summary>A running EC2 instance that Systems Manager does not manage (or cannot reach).</summary>
public sealed class UnmanagedInstance : Check
{
    public override CheckInfo Info { get; } = new()
    {
        Id = "aws-ssm-001",
        Title = "Running EC2 instance not managed by Systems Manager",
        Service = "SSM",
        Severity = Severity.Medium,
        ResourceType = "AWS::EC2::Instance",
        Description = "Compares the running instances of every scanned region (DescribeInstances, filtered on state running) "
            + "with the instances Systems Manager knows (DescribeInstanceInformation). An instance SSM does not list fails, and "
            + "so does one whose agent stopped reporting (PingStatus ConnectionLost or Inactive).",
        Rationale = "Instances outside Systems Manager are patched, inventoried and accessed by hand: they drift behind on "
            + "security updates, get SSH keys and open port 22 for administration, and are invisible to Patch Manager, "
            + "Inventory and Session Manager's audited access.",
        CommonCauses =
        [
            "The instance profile lacks the AmazonSSMManagedInstanceCore policy (or Default Host Management is off).",
            "The SSM agent is missing from a custom AMI, or stopped.",
            "Private subnets have neither a NAT route nor VPC endpoints for ssm, ssmmessages and ec2messages.",
        ],
        Recommendation = "Enable Default Host Management Configuration (or attach AmazonSSMManagedInstanceCore to the instance role), run the SSM agent and give it a route to the SSM endpoints.",
        Remediation = new(
            Cli: """
                # Default Host Management: SSM manages every instance in the region through one role, no instance profile change needed.
                aws iam create-role --path /service-role/ --role-name AWSSystemsManagerDefaultEC2InstanceManagementRole --assume-role-policy-document '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ssm.amazonaws.com"},"Action":"sts:AssumeRole"}]}'
                aws iam attach-role-policy --role-name AWSSystemsManagerDefaultEC2InstanceManagementRole --policy-arn {policy_arn}
                aws ssm update-service-setting --region {region} --setting-id {setting_arn} --setting-value service-role/AWSSystemsManagerDefaultEC2InstanceManagementRole
                """,
            Terraform: """
                resource "aws_iam_role" "ssm_default_host_management" {
                  name = "AWSSystemsManagerDefaultEC2InstanceManagementRole"
                  path = "/service-role/"
                  assume_role_policy = jsonencode({
                    Version   = "2012-10-17"
                    Statement = [{ Effect = "Allow", Principal = { Service = "ssm.amazonaws.com" }, Action = "sts:AssumeRole" }]
                  })
                }

                resource "aws_iam_role_policy_attachment" "ssm_default_host_management" {
                  role       = aws_iam_role.ssm_default_host_management.name
                  policy_arn = {policy_arn}
                }

                resource "aws_ssm_service_setting" "{region:id}_default_host_management" {
                  region        = {region}
                  setting_id    = {setting_arn}
                  setting_value = "service-role/${aws_iam_role.ssm_default_host_management.name}"
                }
                """,
            DocUrl: "https://docs.aws.amazon.com/systems-manager/latest/userguide/fleet-manager-default-host-management-configuration.html",
            Effort: Effort.Medium),
    };

    public override IReadOnlyList<ApiCall> Reads { get; } = [SsmCalls.DescribeRunningInstances, SsmCalls.DescribeInstanceInformation];

    public override void Evaluate(CheckContext context, Verdict verdict)
    {
        var fleets = InstanceFleet.Read(context, verdict, out var notOffered);
        foreach (var fleet in fleets)
            foreach (var instance in fleet.Running)
            {
                verdict.Scanned(InstanceFleet.InstanceArn(context, fleet.Region, instance));
                var info = fleet.Managed(instance.InstanceId);
                if (info?.PingStatus == "Online") continue;
                var problem = info is null
                    ? "is not managed by Systems Manager"
                    : $"is registered with Systems Manager but its agent is not reporting (PingStatus {info.PingStatus}, last seen {info.LastPingDateTime ?? "never"})";
                verdict.Fail(InstanceFleet.InstanceArn(context, fleet.Region, instance), fleet.Region,
                    $"Running instance {instance.Label} {problem}.",
                    new SlotValues()
                        .With("setting_arn",
                            $"arn:{context.Partition}:ssm:{fleet.Region}:{context.AccountId}:servicesetting/ssm/managed-instance/default-ec2-instance-management-role")
                        .With("policy_arn", IamCalls.AwsManagedPolicyArn(context.Partition, "AmazonSSMManagedEC2InstanceDefaultPolicy")));
            }
        if (fleets.Sum(f => f.Running.Count) == 0)
            InstanceFleet.NoRunningInstances(verdict, notOffered);
    }
}
