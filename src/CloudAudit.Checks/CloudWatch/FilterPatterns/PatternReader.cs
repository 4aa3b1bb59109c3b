using System.Text;
using System.Text.RegularExpressions;

namespace CloudAudit.Checks.CloudWatch.FilterPatterns;

/// <summary>Thrown inside the parsers and turned into a <see cref="FilterPatternError"/> at the API boundary.</summary>
internal sealed class PatternSyntaxException(int position, string reason) : Exception(reason)
{
    public FilterPatternError Error { get; } = new(position, reason);
}

/// <summary>
/// A cursor over pattern text with the lexical pieces the three pattern kinds share: quoted strings,
/// <c>%regex%</c> literals, unquoted values, comparison operators and keywords.
/// </summary>
internal sealed class PatternReader(string text)
{
    public string Text { get; } = text;
    public int Position { get; private set; }
    public bool AtEnd => Position >= Text.Length;
    public char Current => AtEnd ? '\0' : Text[Position];

    public void Seek(int position) => Position = position;

    public void Advance(int count = 1) => Position = Math.Min(Text.Length, Position + count);

    public PatternSyntaxException Error(string reason, int? at = null) => new(at ?? Position, reason);

    public void SkipWhitespace()
    {
        while (!AtEnd && char.IsWhiteSpace(Text[Position])) Position++;
    }

    public bool LooksAt(string token) => string.CompareOrdinal(Text, Position, token, 0, token.Length) == 0;

    /// <summary>Skips whitespace, then consumes <paramref name="token"/> if it is next.</summary>
    public bool TryConsume(string token)
    {
        SkipWhitespace();
        if (!LooksAt(token)) return false;
        Position += token.Length;
        return true;
    }

    public void Expect(string token, string context)
    {
        if (!TryConsume(token))
            throw Error(AtEnd ? $"expected '{token}' {context}, found the end of the pattern" : $"expected '{token}' {context}, found '{Current}'");
    }

    public void ExpectEnd()
    {
        SkipWhitespace();
        if (!AtEnd) throw Error($"unexpected '{Current}' after the end of the pattern");
    }

    /// <summary>Reads a keyword made of letters (IS, NULL, NOT, EXISTS …), or returns null without moving.</summary>
    public string? TryReadWord()
    {
        SkipWhitespace();
        var start = Position;
        while (!AtEnd && char.IsAsciiLetter(Text[Position])) Position++;
        if (Position == start) return null;
        if (!AtEnd && (char.IsAsciiLetterOrDigit(Text[Position]) || Text[Position] == '_'))
        {
            Position = start;
            return null;
        }
        return Text[start..Position];
    }

    /// <summary>Reads a comparison operator, or returns null without moving.</summary>
    public ComparisonOperator? TryReadOperator()
    {
        SkipWhitespace();
        if (LooksAt("=="))
            throw Error("'==' is not a CloudWatch operator; use '='");
        (string Token, ComparisonOperator Op)[] operators =
        [
            ("!=", ComparisonOperator.NotEqual), ("<=", ComparisonOperator.LessOrEqual), (">=", ComparisonOperator.GreaterOrEqual),
            ("=", ComparisonOperator.Equal), ("<", ComparisonOperator.Less), (">", ComparisonOperator.Greater),
        ];
        foreach (var (token, op) in operators)
        {
            if (!LooksAt(token)) continue;
            Position += token.Length;
            return op;
        }
        return null;
    }

    /// <summary>Reads <c>"…"</c> at the cursor; a backslash takes the next character literally.</summary>
    public string ReadQuoted()
    {
        var start = Position;
        Position++; // opening quote
        var value = new StringBuilder();
        while (!AtEnd && Current != '"')
        {
            if (Current == '\\' && Position + 1 < Text.Length) Position++;
            value.Append(Current);
            Position++;
        }
        if (AtEnd) throw Error("unterminated quoted string", start);
        Position++; // closing quote
        return value.ToString();
    }

    /// <summary>
    /// Reads <c>%…%</c> at the cursor. CloudWatch regexes match anywhere in the value unless anchored
    /// with ^ or $. The non-backtracking engine keeps an account's pattern from costing us exponential time.
    /// </summary>
    public Regex ReadRegex()
    {
        var start = Position;
        Position++; // opening %
        var body = new StringBuilder();
        while (!AtEnd && Current != '%')
        {
            if (Current == '\\' && Position + 1 < Text.Length)
            {
                body.Append(Current);
                Position++;
            }
            body.Append(Current);
            Position++;
        }
        if (AtEnd) throw Error("unterminated regular expression (expected a closing '%')", start);
        Position++; // closing %
        if (body.Length == 0) throw Error("empty regular expression '%%'", start);
        try
        {
            return new Regex(body.ToString(), RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException)
        {
            throw Error($"invalid regular expression: {e.Message}", start);
        }
    }

    /// <summary>
    /// Reads an unquoted value up to the first of <paramref name="stops"/>, trimmed. Unquoted values may
    /// hold spaces (CIS prints <c>$.errorMessage = Failed authentication</c>), so an operator inside one
    /// most likely means a missing <c>&amp;&amp;</c> or <c>||</c>, and is reported as such.
    /// </summary>
    public string ReadUnquoted(IReadOnlyList<string> stops)
    {
        SkipWhitespace();
        var start = Position;
        while (!AtEnd && !stops.Any(LooksAt)) Position++;
        var value = Text[start..Position].TrimEnd();
        if (value.Length == 0)
            throw Error(AtEnd ? "expected a value, found the end of the pattern" : $"expected a value, found '{Current}'", start);
        var operatorAt = value.IndexOfAny(['=', '<', '>', '!']);
        if (operatorAt >= 0)
            throw Error($"unquoted value contains '{value[operatorAt]}' (missing && or ||, or a value that needs quotes?)", start + operatorAt);
        return value;
    }
}
