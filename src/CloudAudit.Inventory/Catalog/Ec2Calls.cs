using System.Text.Json.Nodes;
using CloudAudit.Inventory.Views;
using static CloudAudit.Inventory.Catalog.JsonParams;

namespace CloudAudit.Inventory.Catalog;

/// <summary>
/// EC2 and VPC reads (one botocore service, "ec2"), each made in every scanned region. Flow logs are
/// read through <see cref="MonitoringCalls.DescribeFlowLogs"/>, which the log-group check declared first.
/// </summary>
public static class Ec2Calls
{
    public static readonly ApiCall DescribeInstances = ApiCall.Regional("ec2", "DescribeInstances");
    public static readonly ApiCall DescribeVolumes = ApiCall.Regional("ec2", "DescribeVolumes");
    public static readonly ApiCall DescribeOwnImages = ApiCall.Regional("ec2", "DescribeImages", Of(("Owners", new JsonArray("self"))));
    public static readonly ApiCall GetEbsEncryptionByDefault = ApiCall.Regional("ec2", "GetEbsEncryptionByDefault");
    public static readonly ApiCall DescribeAddresses = ApiCall.Regional("ec2", "DescribeAddresses");
    /// <summary>The region's Allowed AMIs setting: which images instances may be launched from.</summary>
    public static readonly ApiCall GetAllowedImagesSettings = ApiCall.Regional("ec2", "GetAllowedImagesSettings");

    public static readonly ApiCall DescribeVpcs = ApiCall.Regional("ec2", "DescribeVpcs");
    public static readonly ApiCall DescribeSubnets = ApiCall.Regional("ec2", "DescribeSubnets");
    public static readonly ApiCall DescribeRouteTables = ApiCall.Regional("ec2", "DescribeRouteTables");
    public static readonly ApiCall DescribeNetworkInterfaces = ApiCall.Regional("ec2", "DescribeNetworkInterfaces");
    public static readonly ApiCall DescribeSecurityGroups = ApiCall.Regional("ec2", "DescribeSecurityGroups");
    public static readonly ApiCall DescribeSecurityGroupRules = ApiCall.Regional("ec2", "DescribeSecurityGroupRules");
    public static readonly ApiCall DescribeNetworkAcls = ApiCall.Regional("ec2", "DescribeNetworkAcls");
    public static readonly ApiCall DescribeVpcPeeringConnections = ApiCall.Regional("ec2", "DescribeVpcPeeringConnections");

    /// <summary>Every regional ec2 read declared here.</summary>
    public static IReadOnlyList<ApiCall> RegionalReads =>
    [
        DescribeInstances, DescribeVolumes, DescribeOwnImages, GetEbsEncryptionByDefault, DescribeAddresses, DescribeVpcs, DescribeSubnets,
        DescribeRouteTables, DescribeNetworkInterfaces, DescribeSecurityGroups, DescribeSecurityGroupRules, DescribeNetworkAcls,
        DescribeVpcPeeringConnections,
    ];

    /// <summary>
    /// disableApiTermination of each instance whose protection is the owner's choice
    /// (<see cref="Ec2Instance.TerminationProtectionApplies"/>).
    /// </summary>
    public static readonly ApiCall DescribeTerminationProtection =
        ApiCall.PerResource(DescribeInstances, "ec2", "DescribeInstanceAttribute", parent =>
            Ec2View.InstancesIn(parent.Response)
                .Where(i => i.TerminationProtectionApplies)
                .Select(i => TerminationProtectionTarget(parent.Region, i.InstanceId)));

    public static CallTarget TerminationProtectionTarget(string region, string instanceId) =>
        Target(region, ("Attribute", "disableApiTermination"), ("InstanceId", instanceId));
}
