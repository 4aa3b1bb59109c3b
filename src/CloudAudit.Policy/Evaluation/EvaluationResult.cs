using CloudAudit.Policy.Model;

namespace CloudAudit.Policy.Evaluation;

public enum Decision { Allowed, ExplicitDeny, ImplicitDeny }

/// <summary>A statement that took part in a decision.</summary>
public sealed record MatchedStatement(PolicyKind Kind, string PolicyName, int StatementIndex, string? Sid, Effect Effect)
{
    public override string ToString() =>
        $"{Effect} by {Kind} policy {PolicyName}, statement {StatementIndex}{(Sid is null ? "" : $" ({Sid})")}";
}

/// <summary>
/// The decision and why: for an explicit deny the denying statements, for an allow the statements that
/// allowed at each layer, for an implicit deny the layer that did not allow (in <see cref="Reason"/>) and
/// any statements that did allow elsewhere.
/// </summary>
public sealed record EvaluationResult(Decision Decision, IReadOnlyList<MatchedStatement> MatchedStatements, string Reason)
{
    public bool IsAllowed => Decision == Decision.Allowed;
}
