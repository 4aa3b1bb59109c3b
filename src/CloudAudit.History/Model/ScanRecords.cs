using CloudAudit.Analysis;
using CloudAudit.Checks.Framework;
using CloudAudit.Reports.Json;

namespace CloudAudit.History.Model;

/// <summary>Builds <see cref="ScanRecord"/>s from a finished scan and from a saved report.</summary>
public static class ScanRecords
{
    public static ScanRecord From(ScanReport report)
    {
        // What was evaluated once for the organization is recorded under the organization, as the reports show it,
        // so the caller's recorded posture is its own, like its score in the report.
        var organization = report.Organization?.Id ?? OrganizationKey;
        string Owner(CheckScope scope, string accountId) => scope == CheckScope.Organization ? organization : accountId;
        var checks = report.Results.Select(r => new CheckRecord(Owner(r.Result.Scope, r.Result.AccountId), r.Result.CheckId, r.Result.Status,
            r.Result.ResourcesScanned, r.Result.Reason, GapRegions(r.Result.Gaps.Select(g => g.Region)))).ToList();
        return Build(checks,
            report.Results.SelectMany(r => r.Findings.Select(f => new FindingRecord(f.Fingerprint, Owner(f.Finding.Scope, f.Finding.AccountId),
                f.Finding.CheckId, f.Finding.Region, f.Finding.ResourceType, f.Finding.ResourceId, f.Finding.Severity, f.Finding.Title,
                f.Finding.Description, State(f.Disposition)))).ToList(),
            WithOrganization(report.AccountIds, checks, organization),
            report.AccountDetails.DistinctBy(a => a.AccountId).ToDictionary(a => a.AccountId, a => (a.CollectionSeconds, a.NotAssessed), StringComparer.Ordinal),
            failed: report.Results.Where(r => r.Result.Status == CheckStatus.Fail
                    && r.Findings.Any(f => f.Disposition is FindingDisposition.Active or FindingDisposition.Folded))
                .Select(r => (Owner(r.Result.Scope, r.Result.AccountId), r.Result.CheckId)).ToHashSet()) with
        {
            Label = "this scan",
            ScannedAt = report.Timestamp,
            Source = report.Source,
            ToolVersion = report.ToolVersion,
            Regions = report.Regions,
            DurationSeconds = report.DurationSeconds,
            MinSeverity = report.MinSeverity,
        };
    }

    public static ScanRecord From(SavedReport saved)
    {
        var report = saved.Report;
        var organization = report.Organization?.Id ?? OrganizationKey;
        string Owner(string? scope, string accountId) => scope == OrganizationScope ? organization : accountId;
        var findings = report.Results.SelectMany(r =>
                r.Findings.Select(f => Finding(f, FindingState.Active, Owner(f.Scope ?? r.Scope, f.AccountId)))
                    .Concat(r.SuppressedFindings.Select(s => Finding(s.Finding, FindingState.Suppressed, Owner(s.Finding.Scope ?? r.Scope, s.Finding.AccountId)))))
            .ToList();
        var checks = report.Results.Select(r => new CheckRecord(Owner(r.Scope, r.AccountId), r.CheckId, r.Status, r.ResourcesScanned, r.Reason,
            GapRegions(r.Gaps.Count > 0 ? r.Gaps.Select(g => g.Region) : r.CoverageGaps.Select(RegionOfGapText)))).ToList();
        return Build(
            checks,
            findings,
            WithOrganization(report.Accounts.Count > 0 ? report.Accounts : [report.AccountId], checks, organization),
            (report.AccountDetails ?? []).DistinctBy(a => a.AccountId).ToDictionary(a => a.AccountId,
                a => (a.CollectionSeconds, a.Status == "NOT_ASSESSED" ? a.Reason : null), StringComparer.Ordinal),
            failed: report.Results.Where(r => r.Status == CheckStatus.Fail && (r.Findings.Count > 0 || r.FindingsFolded > 0))
                .Select(r => (Owner(r.Scope, r.AccountId), r.CheckId)).ToHashSet()) with
        {
            Label = saved.Path,
            ScannedAt = report.Timestamp,
            Source = report.Source,
            ToolVersion = report.Tool.Version,
            Regions = report.Regions,
            DurationSeconds = report.DurationSeconds,
            MinSeverity = report.MinSeverity,
        };
    }

    /// <summary>The key organization results are recorded under when the report names no organization.</summary>
    public const string OrganizationKey = "organization";

    private const string OrganizationScope = "organization";

    /// <summary>The scanned accounts, then the organization when some result was recorded under it.</summary>
    private static IEnumerable<string> WithOrganization(IEnumerable<string> accounts, List<CheckRecord> checks, string organization) =>
        checks.Any(c => c.AccountId == organization) ? accounts.Append(organization) : accounts;

    private static ScanRecord Build(List<CheckRecord> checks, List<FindingRecord> findings, IEnumerable<string> accountIds,
        Dictionary<string, (double? CollectionSeconds, string? NotAssessed)> details, HashSet<(string AccountId, string CheckId)> failed)
    {
        var accounts = accountIds.Distinct(StringComparer.Ordinal).Select(account =>
        {
            var own = checks.Where(c => c.AccountId == account).ToList();
            var active = findings.Where(f => f.AccountId == account && f.State == FindingState.Active).ToList();
            int Severe(Severity s) => active.Count(f => f.Severity == s);
            int Status(CheckStatus s) => own.Count(c => c.Status == s);
            return new AccountRecord(account, HealthScore.OfSeverities(active.Select(f => f.Severity)), active.Count,
                Severe(Severity.Critical), Severe(Severity.High), Severe(Severity.Medium), Severe(Severity.Low), Severe(Severity.Info),
                findings.Count(f => f.AccountId == account && f.State == FindingState.Suppressed),
                Status(CheckStatus.Pass), own.Count(c => failed.Contains((account, c.CheckId))), Status(CheckStatus.Error),
                Status(CheckStatus.NotAssessed), Status(CheckStatus.NotApplicable),
                details.GetValueOrDefault(account).CollectionSeconds, details.GetValueOrDefault(account).NotAssessed);
        }).ToList();
        return new ScanRecord
        {
            Label = "",
            ScannedAt = default,
            Source = "",
            ToolVersion = "",
            Accounts = accounts,
            Checks = checks,
            Findings = findings,
        };
    }

    private static FindingRecord Finding(JsonFinding f, FindingState state, string owner) =>
        new(f.Fingerprint, owner, f.CheckId, f.Region, f.ResourceType, f.ResourceId, f.Severity, f.Title, f.Description, state);

    private static FindingState State(FindingDisposition disposition) => disposition switch
    {
        FindingDisposition.Suppressed => FindingState.Suppressed,
        FindingDisposition.BelowThreshold => FindingState.BelowThreshold,
        FindingDisposition.Folded => FindingState.Folded,
        _ => FindingState.Active,
    };

    private static List<string> GapRegions(IEnumerable<string> regions) =>
        regions.Where(r => r.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal).ToList();

    /// <summary>The reference writes a gap as "us-east-1: ListGateways denied".</summary>
    private static string RegionOfGapText(string gap) => gap.Split(':', 2)[0].Trim() is var region && region.Contains('-') ? region : "global";
}
