using System.Text.Json.Serialization.Metadata;
using CloudAudit.Inventory.Catalog;

namespace CloudAudit.Inventory.Views;

/// <summary>A resource listed by a regional call, with the region it was listed in.</summary>
public sealed record Located<T>(string Region, T Resource);

internal static class RegionalListing
{
    /// <summary>The items of a regional listing across every scanned region, with a gap per region that could not be read.</summary>
    public static Gathered<Located<T>> Gather<TResponse, T>(AccountData data, ApiCall call, JsonTypeInfo<TResponse> type,
        Func<TResponse, IEnumerable<T>?> items) where TResponse : class
    {
        var found = new List<Located<T>>();
        var gaps = new List<DataGap>();
        foreach (var region in data.Regions)
        {
            if (ViewJson.Read(data.InRegion(call, region), type).TryGet(out var response, out var gap))
                found.AddRange((items(response) ?? []).Select(item => new Located<T>(region, item)));
            else
                gaps.Add(gap!);
        }
        return new Gathered<Located<T>>(found, gaps);
    }
}
