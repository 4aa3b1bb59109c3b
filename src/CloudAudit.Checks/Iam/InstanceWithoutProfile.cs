using System.Text.Json.Nodes;
using System.Text;
using CloudAudit.Checks.Framework;
using CloudAudit.Inventory.Catalog;
using CloudAudit.Inventory.Views;

namespace CloudAudit.Checks.Iam;

/// <summary>CIS 1.18 (v5 1.17): instances get AWS access through an instance role.</summary>
public sealed class InstanceWithoutProfile : Check
{
    public override CheckInfo Info { get; } = new()
    {
        Id = "aws-iam-016",
        Title = "Running EC2 instance has no instance profile",
        Service = "IAM",
        Severity = Severity.Medium,
        ResourceType = "AWS::EC2::Instance",
        Description = "Calls DescribeInstances in every scanned region and fails each running instance without an "
            + "IamInstanceProfile. Instances a service operates for the account (Operator.Managed, such as EKS Auto "
            + "Mode nodes) are skipped.",
        Rationale = "Software on an instance without a role that needs AWS access gets it from long-lived access keys "
            + "copied onto the disk, into environment variables or baked into images, where anyone who reads the "
            + "instance or the image can take them. An instance role hands out short-lived credentials that rotate "
            + "by themselves and never need to be stored.",
        CommonCauses =
        [
            "Instances launched from old templates or by hand, without an instance profile.",
            "Applications configured with an IAM user's access keys in a config file.",
            "A profile was thought unnecessary because the instance \"does not call AWS\" (it usually does: SSM, CloudWatch, S3).",
        ],
        Recommendation = "Attach an instance profile whose role grants what the workload needs, and remove any access keys stored on the instance.",
        Remediation = new(
            Cli: """
                # A role EC2 can assume, in an instance profile; grant the role only what the workload needs.
                aws iam create-role --role-name {role_name} \
                  --assume-role-policy-document '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}'
                aws iam create-instance-profile --instance-profile-name {role_name}
                aws iam add-role-to-instance-profile --instance-profile-name {role_name} --role-name {role_name}
                # Attach it to the running instance (no restart needed).
                aws ec2 associate-iam-instance-profile --region {region} --instance-id {instance_id} \
                  --iam-instance-profile {instance_profile}
                """,
            Terraform: """
                resource "aws_iam_role" "{instance_id:id}" {
                  name = {role_name}
                  assume_role_policy = jsonencode({
                    Version   = "2012-10-17"
                    Statement = [{ Effect = "Allow", Principal = { Service = "ec2.amazonaws.com" }, Action = "sts:AssumeRole" }]
                  })
                }

                resource "aws_iam_instance_profile" "{instance_id:id}" {
                  name = {role_name}
                  role = aws_iam_role.{instance_id:id}.name
                }

                # Then set iam_instance_profile = aws_iam_instance_profile.{instance_id:id}.name on the instance's aws_instance resource.
                """,
            DocUrl: "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/iam-roles-for-amazon-ec2.html",
            Effort: Effort.Medium),
        Compliance = Cis.Refs(v3: "1.18", v5: "1.17", v7Iam: "2.16", v14: "1.18"),
    };

    public override IReadOnlyList<ApiCall> Reads { get; } = [Ec2Calls.DescribeInstances];

    public override void Evaluate(CheckContext context, Verdict verdict)
    {
        foreach (var (region, response) in context.InEachRegion(context.Data.Ec2().Instances, verdict))
        {
            foreach (var instance in response.Where(i => i.Running && i.Operator?.Managed != true))
            {
                verdict.Scanned($"arn:{context.Partition}:ec2:{region}:{context.AccountId}:instance/{instance.InstanceId}");
                if (instance.IamInstanceProfile is not null)
                    continue;
                var label = instance.Name is { } name ? $"{instance.InstanceId} ({name})" : instance.InstanceId;
                verdict.Fail($"arn:{context.Partition}:ec2:{region}:{context.AccountId}:instance/{instance.InstanceId}", region,
                    $"Instance {label} in {region} is running without an instance profile.",
                    new SlotValues()
                        .With("instance_id", instance.InstanceId)
                        .With("role_name", RoleName(instance))
                        .With("instance_profile", CliFix.Json(new JsonObject { ["Name"] = RoleName(instance) })));
            }
        }
        if (verdict.ResourcesScanned == 0 && verdict.Gaps.Count == 0)
            verdict.NotApplicable("no running EC2 instances in the scanned regions");
    }

    /// <summary>A role name for the instance: its Name tag (or ID) in IAM's character set, within IAM's 64 characters.</summary>
    private static string RoleName(Ec2Instance instance)
    {
        var name = new StringBuilder();
        foreach (var c in instance.Name ?? instance.InstanceId)
            name.Append(char.IsAsciiLetterOrDigit(c) || "+=,.@_-".Contains(c) ? c : '-');
        var stem = name.ToString().Trim('-');
        if (stem.Length == 0) stem = instance.InstanceId;
        const string suffix = "-instance-role";
        return (stem.Length > 64 - suffix.Length ? stem[..(64 - suffix.Length)] : stem) + suffix;
    }
}
