using System.Runtime.CompilerServices;
using CloudAudit.Access.Administrators;
using CloudAudit.Access.Principals;
using CloudAudit.Policy.Analysis;
using CloudAudit.Policy.Evaluation;
using CloudAudit.Policy.Matching;
using CloudAudit.Policy.Model;

namespace CloudAudit.Access.Graph;

/// <summary>
/// What a principal brings to an sts:AssumeRole request: its policies that mention the action, with its boundary
/// and the organization's policies (<see cref="Policies"/>), its request context, and <see cref="Composition"/>: the
/// same number for principals whose policies are the same documents.
/// </summary>
/// <param name="AsksWhoCalls">Whether one of those documents looks at who is asking, so its answers are the principal's own.</param>
internal readonly record struct CallerSide(PolicySet Policies, RequestContext Context, int Composition, bool AsksWhoCalls);

/// <summary>
/// When two principals get the same answer from a role's trust, so it is worked out once. The engine sees their
/// requests alike but for the caller: the caller counts only where a document looks at who is asking (conditions on
/// the caller's tags, ARN or name; policy variables) and where a trust statement names principals. So principals with
/// the same documents, none of which looks at the caller, that every statement of the trust names alike (both
/// through the account, say), are decided the same: same decision, same statements.
/// </summary>
internal static class CallerSides
{
    private static readonly object Boundary = new(), Session = new(), ScpLevel = new(), RcpLevel = new();

    /// <summary>Each principal's side of the request, for <paramref name="action"/>.</summary>
    public static CallerSide[] Of(AccessModel model, IamEntity[] principals, ActionName action)
    {
        var sets = new PolicySet[principals.Length];
        Parallel.For(0, principals.Length, p => sets[p] = model.WithOrganization(model.Narrowed(principals[p], action)));
        var compositions = new Dictionary<Composition, (int Id, bool AsksWhoCalls)>();
        var sides = new CallerSide[principals.Length];
        for (var p = 0; p < principals.Length; p++)
        {
            var composition = new Composition(sets[p], model.ContextOf(principals[p]));
            if (!compositions.TryGetValue(composition, out var known))
                compositions[composition] = known = (compositions.Count, composition.Documents.Any(d => d is PolicyDocument document && AsksWhoCalls(document)));
            sides[p] = new CallerSide(sets[p], model.ContextOf(principals[p]), known.Id, known.AsksWhoCalls);
        }
        return sides;
    }

    /// <summary>
    /// Whether the document's answers can depend on who asks: conditions on keys that describe the caller, or policy
    /// variables in a condition value or a resource.
    /// </summary>
    public static bool AsksWhoCalls(PolicyDocument document) =>
        AdminJudge.AsksWhoCalls(document)
        || document.Statements.Any(s => s.Conditions.Any(c => c.Values.Any(v => v.Contains("${", StringComparison.Ordinal))));

    /// <summary>
    /// How each statement of the trust names the caller (its <see cref="PrincipalMatch"/>, three bits a statement), or
    /// null when the trust has too many statements to tell in a number.
    /// </summary>
    public static long? HowNamed(PolicyDocument trust, Principal caller)
    {
        var statements = trust.Statements;
        if (statements.Count > 20) return null;
        long named = 0;
        for (var i = 0; i < statements.Count; i++)
            named |= (long)statements[i].MatchPrincipal(caller) << (3 * i);
        return named;
    }

    /// <summary>
    /// The documents of a policy set in evaluation order, each layer marked, compared by reference; and the request
    /// context but for the keys that describe the caller (its tags), compared by value.
    /// </summary>
    private sealed class Composition : IEquatable<Composition>
    {
        private readonly int _hash;
        private readonly string _context;

        public Composition(PolicySet set, RequestContext context)
        {
            _context = set.ResourceControlAccount + "\n" + string.Join("\n", context.Entries.Where(e => !PrincipalAnalysis.DescribesCaller(e.Key))
                .Select(e => $"{e.Key}={string.Join("\t", e.Value)}").Order(StringComparer.Ordinal));
            var documents = new List<object?>(set.Identity) { Boundary, set.PermissionsBoundary, Session };
            documents.AddRange(set.SessionPolicies);
            foreach (var level in set.ServiceControlPolicies)
            {
                documents.Add(ScpLevel);
                documents.AddRange(level);
            }
            foreach (var level in set.ResourceControlPolicies)
            {
                documents.Add(RcpLevel);
                documents.AddRange(level);
            }
            Documents = documents;
            var hash = new HashCode();
            hash.Add(_context, StringComparer.Ordinal);
            foreach (var document in documents) hash.Add(document is null ? 0 : RuntimeHelpers.GetHashCode(document));
            _hash = hash.ToHashCode();
        }

        public IReadOnlyList<object?> Documents { get; }

        public bool Equals(Composition? other) =>
            other is not null && other._context == _context && other.Documents.Count == Documents.Count && Documents.Select((d, i) => ReferenceEquals(d, other.Documents[i])).All(same => same);

        public override bool Equals(object? obj) => Equals(obj as Composition);

        public override int GetHashCode() => _hash;
    }
}
