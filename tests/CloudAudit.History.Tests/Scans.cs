using CloudAudit.Checks.Framework;
using CloudAudit.History.Model;

namespace CloudAudit.History.Tests;

/// <summary>Scan records built in code: accounts, checks and findings as a test names them.</summary>
public static class Scans
{
    public static readonly DateTimeOffset Start = new(2026, 11, 1, 8, 0, 0, TimeSpan.Zero);

    public static FindingRecord Finding(string resource, string check = "aws-s3-003", string account = "111111111111", string region = "us-east-1",
        Severity severity = Severity.Low, string? description = null, FindingState state = FindingState.Active) =>
        new(Analysis.Fingerprints.FindingFingerprint.Of(check, account, region, "AWS::S3::Bucket", resource), account, check, region,
            "AWS::S3::Bucket", resource, severity, $"{check} fails", description ?? $"{resource} fails {check}", state);

    /// <summary>A scan of the findings' accounts (or <paramref name="accounts"/>) in which every named check ran and passed unless it has findings.</summary>
    public static ScanRecord Of(IReadOnlyList<FindingRecord> findings, DateTimeOffset? at = null, IReadOnlyList<string>? accounts = null,
        IReadOnlyList<string>? checks = null, IReadOnlyList<CheckRecord>? results = null)
    {
        var accountIds = accounts ?? findings.Select(f => f.AccountId).DefaultIfEmpty("111111111111").Distinct().ToList();
        var checkIds = checks ?? findings.Select(f => f.CheckId).Append("aws-s3-003").Append("aws-ct-002").Distinct().ToList();
        var checkRecords = results?.ToList() ?? accountIds.SelectMany(a => checkIds.Select(c => new CheckRecord(a, c,
            findings.Any(f => f.AccountId == a && f.CheckId == c && f.State == FindingState.Active) ? CheckStatus.Fail : CheckStatus.Pass, 10, null, []))).ToList();
        return new ScanRecord
        {
            Label = "test scan",
            ScannedAt = at ?? Start,
            Source = "snapshot",
            ToolVersion = "0.1.0",
            Regions = ["us-east-1", "eu-west-1"],
            DurationSeconds = 1.25,
            Accounts = accountIds.Select(a =>
            {
                var active = findings.Where(f => f.AccountId == a && f.State == FindingState.Active).ToList();
                int Count(Severity s) => active.Count(f => f.Severity == s);
                return new AccountRecord(a, Analysis.HealthScore.OfSeverities(active.Select(f => f.Severity)), active.Count,
                    Count(Severity.Critical), Count(Severity.High), Count(Severity.Medium), Count(Severity.Low), Count(Severity.Info),
                    findings.Count(f => f.AccountId == a && f.State == FindingState.Suppressed),
                    checkRecords.Count(c => c.AccountId == a && c.Status == CheckStatus.Pass), checkRecords.Count(c => c.AccountId == a && c.Status == CheckStatus.Fail),
                    checkRecords.Count(c => c.AccountId == a && c.Status == CheckStatus.Error), checkRecords.Count(c => c.AccountId == a && c.Status == CheckStatus.NotAssessed),
                    checkRecords.Count(c => c.AccountId == a && c.Status == CheckStatus.NotApplicable));
            }).ToList(),
            Checks = checkRecords,
            Findings = findings,
        };
    }

    /// <summary><paramref name="count"/> findings on buckets bucket-00000…, spread over severities.</summary>
    public static List<FindingRecord> Many(int count, string account = "111111111111", int offset = 0) =>
        Enumerable.Range(offset, count).Select(i => Finding($"bucket-{i:D5}", account: account, severity: (Severity)(i % 5))).ToList();
}
