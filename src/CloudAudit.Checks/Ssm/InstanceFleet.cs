using CloudAudit.Checks.Framework;
using CloudAudit.Inventory.Views;

namespace CloudAudit.Checks.Ssm;

/// <summary>One region's running EC2 instances beside what Systems Manager knows of them.</summary>
public sealed record RegionFleet(string Region, IReadOnlyList<Ec2Instance> Running, DescribeInstanceInformationResponse Registrations)
{
    private readonly Dictionary<string, InstanceInformation> _managed = (Registrations.InstanceInformationList ?? [])
        .GroupBy(i => i.InstanceId).ToDictionary(g => g.Key, g => g.First());

    /// <summary>What SSM knows of an instance, or null when it is not registered.</summary>
    public InstanceInformation? Managed(string instanceId) => _managed.GetValueOrDefault(instanceId);
}

/// <summary>Pairs running instances with SSM's instance information, region by region.</summary>
public static class InstanceFleet
{
    /// <summary>
    /// The regions whose running instances and SSM registrations could both be read; the gaps go
    /// to the verdict. A region without running instances needs no SSM read.
    /// </summary>
    public static IReadOnlyList<RegionFleet> Read(CheckContext context, Verdict verdict, out IReadOnlyList<string> notOffered)
    {
        var ssm = context.Data.Ssm();
        var running = ssm.RunningInstances();
        verdict.AddGaps(running.Gaps);
        var fleets = new List<RegionFleet>();
        foreach (var group in running.Items.GroupBy(i => i.Region))
        {
            if (!verdict.Accept(ssm.ManagedInstances(group.Key), out var managed)) continue;
            fleets.Add(new RegionFleet(group.Key, group.Select(i => i.Resource).ToList(), managed));
        }
        notOffered = running.NotOffered;
        return fleets;
    }

    public static string InstanceArn(CheckContext context, string region, Ec2Instance instance) =>
        $"arn:{context.Partition}:ec2:{region}:{context.AccountId}:instance/{instance.InstanceId}";

    public static void NoRunningInstances(Verdict verdict, IReadOnlyList<string> notOffered) =>
        verdict.NotApplicable(RegionalVerdicts.NothingInScope("no running EC2 instances in the scanned regions", notOffered));
}
