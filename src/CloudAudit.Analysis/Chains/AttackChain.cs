using System.Text.Json.Serialization;
using CloudAudit.Analysis.Graph;
using CloudAudit.Checks.Framework;

namespace CloudAudit.Analysis.Chains;

/// <summary>The kinds of step a chain's drawing uses (the reference tool's <c>viz_steps</c> types).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<VizStepType>))]
public enum VizStepType
{
    [JsonStringEnumMemberName("internet")] Internet,
    [JsonStringEnumMemberName("network")] Network,
    [JsonStringEnumMemberName("compute")] Compute,
    [JsonStringEnumMemberName("identity")] Identity,
    [JsonStringEnumMemberName("storage")] Storage,
    [JsonStringEnumMemberName("finding")] Finding,
    [JsonStringEnumMemberName("impact")] Impact,
}

/// <summary>One box of a chain's path, and the label of the arrow into it.</summary>
public sealed record VizStep(
    [property: JsonPropertyName("label")] string Label,
    [property: JsonPropertyName("sub")] string Sub,
    [property: JsonPropertyName("type")] VizStepType Type,
    [property: JsonPropertyName("edge_label")] string EdgeLabel,
    [property: JsonPropertyName("node_id")] string? NodeId = null);

/// <summary>The one fix that breaks a chain first: what to do, which check's fix it is, and how much work.</summary>
public sealed record ChainFix(
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("check_id")] string? CheckId,
    [property: JsonPropertyName("effort")] Effort Effort);

/// <summary>
/// An attack path that exists in the account: the rule that recognised it, the linked resources it runs through,
/// the findings that make it up. <see cref="Key"/> (rule and anchor resource) identifies it across what-ifs.
/// </summary>
public sealed record AttackChain
{
    public required string ChainId { get; init; }
    public required string Name { get; init; }
    public required Severity Severity { get; init; }
    public required string AccountId { get; init; }
    /// <summary>The resource the chain is about (the exposed instance, the MFA-less user, the account).</summary>
    public required string Anchor { get; init; }
    public required IReadOnlyList<FindingRef> Findings { get; init; }
    public required string AttackNarrative { get; init; }
    public required ChainFix PriorityFix { get; init; }
    public required IReadOnlyList<string> MitreRefs { get; init; }
    /// <summary>The node IDs of the linked resources, in path order.</summary>
    public required IReadOnlyList<string> Resources { get; init; }
    public required IReadOnlyList<VizStep> VizSteps { get; init; }
    /// <summary>Whether the rule is one of the reference tool's 31 (AC-xx) or one of cloud-audit's own (CA-xx).</summary>
    public required bool Reference { get; init; }

    public string Key => $"{ChainId}|{Anchor}";

    /// <summary>The chain's identity across scans (rule and anchor) as 32 hex digits: its alert and event ID in SARIF and OCSF.</summary>
    public string Fingerprint => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(Key)))[..32];
}
