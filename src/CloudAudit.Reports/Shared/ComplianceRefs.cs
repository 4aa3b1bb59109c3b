using System.Collections.Concurrent;
using CloudAudit.Analysis.Compliance;
using CloudAudit.Checks;
using CloudAudit.Checks.Framework;

namespace CloudAudit.Reports.Shared;

/// <summary>
/// The compliance references every format prints for a check and its findings: the reference tool's
/// short CIS form ("CIS 4.4", v3.0 numbering) that existing consumers match on, the check's own CIS
/// references ("CIS 5.0 4.4", v1.4 included), then every control of every framework the catalog maps the
/// check to ("SOC2 CC7.2", "ISO27001 A.8.16", "AWS FSBP CloudTrail.1" …), without repeats.
/// </summary>
public static class ComplianceRefs
{
    private static readonly ConcurrentDictionary<string, IReadOnlyList<string>> ByCheck = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, IReadOnlyList<string>> GroupedByCheck = new(StringComparer.Ordinal);

    public static IReadOnlyList<string> For(CheckInfo check) => For(check.Id);

    /// <summary>The references of a check by its ID (a finding's <see cref="Finding.CheckId"/>); none for an unknown ID.</summary>
    public static IReadOnlyList<string> For(string checkId) => ByCheck.GetOrAdd(checkId, id =>
        Cis.LegacyRefs(Declared(id))
            .Concat(Declared(id).Select(r => r.ToString()))
            .Concat(FrameworkCatalog.Default.RefsFor(id))
            .Distinct(StringComparer.Ordinal)
            .ToList());

    /// <summary>
    /// The same references for people to read, one entry per framework version: "CIS 5.0 1.4, 1.5",
    /// "SOC2 CC6.1, CC6.6" (the legacy short CIS form left out, as the versioned one says it).
    /// </summary>
    public static IReadOnlyList<string> Grouped(CheckInfo check) => Grouped(check.Id);

    public static IReadOnlyList<string> Grouped(string checkId) => GroupedByCheck.GetOrAdd(checkId, id =>
    {
        var groups = Declared(id).GroupBy(r => (r.Framework, r.Version))
            .Select(g => (Prefix: new ComplianceRef(g.Key.Framework, g.Key.Version, "").ToString().TrimEnd(), Controls: g.Select(r => r.Control).ToList()))
            .ToList();
        var declared = Declared(id).Select(r => r.ToString()).ToHashSet(StringComparer.Ordinal);
        foreach (var framework in FrameworkCatalog.Default.Frameworks)
        {
            var controls = framework.Controls.Where(c => c.Checks.Contains(id) && !declared.Contains(framework.RefFor(c))).Select(c => c.Id).ToList();
            if (controls.Count > 0) groups.Add((framework.Ref, controls));
        }
        return groups.Select(g => $"{g.Prefix} {string.Join(", ", g.Controls)}").ToList();
    });

    private static IReadOnlyList<ComplianceRef> Declared(string checkId) => CheckRegistry.Find(checkId)?.Info.Compliance ?? [];
}
