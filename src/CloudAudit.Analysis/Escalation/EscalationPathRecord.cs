using System.Text.Json.Serialization;
using CloudAudit.Checks.Framework;

namespace CloudAudit.Analysis.Escalation;

/// <summary>
/// One principal that can take one privilege-escalation path (the report's <c>escalation_paths[]</c>, field names as
/// the reference tool writes them). Built from aws-iam-018's analysis: the path was decided by the policy engine on
/// the account's real resources, so <see cref="ResourceConstraints"/> lists the resources it was allowed on.
/// </summary>
public sealed record EscalationPathRecord
{
    [JsonPropertyName("principal_arn")] public required string PrincipalArn { get; init; }
    [JsonPropertyName("principal_name")] public required string PrincipalName { get; init; }
    /// <summary>"User" or "Role".</summary>
    [JsonPropertyName("principal_type")] public required string PrincipalType { get; init; }
    [JsonPropertyName("account_id")] public required string AccountId { get; init; }
    /// <summary>The pathfinding.cloud path ID and name, as "iam-005 (iam:PutRolePolicy)".</summary>
    [JsonPropertyName("method")] public required string Method { get; init; }
    [JsonPropertyName("path_id")] public required string PathId { get; init; }
    /// <summary>One of the reference's nine escalation categories (iam_self_mutation, passrole_service …).</summary>
    [JsonPropertyName("category")] public required string Category { get; init; }
    [JsonPropertyName("required_actions")] public required IReadOnlyList<string> RequiredActions { get; init; }
    /// <summary>The resources each permission of the path was requested on and allowed for (ARNs, patterns).</summary>
    [JsonPropertyName("resource_constraints")] public required IReadOnlyList<string> ResourceConstraints { get; init; }
    /// <summary>"administrator" or what more the principal gains.</summary>
    [JsonPropertyName("target_privilege")] public required string TargetPrivilege { get; init; }
    /// <summary>The principals or resources the path reaches.</summary>
    [JsonPropertyName("targets")] public required IReadOnlyList<string> Targets { get; init; }
    [JsonPropertyName("severity")] public required Severity Severity { get; init; }
    /// <summary>Proof Mode's verdict (<c>scan --verify</c>): true when AWS's evaluator allows every step, false when it denies one, null when not asked.</summary>
    [JsonPropertyName("verified")] public bool? Verified { get; init; }
    /// <summary>What AWS's evaluator said: the steps it allowed, or the step it denied and the layer that denied it; empty without --verify.</summary>
    [JsonPropertyName("verification_detail")] public string VerificationDetail { get; init; } = "";
    /// <summary>The aws-iam-018 finding that reports the path.</summary>
    [JsonPropertyName("finding_fingerprint")] public string? FindingFingerprint { get; init; }
}
