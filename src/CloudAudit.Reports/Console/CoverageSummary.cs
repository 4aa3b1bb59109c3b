using CloudAudit.Analysis;
using CloudAudit.Checks.Framework;
using CloudAudit.Inventory;
using CloudAudit.Inventory.Snapshot;

namespace CloudAudit.Reports.Console;

/// <summary>
/// What could not be checked, one line per account, region and cause (“an SCP denies 17 reads of ec2 …”) instead of
/// one AWS message per read: the whole messages are in <c>--details</c> and the JSON report.
/// </summary>
internal static class CoverageSummary
{
    /// <summary>Reads missing for one cause in one account and region, and the checks they left short.</summary>
    public sealed record Group(string AccountId, string Region, string Cause, IReadOnlyList<string> Reads,
        IReadOnlyList<string> NotAssessed, IReadOnlyList<string> PartlyAssessed);

    public static IReadOnlyList<Group> Of(ScanReport report)
    {
        var gaps = report.Results.SelectMany(r => r.Result.Gaps.Select(g => (Result: r.Result, Gap: g)))
            .GroupBy(x => (x.Result.AccountId, x.Gap.Region, Cause: CauseOf(x.Gap)));
        return gaps.Select(g => new Group(g.Key.AccountId, g.Key.Region, g.Key.Cause,
                g.Select(x => $"{x.Gap.Service}:{x.Gap.Operation}").Distinct(StringComparer.Ordinal).ToList(),
                ChecksWith(g, unassessed: true), ChecksWith(g, unassessed: false)))
            .OrderBy(g => g.AccountId, StringComparer.Ordinal).ThenBy(g => g.Region, StringComparer.Ordinal)
            .ThenBy(g => g.Cause, StringComparer.Ordinal).ToList();
    }

    /// <summary>Checks that stopped for another reason than a missing read (an error of the check itself).</summary>
    public static IEnumerable<CheckResult> Unexplained(ScanReport report) =>
        report.Results.Select(r => r.Result)
            .Where(r => r.Status is CheckStatus.Error or CheckStatus.NotAssessed && r.Gaps.Count == 0);

    private static List<string> ChecksWith(IEnumerable<(CheckResult Result, DataGap Gap)> group, bool unassessed) =>
        group.Where(x => (x.Result.Status is CheckStatus.Error or CheckStatus.NotAssessed) == unassessed)
            .Select(x => x.Result.CheckId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

    /// <summary>The cause as a person says it: who denied the read, when AWS's message tells.</summary>
    public static string CauseOf(DataGap gap)
    {
        if (gap.Kind != ErrorKind.AccessDenied) return gap.Cause;
        var message = gap.Message;
        if (message.Contains("service control policy", StringComparison.OrdinalIgnoreCase)) return "an SCP denies";
        if (message.Contains("resource control policy", StringComparison.OrdinalIgnoreCase)) return "an RCP denies";
        if (message.Contains("permissions boundary", StringComparison.OrdinalIgnoreCase)) return "a permissions boundary denies";
        if (message.Contains("resource-based policy", StringComparison.OrdinalIgnoreCase)) return "a resource policy denies";
        if (message.Contains("session policy", StringComparison.OrdinalIgnoreCase)) return "a session policy denies";
        return "access denied:";
    }

    /// <summary>“ec2:DescribeVolumes” for one or two reads, “ec2 ×9, secretsmanager” for more.</summary>
    public static string Reads(IReadOnlyList<string> reads)
    {
        if (reads.Count <= 2) return string.Join(", ", reads);
        return string.Join(", ", reads.GroupBy(r => r[..r.IndexOf(':')], StringComparer.Ordinal)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => g.Count() == 1 ? g.Key : $"{g.Key} ×{g.Count()}"));
    }
}
