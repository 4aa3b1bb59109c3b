using System.Text.RegularExpressions;
using CloudAudit.Checks.Framework;

namespace CloudAudit.Analysis;

/// <summary>
/// An accepted risk: findings whose check ID (and optionally resource ID, and account) match the globs are kept
/// out of the score and the finding list, but stay in the report marked as suppressed. Globs follow
/// fnmatch: <c>*</c>, <c>?</c>, <c>[seq]</c>, case-sensitive. <see cref="Expires"/> is inclusive.
/// </summary>
/// <param name="Accounts">Account IDs (or globs) the suppression is limited to; null for every account.</param>
public sealed record Suppression(string CheckId, string? ResourceId, string Reason, string AcceptedBy = "", DateOnly? Expires = null,
    IReadOnlyList<string>? Accounts = null)
{
    public bool IsActive(DateOnly today) => Expires is null || today <= Expires.Value;

    public bool Matches(Finding finding) =>
        Glob.Matches(CheckId, finding.CheckId) && (ResourceId is null || Glob.Matches(ResourceId, finding.ResourceId))
        && (Accounts is null || Accounts.Any(a => Glob.Matches(a, finding.AccountId)));
}

/// <summary>fnmatch-style globbing (the reference tool's suppression semantics).</summary>
public static class Glob
{
    // Suppressions are matched against every finding: compile each pattern once.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Regex> Compiled = new(StringComparer.Ordinal);

    public static bool Matches(string pattern, string value) => Compiled.GetOrAdd(pattern, ToRegex).IsMatch(value);

    public static Regex ToRegex(string pattern)
    {
        var regex = new System.Text.StringBuilder("^");
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            switch (c)
            {
                case '*': regex.Append(".*"); break;
                case '?': regex.Append('.'); break;
                case '[':
                    var close = pattern.IndexOf(']', i + 2);
                    if (close < 0) { regex.Append(@"\["); break; }
                    var set = pattern[(i + 1)..close];
                    regex.Append('[').Append(set.StartsWith('!') ? "^" + Regex.Escape(set[1..]) : Regex.Escape(set)).Append(']');
                    i = close;
                    break;
                default: regex.Append(Regex.Escape(c.ToString())); break;
            }
        }
        return new Regex(regex.Append('$').ToString(), RegexOptions.CultureInvariant | RegexOptions.Singleline);
    }
}
