using System.Text.Json.Serialization.Metadata;
using CloudAudit.Inventory.Catalog;
using CloudAudit.Inventory.Snapshot;

namespace CloudAudit.Inventory.Views;

/// <summary>
/// What one region answered to a regional read: the response, the gap, or neither when the service
/// is not offered there (<see cref="ErrorKind.NotAvailableInRegion"/>). A service that does not exist
/// in a region has nothing to assess: that is "not applicable", never a gap and never a pass.
/// </summary>
public readonly record struct RegionRead<T>(string Region, T? Value, DataGap? Gap) where T : class
{
    public bool NotOffered => Value is null && Gap is null;

    public static RegionRead<T> From(string region, Observed<T> observed) =>
        observed.Gap is { Kind: ErrorKind.NotAvailableInRegion }
            ? new(region, null, null)
            : new(region, observed.Value, observed.Gap);
}

/// <summary>Resources listed in every scanned region, with the gaps and the regions where the service is not offered.</summary>
public sealed record RegionalList<T>(IReadOnlyList<Located<T>> Items, IReadOnlyList<DataGap> Gaps, IReadOnlyList<string> NotOffered)
{
    public static RegionalList<T> Gather<TResponse>(IEnumerable<RegionRead<TResponse>> reads, Func<TResponse, IEnumerable<T>?> items)
        where TResponse : class
    {
        var found = new List<Located<T>>();
        var gaps = new List<DataGap>();
        var notOffered = new List<string>();
        foreach (var read in reads)
        {
            if (read.NotOffered) notOffered.Add(read.Region);
            else if (read.Gap is { } gap) gaps.Add(gap);
            else found.AddRange((items(read.Value!) ?? []).Select(item => new Located<T>(read.Region, item)));
        }
        return new RegionalList<T>(found, gaps, notOffered);
    }

    /// <summary>Each listed resource expanded into the items a further read returns for it (services of a cluster …).</summary>
    public RegionalList<TOut> Expand<TOut>(Func<Located<T>, Gathered<TOut>> read)
    {
        var items = new List<Located<TOut>>();
        var gaps = Gaps.ToList();
        foreach (var item in Items)
        {
            var gathered = read(item);
            gaps.AddRange(gathered.Gaps);
            items.AddRange(gathered.Items.Select(x => new Located<TOut>(item.Region, x)));
        }
        return new RegionalList<TOut>(items, gaps, NotOffered);
    }

    /// <summary>Each listed resource replaced by its detail read (DescribeTable for a listed table name …); failed reads become gaps.</summary>
    public RegionalList<TOut> Detail<TOut>(Func<Located<T>, Observed<TOut>> read) where TOut : class =>
        Detail(read, value => value);

    /// <summary>As <see cref="Detail{TOut}(Func{Located{T}, Observed{TOut}})"/>, taking the resource out of a wrapping response.</summary>
    public RegionalList<TOut> Detail<TResponse, TOut>(Func<Located<T>, Observed<TResponse>> read, Func<TResponse, TOut?> select)
        where TResponse : class where TOut : class =>
        Expand(item => read(item).TryGet(out var response, out var gap)
            ? new Gathered<TOut>(select(response) is { } value ? [value] : [], [])
            : new Gathered<TOut>([], [gap!]));
}

/// <summary>Reads a regional call in every scanned region.</summary>
internal static class RegionalReads
{
    public static IEnumerable<RegionRead<T>> InEveryRegion<T>(this AccountData data, ApiCall call, JsonTypeInfo<T> type) where T : class =>
        data.Regions.Select(region => data.InRegion(call, type, region));

    public static RegionRead<T> InRegion<T>(this AccountData data, ApiCall call, JsonTypeInfo<T> type, string region) where T : class =>
        RegionRead<T>.From(region, ViewJson.Read(data.InRegion(call, region), type));

    /// <summary>The items of a read split into batches (50 finding IDs, 10 services …); each failed batch is a gap.</summary>
    public static Gathered<TItem> ReadBatches<TResponse, TItem>(this AccountData data, ApiCall call, IEnumerable<CallTarget> batches,
        JsonTypeInfo<TResponse> type, Func<TResponse, IEnumerable<TItem>?> items) where TResponse : class
    {
        var found = new List<TItem>();
        var gaps = new List<DataGap>();
        foreach (var batch in batches)
        {
            var read = ViewJson.Read(data.ForTarget(call, batch), type);
            if (read.TryGet(out var response, out var gap)) found.AddRange(items(response) ?? []);
            else gaps.Add(gap!);
        }
        return new Gathered<TItem>(found, gaps);
    }

    public static RegionalList<TItem> ListInEveryRegion<TResponse, TItem>(this AccountData data, ApiCall call,
        JsonTypeInfo<TResponse> type, Func<TResponse, IEnumerable<TItem>?> items) where TResponse : class =>
        RegionalList<TItem>.Gather(data.InEveryRegion(call, type), items);
}
