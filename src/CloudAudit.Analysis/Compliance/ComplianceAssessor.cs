using CloudAudit.Checks.Framework;

namespace CloudAudit.Analysis.Compliance;

/// <summary>
/// Judges each control of a framework from the scan's check results. A control is never PASS on missing
/// data: any mapped check that could not read its data, errored or was not run makes it NOT ASSESSED
/// (unless another check already fails it). Suppressed findings are accepted risks and do not fail a
/// control; findings below --min-severity or folded into a root cause still do. A control is violated by an attack
/// chain when one of the chain's findings comes from one of its checks.
/// </summary>
public static class ComplianceAssessor
{
    public static ComplianceReport Assess(ComplianceFramework framework, ScanReport report)
    {
        var resultsByCheck = report.Results.GroupBy(r => r.Info.Id, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var evidence = new Dictionary<string, CheckEvidence>(StringComparer.Ordinal);
        CheckEvidence EvidenceFor(string checkId) => evidence.TryGetValue(checkId, out var e) ? e
            : evidence[checkId] = Evidence(checkId, resultsByCheck.GetValueOrDefault(checkId) ?? []);

        var controls = framework.Controls.Select(control =>
        {
            var items = control.Checks.Select(EvidenceFor).ToList();
            var findings = control.Checks
                .SelectMany(id => resultsByCheck.GetValueOrDefault(id) ?? [])
                .SelectMany(r => r.Findings.Where(f => f.Disposition != FindingDisposition.Suppressed))
                .OrderBy(f => f.Finding.Severity).ThenBy(f => f.Finding.CheckId, StringComparer.Ordinal).ThenBy(f => f.Finding.ResourceId, StringComparer.Ordinal)
                .ToList();
            var (status, reason) = Decide(control, items);
            var checks = control.Checks.ToHashSet(StringComparer.Ordinal);
            var chains = report.AttackPaths.Chains.Where(chain => chain.Findings.Any(f => checks.Contains(f.CheckId))).ToList();
            return new ControlResult { Control = control, Status = status, Reason = reason, Evidence = items, Findings = findings, ViolatedByChains = chains };
        }).ToList();

        return new ComplianceReport { Framework = framework, Controls = controls, Summary = Summarize(controls) };
    }

    private static (ControlStatus, string) Decide(FrameworkControl control, IReadOnlyList<CheckEvidence> evidence)
    {
        if (control.Checks.Count == 0)
            return (ControlStatus.Manual, "No check evaluates this control: a person must verify it.");
        var failed = evidence.Where(e => e.Status == EvidenceStatus.Fail).ToList();
        if (failed.Count > 0)
            return (ControlStatus.Fail, string.Join("; ", failed.Select(e => $"{e.CheckId} fails on {Plural(e.ResourcesFailed, "resource")}")) + ".");
        var undecided = evidence.Where(e => e.Status is EvidenceStatus.NotAssessed or EvidenceStatus.Error or EvidenceStatus.NotRun).ToList();
        if (undecided.Count > 0)
            return (ControlStatus.NotAssessed, string.Join("; ", undecided.Select(e => $"{e.CheckId}: {e.Reason}")));
        if (evidence.All(e => e.Status == EvidenceStatus.NotApplicable))
            return (ControlStatus.NotApplicable, "Its checks found nothing in scope: " + string.Join("; ", evidence.Select(e => $"{e.CheckId}: {e.Reason}")));
        var scanned = evidence.Sum(e => e.ResourcesScanned);
        var passed = $"{Plural(evidence.Count(e => e.Status == EvidenceStatus.Pass), "check")} passed on {Plural(scanned, "resource")}";
        return control.Assessment == ControlAssessment.Automated
            ? (ControlStatus.Pass, $"{passed}.")
            : (ControlStatus.Partial, $"{passed}; they cover only part of the control, and a person must verify the rest.");
    }

    /// <summary>One check over every account: a failure anywhere fails it; otherwise missing data anywhere leaves it undecided.</summary>
    private static CheckEvidence Evidence(string checkId, IReadOnlyList<AnalyzedResult> results)
    {
        var title = results.FirstOrDefault()?.Info.Title ?? CloudAudit.Checks.CheckRegistry.Find(checkId)?.Info.Title ?? checkId;
        if (results.Count == 0)
            return new CheckEvidence { CheckId = checkId, Title = title, Status = EvidenceStatus.NotRun, Reason = "not run in this scan (excluded by the check selection)" };

        var unsuppressed = results.SelectMany(r => r.Findings.Where(f => f.Disposition != FindingDisposition.Suppressed).Select(f => f.Finding)).ToList();
        var failedResources = unsuppressed.Select(f => (f.AccountId, f.ResourceId)).Distinct().Count();
        var suppressed = results.Sum(r => r.Findings.Count(f => f.Disposition == FindingDisposition.Suppressed));
        var scanned = results.Sum(r => r.Result.ResourcesScanned);
        EvidenceStatus status;
        string? reason = null;
        var errored = results.FirstOrDefault(r => r.Result.Status == CheckStatus.Error);
        var unassessed = results.FirstOrDefault(r => r.Result.Status == CheckStatus.NotAssessed || r.Result.Gaps.Count > 0);
        if (unsuppressed.Count > 0)
            status = EvidenceStatus.Fail;
        else if (errored is not null)
            (status, reason) = (EvidenceStatus.Error, errored.Result.Error ?? errored.Result.Reason ?? "the check failed to run");
        else if (unassessed is not null)
            (status, reason) = (EvidenceStatus.NotAssessed, unassessed.Result.Status == CheckStatus.NotAssessed && unassessed.Result.Reason is { } why
                ? why
                : "passed on the data it could read, but could not read " + string.Join("; ", unassessed.Result.Gaps.Take(3).Select(g => g.ToString()))
                    + (unassessed.Result.Gaps.Count > 3 ? $" and {unassessed.Result.Gaps.Count - 3} more" : ""));
        else if (results.All(r => r.Result.Status == CheckStatus.NotApplicable))
            (status, reason) = (EvidenceStatus.NotApplicable, results[0].Result.Reason ?? "nothing in scope");
        else
            status = EvidenceStatus.Pass;
        return new CheckEvidence
        {
            CheckId = checkId, Title = title, Status = status, ResourcesScanned = scanned, ResourcesFailed = failedResources,
            FindingsSuppressed = suppressed, Reason = reason,
        };
    }

    private static ComplianceSummary Summarize(IReadOnlyList<ControlResult> controls)
    {
        int Count(ControlStatus status) => controls.Count(c => c.Status == status);
        return new ComplianceSummary
        {
            Controls = controls.Count,
            Passed = Count(ControlStatus.Pass),
            Failed = Count(ControlStatus.Fail),
            Partial = Count(ControlStatus.Partial),
            NotAssessed = Count(ControlStatus.NotAssessed),
            NotApplicable = Count(ControlStatus.NotApplicable),
            Manual = Count(ControlStatus.Manual),
            NeedPerson = controls.Count(c => c.NeedsPerson),
        };
    }

    private static string Plural(int n, string noun) => n == 1 ? $"1 {noun}" : $"{n} {noun}s";
}
