using System.Text.Json.Serialization;
using CloudAudit.Inventory.Catalog;
using static CloudAudit.Inventory.Catalog.JsonParams;

namespace CloudAudit.Inventory.Views;

public sealed record ListDetectorsResponse(List<string>? DetectorIds);

public sealed record GuardDutyDetector(string? Status, string? CreatedAt, string? FindingPublishingFrequency)
{
    public bool Enabled => Status == "ENABLED";
}

public sealed record ListFindingsResponse(List<string>? FindingIds);

public sealed record GuardDutyFindingService(bool? Archived, int? Count, string? EventFirstSeen, string? EventLastSeen);

public sealed record GuardDutyFindingResource(string? ResourceType);

public sealed record GuardDutyFinding(string Id, string Arn, string? AccountId, string? Region, double Severity,
    string? Title, string Type, string CreatedAt, string? UpdatedAt, GuardDutyFindingService? Service, GuardDutyFindingResource? Resource)
{
    public bool Archived => Service?.Archived == true;
}

public sealed record GetFindingsResponse(List<GuardDutyFinding>? Findings);

/// <summary>A detector as listed in one region.</summary>
public sealed record DetectorRef(string Region, string DetectorId);

/// <summary>GuardDuty as checks see it.</summary>
public sealed class GuardDutyView(AccountData data)
{
    /// <summary>Each scanned region's detector IDs (an empty list means GuardDuty was never enabled there).</summary>
    public IEnumerable<RegionRead<ListDetectorsResponse>> Detectors() =>
        data.InEveryRegion(GuardDutyCalls.ListDetectors, GuardDutyJson.Default.ListDetectorsResponse);

    public Observed<GuardDutyDetector> Detector(DetectorRef detector) =>
        ViewJson.Read(data.ForTarget(GuardDutyCalls.GetDetector, Target(detector.Region, ("DetectorId", detector.DetectorId))),
            GuardDutyJson.Default.GuardDutyDetector);

    /// <summary>The detector's open High/Critical findings of this account, fetched in batches; all or a gap.</summary>
    public Gathered<GuardDutyFinding> OpenHighFindings(DetectorRef detector)
    {
        var listing = ViewJson.Read(data.ForTarget(GuardDutyCalls.ListOpenHighFindings,
                GuardDutyCalls.OpenHighFindingsTarget(detector.Region, detector.DetectorId, data.AccountId)),
            GuardDutyJson.Default.ListFindingsResponse);
        if (!listing.TryGet(out var ids, out var gap))
            return new Gathered<GuardDutyFinding>([], [gap!]);
        return data.ReadBatches(GuardDutyCalls.GetFindings, GuardDutyCalls.FindingBatches(detector.Region, detector.DetectorId, ids.FindingIds ?? []),
            GuardDutyJson.Default.GetFindingsResponse, r => r.Findings);
    }
}

[JsonSourceGenerationOptions(PropertyNameCaseInsensitive = false, NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(ListDetectorsResponse))]
[JsonSerializable(typeof(GuardDutyDetector))]
[JsonSerializable(typeof(ListFindingsResponse))]
[JsonSerializable(typeof(GetFindingsResponse))]
internal sealed partial class GuardDutyJson : JsonSerializerContext;
