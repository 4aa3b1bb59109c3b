namespace CloudAudit.Inventory.Views;

/// <summary>A value read from the inventory, or the gap that stands in its place.</summary>
public readonly record struct Observed<T>(T? Value, DataGap? Gap) where T : class
{
    public static Observed<T> Of(T value) => new(value, null);
    public static Observed<T> Missing(DataGap gap) => new(null, gap);

    public bool TryGet(out T value, out DataGap? gap)
    {
        value = Value!;
        gap = Gap;
        return Gap is null && Value is not null;
    }
}

/// <summary>Items gathered across regions (or resources), with the gaps where some could not be read.</summary>
public sealed record Gathered<T>(IReadOnlyList<T> Items, IReadOnlyList<DataGap> Gaps)
{
    public bool Complete => Gaps.Count == 0;
}
