using System.Text.Json.Nodes;

namespace CloudAudit.Access.Verification;

/// <summary>
/// One question for AWS's own evaluator (<c>iam:SimulatePrincipalPolicy</c>, a read): may the user, group or role
/// <see cref="PolicySource"/> perform <see cref="Actions"/> on <see cref="Resource"/> with this context. AWS
/// evaluates the principal's identity policies, its permissions boundary and the SCPs of its organization; it reads
/// no resource policy, so the one that matters (a role's trust policy) is sent as <see cref="ResourcePolicy"/>.
/// </summary>
public sealed record SimulationQuestion(
    string PolicySource, IReadOnlyList<string> Actions, string Resource, IReadOnlyList<SimulationContextEntry> Context)
{
    /// <summary>The resource's own policy as JSON (a role's trust policy), evaluated with the identity side; null for none.</summary>
    public string? ResourcePolicy { get; init; }
    /// <summary>The account that owns the resource (its root ARN), sent with <see cref="ResourcePolicy"/>.</summary>
    public string? ResourceOwner { get; init; }
}

/// <summary>A request context key as SimulatePrincipalPolicy takes it: the name, its values and AWS's type name (string, boolean, date …).</summary>
public sealed record SimulationContextEntry(string Key, IReadOnlyList<string> Values, string Type);

/// <summary>
/// AWS's decision on one action (an <c>EvaluationResult</c>): allowed, explicitDeny or implicitDeny, whether the
/// organization's SCPs and the permissions boundary let it through, and the policies whose statements matched.
/// </summary>
public sealed record SimulatedDecision(
    string Action, string Resource, string Decision, bool? AllowedByOrganizations, bool? AllowedByBoundary,
    IReadOnlyList<string> MatchedPolicies, IReadOnlyList<string> MissingContext)
{
    public bool IsAllowed => Decision == "allowed";

    /// <summary>The layer that refused the request, in words; null when AWS allowed it.</summary>
    public string? DeniedBy => IsAllowed ? null
        : AllowedByOrganizations == false ? "the organization's SCPs"
        : AllowedByBoundary == false ? "the permissions boundary"
        : Decision == "explicitDeny" ? MatchedPolicies.Count > 0 ? $"an explicit Deny in {string.Join(", ", MatchedPolicies)}" : "an explicit Deny"
        : "the identity policies (no statement allows it)";

    /// <summary>One member of <c>EvaluationResults</c> as the transport reads it (member names as AWS spells them).</summary>
    public static SimulatedDecision Parse(JsonObject result)
    {
        static IEnumerable<JsonObject> Members(JsonNode? list) => list is JsonArray array ? array.OfType<JsonObject>() : [];
        static bool? Flag(JsonNode? detail, string name) =>
            detail is JsonObject o && o[name] is JsonValue v
                ? v.TryGetValue<bool>(out var b) ? b : v.TryGetValue<string>(out var s) && bool.TryParse(s, out var parsed) ? parsed : null
                : null;
        return new SimulatedDecision(
            (string?)result["EvalActionName"] ?? "",
            (string?)result["EvalResourceName"] ?? "*",
            (string?)result["EvalDecision"] ?? "",
            Flag(result["OrganizationsDecisionDetail"], "AllowedByOrganizations"),
            Flag(result["PermissionsBoundaryDecisionDetail"], "AllowedByPermissionsBoundary"),
            [.. Members(result["MatchedStatements"]).Select(m => (string?)m["SourcePolicyId"]).OfType<string>().Distinct(StringComparer.Ordinal)],
            [.. (result["MissingContextValues"] as JsonArray ?? []).Select(v => v?.GetValue<string>()).OfType<string>()]);
    }
}

/// <summary>AWS's answer to one <see cref="SimulationQuestion"/>: a decision per action, or why there is none.</summary>
public sealed record SimulationAnswer(IReadOnlyList<SimulatedDecision> Decisions, string? Failure)
{
    public static SimulationAnswer Failed(string why) => new([], why);
}

/// <summary>
/// Asks AWS's evaluator. The implementation calls <c>iam:SimulatePrincipalPolicy</c> through the transport (the
/// CLI's <c>AwsPolicySimulator</c>); this library never calls AWS itself, and tests give recorded answers.
/// </summary>
public interface IPolicySimulator
{
    Task<SimulationAnswer> SimulateAsync(SimulationQuestion question, CancellationToken cancellation);
}
