using System.Text.Json.Nodes;
using static CloudAudit.Inventory.Catalog.JsonParams;

namespace CloudAudit.Inventory.Catalog;

/// <summary>GuardDuty reads: detectors in every scanned region, and the account's open high-severity findings.</summary>
public static class GuardDutyCalls
{
    /// <summary>GetFindings accepts at most 50 finding IDs per request.</summary>
    public const int FindingsPerRequest = 50;

    /// <summary>GuardDuty's High band starts at 7.0; Critical (9.0 and up) is included.</summary>
    public const int HighSeverity = 7;

    public static readonly ApiCall ListDetectors = ApiCall.Regional("guardduty", "ListDetectors");

    public static readonly ApiCall GetDetector =
        ApiCall.PerResource(ListDetectors, "guardduty", "GetDetector", parent =>
            JsonLists.Strings(parent.Response, "DetectorIds").Select(id => Target(parent.Region, ("DetectorId", id))));

    /// <summary>The account's own unarchived findings of High or Critical severity, filtered by GuardDuty.</summary>
    public static readonly ApiCall ListOpenHighFindings =
        ApiCall.PerResource(ListDetectors, "guardduty", "ListFindings", parent =>
            JsonLists.Strings(parent.Response, "DetectorIds").Select(id => OpenHighFindingsTarget(parent.Region, id, parent.AccountId)));

    public static readonly ApiCall GetFindings =
        ApiCall.PerResource(ListOpenHighFindings, "guardduty", "GetFindings", parent =>
            FindingBatches(parent.Region, parent.Parameters.Str("DetectorId") ?? "",
                JsonLists.Strings(parent.Response, "FindingIds")));

    public static CallTarget OpenHighFindingsTarget(string region, string detectorId, string accountId) =>
        Target(region, ("DetectorId", detectorId), ("FindingCriteria", Of(("Criterion", Of(
            ("severity", Of(("GreaterThanOrEqual", HighSeverity))),
            ("service.archived", Of(("Equals", new JsonArray("false")))),
            ("accountId", Of(("Equals", new JsonArray(accountId)))))))));

    /// <summary>The GetFindings requests that fetch a detector's findings, in batches of 50 IDs.</summary>
    public static IEnumerable<CallTarget> FindingBatches(string region, string detectorId, IEnumerable<string> findingIds) =>
        findingIds.Chunk(FindingsPerRequest).Select(batch =>
            Target(region, ("DetectorId", detectorId), ("FindingIds", new JsonArray(batch.Select(id => (JsonNode?)id).ToArray()))));
}
