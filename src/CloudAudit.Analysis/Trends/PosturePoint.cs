namespace CloudAudit.Analysis.Trends;

/// <summary>One account's posture in one recorded scan: a point of its trend.</summary>
public sealed record PosturePoint(long ScanId, DateTimeOffset ScannedAt, string AccountId, int Score, int Findings,
    int Critical, int High, int Medium, int Low, int Info);
