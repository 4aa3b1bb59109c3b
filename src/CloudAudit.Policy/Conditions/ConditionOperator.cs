namespace CloudAudit.Policy.Conditions;

public enum OperatorFamily { String, Numeric, Date, Bool, Binary, IpAddress, Arn, Null }

public enum SetQualifier { None, ForAllValues, ForAnyValue }

/// <summary>How a single policy value is compared with a single context value.</summary>
public enum Comparison { Equals, EqualsIgnoreCase, Like, LessThan, LessThanEquals, GreaterThan, GreaterThanEquals }

/// <summary>
/// A condition operator as written in a policy, e.g. <c>ForAnyValue:StringNotLikeIfExists</c>:
/// a family, a comparison, whether it is negated (matches when no policy value matches), the IfExists
/// suffix and the set qualifier.
/// </summary>
public sealed record ConditionOperator(
    string Name, OperatorFamily Family, Comparison Comparison, bool Negated, bool IfExists, SetQualifier Set)
{
    static readonly Dictionary<string, (OperatorFamily Family, Comparison Comparison, bool Negated)> bases =
        new(StringComparer.OrdinalIgnoreCase)
        {
            ["StringEquals"] = (OperatorFamily.String, Comparison.Equals, false),
            ["StringNotEquals"] = (OperatorFamily.String, Comparison.Equals, true),
            ["StringEqualsIgnoreCase"] = (OperatorFamily.String, Comparison.EqualsIgnoreCase, false),
            ["StringNotEqualsIgnoreCase"] = (OperatorFamily.String, Comparison.EqualsIgnoreCase, true),
            ["StringLike"] = (OperatorFamily.String, Comparison.Like, false),
            ["StringNotLike"] = (OperatorFamily.String, Comparison.Like, true),
            ["NumericEquals"] = (OperatorFamily.Numeric, Comparison.Equals, false),
            ["NumericNotEquals"] = (OperatorFamily.Numeric, Comparison.Equals, true),
            ["NumericLessThan"] = (OperatorFamily.Numeric, Comparison.LessThan, false),
            ["NumericLessThanEquals"] = (OperatorFamily.Numeric, Comparison.LessThanEquals, false),
            ["NumericGreaterThan"] = (OperatorFamily.Numeric, Comparison.GreaterThan, false),
            ["NumericGreaterThanEquals"] = (OperatorFamily.Numeric, Comparison.GreaterThanEquals, false),
            ["DateEquals"] = (OperatorFamily.Date, Comparison.Equals, false),
            ["DateNotEquals"] = (OperatorFamily.Date, Comparison.Equals, true),
            ["DateLessThan"] = (OperatorFamily.Date, Comparison.LessThan, false),
            ["DateLessThanEquals"] = (OperatorFamily.Date, Comparison.LessThanEquals, false),
            ["DateGreaterThan"] = (OperatorFamily.Date, Comparison.GreaterThan, false),
            ["DateGreaterThanEquals"] = (OperatorFamily.Date, Comparison.GreaterThanEquals, false),
            ["Bool"] = (OperatorFamily.Bool, Comparison.Equals, false),
            ["BinaryEquals"] = (OperatorFamily.Binary, Comparison.Equals, false),
            ["IpAddress"] = (OperatorFamily.IpAddress, Comparison.Equals, false),
            ["NotIpAddress"] = (OperatorFamily.IpAddress, Comparison.Equals, true),
            ["ArnEquals"] = (OperatorFamily.Arn, Comparison.Like, false),
            ["ArnLike"] = (OperatorFamily.Arn, Comparison.Like, false),
            ["ArnNotEquals"] = (OperatorFamily.Arn, Comparison.Like, true),
            ["ArnNotLike"] = (OperatorFamily.Arn, Comparison.Like, true),
            ["Null"] = (OperatorFamily.Null, Comparison.Equals, false),
        };

    /// <summary>Parses an operator name; null when it is not one IAM knows.</summary>
    public static ConditionOperator? TryParse(string name)
    {
        var rest = name;
        var set = SetQualifier.None;
        var colon = rest.IndexOf(':');
        if (colon >= 0)
        {
            var qualifier = rest[..colon];
            if (qualifier.Equals("ForAllValues", StringComparison.OrdinalIgnoreCase)) set = SetQualifier.ForAllValues;
            else if (qualifier.Equals("ForAnyValue", StringComparison.OrdinalIgnoreCase)) set = SetQualifier.ForAnyValue;
            else return null;
            rest = rest[(colon + 1)..];
        }
        var ifExists = rest.EndsWith("IfExists", StringComparison.OrdinalIgnoreCase);
        if (ifExists) rest = rest[..^"IfExists".Length];
        if (!bases.TryGetValue(rest, out var b)) return null;
        // Null tests presence itself: neither IfExists nor a set qualifier makes sense with it.
        if (b.Family == OperatorFamily.Null && (ifExists || set != SetQualifier.None)) return null;
        return new ConditionOperator(name, b.Family, b.Comparison, b.Negated, ifExists, set);
    }

    public override string ToString() => Name;
}
