using System.Text.Json;
using System.Text.Json.Nodes;

namespace CloudAudit.Checks.CloudWatch.FilterPatterns;

/// <summary>
/// A JSON pattern, <c>{ condition }</c>: comparisons and tests on selected fields, combined with
/// <c>&amp;&amp;</c> (binding tighter) and <c>||</c>, grouped with parentheses. CIS v4.0+ 4.1 relies on
/// that precedence: <c>A || B &amp;&amp; C &amp;&amp; D</c> means <c>A || (B &amp;&amp; C &amp;&amp; D)</c>.
/// </summary>
internal static class JsonPattern
{
    private static readonly string[] ValueStops = [")", "}", "&&", "||"];

    public static Condition<JsonNode?> Parse(PatternReader reader)
    {
        reader.Expect("{", "to open the JSON pattern");
        var condition = ParseAny(reader);
        reader.Expect("}", "to close the JSON pattern");
        reader.ExpectEnd();
        return condition;
    }

    private static Condition<JsonNode?> ParseAny(PatternReader reader) => Condition.ReadAnyOf(reader, () => ParseOperand(reader));

    private static Condition<JsonNode?> ParseOperand(PatternReader reader)
    {
        if (!reader.TryConsume("(")) return ParseTest(reader);
        var inner = ParseAny(reader);
        reader.Expect(")", "to close '('");
        return inner;
    }

    private static Condition<JsonNode?> ParseTest(PatternReader reader)
    {
        var selector = JsonSelector.Read(reader);
        reader.SkipWhitespace();
        var keywordAt = reader.Position;
        if (reader.TryReadWord() is { } keyword)
            return new JsonPredicate(selector, ReadPredicate(reader, keyword, keywordAt));
        var op = reader.TryReadOperator()
            ?? throw reader.Error(reader.AtEnd
                ? $"expected an operator after {selector.Text}, found the end of the pattern"
                : $"expected an operator (=, !=, <, <=, >, >=, IS NULL, IS TRUE, IS FALSE, NOT EXISTS) after {selector.Text}, found '{reader.Current}'");
        return new JsonComparison(selector, op, PatternValue.Read(reader, op, ValueStops));
    }

    // Keywords are matched without regard to case. The docs print them in capitals only; a deployed
    // pattern has already passed AWS's validation, so accepting other spellings costs nothing.
    private static JsonTest ReadPredicate(PatternReader reader, string keyword, int keywordAt)
    {
        var first = keyword.ToUpperInvariant();
        // EXISTS alone is not in the CloudWatch docs (they test presence with "= *"); its meaning is unambiguous.
        if (first == "EXISTS") return JsonTest.Exists;
        if (first is not ("IS" or "NOT"))
            throw reader.Error($"expected an operator or IS NULL, IS TRUE, IS FALSE, NOT EXISTS, found '{keyword}'", keywordAt);
        reader.SkipWhitespace();
        var secondAt = reader.Position;
        return (first, reader.TryReadWord()?.ToUpperInvariant()) switch
        {
            ("IS", "NULL") => JsonTest.IsNull,
            ("IS", "TRUE") => JsonTest.IsTrue,
            ("IS", "FALSE") => JsonTest.IsFalse,
            ("NOT", "EXISTS") => JsonTest.NotExists,
            ("IS", _) => throw reader.Error("expected NULL, TRUE or FALSE after IS", secondAt),
            _ => throw reader.Error("expected EXISTS after NOT", secondAt),
        };
    }
}

/// <summary>
/// <c>selector op value</c>. Only a present string, number or boolean is compared: an absent field,
/// JSON null, an object or an array matches neither <c>=</c> nor <c>!=</c>. For objects and arrays the
/// CloudWatch docs say so; for absent fields CloudWatch's "test pattern" shows it (DataBiosphere/azul
/// issue 5884; the DevelopersIO article on "!= with NOT EXISTS"), which is why people write
/// <c>($.x != v) || ($.x NOT EXISTS)</c>.
/// </summary>
internal sealed class JsonComparison(JsonSelector selector, ComparisonOperator op, PatternValue value) : Condition<JsonNode?>
{
    public override bool Matches(JsonNode? input) =>
        selector.Select(input) is { Exists: true, Node: JsonValue node } && ToScalar(node) is { } scalar && value.Compare(scalar, op);

    private static Scalar? ToScalar(JsonValue node) => node.GetValueKind() switch
    {
        // A node built in code may wrap a char, Guid or DateTime rather than a string: read its JSON text then.
        JsonValueKind.String => new Scalar(node.TryGetValue<string>(out var text) ? text : JsonSerializer.Deserialize<string>(node.ToJsonString())!, ScalarKind.String),
        JsonValueKind.Number => new Scalar(node.ToJsonString(), ScalarKind.Number),
        JsonValueKind.True => new Scalar("true", ScalarKind.Boolean),
        JsonValueKind.False => new Scalar("false", ScalarKind.Boolean),
        _ => null,
    };
}

internal enum JsonTest { IsNull, IsTrue, IsFalse, Exists, NotExists }

/// <summary>
/// <c>IS NULL</c> (present and JSON null), <c>IS TRUE</c>/<c>IS FALSE</c> (JSON booleans only, not the
/// strings "true"/"false"), <c>NOT EXISTS</c> (the selector finds nothing) and <c>EXISTS</c> (it finds
/// something, null included).
/// </summary>
internal sealed class JsonPredicate(JsonSelector selector, JsonTest test) : Condition<JsonNode?>
{
    public override bool Matches(JsonNode? input)
    {
        var selection = selector.Select(input);
        var kind = selection.Node?.GetValueKind();
        return test switch
        {
            JsonTest.NotExists => !selection.Exists,
            JsonTest.Exists => selection.Exists,
            JsonTest.IsNull => selection.Exists && selection.Node is null,
            JsonTest.IsTrue => kind == JsonValueKind.True,
            _ => kind == JsonValueKind.False,
        };
    }
}
