using CloudAudit.Checks.Framework;

namespace CloudAudit.Checks.Threat;

/// <summary>
/// The threat feed: detectors of abuse under way (category threat), run by <c>threat-feed</c> and by a plain scan.
/// The reference's ten patterns keep their IDs (aws-tf-001 … aws-tf-010) and pattern names; cloud-audit's own are
/// numbered from aws-tf-101 so that the reference's future patterns keep theirs.
/// </summary>
public static class ThreatFeed
{
    /// <summary>
    /// The rules pack this build ships, as the reference versions it (<c>--threat-feed-version</c> pins it): the
    /// reference's patterns of that pack, decided as described on each page, and cloud-audit's own.
    /// </summary>
    public const string Version = "2026-Q2";

    /// <summary>Every detector, in ID order.</summary>
    public static IReadOnlyList<Check> Detectors => CheckRegistry.All.Where(c => c.Info.Category == Category.Threat).ToList();

    public static bool IsDetector(string checkId) => Detectors.Any(d => string.Equals(d.Info.Id, checkId, StringComparison.OrdinalIgnoreCase));
}
