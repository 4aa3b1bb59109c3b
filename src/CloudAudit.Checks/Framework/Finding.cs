using CloudAudit.Inventory;

namespace CloudAudit.Checks.Framework;

/// <summary>One failing resource. Field names follow the reference tool's JSON report.</summary>
public sealed record Finding
{
    public required string CheckId { get; init; }
    public required string Title { get; init; }
    public required Severity Severity { get; init; }
    public required Category Category { get; init; }
    public required string ResourceType { get; init; }
    public required string ResourceId { get; init; }
    public required string Region { get; init; }
    public required string AccountId { get; init; }
    public required string Description { get; init; }
    public required string Recommendation { get; init; }
    public RenderedRemediation? Remediation { get; init; }
    public IReadOnlyList<ComplianceRef> Compliance { get; init; } = [];
    /// <summary>For threat detectors: the pattern ID the finding matches ("TF-003-quarantine-policy").</summary>
    public string? ThreatPatternId { get; init; }
    /// <summary>Research and documentation about what the finding shows (threat detectors).</summary>
    public IReadOnlyList<string> References { get; init; } = [];
    /// <summary>Tells apart several findings of one check on one resource (one per rule, one per gap); null when there is one.</summary>
    public string? Discriminator { get; init; }
    /// <summary>
    /// Organization when the finding was evaluated once for the organization (a scan with <c>--organization</c>), and is
    /// reported under it rather than under <see cref="AccountId"/> (the account whose data it was judged on).
    /// </summary>
    public CheckScope Scope { get; init; } = CheckScope.Account;
}

/// <summary>The outcome of one check on one account.</summary>
public sealed record CheckResult
{
    public required string CheckId { get; init; }
    public required string CheckName { get; init; }
    public required string AccountId { get; init; }
    public required CheckStatus Status { get; init; }
    /// <summary>Why the status is what it is, in a sentence (always set for ERROR, NOT ASSESSED, NOT APPLICABLE).</summary>
    public string? Reason { get; init; }
    public IReadOnlyList<Finding> Findings { get; init; } = [];
    public int ResourcesScanned { get; init; }
    /// <summary>The resources the check named as examined that none of its findings names, sorted.</summary>
    public IReadOnlyList<string> PassedResources { get; init; } = [];
    /// <summary>Set for ERROR: what broke.</summary>
    public string? Error { get; init; }
    /// <summary>Data the check could not read, each with its cause.</summary>
    public IReadOnlyList<DataGap> Gaps { get; init; } = [];
    /// <summary>Another check whose failure explains this one (the CIS 4.x alarms point at aws-ct-008).</summary>
    public string? RootCause { get; init; }
    /// <summary>
    /// Organization when the result was evaluated once for the organization (a scan with <c>--organization</c>); an
    /// organization check evaluated in a scan of one account is that account's result.
    /// </summary>
    public CheckScope Scope { get; init; } = CheckScope.Account;
}
