namespace CloudAudit.Checks.CloudWatch.Alarms;

/// <summary>A metric math value at one period: a number, a time series' datapoint (null when it has none), or several series.</summary>
internal abstract record MathValue;

internal sealed record ScalarValue(double Value) : MathValue;

internal sealed record SeriesValue(double? Value) : MathValue;

internal sealed record SeriesList(IReadOnlyList<SeriesValue> Items) : MathValue;

internal sealed record KeywordValue(string Name) : MathValue;

internal sealed record TextValue(string Text) : MathValue;

/// <summary>What an expression can refer to, at the period being evaluated.</summary>
internal interface IMathScope
{
    /// <summary>The value of query <paramref name="id"/> (a metric's datapoint, or another expression's result).</summary>
    MathValue Resolve(string id);

    /// <summary>The IDs of the metric (not expression) queries, in order: what METRICS() returns.</summary>
    IReadOnlyList<string> MetricIds { get; }

    /// <summary>The period of a metric query, in seconds.</summary>
    int PeriodOf(string id);
}

internal abstract class MathNode
{
    public abstract MathValue Evaluate(IMathScope scope);
}

internal sealed class NumberNode(double value) : MathNode
{
    public override MathValue Evaluate(IMathScope scope) => new ScalarValue(value);
}

internal sealed class TextNode(string text) : MathNode
{
    public override MathValue Evaluate(IMathScope scope) => new TextValue(text);
}

internal sealed class KeywordNode(string name) : MathNode
{
    public override MathValue Evaluate(IMathScope scope) => new KeywordValue(name);
}

internal sealed class ReferenceNode(string id) : MathNode
{
    public string Id { get; } = id;

    public override MathValue Evaluate(IMathScope scope) => scope.Resolve(Id);
}

internal sealed class ArrayNode(IReadOnlyList<MathNode> items) : MathNode
{
    public override MathValue Evaluate(IMathScope scope) => new SeriesList(items.SelectMany(i => MathOps.Series(i.Evaluate(scope), "an array item")).ToList());
}

internal sealed class NegateNode(MathNode operand) : MathNode
{
    public override MathValue Evaluate(IMathScope scope) => MathOps.Map(operand.Evaluate(scope), v => -v, "-");
}

internal sealed class BinaryNode(string op, MathNode left, MathNode right) : MathNode
{
    public override MathValue Evaluate(IMathScope scope) => MathOps.Apply(op, left.Evaluate(scope), right.Evaluate(scope));
}

internal sealed class CallNode(string name, IReadOnlyList<MathNode> args) : MathNode
{
    public override MathValue Evaluate(IMathScope scope)
    {
        if (name == "PERIOD")
            return args is [ReferenceNode reference] ? new ScalarValue(scope.PeriodOf(reference.Id))
                : throw new NotDecidableException("PERIOD() takes one metric's ID");
        var values = args.Select(a => a.Evaluate(scope)).ToList();
        return MathFunctions.Call(name, values, scope);
    }
}

/// <summary>Operators of metric math, applied per period as CloudWatch applies them per timestamp.</summary>
internal static class MathOps
{
    /// <summary>
    /// A binary operator. A series without a datapoint against a number gives no datapoint; between two series a
    /// missing datapoint counts as 0 (as CloudWatch documents for arithmetic and comparisons) unless both are missing;
    /// division by zero drops the datapoint.
    /// </summary>
    public static MathValue Apply(string op, MathValue left, MathValue right) => (left, right) switch
    {
        (ScalarValue a, ScalarValue b) => Compute(op, a.Value, b.Value) is { } v ? new ScalarValue(v)
            : throw new NotDecidableException($"the expression divides a number by zero"),
        (SeriesValue a, ScalarValue b) => new SeriesValue(a.Value is { } x ? Compute(op, x, b.Value) : null),
        (ScalarValue a, SeriesValue b) => new SeriesValue(b.Value is { } y ? Compute(op, a.Value, y) : null),
        (SeriesValue a, SeriesValue b) => new SeriesValue(a.Value is null && b.Value is null ? null : Compute(op, a.Value ?? 0, b.Value ?? 0)),
        (SeriesList a, ScalarValue or SeriesValue) => new SeriesList(a.Items.Select(x => (SeriesValue)Apply(op, x, right)).ToList()),
        (ScalarValue or SeriesValue, SeriesList b) => new SeriesList(b.Items.Select(y => (SeriesValue)Apply(op, left, y)).ToList()),
        _ => throw new NotDecidableException($"the expression applies {op} to operands this check does not model"),
    };

    private static double? Compute(string op, double a, double b)
    {
        double value = op switch
        {
            "+" => a + b,
            "-" => a - b,
            "*" => a * b,
            "/" => b == 0 ? double.NaN : a / b,
            "^" => Math.Pow(a, b),
            "==" => Truth(a == b),
            "!=" => Truth(a != b),
            "<" => Truth(a < b),
            "<=" => Truth(a <= b),
            ">" => Truth(a > b),
            ">=" => Truth(a >= b),
            "&&" => Truth(a != 0 && b != 0),
            "||" => Truth(a != 0 || b != 0),
            _ => throw new NotDecidableException($"unknown operator {op}"),
        };
        return double.IsFinite(value) ? value : null;
    }

    private static double Truth(bool value) => value ? 1 : 0;

    /// <summary>A function of each value (ABS, CEIL …); a value it cannot take (LOG of 0) drops the datapoint.</summary>
    public static MathValue Map(MathValue value, Func<double, double> f, string name) => value switch
    {
        ScalarValue s => double.IsFinite(f(s.Value)) ? new ScalarValue(f(s.Value)) : throw new NotDecidableException($"{name} of {s.Value} is not a number"),
        SeriesValue s => new SeriesValue(s.Value is { } v && double.IsFinite(f(v)) ? f(v) : null),
        SeriesList l => new SeriesList(l.Items.Select(i => (SeriesValue)Map(i, f, name)).ToList()),
        _ => throw new NotDecidableException($"{name} takes a number or a time series"),
    };

    /// <summary>The series a value stands for: one, or each of a list.</summary>
    public static IEnumerable<SeriesValue> Series(MathValue value, string what) => value switch
    {
        SeriesValue s => [s],
        SeriesList l => l.Items,
        _ => throw new NotDecidableException($"{what} must be a time series"),
    };
}
