using System.Text.Json.Serialization;
using CloudAudit.Checks.Framework;

namespace CloudAudit.Analysis.Remediation;

/// <summary>
/// A fix that breaks attack chains (the report's <c>root_causes[]</c>): fixing every finding of <see cref="CheckId"/>
/// makes <see cref="ChainsBroken"/> disappear, as re-running the chain rules on the graph without them shows.
/// </summary>
public sealed record RootCause
{
    [JsonPropertyName("check_id")] public required string CheckId { get; init; }
    [JsonPropertyName("fix_title")] public required string FixTitle { get; init; }
    [JsonPropertyName("effort")] public required Effort Effort { get; init; }
    /// <summary>The check's active findings, which the fix closes.</summary>
    [JsonPropertyName("findings_closed")] public required int FindingsClosed { get; init; }
    /// <summary>The chain IDs (AC-01, CA-03 …) of the chains that fall, one per chain broken.</summary>
    [JsonPropertyName("chains_broken")] public required IReadOnlyList<string> ChainsBroken { get; init; }
    /// <summary>Which chains fall: rule and anchor resource of each.</summary>
    [JsonPropertyName("chain_keys")] public required IReadOnlyList<string> ChainKeys { get; init; }
    /// <summary>The worst severity among the chains broken.</summary>
    [JsonPropertyName("severity")] public required Severity Severity { get; init; }
    /// <summary>The fix of the check's first finding, real IDs filled in.</summary>
    [JsonPropertyName("remediation")] public RenderedRemediation? Remediation { get; init; }
    /// <summary>Low effort, and it breaks at least one critical chain.</summary>
    [JsonPropertyName("quick_win")] public required bool QuickWin { get; init; }
}
