using CloudAudit.Analysis.Fingerprints;
using CloudAudit.Checks;
using CloudAudit.Checks.Framework;

namespace CloudAudit.Analysis;

public sealed record AnalysisOptions
{
    public Severity? MinSeverity { get; init; }
    public IReadOnlyList<Suppression> Suppressions { get; init; } = [];
    public DateOnly Today { get; init; } = DateOnly.FromDateTime(DateTime.UtcNow);
}

/// <summary>
/// Turns raw check results into the report: suppressions first, then the severity threshold, then
/// root-cause folding, then score and summary over what remains active.
/// </summary>
public static class ScanAnalyzer
{
    public static (IReadOnlyList<AnalyzedResult> Results, ScanSummary Summary, IReadOnlyList<Suppression> Expired) Analyze(
        IReadOnlyList<CheckResult> results, AnalysisOptions options)
    {
        var active = options.Suppressions.Where(s => s.IsActive(options.Today)).ToList();
        var expired = options.Suppressions.Where(s => !s.IsActive(options.Today)).ToList();

        var analyzed = results.Select(r => new AnalyzedResult(r, InfoOf(r),
            r.Findings.Select(f => Classify(f, active, options.MinSeverity)).ToList())).ToList();

        // A root cause folds its dependents only where it reports an active finding in the same account.
        var failingRoots = analyzed.Where(r => r.Active.Any()).Select(r => (r.Result.CheckId, r.Result.AccountId)).ToHashSet();
        analyzed = analyzed.Select(r => r.Result.RootCause is { } root && failingRoots.Contains((root, r.Result.AccountId))
            ? r with { Findings = r.Findings.Select(f => f.Disposition == FindingDisposition.Active
                ? f with { Disposition = FindingDisposition.Folded, FoldedInto = root } : f).ToList() }
            : r).ToList();

        analyzed = WithUniqueFingerprints(analyzed);
        return (analyzed, Summarize(analyzed), expired);
    }

    /// <summary>Two findings of a scan never share a fingerprint: a repeated identity is told apart by its description.</summary>
    private static List<AnalyzedResult> WithUniqueFingerprints(List<AnalyzedResult> results)
    {
        var all = results.SelectMany(r => r.Findings).ToList();
        if (all.Select(f => f.Fingerprint).Distinct(StringComparer.Ordinal).Count() == all.Count)
            return results;
        var unique = FindingFingerprint.Assign(all, f => f.Fingerprint, f => f.Finding.Description);
        var next = 0;
        return results.Select(r => r with { Findings = r.Findings.Select(f => f with { Fingerprint = unique[next++] }).ToList() }).ToList();
    }

    private static CheckInfo InfoOf(CheckResult result) =>
        CheckRegistry.Find(result.CheckId)?.Info ?? throw new InvalidOperationException($"unknown check {result.CheckId}");

    private static AnalyzedFinding Classify(Finding finding, IReadOnlyList<Suppression> suppressions, Severity? minSeverity)
    {
        var suppression = suppressions.FirstOrDefault(s => s.Matches(finding));
        if (suppression is not null)
            return new AnalyzedFinding(finding, FindingDisposition.Suppressed, suppression);
        if (minSeverity is { } min && finding.Severity > min)
            return new AnalyzedFinding(finding, FindingDisposition.BelowThreshold);
        return new AnalyzedFinding(finding, FindingDisposition.Active);
    }

    /// <summary>Counts, score and gaps over analysed results (of one account or of many).</summary>
    public static ScanSummary Summarize(IReadOnlyList<AnalyzedResult> results)
    {
        var active = results.SelectMany(r => r.Active).ToList();
        var all = results.SelectMany(r => r.Findings).ToList();
        int Count(CheckStatus status) => results.Count(r => r.Result.Status == status);
        var failedVisible = results.Count(r => r.Result.Status == CheckStatus.Fail
            && r.Findings.Any(f => f.Disposition is FindingDisposition.Active or FindingDisposition.Folded));
        return new ScanSummary
        {
            TotalFindings = active.Count,
            BySeverity = Enum.GetValues<Severity>().ToDictionary(s => s, s => active.Count(f => f.Severity == s)),
            ByCategory = Enum.GetValues<Category>().ToDictionary(c => c, c => active.Count(f => f.Category == c)),
            ResourcesScanned = results.Sum(r => r.Result.ResourcesScanned),
            ChecksPassed = Count(CheckStatus.Pass),
            ChecksFailed = failedVisible,
            ChecksFailedHidden = Count(CheckStatus.Fail) - failedVisible,
            ChecksErrored = Count(CheckStatus.Error),
            ChecksNotAssessed = Count(CheckStatus.NotAssessed),
            ChecksNotApplicable = Count(CheckStatus.NotApplicable),
            CoverageGaps = results.Sum(r => r.Result.Gaps.Count),
            FindingsSuppressed = all.Count(f => f.Disposition == FindingDisposition.Suppressed),
            FindingsBelowThreshold = all.Count(f => f.Disposition == FindingDisposition.BelowThreshold),
            FindingsFolded = all.Count(f => f.Disposition == FindingDisposition.Folded),
            Score = HealthScore.Of(active),
        };
    }
}
