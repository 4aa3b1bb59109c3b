using System.Text.Json;
using System.Text.Json.Serialization;
using CloudAudit.Access.Administrators;
using CloudAudit.Access.Queries;
using CloudAudit.Access.Verification;
using CloudAudit.Policy.Evaluation;

namespace CloudAudit.Reports.Access;

// The JSON answers of `access admins|who-can|can-i -f json`; the MCP server returns the same shapes. verified,
// verification and denied_by are Proof Mode's (--verify): null when AWS's evaluator was not asked.

public sealed record NotAssessedJson(
    [property: JsonPropertyName("account_id")] string AccountId,
    [property: JsonPropertyName("not_assessed")] string NotAssessed);

public sealed record AdminJson(
    [property: JsonPropertyName("principal")] string Principal,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("reasons")] IReadOnlyList<string> Reasons,
    [property: JsonPropertyName("verified")] bool? Verified = null,
    [property: JsonPropertyName("verification")] string? Verification = null,
    [property: JsonPropertyName("denied_by")] string? DeniedBy = null);

public sealed record AdminsJson(
    [property: JsonPropertyName("account_id")] string AccountId,
    [property: JsonPropertyName("admins")] IReadOnlyList<AdminJson> Admins,
    [property: JsonPropertyName("conditional_admins")] IReadOnlyList<AdminJson> ConditionalAdmins,
    [property: JsonPropertyName("not_assessed")] IReadOnlyList<string> NotAssessed);

public sealed record StatementJson(
    [property: JsonPropertyName("policy_kind")] string PolicyKind,
    [property: JsonPropertyName("policy")] string Policy,
    [property: JsonPropertyName("statement_index")] int StatementIndex,
    [property: JsonPropertyName("sid")] string? Sid,
    [property: JsonPropertyName("effect")] string Effect);

public sealed record PartyJson(
    [property: JsonPropertyName("principal")] string Principal,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("via")] IReadOnlyList<StatementJson> Via,
    [property: JsonPropertyName("conditions")] IReadOnlyList<string> Conditions,
    [property: JsonPropertyName("verified")] bool? Verified = null,
    [property: JsonPropertyName("verification")] string? Verification = null,
    [property: JsonPropertyName("denied_by")] string? DeniedBy = null);

public sealed record WhoCanJson(
    [property: JsonPropertyName("action")] string Action,
    [property: JsonPropertyName("resource")] string Resource,
    [property: JsonPropertyName("principals")] IReadOnlyList<PartyJson> Principals,
    [property: JsonPropertyName("not_assessed")] IReadOnlyList<string> NotAssessed,
    [property: JsonPropertyName("caveats")] IReadOnlyList<string> Caveats);

public sealed record CanIJson(
    [property: JsonPropertyName("principal")] string Principal,
    [property: JsonPropertyName("action")] string Action,
    [property: JsonPropertyName("resource")] string Resource,
    [property: JsonPropertyName("decision")] string Decision,
    [property: JsonPropertyName("allowed")] bool Allowed,
    [property: JsonPropertyName("reason")] string Reason,
    [property: JsonPropertyName("resource_policy")] string? ResourcePolicy,
    [property: JsonPropertyName("statements")] IReadOnlyList<StatementJson> Statements,
    [property: JsonPropertyName("not_assessed")] string? NotAssessed,
    [property: JsonPropertyName("caveats")] IReadOnlyList<string> Caveats,
    [property: JsonPropertyName("verified")] bool? Verified = null,
    [property: JsonPropertyName("verification")] string? Verification = null,
    [property: JsonPropertyName("denied_by")] string? DeniedBy = null);

/// <summary>Builds the access answers' JSON shapes.</summary>
public static class AccessJson
{
    /// <param name="proofs">Proof Mode's result for each administrator, in order; null without --verify.</param>
    public static AdminsJson Admins(string accountId, IEnumerable<AdminJudgement> admins, IEnumerable<AdminJudgement> conditional, IReadOnlyList<string> notAssessed,
        IReadOnlyList<ProofResult>? proofs = null) =>
        new(accountId, [.. admins.Select((a, i) => Entry(a, proofs?[i]))], [.. conditional.Select(a => Entry(a, null))], notAssessed);

    /// <param name="proofs">Proof Mode's result for each allowed party, in order; null without --verify.</param>
    public static WhoCanJson WhoCan(WhoCanAnswer answer, IReadOnlyList<ProofResult>? proofs = null) =>
        new(answer.Action, answer.Resource, [.. answer.Principals.Select((p, i) => new PartyJson(p.Principal, p.Type, [.. p.Via.Select(Statement)], p.Conditions,
                proofs?[i].Verified, proofs?[i].Detail, proofs?[i].DeniedBy))],
            answer.NotAssessed, answer.Caveats);

    public static CanIJson CanI(AccessDecision decision, ProofResult? proof = null) =>
        new(decision.Principal.Arn, decision.Action, decision.Resource, Verdict(decision), decision.IsAllowed, decision.Reason,
            decision.ResourcePolicy, [.. decision.Statements.Select(Statement)], decision.NotAssessed, decision.Caveats,
            proof?.Verified, proof?.Detail, proof?.DeniedBy);

    /// <summary>allowed, explicit deny, implicit deny, or not assessed when a policy it needs was not read.</summary>
    public static string Verdict(AccessDecision decision) => decision.NotAssessed is not null ? "not assessed" : DecisionText(decision.Decision);

    public static string DecisionText(Decision decision) => decision switch
    {
        Decision.Allowed => "allowed",
        Decision.ExplicitDeny => "explicit deny",
        _ => "implicit deny",
    };

    private static AdminJson Entry(AdminJudgement j, ProofResult? proof) => new(j.Principal, j.Type, j.Reasons, proof?.Verified, proof?.Detail, proof?.DeniedBy);

    private static StatementJson Statement(MatchedStatement s) =>
        new(JsonNamingPolicy.SnakeCaseLower.ConvertName(s.Kind.ToString()), s.PolicyName, s.StatementIndex, s.Sid, s.Effect.ToString());
}
