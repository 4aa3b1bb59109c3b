using CloudAudit.Checks.Framework;

namespace CloudAudit.Analysis;

/// <summary>The reference tool's health score: 100 minus 20/10/5/2 per critical/high/medium/low finding, floor 0.</summary>
public static class HealthScore
{
    public static int Weight(Severity severity) => severity switch
    {
        Severity.Critical => 20,
        Severity.High => 10,
        Severity.Medium => 5,
        Severity.Low => 2,
        _ => 0,
    };

    public static int Of(IEnumerable<Finding> activeFindings) => OfSeverities(activeFindings.Select(f => f.Severity));

    public static int OfSeverities(IEnumerable<Severity> activeFindings) => Math.Max(0, 100 - activeFindings.Sum(Weight));
}
