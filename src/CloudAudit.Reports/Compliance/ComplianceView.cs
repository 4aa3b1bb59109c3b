using System.Globalization;
using CloudAudit.Analysis;
using CloudAudit.Analysis.Chains;
using CloudAudit.Analysis.Compliance;
using CloudAudit.Checks.Framework;

namespace CloudAudit.Reports.Compliance;

/// <summary>A failing check once, with the controls it fails and its findings (each with its rendered fix).</summary>
public sealed record FailingCheck(string CheckId, string Title, IReadOnlyList<string> Controls, IReadOnlyList<Finding> Findings);

/// <summary>What the auditor's formats (HTML, Markdown) show besides the control table, computed once.</summary>
public sealed class ComplianceView
{
    /// <summary>Fixes listed per failing check in the HTML and Markdown reports; the rest are counted.</summary>
    public const int FixesPerCheck = 50;

    public ComplianceView(ScanReport scan)
    {
        Scan = scan;
        Report = scan.Compliance ?? throw new ArgumentException("the scan report has no compliance assessment");
        FailingChecks = Report.Controls
            .SelectMany(c => c.Evidence.Where(e => e.Status == EvidenceStatus.Fail).Select(e => (Check: e, Control: c)))
            .GroupBy(x => x.Check.CheckId, StringComparer.Ordinal)
            .Select(g => new FailingCheck(g.Key, g.First().Check.Title, g.Select(x => x.Control.Control.Id).Distinct().ToList(),
                g.First().Control.Findings.Select(f => f.Finding).Where(f => f.CheckId == g.Key).ToList()))
            .OrderBy(f => f.Findings.Min(x => x.Severity)).ThenBy(f => f.CheckId, StringComparer.Ordinal)
            .ToList();
        NeedPerson = Report.Controls.Where(c => c.NeedsPerson).ToList();
    }

    public ScanReport Scan { get; }
    public ComplianceReport Report { get; }
    public IReadOnlyList<FailingCheck> FailingChecks { get; }
    /// <summary>Manual controls and those the checks cover only in part.</summary>
    public IReadOnlyList<ControlResult> NeedPerson { get; }

    public string Title => $"{Report.Framework.Name} {Report.Framework.Version}";

    public string Scanned => Scan.Timestamp.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    /// <summary>What a person must verify for a control: its own text, or for a partial control without one, a general note.</summary>
    public static string VerifyText(ControlResult c) => c.Control.Verify
        ?? "The checks cover only part of this control. Review the rest of its requirements against the organization's processes and records.";

    /// <summary>"AC-05 Public bucket with sensitive data (arn:aws:s3:::x)": a chain named where a control lists it.</summary>
    public static string Chain(AttackChain chain) => $"{chain.ChainId} {chain.Name} ({chain.Anchor})";

    /// <summary>The chains that violate a control, each named, comma-separated.</summary>
    public static string Chains(ControlResult c) => string.Join(", ", c.ViolatedByChains.Select(Chain));

    /// <summary>Each attack chain that violates a control, most severe first, with the controls it violates.</summary>
    public static IReadOnlyList<(AttackChain Chain, IReadOnlyList<string> Controls)> ChainViolations(ComplianceReport report) =>
        report.Controls.SelectMany(c => c.ViolatedByChains.Select(chain => (Chain: chain, Control: c.Control.Id)))
            .GroupBy(x => x.Chain.Key, StringComparer.Ordinal)
            .Select(g => (g.First().Chain, (IReadOnlyList<string>)g.Select(x => x.Control).ToList()))
            .OrderBy(x => x.Chain.Severity).ThenBy(x => x.Chain.ChainId, StringComparer.Ordinal).ThenBy(x => x.Chain.Anchor, StringComparer.Ordinal)
            .ToList();

    public static string Readiness(ComplianceSummary s) =>
        $"{s.ReadinessPercent}% ({s.Passing} of {s.Assessable} controls with automated evidence pass it)";

    public static string Counts(ComplianceSummary s) =>
        $"{s.Passed} pass · {s.Failed} fail · {s.Partial} partial · {s.NotAssessed} not assessed · {s.NotApplicable} not applicable · {s.Manual} manual";

    /// <summary>"2/3 checks pass · 5 resources fail", or what a person must do.</summary>
    public static string Evidence(ControlResult c)
    {
        if (c.Evidence.Count == 0) return "a person must verify";
        var passing = c.Evidence.Count(e => e.Status is EvidenceStatus.Pass or EvidenceStatus.NotApplicable);
        var failed = c.Evidence.Sum(e => e.ResourcesFailed);
        var text = $"{passing}/{c.Evidence.Count} checks pass";
        if (failed > 0) text += $" · {failed} resource{(failed == 1 ? "" : "s")} fail";
        var undecided = c.Evidence.Count(e => e.Status is EvidenceStatus.NotAssessed or EvidenceStatus.Error or EvidenceStatus.NotRun);
        if (undecided > 0) text += $" · {undecided} not assessed";
        return text;
    }
}
