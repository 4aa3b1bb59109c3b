namespace CloudAudit.Checks.CloudWatch.FilterPatterns;

/// <summary>A boolean condition over one input: a JSON event, or the bound fields of a space-delimited event.</summary>
internal abstract class Condition<T>
{
    public abstract bool Matches(T input);
}

internal sealed class AnyOf<T>(IReadOnlyList<Condition<T>> parts) : Condition<T>
{
    public override bool Matches(T input) => parts.Any(part => part.Matches(input));
}

internal sealed class AllOf<T>(IReadOnlyList<Condition<T>> parts) : Condition<T>
{
    public override bool Matches(T input) => parts.All(part => part.Matches(input));
}

internal static class Condition
{
    /// <summary>
    /// Reads <c>a &amp;&amp; b || c</c> with <c>&amp;&amp;</c> binding tighter than <c>||</c>, as the
    /// CloudWatch docs state ("() &gt; &amp;&amp; &gt; ||") and show with an example that only reads one
    /// way. <paramref name="operand"/> reads one comparison (or a parenthesised group).
    /// </summary>
    public static Condition<T> ReadAnyOf<T>(PatternReader reader, Func<Condition<T>> operand)
    {
        var alternatives = new List<Condition<T>> { ReadAllOf(reader, operand) };
        while (reader.TryConsume("||")) alternatives.Add(ReadAllOf(reader, operand));
        return alternatives.Count == 1 ? alternatives[0] : new AnyOf<T>(alternatives);
    }

    private static Condition<T> ReadAllOf<T>(PatternReader reader, Func<Condition<T>> operand)
    {
        var parts = new List<Condition<T>> { operand() };
        while (reader.TryConsume("&&")) parts.Add(operand());
        return parts.Count == 1 ? parts[0] : new AllOf<T>(parts);
    }
}
