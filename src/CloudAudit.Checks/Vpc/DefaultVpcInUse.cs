using System.Text.Json.Nodes;
using CloudAudit.Checks.Framework;
using CloudAudit.Inventory.Catalog;
using CloudAudit.Inventory.Views;

namespace CloudAudit.Checks.Vpc;

/// <summary>Workloads do not run in the default VPC.</summary>
public sealed class DefaultVpcInUse : Check
{
    public override CheckInfo Info { get; } = new()
    {
        Id = "aws-vpc-001",
        Title = "Default VPC in use",
        Service = "VPC",
        Severity = Severity.Medium,
        ResourceType = "AWS::EC2::VPC",
        Description = "Finds the default VPC of every scanned region (DescribeVpcs, IsDefault) and fails it when any network "
            + "interface lives in it (DescribeNetworkInterfaces): instances, load balancers, Lambda functions, databases "
            + "and endpoints all show up as interfaces. A default VPC with no interfaces passes (deleting it is still "
            + "good hygiene). Default VPCs shared by another account are skipped.",
        Rationale = "The default VPC was built for convenience, not isolation: every subnet is public, instances get a "
            + "public IP unless told otherwise, the default NACL allows everything, nothing logs its traffic, and its "
            + "172.31.0.0/16 range is the same in every account, so it cannot be peered or routed to cleanly. Workloads "
            + "in it are one security-group slip away from the internet.",
        CommonCauses =
        [
            "Instances launched from the console or CLI without choosing a subnet land in the default VPC.",
            "Early experiments became production without moving.",
            "Services such as Lambda, RDS or SageMaker were configured with the default VPC because it was preselected.",
        ],
        Recommendation = "Move the workloads into a purpose-built VPC with private subnets, then delete the default VPC.",
        Remediation = new(
            Cli: """
                # See what still runs in the default VPC, move it to a purpose-built VPC, then delete the default VPC
                # (its subnets and internet gateway first): https://docs.aws.amazon.com/vpc/latest/userguide/delete-vpc.html
                aws ec2 describe-network-interfaces --region {region} --filters {vpc_filter} \
                  --query 'NetworkInterfaces[].[NetworkInterfaceId,InterfaceType,Attachment.InstanceId,Description]' --output table
                """,
            Terraform: """
                # Once nothing runs in it, adopt the default VPC and let `terraform destroy` delete it
                # (the region argument needs AWS provider 6 or newer; with older providers use a provider alias per region):
                resource "aws_default_vpc" "{region:id}" {
                  region        = {region}
                  force_destroy = true
                }
                """,
            DocUrl: "https://docs.aws.amazon.com/vpc/latest/userguide/default-vpc.html",
            Effort: Effort.High),
    };

    public override IReadOnlyList<ApiCall> Reads { get; } = [Ec2Calls.DescribeVpcs, Ec2Calls.DescribeNetworkInterfaces];

    public override void Evaluate(CheckContext context, Verdict verdict)
    {
        var vpc = context.Data.Vpc();
        foreach (var region in context.Regions)
        {
            if (!verdict.Read(vpc.Vpcs(region), out var vpcs))
                continue;
            var defaults = vpcs.Where(v => v.Default && (v.OwnerId is null || v.OwnerId == context.AccountId)).ToList();
            if (defaults.Count == 0 || !verdict.Read(vpc.NetworkInterfaces(region), out var interfaces))
                continue;
            foreach (var defaultVpc in defaults)
            {
                verdict.Scanned(defaultVpc.VpcId);
                var inside = interfaces.Where(i => i.VpcId == defaultVpc.VpcId).ToList();
                if (inside.Count == 0)
                    continue;
                var users = string.Join(", ", inside.Take(5).Select(i => i.Owner)) + (inside.Count > 5 ? ", and others" : "");
                verdict.Fail(defaultVpc.VpcId, region,
                    $"Default VPC {defaultVpc.VpcId} ({defaultVpc.CidrBlock}) holds {inside.Count} network interface(s): {users}.",
                    new SlotValues()
                        .With("vpc_id", defaultVpc.VpcId)
                        .With("vpc_filter", CliFix.Json(new JsonArray(new JsonObject { ["Name"] = "vpc-id", ["Values"] = new JsonArray(defaultVpc.VpcId) }))));
            }
        }
        if (verdict.ResourcesScanned == 0)
            verdict.NotApplicable("no default VPC in the scanned regions");
    }
}
