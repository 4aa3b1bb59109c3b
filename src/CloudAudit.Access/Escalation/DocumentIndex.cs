using System.Collections.Concurrent;
using CloudAudit.Policy.Catalog;
using CloudAudit.Policy.Matching;
using CloudAudit.Policy.Model;

namespace CloudAudit.Access.Escalation;

/// <summary>
/// Which statements of one policy document cover the actions the escalation analysis asks about, worked out once
/// per document: the paths' permissions up front, anything else (the sensitive actions privilege is compared on)
/// when first asked. Matching a large managed policy's thousands of action patterns is costly, and thousands of
/// principals share a few hundred documents.
/// </summary>
internal sealed class DocumentIndex
{
    private static readonly IReadOnlyList<ActionInfo> PathActions =
        [.. PathModels.All.SelectMany(m => m.Steps).Select(s => s.Info).DistinctBy(a => a.FullName)];

    private readonly PolicyDocument _document;
    private readonly ConcurrentDictionary<string, (Statement[] Allowing, bool Denied)> _actions = new(StringComparer.Ordinal);
    private readonly Lazy<IReadOnlyList<(ActionInfo, Statement)>> _sensitive;

    public DocumentIndex(PolicyDocument document)
    {
        _document = document;
        AllowedActions = [.. PathActions.Where(a => Lookup(a.Parsed).Allowing.Length > 0).Select(a => a.FullName)];
        _sensitive = new(() => [.. Privilege.SensitiveActions.SelectMany(a => Allowing(a.Parsed).Select(s => (a, s)))]);
    }

    /// <summary>The paths' permissions that some Allow statement of the document covers.</summary>
    public IReadOnlyList<string> AllowedActions { get; }

    /// <summary>Each sensitive action with an Allow statement that covers it.</summary>
    public IReadOnlyList<(ActionInfo Action, Statement Statement)> Sensitive => _sensitive.Value;

    public IReadOnlyList<Statement> Allowing(ActionName action) => Lookup(action).Allowing;

    /// <summary>Whether any statement, Allow or Deny, covers the action: whether the document takes part in its decisions.</summary>
    public bool Mentions(ActionName action)
    {
        var (allowing, denied) = Lookup(action);
        return allowing.Length > 0 || denied;
    }

    private (Statement[] Allowing, bool Denied) Lookup(ActionName action) =>
        _actions.GetOrAdd(action.FullName, _ => (
            [.. _document.Statements.Where(s => s.Effect == Effect.Allow && s.MatchesAction(action))],
            _document.Statements.Any(s => s.Effect == Effect.Deny && s.MatchesAction(action))));
}
