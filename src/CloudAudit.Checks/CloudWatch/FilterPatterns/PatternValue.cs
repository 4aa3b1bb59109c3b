using System.Globalization;
using System.Text.RegularExpressions;

namespace CloudAudit.Checks.CloudWatch.FilterPatterns;

internal enum ComparisonOperator { Equal, NotEqual, Less, LessOrEqual, Greater, GreaterOrEqual }

internal enum ScalarKind { String, Number, Boolean }

/// <summary>
/// A value found in a log event that a comparison may look at: a JSON string, number or boolean, or a
/// space-delimited field (always a string). <see cref="Text"/> is the string itself, a number's JSON
/// text, or "true"/"false".
/// </summary>
internal readonly record struct Scalar(string Text, ScalarKind Kind)
{
    /// <summary>
    /// The value as a number: JSON numbers always; strings only when they are plain decimals, because
    /// the CloudWatch docs say strings in scientific notation are not supported.
    /// </summary>
    public double? AsNumber() => Kind switch
    {
        ScalarKind.Number => double.Parse(Text, NumberStyles.Float, CultureInfo.InvariantCulture),
        ScalarKind.String when double.TryParse(Text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint,
            CultureInfo.InvariantCulture, out var number) => number,
        _ => null,
    };
}

/// <summary>The right-hand side of a comparison: a string (with wildcards), a number, or a regex.</summary>
internal abstract class PatternValue
{
    /// <summary>Whether <paramref name="value"/> (a present scalar) satisfies <c>value op this</c>.</summary>
    public bool Compare(Scalar value, ComparisonOperator op) => op switch
    {
        ComparisonOperator.Equal => IsEqual(value),
        ComparisonOperator.NotEqual => !IsEqual(value),
        _ => this is NumberValue number && number.CompareOrdered(value, op),
    };

    protected abstract bool IsEqual(Scalar value);

    /// <summary>
    /// Reads the value after <paramref name="op"/>: a quoted string, a <c>%regex%</c>, or an unquoted
    /// word that is a number when it has number syntax (sign, decimals, exponent) and a string otherwise.
    /// </summary>
    public static PatternValue Read(PatternReader reader, ComparisonOperator op, IReadOnlyList<string> stops)
    {
        reader.SkipWhitespace();
        var start = reader.Position;
        PatternValue value = reader.Current switch
        {
            '"' => new TextValue(reader.ReadQuoted()),
            '%' => new RegexValue(reader.ReadRegex()),
            _ => ReadUnquoted(reader.ReadUnquoted(stops)),
        };
        if (op is not (ComparisonOperator.Equal or ComparisonOperator.NotEqual) && value is not NumberValue)
            throw reader.Error($"{Describe(op)} compares numbers; '{reader.Text[start..reader.Position].Trim()}' is not a number", start);
        return value;
    }

    private static PatternValue ReadUnquoted(string text) =>
        NumberValue.TryParse(text, out var number) ? new NumberValue(number) : new TextValue(text);

    private static string Describe(ComparisonOperator op) => op switch
    {
        ComparisonOperator.Less => "'<'",
        ComparisonOperator.LessOrEqual => "'<='",
        ComparisonOperator.Greater => "'>'",
        _ => "'>='",
    };
}

/// <summary>
/// A string compared case-sensitively. A leading and/or trailing <c>*</c> is a wildcard and a lone
/// <c>*</c> matches any value. A <c>*</c> inside the string is a literal character: the CloudWatch
/// docs say <c>Ev*ent</c> "will only match the actual string Ev*ent". Treating it literally also errs
/// on the safe side for us: a filter we read too narrowly fails a control, never passes it wrongly.
/// </summary>
internal sealed class TextValue : PatternValue
{
    private readonly string _core;
    private readonly bool _anyPrefix;
    private readonly bool _anySuffix;

    public TextValue(string text)
    {
        var core = text.AsSpan();
        _anyPrefix = core.StartsWith('*');
        if (_anyPrefix) core = core[1..];
        _anySuffix = core.EndsWith('*');
        if (_anySuffix) core = core[..^1];
        _core = core.ToString();
    }

    protected override bool IsEqual(Scalar value) => (_anyPrefix, _anySuffix) switch
    {
        (true, true) => value.Text.Contains(_core, StringComparison.Ordinal),
        (true, false) => value.Text.EndsWith(_core, StringComparison.Ordinal),
        (false, true) => value.Text.StartsWith(_core, StringComparison.Ordinal),
        _ => string.Equals(value.Text, _core, StringComparison.Ordinal),
    };
}

internal sealed class NumberValue(double number) : PatternValue
{
    // Number syntax from the CloudWatch docs: optional sign, integer or decimal, optional exponent.
    private static readonly Regex Syntax = new(@"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$", RegexOptions.CultureInvariant);

    public static bool TryParse(string text, out double number)
    {
        number = 0;
        return Syntax.IsMatch(text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out number);
    }

    protected override bool IsEqual(Scalar value) => value.AsNumber() is { } actual && actual == number;

    public bool CompareOrdered(Scalar value, ComparisonOperator op) => value.AsNumber() is { } actual && op switch
    {
        ComparisonOperator.Less => actual < number,
        ComparisonOperator.LessOrEqual => actual <= number,
        ComparisonOperator.Greater => actual > number,
        ComparisonOperator.GreaterOrEqual => actual >= number,
        _ => false,
    };
}

internal sealed class RegexValue(Regex regex) : PatternValue
{
    protected override bool IsEqual(Scalar value) => regex.IsMatch(value.Text);
}
