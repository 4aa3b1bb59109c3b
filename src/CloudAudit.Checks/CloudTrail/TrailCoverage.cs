using CloudAudit.Checks.Framework;
using CloudAudit.Inventory;
using CloudAudit.Inventory.Views;

namespace CloudAudit.Checks.CloudTrail;

/// <summary>One trail judged by the CIS audit steps: multi-region, logging, management events read and write.</summary>
public sealed record TrailState(
    Trail Trail,
    bool? Logging,
    TrailStatus? Status,
    TrailEventSelectors? Selectors,
    bool? ManagementReadAndWrite,
    IReadOnlyList<DataGap> Gaps)
{
    /// <summary>True when the trail records every management event of every region; null when that could not be read.</summary>
    public bool? RecordsAllManagementEvents =>
        !Trail.MultiRegion ? false
        : Logging == false || ManagementReadAndWrite == false ? false
        : Logging is null || ManagementReadAndWrite is null ? null
        : true;

    /// <summary>Why the trail does not record every management event, in a few words.</summary>
    public string Shortfall()
    {
        var reasons = new List<string>();
        if (!Trail.MultiRegion) reasons.Add("is single-region");
        if (Logging == false) reasons.Add("is not logging");
        if (ManagementReadAndWrite == false) reasons.Add("does not record both read and write management events");
        return reasons.Count > 0 ? string.Join(" and ", reasons) : "could not be fully read";
    }
}

/// <summary>
/// The account's trails with their status and selectors, read once per account and shared by
/// aws-ct-001, aws-ct-008 and the CIS monitoring checks.
/// </summary>
public sealed class TrailCoverage
{
    private TrailCoverage(Gathered<Trail> listing, IReadOnlyList<TrailState> trails)
    {
        Listing = listing;
        Trails = trails;
    }

    /// <summary>DescribeTrails across regions, with gaps for regions that could not be listed.</summary>
    public Gathered<Trail> Listing { get; }
    public IReadOnlyList<TrailState> Trails { get; }

    /// <summary>Trails that record all management events in every region.</summary>
    public IEnumerable<TrailState> Qualifying => Trails.Where(t => t.RecordsAllManagementEvents == true);

    /// <summary>Multi-region trails whose qualification could not be decided.</summary>
    public IEnumerable<TrailState> Undecided => Trails.Where(t => t.RecordsAllManagementEvents is null);

    public static TrailCoverage Of(CheckContext context) => context.Shared(Build);

    private static TrailCoverage Build(CheckContext context)
    {
        var view = context.Data.CloudTrail();
        var listing = view.Trails();
        var states = listing.Items.Select(trail => Assess(view, trail)).ToList();
        return new TrailCoverage(listing, states);
    }

    private static TrailState Assess(CloudTrailView view, Trail trail)
    {
        var gaps = new List<DataGap>();
        var status = view.Status(trail);
        if (status.Gap is { } statusGap) gaps.Add(statusGap);
        var selectors = view.Selectors(trail);
        if (selectors.Gap is { } selectorGap) gaps.Add(selectorGap);
        return new TrailState(trail, status.Value?.IsLogging, status.Value, selectors.Value,
            selectors.Value is null ? null : ManagementEvents.ReadAndWrite(selectors.Value), gaps);
    }
}

/// <summary>What a trail's event selectors (basic or advanced) say about management events.</summary>
public static class ManagementEvents
{
    /// <summary>
    /// Whether the trail records both read and write management events (from at least some sources: which
    /// sources and events each CIS monitoring control needs is judged per control, see <see cref="EventSelection"/>).
    /// </summary>
    public static bool ReadAndWrite(TrailEventSelectors selectors) =>
        EventSelection.RecordsManagementEvents(selectors, readOnly: true) && EventSelection.RecordsManagementEvents(selectors, readOnly: false);
}
