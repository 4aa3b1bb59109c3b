using CloudAudit.Analysis;
using CloudAudit.Checks.Framework;

namespace CloudAudit.Reports.Console;

/// <summary>One failing check across every account: its worst severity, how many active findings, the first resources.</summary>
internal sealed record FailingCheck(string CheckId, string Title, Severity Severity, int Findings, IReadOnlyList<string> FirstResources, Finding First)
{
    private const int ResourcesShown = 3;

    /// <summary>Most severe first, then most findings.</summary>
    public static IReadOnlyList<FailingCheck> Of(ScanReport report)
    {
        var titles = report.Results.GroupBy(r => r.Result.CheckId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().Info.Title, StringComparer.Ordinal);
        return report.ActiveFindings.GroupBy(f => f.CheckId, StringComparer.Ordinal)
            .Select(g =>
            {
                var ordered = g.OrderBy(f => f.Severity).ThenBy(f => f.AccountId, StringComparer.Ordinal)
                    .ThenBy(f => f.ResourceId, StringComparer.Ordinal).ToList();
                return new FailingCheck(g.Key, titles.GetValueOrDefault(g.Key) ?? ordered[0].Title, ordered[0].Severity, ordered.Count,
                    ordered.Select(f => f.ResourceId).Distinct(StringComparer.Ordinal).Take(ResourcesShown).ToList(), ordered[0]);
            })
            .OrderBy(c => c.Severity).ThenByDescending(c => c.Findings).ThenBy(c => c.CheckId, StringComparer.Ordinal).ToList();
    }
}
