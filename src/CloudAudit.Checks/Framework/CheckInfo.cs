using System.Text.RegularExpressions;

namespace CloudAudit.Checks.Framework;

/// <summary>
/// Everything a check says about itself: identity, how bad a failure is, why it matters, how to fix it
/// and which controls it maps to. Tests hold every check's metadata to the same standard.
/// </summary>
public sealed partial record CheckInfo
{
    public required string Id { get; init; }
    public required string Title { get; init; }
    /// <summary>Short service label as users know it: "CloudTrail", "CloudWatch", "IAM".</summary>
    public required string Service { get; init; }
    public required Severity Severity { get; init; }
    public Category Category { get; init; } = Category.Security;
    /// <summary>Organization checks (<see cref="Organization.OrganizationCheck"/>) judge the organization once per scan.</summary>
    public CheckScope Scope { get; init; } = CheckScope.Account;
    /// <summary>CloudFormation-style type of the resources findings name (AWS::CloudTrail::Trail).</summary>
    public required string ResourceType { get; init; }
    /// <summary>What the check verifies, and how (one paragraph).</summary>
    public required string Description { get; init; }
    /// <summary>Why a failure matters: the attack or outage it enables.</summary>
    public required string Rationale { get; init; }
    /// <summary>How accounts usually end up failing it.</summary>
    public required IReadOnlyList<string> CommonCauses { get; init; }
    /// <summary>One sentence: what to do.</summary>
    public required string Recommendation { get; init; }
    public required RemediationTemplate Remediation { get; init; }
    /// <summary>Other fixes for findings of a different shape (fix an existing trail rather than create one).</summary>
    public IReadOnlyList<RemediationTemplate> RemediationVariants { get; init; } = [];
    /// <summary>Slot values fixed by the check itself (a filter pattern, a metric name), shown as such in its page.</summary>
    public IReadOnlyDictionary<string, string> FixedSlots { get; init; } = new Dictionary<string, string>();
    public IReadOnlyList<ComplianceRef> Compliance { get; init; } = [];
    /// <summary>For threat detectors (category threat): the pattern detected and the research behind it.</summary>
    public ThreatPattern? Threat { get; init; }

    [GeneratedRegex("^aws-[a-z0-9]+-[0-9]{3}$")]
    public static partial Regex IdPattern();

    /// <summary>The service segment of the ID (aws-cw-004 → cw).</summary>
    public string IdService => Id.Split('-')[1];
}

/// <summary>
/// What a threat detector looks for, as the threat feed names it: the pattern ID ("TF-004-trufflehog-ua-cloudtrail")
/// and links to the research or documentation that describes the abuse. Every finding of the detector carries both.
/// </summary>
public sealed record ThreatPattern(string Id, IReadOnlyList<string> References)
{
    /// <summary>When a finding is more (or less) severe than the detector's severity ("critical when the role is an administrator").</summary>
    public string? Escalation { get; init; }
}
