using CloudAudit.Inventory.Views;

namespace CloudAudit.Checks.Framework;

/// <summary>
/// A check decided from one read (an account setting, a listing): when the read failed its gap makes
/// the check NOT ASSESSED; otherwise <see cref="Judge"/> sees the value and counts what it examined.
/// </summary>
public abstract class SettingCheck<T> : Check where T : class
{
    protected abstract Observed<T> Read(CheckContext context);

    protected abstract void Judge(T value, CheckContext context, Verdict verdict);

    public sealed override void Evaluate(CheckContext context, Verdict verdict)
    {
        if (Read(context).TryGet(out var value, out var gap))
            Judge(value, context, verdict);
        else
            verdict.Gap(gap!);
    }
}

/// <summary>Reads repeated in every scanned region.</summary>
public static class RegionalReads
{
    /// <summary>The regions whose read succeeded, with their value; each failed read is recorded as a gap.</summary>
    public static IEnumerable<(string Region, T Value)> InEachRegion<T>(this CheckContext context, Func<string, Observed<T>> read,
        Verdict verdict) where T : class
    {
        foreach (var region in context.Regions)
        {
            if (read(region).TryGet(out var value, out var gap))
                yield return (region, value);
            else
                verdict.Gap(gap!);
        }
    }
}
