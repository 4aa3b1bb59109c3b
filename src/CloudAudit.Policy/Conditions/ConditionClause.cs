using System.Globalization;
using CloudAudit.Policy.Matching;

namespace CloudAudit.Policy.Conditions;

/// <summary>
/// One operator/key pair of a Condition block with its policy values, parsed and compiled once.
/// Values of one key are ORed (for negated operators: none may match); see <see cref="Evaluate"/>.
/// </summary>
public sealed class ConditionClause
{
    readonly PolicyTemplate[] templates = [];
    readonly Glob?[] likeGlobs = [];
    readonly ArnPattern?[] arnPatterns = [];
    readonly decimal[] numbers = [];
    readonly DateTimeOffset[] dates = [];
    readonly IpRange[] ranges = [];
    readonly byte[][] binaries = [];
    readonly bool[] nullExpectations = [];

    public ConditionOperator Operator { get; }
    public string Key { get; }
    public IReadOnlyList<string> Values { get; }

    /// <summary>Compiles a clause; throws <see cref="FormatException"/> naming the bad value.</summary>
    public ConditionClause(ConditionOperator op, string key, IReadOnlyList<string> values, bool variablesEnabled)
    {
        Operator = op;
        Key = key;
        Values = values;
        switch (op.Family)
        {
            case OperatorFamily.String:
                templates = [.. values.Select(v => PolicyTemplate.Parse(v, variablesEnabled))];
                likeGlobs = [.. templates.Select(t => op.Comparison == Comparison.Like && !t.HasVariables ? Glob.Compile(t.Source, false) : null)];
                break;
            case OperatorFamily.Arn:
                templates = [.. values.Select(v => PolicyTemplate.Parse(v, variablesEnabled))];
                arnPatterns = [.. templates.Select(t => t.HasVariables ? null : ArnPattern.Compile(t.Source))];
                break;
            case OperatorFamily.Numeric:
                numbers = [.. values.Select(v => TryNumber(v, out var n) ? n : throw Bad("a number", v))];
                break;
            case OperatorFamily.Date:
                dates = [.. values.Select(v => TryDate(v, out var d) ? d : throw Bad("a date (ISO 8601 or epoch seconds)", v))];
                break;
            case OperatorFamily.IpAddress:
                ranges = [.. values.Select(v => IpRange.TryParse(v, out var r) ? r : throw Bad("an IP address or CIDR block", v))];
                break;
            case OperatorFamily.Binary:
                binaries = [.. values.Select(v => TryBase64(v) ?? throw Bad("a base64 value", v))];
                break;
            case OperatorFamily.Null:
                nullExpectations = [.. values.Select(v => TryBool(v, out var b) ? b : throw Bad("true or false", v))];
                break;
            case OperatorFamily.Bool:
                foreach (var v in values)
                    if (!TryBool(v, out _)) throw Bad("true or false", v);
                break;
        }
    }

    static FormatException Bad(string expected, string value) => new($"expected {expected}, got '{value}'");

    public bool Evaluate(IContextValues context)
    {
        var values = context.Get(Key);
        var present = values is { Count: > 0 };
        if (Operator.Family == OperatorFamily.Null)
        {
            foreach (var expectAbsent in nullExpectations)
                if (expectAbsent != present) return true;
            return false;
        }
        if (!present)
        {
            // A missing key (or an empty set) is documented per form: IfExists and ForAllValues are
            // satisfied, ForAnyValue is not, and a plain operator matches only when negated.
            if (Operator.IfExists || Operator.Set == SetQualifier.ForAllValues) return true;
            if (Operator.Set == SetQualifier.ForAnyValue) return false;
            return Operator.Negated;
        }
        if (Operator.Set == SetQualifier.ForAllValues)
        {
            foreach (var v in values!)
                if (!ValueSatisfies(v, context)) return false;
            return true;
        }
        if (Operator.Set == SetQualifier.ForAnyValue)
        {
            foreach (var v in values!)
                if (ValueSatisfies(v, context)) return true;
            return false;
        }
        // A plain operator on a multivalued key: positive operators need some value to match,
        // negated ones need every value to match none of the policy values.
        if (Operator.Negated)
        {
            foreach (var v in values!)
                if (!ValueSatisfies(v, context)) return false;
            return true;
        }
        foreach (var v in values!)
            if (ValueSatisfies(v, context)) return true;
        return false;
    }

    bool ValueSatisfies(string contextValue, IContextValues context) =>
        AnyPolicyValueMatches(contextValue, context) != Operator.Negated;

    bool AnyPolicyValueMatches(string contextValue, IContextValues context)
    {
        switch (Operator.Family)
        {
            case OperatorFamily.String:
                for (var i = 0; i < templates.Length; i++)
                    if (StringMatches(i, contextValue, context)) return true;
                return false;
            case OperatorFamily.Arn:
                for (var i = 0; i < templates.Length; i++)
                {
                    var pattern = arnPatterns[i] ?? ResolveArn(templates[i], context);
                    if (pattern is not null && Arn.TryParse(contextValue, out _) && pattern.IsMatch(contextValue)) return true;
                }
                return false;
            case OperatorFamily.Numeric:
                if (!TryNumber(contextValue, out var n)) return false;
                foreach (var p in numbers)
                    if (Compare(n.CompareTo(p))) return true;
                return false;
            case OperatorFamily.Date:
                if (!TryDate(contextValue, out var d)) return false;
                foreach (var p in dates)
                    if (Compare(d.CompareTo(p))) return true;
                return false;
            case OperatorFamily.Bool:
                if (!TryBool(contextValue, out var b)) return false;
                foreach (var v in Values)
                    if (TryBool(v, out var p) && p == b) return true;
                return false;
            case OperatorFamily.Binary:
                var bytes = TryBase64(contextValue);
                if (bytes is null) return false;
                foreach (var p in binaries)
                    if (p.AsSpan().SequenceEqual(bytes)) return true;
                return false;
            case OperatorFamily.IpAddress:
                if (!IpRange.TryParseAddress(contextValue, out var address)) return false;
                foreach (var r in ranges)
                    if (r.Contains(address)) return true;
                return false;
            default:
                return false;
        }
    }

    bool StringMatches(int i, string contextValue, IContextValues context)
    {
        if (Operator.Comparison == Comparison.Like)
        {
            var glob = likeGlobs[i];
            if (glob is null)
            {
                var parts = templates[i].Resolve(context);
                if (parts is null) return false;
                glob = Glob.FromParts(parts, ignoreCase: false);
            }
            return glob.IsMatch(contextValue);
        }
        var text = templates[i].ResolveText(context);
        if (text is null) return false;
        return Operator.Comparison == Comparison.EqualsIgnoreCase
            ? string.Equals(text, contextValue, StringComparison.OrdinalIgnoreCase)
            : string.Equals(text, contextValue, StringComparison.Ordinal);
    }

    static ArnPattern? ResolveArn(PolicyTemplate template, IContextValues context)
    {
        var parts = template.Resolve(context);
        return parts is null ? null : ArnPattern.FromParts(parts);
    }

    bool Compare(int order) => Operator.Comparison switch
    {
        Comparison.Equals => order == 0,
        Comparison.LessThan => order < 0,
        Comparison.LessThanEquals => order <= 0,
        Comparison.GreaterThan => order > 0,
        Comparison.GreaterThanEquals => order >= 0,
        _ => false,
    };

    internal static bool TryNumber(string text, out decimal value) =>
        decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);

    /// <summary>ISO 8601 dates and times, or epoch seconds, as the Date operators accept.</summary>
    internal static bool TryDate(string text, out DateTimeOffset value)
    {
        if (text.Length > 0 && text.All(char.IsAsciiDigit) && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var epoch)
            && epoch <= 253402300799)
        {
            value = DateTimeOffset.FromUnixTimeSeconds(epoch);
            return true;
        }
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out value);
    }

    internal static bool TryBool(string text, out bool value)
    {
        if (text.Equals("true", StringComparison.OrdinalIgnoreCase)) { value = true; return true; }
        if (text.Equals("false", StringComparison.OrdinalIgnoreCase)) { value = false; return true; }
        value = false;
        return false;
    }

    static byte[]? TryBase64(string text)
    {
        var buffer = new byte[text.Length];
        return Convert.TryFromBase64String(text, buffer, out var written) ? buffer[..written] : null;
    }

    string? text;

    /// <summary>"Operator key [values]": built once, as reports and edges quote the same clause many times.</summary>
    public override string ToString() => text ??= $"{Operator.Name} {Key} [{string.Join(", ", Values)}]";
}
