namespace CloudAudit.Policy.Matching;

/// <summary>
/// A compiled IAM wildcard pattern: <c>*</c> matches any run of characters, <c>?</c> exactly one.
/// Compiled once; matching allocates nothing.
/// </summary>
public sealed class Glob
{
    const byte Literal = 0, AnyRun = 1, AnyOne = 2;

    enum Shape { Exact, Everything, Prefix, General }

    readonly string chars;
    readonly byte[] kinds;
    readonly Shape shape;
    readonly StringComparison comparison;

    public string Pattern { get; }
    public bool IgnoreCase { get; }
    public bool HasWildcards => shape != Shape.Exact;

    Glob(string pattern, string chars, byte[] kinds, bool ignoreCase)
    {
        Pattern = pattern;
        this.chars = chars;
        this.kinds = kinds;
        IgnoreCase = ignoreCase;
        comparison = ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        int runs = kinds.Count(k => k == AnyRun), ones = kinds.Count(k => k == AnyOne);
        shape = (runs, ones) switch
        {
            (0, 0) => Shape.Exact,
            (1, 0) when kinds.Length == 1 => Shape.Everything,
            (1, 0) when kinds[^1] == AnyRun => Shape.Prefix,
            _ => Shape.General,
        };
    }

    /// <summary>Compiles a pattern in which every <c>*</c> and <c>?</c> is a wildcard.</summary>
    public static Glob Compile(string pattern, bool ignoreCase)
    {
        var kinds = new byte[pattern.Length];
        for (var i = 0; i < pattern.Length; i++)
            kinds[i] = pattern[i] switch { '*' => AnyRun, '?' => AnyOne, _ => Literal };
        return new Glob(pattern, pattern, kinds, ignoreCase);
    }

    /// <summary>Compiles parts that are either literal text or wildcard-bearing pattern text.</summary>
    internal static Glob FromParts(IEnumerable<(string Text, bool Literal)> parts, bool ignoreCase)
    {
        var chars = new System.Text.StringBuilder();
        var kinds = new List<byte>();
        foreach (var (text, literal) in parts)
        {
            chars.Append(text);
            foreach (var c in text)
                kinds.Add(literal ? Literal : c switch { '*' => AnyRun, '?' => AnyOne, _ => Literal });
        }
        var s = chars.ToString();
        return new Glob(s, s, [.. kinds], ignoreCase);
    }

    public bool IsMatch(ReadOnlySpan<char> text) => shape switch
    {
        Shape.Everything => true,
        Shape.Exact => text.Equals(chars, comparison),
        Shape.Prefix => text.StartsWith(chars.AsSpan(0, chars.Length - 1), comparison),
        _ => MatchGeneral(text),
    };

    bool MatchGeneral(ReadOnlySpan<char> text)
    {
        int p = 0, t = 0, starP = -1, starT = 0;
        while (t < text.Length)
        {
            if (p < chars.Length && kinds[p] == AnyRun) { starP = p++; starT = t; }
            else if (p < chars.Length && (kinds[p] == AnyOne || SameChar(chars[p], text[t]))) { p++; t++; }
            else if (starP >= 0) { p = starP + 1; t = ++starT; }
            else return false;
        }
        while (p < chars.Length && kinds[p] == AnyRun) p++;
        return p == chars.Length;
    }

    bool SameChar(char a, char b) =>
        a == b || (IgnoreCase && char.ToLowerInvariant(a) == char.ToLowerInvariant(b));

    public override string ToString() => Pattern;
}
