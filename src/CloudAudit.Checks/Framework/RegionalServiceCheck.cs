using CloudAudit.Inventory.Views;

namespace CloudAudit.Checks.Framework;

/// <summary>
/// A check of one per-region setting ("GuardDuty enabled", "invocation logging on"): each scanned
/// region that answered is judged once, a failed read is a gap, and a region where the service is
/// not offered is skipped; when every region was skipped the check is not applicable.
/// </summary>
public abstract class RegionalServiceCheck<T> : Check where T : class
{
    /// <summary>The service as users know it, for "not offered in …".</summary>
    protected abstract string ServiceName { get; }

    protected abstract IEnumerable<RegionRead<T>> Read(CheckContext context);

    /// <summary>The service and setting of <see cref="RegionSetting"/> that names what a region's judgement examined.</summary>
    protected abstract (string Service, string What) Setting { get; }

    /// <summary>Records the region's finding, if any; may record gaps of further reads.</summary>
    protected abstract void JudgeRegion(string region, T answer, CheckContext context, Verdict verdict);

    public override void Evaluate(CheckContext context, Verdict verdict)
    {
        var reads = Read(context).ToList();
        foreach (var read in reads)
        {
            if (!verdict.Accept(read, out var answer)) continue;
            var gaps = verdict.Gaps.Count;
            JudgeRegion(read.Region, answer, context, verdict);
            if (verdict.Gaps.Count == gaps) verdict.Scanned(RegionSetting(context, Setting.Service, read.Region, Setting.What));
        }
        verdict.NotApplicable($"{ServiceName} is not offered in {string.Join(", ", RegionalVerdicts.NotOffered(reads))}");
    }

    /// <summary>An ARN-shaped identity for a per-region setting that has no resource of its own.</summary>
    protected static string RegionSetting(CheckContext context, string service, string region, string what) =>
        $"arn:{context.Partition}:{service}:{region}:{context.AccountId}:{what}";
}
