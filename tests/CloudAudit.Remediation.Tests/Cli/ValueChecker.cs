using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace CloudAudit.Remediation.Tests.Cli;

/// <summary>
/// Checks a parameter's value words against the service model the way the CLI reads them: words that
/// start with '[' or '{' are JSON, other values of structures, lists and maps are shorthand; member names,
/// required members and scalar types must match the model. A &lt;PLACEHOLDER&gt; may stand for a whole
/// word or a whole JSON string, never for part of one.
/// </summary>
internal sealed partial class ValueChecker(CliService service, List<string> errors)
{
    [GeneratedRegex("<[A-Z][A-Z0-9_]*>")]
    private static partial Regex PlaceholderInside();

    [GeneratedRegex("^<[A-Z][A-Z0-9_]*>$")]
    private static partial Regex WholePlaceholder();

    public void Check(CliParameter parameter, IReadOnlyList<string> words)
    {
        var where = $"--{parameter.Name}";
        if (words.Any(w => w.StartsWith("file://", StringComparison.Ordinal) || w.StartsWith("fileb://", StringComparison.Ordinal)))
            return;
        if (words.Any(WholePlaceholder().IsMatch))
            return;
        if (service.Shapes.TryGetValue(parameter.ShapeRef, out var shape) && shape.ListMember is { } member)
        {
            if (words.Count == 1 && IsJson(words[0]))
                CheckJsonText(words[0], parameter.ShapeRef, where);
            else
                foreach (var word in words) CheckWord(word, member, where);
            return;
        }
        foreach (var word in words) CheckWord(word, parameter.ShapeRef, where);
    }

    private static bool IsJson(string word) => word.TrimStart() is ['[', ..] or ['{', ..];

    private void CheckWord(string word, string shapeRef, string where)
    {
        if (WholePlaceholder().IsMatch(word)) return;
        if (shapeRef == "#document" || (service.Shapes.ContainsKey(shapeRef) && IsJson(word)))
        {
            if (IsJson(word)) CheckJsonText(word, shapeRef, where);
            return;
        }
        if (PlaceholderInside().IsMatch(word))
        {
            errors.Add($"{where}: a <PLACEHOLDER> must be a whole value, not part of '{word}'");
            return;
        }
        if (!service.Shapes.TryGetValue(shapeRef, out var shape))
        {
            CheckScalarText(word, shapeRef, where);
            return;
        }
        var (map, error) = Shorthand.Parse(word);
        if (map is null)
            errors.Add($"{where}: '{word}' is neither JSON nor valid shorthand ({error})");
        else
            CheckShorthand(map, shapeRef, where);
    }

    private void CheckScalarText(string text, string shapeRef, string where)
    {
        var valid = shapeRef switch
        {
            "#integer" => long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _),
            "#number" => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _),
            "#boolean" => text is "true" or "false",
            _ => true,
        };
        if (!valid) errors.Add($"{where}: '{text}' is not a valid {shapeRef[1..]}");
    }

    private void CheckJsonText(string text, string shapeRef, string where)
    {
        try
        {
            using var json = JsonDocument.Parse(text);
            CheckJson(json.RootElement, shapeRef, where);
        }
        catch (JsonException e)
        {
            errors.Add($"{where}: value is not valid JSON ({e.Message})");
        }
    }

    private void CheckJson(JsonElement value, string shapeRef, string path)
    {
        if (value.ValueKind == JsonValueKind.String && value.GetString() is { } text)
        {
            if (WholePlaceholder().IsMatch(text)) return;
            if (PlaceholderInside().IsMatch(text))
                errors.Add($"{path}: a <PLACEHOLDER> must be a whole value, not part of \"{text}\"");
        }
        if (!service.Shapes.TryGetValue(shapeRef, out var shape))
        {
            var valid = shapeRef switch
            {
                "#document" => true,
                "#boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
                "#integer" => value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out _),
                "#number" => value.ValueKind == JsonValueKind.Number,
                "#timestamp" => value.ValueKind is JsonValueKind.String or JsonValueKind.Number,
                _ => value.ValueKind == JsonValueKind.String,
            };
            if (!valid) errors.Add($"{path}: expected a {shapeRef[1..]}, found {value.GetRawText()}");
            return;
        }
        if (shape.ListMember is { } member)
        {
            if (value.ValueKind != JsonValueKind.Array) errors.Add($"{path}: expected a JSON array");
            else foreach (var (item, i) in value.EnumerateArray().Select((v, i) => (v, i))) CheckJson(item, member, $"{path}[{i}]");
            return;
        }
        if (value.ValueKind != JsonValueKind.Object)
        {
            errors.Add($"{path}: expected a JSON object");
            return;
        }
        if (shape.MapValue is { } mapValue)
        {
            foreach (var entry in value.EnumerateObject()) CheckJson(entry.Value, mapValue, $"{path}.{entry.Name}");
            return;
        }
        CheckMembers(value.EnumerateObject().Select(p => p.Name), shape, shapeRef, path);
        foreach (var entry in value.EnumerateObject())
            if (shape.Members!.TryGetValue(entry.Name, out var memberRef))
                CheckJson(entry.Value, memberRef, $"{path}.{entry.Name}");
    }

    private void CheckShorthand(Shorthand.Node node, string shapeRef, string path)
    {
        if (!service.Shapes.TryGetValue(shapeRef, out var shape))
        {
            if (node is Shorthand.Text text) CheckScalarText(text.Value, shapeRef, path);
            else if (shapeRef != "#document") errors.Add($"{path}: expected a single {shapeRef[1..]}");
            return;
        }
        if (shape.ListMember is { } member)
        {
            // "Key=a" is a list of one.
            var items = node is Shorthand.ListNode list ? list.Items : [node];
            foreach (var item in items) CheckShorthand(item, member, path + "[]");
            return;
        }
        if (node is not Shorthand.MapNode map)
        {
            errors.Add($"{path}: expected key=value pairs");
            return;
        }
        if (shape.MapValue is { } mapValue)
        {
            foreach (var (key, value) in map.Entries) CheckShorthand(value, mapValue, $"{path}.{key}");
            return;
        }
        CheckMembers(map.Entries.Select(e => e.Key), shape, shapeRef, path);
        foreach (var (key, value) in map.Entries)
            if (shape.Members!.TryGetValue(key, out var memberRef))
                CheckShorthand(value, memberRef, $"{path}.{key}");
    }

    private void CheckMembers(IEnumerable<string> present, Shape shape, string shapeRef, string path)
    {
        var names = present.ToList();
        foreach (var name in names.Where(n => !shape.Members!.ContainsKey(n)))
            errors.Add($"{path}: {shapeRef} has no member '{name}' (members: {string.Join(", ", shape.Members!.Keys)})");
        foreach (var name in shape.RequiredMembers.Where(r => !names.Contains(r)))
            errors.Add($"{path}: {shapeRef} requires member '{name}'");
    }
}
