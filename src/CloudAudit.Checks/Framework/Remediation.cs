using System.Text;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace CloudAudit.Checks.Framework;

/// <summary>
/// A check's fix, as templates with named slots: <c>{region}</c>, <c>{account_id}</c>, <c>{resource_id}</c>
/// and any value the finding supplies. Quoting is done here, once per target language, never by checks:
/// in CLI templates a slot becomes one shell word; in Terraform and CloudFormation it becomes a quoted
/// string literal. <c>{name:id}</c> renders a Terraform identifier, <c>{name:raw}</c> a value that
/// must already be safe (numbers). <c>{name:json}</c> holds a JSON document: in Terraform it becomes a
/// <c>jsonencode({ … })</c> expression (<see cref="HclFix"/>), elsewhere one string like any slot. A slot the finding cannot know renders as a <c>&lt;PLACEHOLDER&gt;</c>.
/// A slot may hold several values (<see cref="SlotValue.Each"/>): the lines that use it are repeated, one
/// copy per value, so a fix names every policy of a user rather than the first.
/// </summary>
public sealed record RemediationTemplate(string Cli, string Terraform, string DocUrl, Effort Effort, string? CloudFormation = null)
{
    /// <summary>For a check with several fixes: the situation this one is for ("the account has no trail").</summary>
    public string? When { get; init; }

    public RenderedRemediation Render(SlotValues values) => new(
        TemplateRenderer.Render(Cli, values, TargetLanguage.Shell),
        TemplateRenderer.Render(Terraform, values, TargetLanguage.Hcl),
        DocUrl,
        Effort,
        CloudFormation is null ? null : TemplateRenderer.Render(CloudFormation, values, TargetLanguage.Yaml));

    /// <summary>Every slot name the templates use.</summary>
    public IEnumerable<string> SlotNames() =>
        new[] { Cli, Terraform, CloudFormation ?? "" }.SelectMany(TemplateRenderer.Slots).Distinct();
}

public sealed record RenderedRemediation(
    [property: JsonPropertyName("cli")] string Cli,
    [property: JsonPropertyName("terraform")] string Terraform,
    [property: JsonPropertyName("doc_url")] string DocUrl,
    [property: JsonPropertyName("effort")] Effort Effort,
    [property: JsonPropertyName("cloudformation")] string? CloudFormation = null);

public enum TargetLanguage { Shell, Hcl, Yaml }

/// <summary>A value for a template slot: a literal, or a placeholder the user must fill in.</summary>
public abstract record SlotValue
{
    public sealed record Literal(string Value) : SlotValue;
    /// <summary>Unknowable value; rendered as &lt;NAME&gt;.</summary>
    public sealed record Placeholder(string Name) : SlotValue;
    /// <summary>
    /// Several values: each run of consecutive template lines that use this slot is rendered once per value,
    /// in order (none when there is none). A line may use only one such slot.
    /// </summary>
    public sealed record Each(IReadOnlyList<string> Values) : SlotValue;

    public static implicit operator SlotValue(string value) => new Literal(value);
}

/// <summary>Slot values for one finding.</summary>
public sealed class SlotValues
{
    private readonly Dictionary<string, SlotValue> _values = new(StringComparer.Ordinal);

    public SlotValue this[string name]
    {
        get => _values.TryGetValue(name, out var v) ? v : throw new KeyNotFoundException($"remediation slot '{name}' has no value");
        set => _values[name] = value;
    }

    public bool Contains(string name) => _values.ContainsKey(name);

    public SlotValues With(string name, SlotValue value)
    {
        _values[name] = value;
        return this;
    }

    public SlotValues Placeholder(string name, string placeholder)
    {
        _values[name] = new SlotValue.Placeholder(placeholder);
        return this;
    }
}

internal static partial class TemplateRenderer
{
    [GeneratedRegex(@"\{([a-z][a-z0-9_]*)(?::(id|raw|json))?\}")]
    private static partial Regex SlotPattern();

    [GeneratedRegex(@"^[A-Za-z0-9_./:@%+=,-]+$")]
    private static partial Regex ShellSafe();

    [GeneratedRegex(@"^[A-Za-z0-9_.:/+=@,-]*$")]
    private static partial Regex RawSafe();

    [GeneratedRegex("^[A-Z][A-Z0-9_]*$")]
    private static partial Regex PlaceholderName();

    public static IEnumerable<string> Slots(string template) =>
        SlotPattern().Matches(template).Select(m => m.Groups[1].Value);

    public static string Render(string template, SlotValues values, TargetLanguage language)
    {
        var lines = template.Split('\n');
        var rendered = new List<string>();
        for (var i = 0; i < lines.Length;)
        {
            if (RepeatedSlot(lines[i], values) is not { } repeated)
            {
                rendered.Add(RenderLine(lines[i++], name => values[name], language));
                continue;
            }
            var end = i;
            while (end < lines.Length && RepeatedSlot(lines[end], values)?.Name == repeated.Name) end++;
            foreach (var value in repeated.Values)
                for (var line = i; line < end; line++)
                    rendered.Add(RenderLine(lines[line], name => name == repeated.Name ? value : values[name], language));
            i = end;
        }
        return string.Join('\n', rendered);
    }

    /// <summary>The slot of the line whose value is <see cref="SlotValue.Each"/>, if any.</summary>
    private static (string Name, IReadOnlyList<string> Values)? RepeatedSlot(string line, SlotValues values)
    {
        var repeated = Slots(line).Distinct().Where(values.Contains)
            .Select(name => (Name: name, Value: values[name])).Where(s => s.Value is SlotValue.Each).ToList();
        return repeated switch
        {
            [] => null,
            [var one] => (one.Name, ((SlotValue.Each)one.Value).Values),
            _ => throw new ArgumentException($"a template line repeats for one slot only: {string.Join(", ", repeated.Select(r => r.Name))}"),
        };
    }

    private static string RenderLine(string line, Func<string, SlotValue> value, TargetLanguage language) =>
        SlotPattern().Replace(line, match =>
        {
            var name = match.Groups[1].Value;
            var format = match.Groups[2].Value;
            return value(name) switch
            {
                SlotValue.Placeholder p => RenderPlaceholder(p.Name, format, language),
                SlotValue.Literal l => RenderLiteral(name, l.Value, format, language, Indent(line)),
                _ => throw new InvalidOperationException($"slot '{name}' holds several values"),
            };
        });

    private static string RenderPlaceholder(string name, string format, TargetLanguage language)
    {
        if (!PlaceholderName().IsMatch(name))
            throw new ArgumentException($"placeholder '{name}' must be UPPER_SNAKE_CASE");
        return (format, language) switch
        {
            ("id", _) => name.ToLowerInvariant(),
            (_, TargetLanguage.Shell) => $"<{name}>",
            _ => $"\"<{name}>\"",
        };
    }

    private static string Indent(string line) => line[..(line.Length - line.TrimStart(' ').Length)];

    private static string RenderLiteral(string slot, string value, string format, TargetLanguage language, string indent)
    {
        switch (format)
        {
            case "id":
                return TerraformIdentifier(value);
            case "json" when language == TargetLanguage.Hcl && HclFix.JsonDocument(value) is { } document:
                return HclFix.JsonEncode(document, indent);
            case "raw":
                if (!RawSafe().IsMatch(value))
                    throw new ArgumentException($"slot '{slot}' is rendered raw but its value '{value}' holds unsafe characters");
                return value;
        }
        return language switch
        {
            TargetLanguage.Shell => ShellWord(value),
            TargetLanguage.Hcl => HclString(value),
            _ => YamlString(value),
        };
    }

    /// <summary>One POSIX shell word: bare when safe, otherwise single-quoted with embedded quotes escaped.</summary>
    public static string ShellWord(string value) =>
        value.Length > 0 && ShellSafe().IsMatch(value) ? value : "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    /// <summary>An HCL quoted string; <c>${</c> and <c>%{</c> are escaped so values never interpolate.</summary>
    public static string HclString(string value)
    {
        var text = new StringBuilder("\"");
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            var next = i + 1 < value.Length ? value[i + 1] : '\0';
            switch (c)
            {
                case '\\': text.Append(@"\\"); break;
                case '"': text.Append("\\\""); break;
                case '\n': text.Append(@"\n"); break;
                case '\r': text.Append(@"\r"); break;
                case '\t': text.Append(@"\t"); break;
                case '$' when next == '{': text.Append("$$"); break;
                case '%' when next == '{': text.Append("%%"); break;
                default:
                    if (char.IsControl(c)) text.Append($"\\u{(int)c:X4}");
                    else text.Append(c);
                    break;
            }
        }
        return text.Append('"').ToString();
    }

    public static string YamlString(string value) =>
        "'" + value.Replace("'", "''", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal) + "'";

    /// <summary>A Terraform resource name: letters, digits, underscores and dashes, starting with a letter or underscore.</summary>
    public static string TerraformIdentifier(string value)
    {
        var text = new StringBuilder(value.Length);
        foreach (var c in value.ToLowerInvariant())
            text.Append(char.IsAsciiLetterOrDigit(c) || c == '_' ? c : '_');
        var id = text.ToString().Trim('_');
        if (id.Length == 0 || char.IsAsciiDigit(id[0]))
            id = "r_" + id;
        return id.Length > 64 ? id[..64].TrimEnd('_') : id;
    }
}
