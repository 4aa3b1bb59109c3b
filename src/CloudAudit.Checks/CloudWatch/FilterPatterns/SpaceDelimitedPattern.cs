using BoundFields = System.Collections.Generic.IReadOnlyDictionary<string, string>;

namespace CloudAudit.Checks.CloudWatch.FilterPatterns;

/// <summary>
/// A space-delimited pattern such as <c>[ip, user, ..., status_code = 4* &amp;&amp; status_code != 403, bytes]</c>.
/// The event text is split into fields on spaces; text inside <c>"…"</c> or <c>[…]</c> is one field
/// (without its delimiters). Pattern fields bind to event fields by position: <c>...</c> takes any
/// number of them, an empty field (as in the docs' <c>[..., status_code=4*,]</c>) takes one without a
/// name. Without <c>...</c> the counts must agree. Conditions in a field may name any field of the
/// pattern; <c>&amp;&amp;</c> binds tighter than <c>||</c>, as in JSON patterns.
/// CloudTrail records are JSON, so these patterns rarely match them; we parse them to give an honest verdict.
/// </summary>
internal sealed class SpaceDelimitedPattern
{
    private static readonly string[] ValueStops = [",", "]", "&&", "||"];

    private readonly IReadOnlyList<Field> _fields;

    private SpaceDelimitedPattern(IReadOnlyList<Field> fields) => _fields = fields;

    public bool Matches(string text)
    {
        var tokens = Split(text);
        return Bindings(0, 0, tokens, new Dictionary<string, string>(StringComparer.Ordinal))
            .Any(bound => _fields.All(field => field.Condition is null || field.Condition.Matches(bound)));
    }

    /// <summary>Every way of assigning event fields to pattern fields, as name → value maps.</summary>
    private IEnumerable<Dictionary<string, string>> Bindings(int fieldIndex, int tokenIndex, IReadOnlyList<string> tokens, Dictionary<string, string> bound)
    {
        if (fieldIndex == _fields.Count)
        {
            if (tokenIndex == tokens.Count) yield return bound;
            yield break;
        }
        var field = _fields[fieldIndex];
        if (field.IsEllipsis)
        {
            for (var next = tokenIndex; next <= tokens.Count; next++)
                foreach (var result in Bindings(fieldIndex + 1, next, tokens, bound))
                    yield return result;
            yield break;
        }
        if (tokenIndex == tokens.Count) yield break;
        var withField = new Dictionary<string, string>(bound, StringComparer.Ordinal);
        if (field.Name is not null) withField[field.Name] = tokens[tokenIndex];
        foreach (var result in Bindings(fieldIndex + 1, tokenIndex + 1, tokens, withField))
            yield return result;
    }

    private static List<string> Split(string text)
    {
        var tokens = new List<string>();
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] == ' ') { i++; continue; }
            var close = text[i] switch { '"' => '"', '[' => ']', _ => ' ' };
            var start = close == ' ' ? i : i + 1;
            var end = text.IndexOf(close, start);
            if (end < 0) end = text.Length;
            tokens.Add(text[start..end]);
            i = close == ' ' ? end : end + 1;
        }
        return tokens;
    }

    public static SpaceDelimitedPattern Parse(PatternReader reader)
    {
        reader.Expect("[", "to open the space-delimited pattern");
        var fields = new List<Field>();
        do
        {
            fields.Add(ParseField(reader));
        } while (reader.TryConsume(","));
        reader.Expect("]", "to close the space-delimited pattern");
        reader.ExpectEnd();
        return new SpaceDelimitedPattern(fields);
    }

    private static Field ParseField(PatternReader reader)
    {
        if (reader.TryConsume("...")) return new Field(null, null, IsEllipsis: true);
        reader.SkipWhitespace();
        if (reader.Current is ',' or ']') return new Field(null, null, IsEllipsis: false);
        var start = reader.Position;
        var name = ReadName(reader);
        if (reader.TryReadOperator() is null) return new Field(name, null, IsEllipsis: false);
        reader.Seek(start);
        return new Field(name, Condition.ReadAnyOf(reader, () => ParseComparison(reader)), IsEllipsis: false);
    }

    private static Condition<BoundFields> ParseComparison(PatternReader reader)
    {
        var name = ReadName(reader);
        var op = reader.TryReadOperator() ?? throw reader.Error($"expected an operator after field '{name}'");
        return new FieldComparison(name, op, PatternValue.Read(reader, op, ValueStops));
    }

    private static string ReadName(PatternReader reader)
    {
        reader.SkipWhitespace();
        var start = reader.Position;
        while (char.IsAsciiLetterOrDigit(reader.Current) || reader.Current is '_' or '-') reader.Advance();
        if (reader.Position == start)
            throw reader.Error(reader.AtEnd ? "expected a field name, found the end of the pattern" : $"expected a field name, found '{reader.Current}'");
        return reader.Text[start..reader.Position];
    }

    private sealed record Field(string? Name, Condition<BoundFields>? Condition, bool IsEllipsis);

    private sealed class FieldComparison(string name, ComparisonOperator op, PatternValue value) : Condition<BoundFields>
    {
        public override bool Matches(BoundFields input) =>
            input.TryGetValue(name, out var text) && value.Compare(new Scalar(text, ScalarKind.String), op);
    }
}
