using CloudAudit.Checks.Framework;
using CloudAudit.Inventory.Catalog;
using CloudAudit.Inventory.Views;

namespace CloudAudit.Checks.Ec2;

/// <summary>Elastic IPs that are allocated, billed, and attached to nothing.</summary>
public sealed class UnattachedElasticIp : Check
{
    public override CheckInfo Info { get; } = new()
    {
        Id = "aws-eip-001",
        Title = "Elastic IP not attached",
        Service = "EC2",
        Severity = Severity.Low,
        Category = Category.Cost,
        ResourceType = "AWS::EC2::EIP",
        Description = "Lists the Elastic IP addresses of every scanned region (DescribeAddresses) and fails each one with no "
            + "association (no AssociationId, instance or network interface). Addresses managed by another AWS service "
            + "(ServiceManaged) and addresses from your own BYOIP pools, which carry no public IPv4 charge, are skipped.",
        Rationale = "AWS bills every public IPv4 address by the hour (USD 0.005, about 3.60 a month each), and an idle "
            + "Elastic IP buys nothing for it. Idle addresses also linger in allow-lists and DNS records: if they are "
            + "released later and reassigned to another customer, those entries point at someone else.",
        CommonCauses =
        [
            "The instance was terminated but the Elastic IP allocated for it was not released.",
            "Addresses are held \"just in case\" because a partner allow-lists them.",
            "Infrastructure code allocates the address in one module and associates it in another that was removed.",
        ],
        Recommendation = "Release the address, or attach it to the resource it was allocated for.",
        Remediation = new(
            Cli: """
                # Check first that no DNS record or partner allow-list still expects {public_ip}:
                aws ec2 release-address --region {region} --allocation-id {allocation_id}
                """,
            Terraform: """
                # Delete the aws_eip resource that holds {public_ip}, or attach it to an instance:
                resource "aws_eip_association" "{allocation_id:id}" {
                  allocation_id = {allocation_id}
                  instance_id   = "<INSTANCE_ID>"
                }
                """,
            DocUrl: "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/working-with-eips.html",
            Effort: Effort.Low),
    };

    public override IReadOnlyList<ApiCall> Reads { get; } = [Ec2Calls.DescribeAddresses];

    public override void Evaluate(CheckContext context, Verdict verdict)
    {
        var ec2 = context.Data.Ec2();
        foreach (var region in context.Regions)
        {
            if (!verdict.Read(ec2.Addresses(region), out var addresses))
                continue;
            foreach (var address in addresses.Where(a => a.ServiceManaged is null && a.PublicIpv4Pool is null or "amazon"))
            {
                verdict.Scanned(address.Id);
                if (address.Associated)
                    continue;
                verdict.Fail(address.Id, region,
                    $"Elastic IP {address.PublicIp} ({string.Join(", ", new[] { address.Id, address.Tags.Get("Name") }.OfType<string>())}) is allocated but not attached to anything.",
                    new SlotValues().With("allocation_id", address.Id).With("public_ip", address.PublicIp ?? address.Id));
            }
        }
        if (verdict.ResourcesScanned == 0)
            verdict.NotApplicable("no Elastic IP addresses in the scanned regions");
    }
}
