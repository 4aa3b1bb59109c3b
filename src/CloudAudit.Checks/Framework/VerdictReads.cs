using CloudAudit.Inventory.Views;

namespace CloudAudit.Checks.Framework;

/// <summary>Reading a view's answer and recording its gap in one step, for checks that loop over regions.</summary>
public static class VerdictReads
{
    /// <summary>The observed value, or false with the read's gap recorded on the verdict.</summary>
    public static bool Read<T>(this Verdict verdict, Observed<T> observed, out T value) where T : class
    {
        if (observed.TryGet(out value, out var gap))
            return true;
        verdict.Gap(gap!);
        return false;
    }
}
