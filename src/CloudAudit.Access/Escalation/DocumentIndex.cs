using System.Collections.Concurrent;
using System.Collections.Frozen;
using CloudAudit.Policy.Catalog;
using CloudAudit.Policy.Matching;
using CloudAudit.Policy.Model;

namespace CloudAudit.Access.Escalation;

/// <summary>
/// Which statements of one policy document cover the actions the escalation analysis asks about, worked out once
/// per document and action when first asked: the paths' permissions in an array (looked up by every walk, without
/// locks), anything else (the sensitive actions privilege is compared on, who-can's action) in a dictionary. Matching a large
/// managed policy's thousands of action patterns is costly, and thousands of principals share a few hundred documents.
/// </summary>
internal sealed class DocumentIndex
{
    private static readonly IReadOnlyList<ActionInfo> PathActions =
        [.. PathModels.All.SelectMany(m => m.Steps).Select(s => s.Info).DistinctBy(a => a.FullName)];

    /// <summary>Each path permission's position in <see cref="PathActions"/>.</summary>
    private static readonly FrozenDictionary<string, int> PathActionPositions =
        PathActions.Select((a, i) => (a.FullName, i)).ToFrozenDictionary(p => p.FullName, p => p.i, StringComparer.Ordinal);

    private readonly PolicyDocument _document;
    // Filled on first use; two threads may both compute an entry, with the same result (a reference write is atomic).
    private readonly Entry?[] _pathActions = new Entry?[PathActions.Count];
    private readonly Lazy<bool[]> _allowedPathActions;
    private readonly ConcurrentDictionary<string, Entry> _actions = new(StringComparer.Ordinal);
    private readonly Lazy<IReadOnlyList<(ActionInfo, Statement)>> _sensitive;

    public DocumentIndex(PolicyDocument document)
    {
        _document = document;
        _allowedPathActions = new(() => [.. PathActions.Select(a => Lookup(a.Parsed).Allowing.Length > 0)]);
        // Hundreds of actions asked once each: matched directly, not remembered one by one (a dictionary insert takes a lock).
        _sensitive = new(() => [.. Privilege.SensitiveActions.SelectMany(a => (PathActionPositions.ContainsKey(a.FullName) ? Lookup(a.Parsed).Allowing
            : _document.Statements.Where(s => s.Effect == Effect.Allow && s.MatchesAction(a.Parsed))).Select(s => (a, s)))]);
    }

    /// <summary>How many permissions the paths use: the length of <see cref="AllowedPathActions"/>.</summary>
    public static int PathActionCount => PathActions.Count;

    /// <summary>The position of a path permission in <see cref="AllowedPathActions"/>.</summary>
    public static int PositionOf(ActionInfo pathAction) => PathActionPositions[pathAction.FullName];

    /// <summary>For each path permission (by <see cref="PositionOf"/>), whether some Allow statement of the document covers it.</summary>
    public IReadOnlyList<bool> AllowedPathActions => _allowedPathActions.Value;

    /// <summary>Each sensitive action with an Allow statement that covers it.</summary>
    public IReadOnlyList<(ActionInfo Action, Statement Statement)> Sensitive => _sensitive.Value;

    public IReadOnlyList<Statement> Allowing(ActionName action) => Lookup(action).Allowing;

    /// <summary>Whether any statement, Allow or Deny, covers the action: whether the document takes part in its decisions.</summary>
    public bool Mentions(ActionName action)
    {
        var (allowing, denied) = Lookup(action);
        return allowing.Length > 0 || denied;
    }

    private Entry Lookup(ActionName action) =>
        PathActionPositions.TryGetValue(action.FullName, out var position) ? _pathActions[position] ??= Compute(action)
        : _actions.GetOrAdd(action.FullName, _ => Compute(action));

    private Entry Compute(ActionName action) => new(
        [.. _document.Statements.Where(s => s.Effect == Effect.Allow && s.MatchesAction(action))],
        _document.Statements.Any(s => s.Effect == Effect.Deny && s.MatchesAction(action)));

    /// <summary>The Allow statements that cover one action, and whether a Deny statement does.</summary>
    private sealed record Entry(Statement[] Allowing, bool Denied);
}
