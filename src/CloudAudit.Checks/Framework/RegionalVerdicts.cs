using CloudAudit.Inventory.Views;

namespace CloudAudit.Checks.Framework;

/// <summary>
/// How checks take regional reads into a verdict: a gap is recorded, a region where the service is
/// not offered is skipped (and named if nothing else was in scope), data is handed to the check.
/// </summary>
public static class RegionalVerdicts
{
    /// <summary>True with the value when the region answered; records the gap otherwise.</summary>
    public static bool Accept<T>(this Verdict verdict, RegionRead<T> read, out T value) where T : class
    {
        value = read.Value!;
        if (read.Gap is { } gap) verdict.Gap(gap);
        return read.Value is not null;
    }

    /// <summary>The listed resources; records the listing's gaps.</summary>
    public static IReadOnlyList<Located<T>> Accept<T>(this Verdict verdict, RegionalList<T> list)
    {
        verdict.AddGaps(list.Gaps);
        return list.Items;
    }

    /// <summary>"no X in the scanned regions", naming the regions where the service is not offered.</summary>
    public static string NothingInScope(string what, IReadOnlyCollection<string> notOffered) =>
        notOffered.Count == 0 ? what : $"{what} (not offered in {string.Join(", ", notOffered)})";

    /// <summary>Which regions did not offer the service among a set of reads.</summary>
    public static IReadOnlyList<string> NotOffered<T>(IEnumerable<RegionRead<T>> reads) where T : class =>
        reads.Where(r => r.NotOffered).Select(r => r.Region).ToList();
}
