using System.Globalization;

namespace CloudAudit.Checks.CloudWatch.Alarms;

/// <summary>
/// Reads a CloudWatch metric math expression (<c>m1 &gt; 0</c>, <c>SUM(METRICS())</c>, <c>IF(m1 &gt; 0, 1, 0)</c>,
/// <c>FILL(m1, 0)</c>) into a tree. Precedence, loosest first: <c>||</c>/<c>OR</c>, <c>&amp;&amp;</c>/<c>AND</c>,
/// comparisons, <c>+ -</c>, <c>* /</c>, <c>^</c> (right-associative), unary minus. Functions are upper case,
/// query IDs start with a lower-case letter, as CloudWatch requires.
/// </summary>
internal sealed class MetricMathParser
{
    private readonly string _text;
    private int _position;

    private MetricMathParser(string text) => _text = text;

    /// <exception cref="NotDecidableException">The expression does not parse.</exception>
    public static MathNode Parse(string expression)
    {
        var parser = new MetricMathParser(expression);
        var node = parser.Or();
        parser.SkipSpace();
        if (parser._position < expression.Length)
            throw parser.Error($"unexpected '{expression[parser._position]}'");
        return node;
    }

    private MathNode Or()
    {
        var left = And();
        while (TakeOperator("||") || TakeWord("OR"))
            left = new BinaryNode("||", left, And());
        return left;
    }

    private MathNode And()
    {
        var left = Comparison();
        while (TakeOperator("&&") || TakeWord("AND"))
            left = new BinaryNode("&&", left, Comparison());
        return left;
    }

    private MathNode Comparison()
    {
        var left = Additive();
        while (TakeAny(["==", "!=", "<=", ">=", "<", ">"]) is { } op)
            left = new BinaryNode(op, left, Additive());
        return left;
    }

    private MathNode Additive()
    {
        var left = Multiplicative();
        while (TakeAny(["+", "-"]) is { } op)
            left = new BinaryNode(op, left, Multiplicative());
        return left;
    }

    private MathNode Multiplicative()
    {
        var left = Power();
        while (TakeAny(["*", "/"]) is { } op)
            left = new BinaryNode(op, left, Power());
        return left;
    }

    private MathNode Power()
    {
        var baseNode = Unary();
        return TakeOperator("^") ? new BinaryNode("^", baseNode, Power()) : baseNode;
    }

    private MathNode Unary() => TakeOperator("-") ? new NegateNode(Unary()) : Primary();

    private MathNode Primary()
    {
        SkipSpace();
        if (_position >= _text.Length)
            throw Error("the expression ends too early");
        var c = _text[_position];
        if (TakeOperator("("))
        {
            var inner = Or();
            Expect(")");
            return inner;
        }
        if (TakeOperator("["))
        {
            var items = List("]");
            return new ArrayNode(items);
        }
        if (c is '"' or '\u201C' or '\u201D')
            return new TextNode(QuotedText());
        if (char.IsAsciiDigit(c) || c == '.')
            return new NumberNode(Number());
        if (char.IsAsciiLetterLower(c))
            return new ReferenceNode(Word());
        if (char.IsAsciiLetterUpper(c))
        {
            var name = Word();
            return TakeOperator("(") ? new CallNode(name, List(")")) : new KeywordNode(name);
        }
        throw Error($"unexpected '{c}'");
    }

    private List<MathNode> List(string close)
    {
        var items = new List<MathNode>();
        if (TakeOperator(close)) return items;
        do items.Add(Or());
        while (TakeOperator(","));
        Expect(close);
        return items;
    }

    private string Word()
    {
        var start = _position;
        while (_position < _text.Length && (char.IsAsciiLetterOrDigit(_text[_position]) || _text[_position] == '_')) _position++;
        return _text[start.._position];
    }

    private double Number()
    {
        var start = _position;
        while (_position < _text.Length && (char.IsAsciiDigit(_text[_position]) || _text[_position] is '.' or 'e' or 'E'
                   || (_text[_position] is '+' or '-' && _text[_position - 1] is 'e' or 'E')))
            _position++;
        return double.TryParse(_text[start.._position], NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value : throw Error($"'{_text[start.._position]}' is not a number");
    }

    private string QuotedText()
    {
        var start = ++_position;
        while (_position < _text.Length && _text[_position] is not ('"' or '\u201C' or '\u201D')) _position++;
        if (_position >= _text.Length) throw Error("a string is not closed");
        return _text[start.._position++];
    }

    private bool TakeWord(string word)
    {
        SkipSpace();
        var end = _position + word.Length;
        if (end > _text.Length || string.CompareOrdinal(_text, _position, word, 0, word.Length) != 0
            || (end < _text.Length && (char.IsAsciiLetterOrDigit(_text[end]) || _text[end] == '_' || _text[end] == '(')))
            return false;
        _position = end;
        return true;
    }

    private string? TakeAny(string[] operators) => operators.FirstOrDefault(TakeOperator);

    private bool TakeOperator(string op)
    {
        SkipSpace();
        if (_position + op.Length > _text.Length || string.CompareOrdinal(_text, _position, op, 0, op.Length) != 0)
            return false;
        _position += op.Length;
        return true;
    }

    private void Expect(string op)
    {
        if (!TakeOperator(op)) throw Error($"expected '{op}'");
    }

    private void SkipSpace()
    {
        while (_position < _text.Length && char.IsWhiteSpace(_text[_position])) _position++;
    }

    private NotDecidableException Error(string what) =>
        new($"the metric math expression \"{_text}\" cannot be read ({what} at column {_position + 1})");
}
