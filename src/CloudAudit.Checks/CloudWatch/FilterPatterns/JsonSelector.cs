using System.Text.Json.Nodes;

namespace CloudAudit.Checks.CloudWatch.FilterPatterns;

/// <summary>What a selector found in an event: nothing, or a node (which may be JSON null).</summary>
internal readonly record struct Selection(bool Exists, JsonNode? Node);

/// <summary>
/// A property selector: <c>$</c> followed by <c>.name</c> and <c>[index]</c> steps, as in
/// <c>$.userIdentity.type</c> or <c>$.objectList[1].id</c>. CloudWatch documents no wildcard or
/// recursive steps (<c>$.*</c>, <c>$..x</c>), so we reject them rather than guess their meaning.
/// </summary>
internal sealed class JsonSelector
{
    private readonly IReadOnlyList<object> _steps; // string = property name, int = array index

    private JsonSelector(string text, IReadOnlyList<object> steps)
    {
        Text = text;
        _steps = steps;
    }

    public string Text { get; }

    public Selection Select(JsonNode? root)
    {
        var current = root;
        foreach (var step in _steps)
        {
            switch (step, current)
            {
                case (string name, JsonObject obj) when obj.TryGetPropertyValue(name, out var child):
                    current = child;
                    break;
                case (int index, JsonArray array) when index < array.Count:
                    current = array[index];
                    break;
                default:
                    return new Selection(false, null);
            }
        }
        return new Selection(true, current);
    }

    public static JsonSelector Read(PatternReader reader)
    {
        reader.SkipWhitespace();
        var start = reader.Position;
        if (reader.Current != '$')
            throw reader.Error(reader.AtEnd ? "expected a selector such as $.eventName, found the end of the pattern" : $"expected a selector such as $.eventName, found '{reader.Current}'");
        reader.Advance();
        var steps = new List<object>();
        while (reader.Current is '.' or '[')
        {
            if (reader.Current == '.')
            {
                reader.Advance();
                steps.Add(ReadName(reader));
            }
            else
                steps.Add(ReadIndex(reader));
        }
        if (steps.Count == 0)
            throw reader.Error("a selector needs a property after '$', such as $.eventName");
        return new JsonSelector(reader.Text[start..reader.Position], steps);
    }

    private static string ReadName(PatternReader reader)
    {
        var start = reader.Position;
        while (!reader.AtEnd && IsNameChar(reader.Current)) reader.Advance();
        if (reader.Position == start)
            throw reader.Error(reader.AtEnd ? "expected a property name after '.'" : $"expected a property name after '.', found '{reader.Current}'");
        return reader.Text[start..reader.Position];
    }

    private static int ReadIndex(PatternReader reader)
    {
        reader.Advance(); // [
        var start = reader.Position;
        while (char.IsAsciiDigit(reader.Current)) reader.Advance();
        if (reader.Position == start || !int.TryParse(reader.Text[start..reader.Position], out var index))
            throw reader.Error("expected an array index (a whole number) after '['");
        if (reader.Current != ']')
            throw reader.Error("expected ']' after the array index");
        reader.Advance(); // ]
        return index;
    }

    // The docs name letters, digits, '-' and '_'; other non-structural characters (such as '@' or ':')
    // have only one plausible meaning, and any deployed pattern already passed AWS's own validation.
    private static bool IsNameChar(char c) =>
        !char.IsWhiteSpace(c) && !".[]=!<>()&|{}\"%*$,".Contains(c);
}
