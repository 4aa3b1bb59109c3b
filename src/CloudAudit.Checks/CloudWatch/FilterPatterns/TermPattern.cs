using System.Text.RegularExpressions;

namespace CloudAudit.Checks.CloudWatch.FilterPatterns;

/// <summary>
/// A term pattern such as <c>ERROR</c>, <c>"Failed to process" -DEBUG</c>, <c>?ERROR ?WARN</c> or
/// <c>%regex%</c>, matched case-sensitively against the raw event text. A term matches wherever it
/// occurs (the docs' <c>ERROR</c> matches "ERRORCODE"); all terms must occur and no <c>-</c> term may.
/// <para>
/// A <c>?</c> starts an alternative: <c>?A B ?C D</c> means (A and B) or (C and D), which is how the
/// AWS CDK renders its "any term group" patterns. The docs show only patterns made entirely of
/// <c>?</c> terms; for a mix such as <c>A ?B</c> we treat the leading terms as one more alternative.
/// </para>
/// </summary>
internal sealed class TermPattern
{
    private readonly IReadOnlyList<TermGroup> _alternatives;

    private TermPattern(IReadOnlyList<TermGroup> alternatives) => _alternatives = alternatives;

    public bool Matches(string text) => _alternatives.Any(group => group.Matches(text));

    public static TermPattern Parse(PatternReader reader)
    {
        var alternatives = new List<TermGroup>();
        var current = new TermGroup();
        reader.SkipWhitespace();
        while (!reader.AtEnd)
        {
            var excluded = false;
            if (reader.Current == '?')
            {
                reader.Advance();
                if (!current.IsEmpty) alternatives.Add(current);
                current = new TermGroup();
            }
            else if (reader.Current == '-')
            {
                reader.Advance();
                excluded = true;
                reader.SkipWhitespace(); // the docs once wrote "ERROR" - "Exiting"
            }
            var term = ReadTerm(reader);
            (excluded ? current.Excluded : current.Required).Add(term);
            reader.SkipWhitespace();
        }
        alternatives.Add(current);
        return new TermPattern(alternatives);
    }

    private static Term ReadTerm(PatternReader reader)
    {
        if (reader.AtEnd || char.IsWhiteSpace(reader.Current))
            throw reader.Error("expected a term after '?' or '-'");
        switch (reader.Current)
        {
            case '"':
                return new LiteralTerm(reader.ReadQuoted());
            case '%':
                return new RegexTerm(reader.ReadRegex());
            default:
                var start = reader.Position;
                while (!reader.AtEnd && !char.IsWhiteSpace(reader.Current)) reader.Advance();
                return new LiteralTerm(reader.Text[start..reader.Position]);
        }
    }

    private sealed class TermGroup
    {
        public List<Term> Required { get; } = [];
        public List<Term> Excluded { get; } = [];
        public bool IsEmpty => Required.Count == 0 && Excluded.Count == 0;

        public bool Matches(string text) => Required.All(t => t.OccursIn(text)) && !Excluded.Any(t => t.OccursIn(text));
    }

    private abstract class Term
    {
        public abstract bool OccursIn(string text);
    }

    private sealed class LiteralTerm(string literal) : Term
    {
        public override bool OccursIn(string text) => text.Contains(literal, StringComparison.Ordinal);
    }

    private sealed class RegexTerm(Regex regex) : Term
    {
        public override bool OccursIn(string text) => regex.IsMatch(text);
    }
}
