using System.Text;
using System.Text.RegularExpressions;

namespace CloudAudit.Remediation.Tests.Cli;

/// <summary>
/// The AWS CLI's shorthand syntax, parsed into a tree of strings, lists and key/value maps:
/// <c>Key=value,Other=a,b</c> (a comma-separated list when what follows a comma is not <c>key=</c>),
/// <c>Key=[a,b]</c>, <c>Key={Inner=x}</c>, values optionally in single or double quotes.
/// </summary>
public static partial class Shorthand
{
    public abstract record Node;
    public sealed record Text(string Value) : Node;
    public sealed record ListNode(IReadOnlyList<Node> Items) : Node;
    public sealed record MapNode(IReadOnlyList<KeyValuePair<string, Node>> Entries) : Node;

    /// <summary>Parses a whole shorthand value (<c>k=v,k2=v2</c>); null and a reason when it is not shorthand.</summary>
    public static (MapNode? Map, string? Error) Parse(string text)
    {
        var parser = new Parser(text);
        try
        {
            var map = parser.KeyValues(topLevel: true);
            return parser.AtEnd ? (map, null) : (null, $"unexpected '{text[parser.Position]}' at offset {parser.Position}");
        }
        catch (FormatException e)
        {
            return (null, e.Message);
        }
    }

    [GeneratedRegex(@"\G\s*[^=,\[\]{}\s]+\s*=")]
    private static partial Regex KeyAhead();

    private sealed class Parser(string text)
    {
        public int Position { get; private set; }
        public bool AtEnd => Position >= text.Length;
        private char Current => Position < text.Length ? text[Position] : '\0';

        public MapNode KeyValues(bool topLevel)
        {
            var entries = new List<KeyValuePair<string, Node>>();
            do
            {
                var key = Key();
                entries.Add(new(key, Values(topLevel)));
            }
            while (Consume(','));
            return new MapNode(entries);
        }

        private string Key()
        {
            var start = Position;
            while (!AtEnd && Current is not ('=' or ',' or '[' or ']' or '{' or '}')) Position++;
            var key = text[start..Position].Trim();
            if (key.Length == 0 || !Consume('='))
                throw new FormatException($"expected key=value at offset {start}");
            return key;
        }

        private Node Values(bool topLevel)
        {
            SkipSpaces();
            if (Current == '[') return ExplicitList();
            if (Current == '{') return Hash();
            var first = Value(topLevel);
            var items = new List<Node> { first };
            // "Key=a,b,c": more values follow as long as what comes after the comma is not another key.
            while (Current == ',' && !KeyAhead().IsMatch(text, Position + 1) && Position + 1 < text.Length)
            {
                Position++;
                items.Add(Value(topLevel));
            }
            return items.Count == 1 ? first : new ListNode(items);
        }

        private Text Value(bool topLevel)
        {
            SkipSpaces();
            if (Current is '\'' or '"')
            {
                var quote = Current;
                var value = new StringBuilder();
                Position++;
                while (!AtEnd && Current != quote)
                {
                    if (Current == '\\' && Position + 1 < text.Length) Position++;
                    value.Append(Current);
                    Position++;
                }
                if (!Consume(quote)) throw new FormatException("unterminated quote");
                SkipSpaces();
                return new Text(value.ToString());
            }
            var start = Position;
            while (!AtEnd && Current != ',' && (topLevel || Current is not (']' or '}'))) Position++;
            return new Text(text[start..Position].Trim());
        }

        private ListNode ExplicitList()
        {
            Position++;
            var items = new List<Node>();
            SkipSpaces();
            if (!Consume(']'))
            {
                do
                {
                    SkipSpaces();
                    items.Add(Current switch { '[' => ExplicitList(), '{' => Hash(), _ => Value(topLevel: false) });
                    SkipSpaces();
                }
                while (Consume(','));
                if (!Consume(']')) throw new FormatException($"expected ']' at offset {Position}");
            }
            SkipSpaces();
            return new ListNode(items);
        }

        private MapNode Hash()
        {
            Position++;
            var map = KeyValues(topLevel: false);
            if (!Consume('}')) throw new FormatException($"expected '}}' at offset {Position}");
            SkipSpaces();
            return map;
        }

        private bool Consume(char c)
        {
            if (Current != c || AtEnd) return false;
            Position++;
            return true;
        }

        private void SkipSpaces()
        {
            while (!AtEnd && char.IsWhiteSpace(Current)) Position++;
        }
    }
}
