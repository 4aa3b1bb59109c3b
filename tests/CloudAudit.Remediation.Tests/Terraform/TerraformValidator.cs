using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace CloudAudit.Remediation.Tests.Terraform;

/// <summary>
/// Checks a parsed snippet against the aws provider's schema: real resource types and data sources,
/// real argument and block names written as arguments and blocks, required ones present (unless the
/// snippet marks a resource as an excerpt of an existing one), valid labels, references to what the
/// snippet defines, and &lt;PLACEHOLDER&gt;s only as whole strings.
/// </summary>
public sealed partial class TerraformValidator(TerraformSchema schema)
{
    private static readonly HashSet<string> TopLevelBlocks =
        ["resource", "data", "provider", "variable", "locals", "output", "terraform", "import", "moved", "removed", "check", "module"];

    private static readonly HashSet<string> ResourceMetaArguments = ["count", "for_each", "provider", "depends_on"];
    private static readonly HashSet<string> ResourceMetaBlocks = ["lifecycle", "provisioner", "connection"];

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_-]*$")]
    private static partial Regex Identifier();

    [GeneratedRegex("<[A-Z][A-Z0-9_]*>")]
    private static partial Regex PlaceholderInside();

    [GeneratedRegex("^<[A-Z][A-Z0-9_]*>$")]
    private static partial Regex WholePlaceholder();

    /// <summary>A placeholder inside an expression that is not a whole string literal ("&lt;X&gt;").</summary>
    [GeneratedRegex("(?<!\")<[A-Z][A-Z0-9_]*>|<[A-Z][A-Z0-9_]*>(?!\")")]
    private static partial Regex PlaceholderInsideLiteral();

    /// <summary>"# In the aws_x resource that manages …" before a resource: the snippet shows only the arguments to change.</summary>
    [GeneratedRegex(@"^\s*(?:#|//)\s*In the (\S+) resource\b")]
    private static partial Regex ExcerptComment();

    [GeneratedRegex(@"(?<![\w.])(?:(data)\.)?(aws_[a-z0-9_]+)\.([A-Za-z_][\w-]*)|(?<![\w.])(var|local)\.([A-Za-z_][\w-]*)")]
    private static partial Regex Reference();

    public IReadOnlyList<string> Validate(string text, JsonObject configuration)
    {
        var errors = new List<string>();
        var lines = text.Split('\n');
        // The JSON form writes blocks and list-of-object arguments alike, so how each name is written
        // (name { or name =) is read from the text, without its strings and comments.
        var code = StringsAndComments().Replace(text, m => m.Value.StartsWith('"') ? "\"\"" : "");
        var blockHeads = BlockHeads().Matches(code).Select(m => m.Groups[1].Value).ToHashSet();
        var assignments = Assignments().Matches(code).Select(m => m.Groups[1].Value).ToHashSet();
        var defined = new HashSet<string>();

        foreach (var (key, value) in configuration)
            if (!TopLevelBlocks.Contains(key)) errors.Add($"'{key}' is not a Terraform block type");

        foreach (var (kind, types) in Labeled(configuration, "resource").Concat(Labeled(configuration, "data")))
        {
            var isData = kind == "data";
            foreach (var (type, names) in types)
            {
                var known = isData ? schema.DataSources : schema.Resources;
                if (!known.TryGetValue(type, out var typeSchema))
                {
                    errors.Add($"{kind} type '{type}' is not in the aws provider {schema.ProviderVersion}");
                    continue;
                }
                foreach (var (name, bodies) in names!.AsObject())
                {
                    var address = isData ? $"data.{type}.{name}" : $"{type}.{name}";
                    defined.Add(address);
                    if (!Identifier().IsMatch(name)) errors.Add($"{address}: '{name}' is not a valid Terraform name");
                    var list = bodies!.AsArray();
                    if (list.Count > 1) errors.Add($"{address} is defined {list.Count} times");
                    var excerpt = !isData && IsExcerpt(lines, type, name);
                    foreach (var body in list)
                        CheckBody(body!.AsObject(), typeSchema, address, checkRequired: !excerpt, topLevel: true, errors, blockHeads, assignments);
                }
            }
        }
        if (configuration["provider"] is JsonObject providers)
            foreach (var (name, bodies) in providers)
            {
                if (name != "aws") errors.Add($"provider '{name}': fixes configure only the aws provider");
                else foreach (var body in bodies!.AsArray())
                    CheckBody(body!.AsObject(), schema.Provider, "provider aws", checkRequired: true, topLevel: false, errors, blockHeads, assignments);
            }
        foreach (var name in Labels(configuration, "variable")) defined.Add($"var.{name}");
        if (configuration["locals"] is JsonArray locals)
            foreach (var block in locals)
                foreach (var (name, _) in block!.AsObject()) defined.Add($"local.{name}");

        CheckStrings(configuration, "", defined, errors);
        return errors;
    }

    private static bool IsExcerpt(string[] lines, string type, string name)
    {
        var header = Array.FindIndex(lines, l => l.TrimStart().StartsWith($"resource \"{type}\" \"{name}\"", StringComparison.Ordinal));
        var previous = header - 1;
        while (previous >= 0 && lines[previous].Trim().Length == 0) previous--;
        return previous >= 0 && ExcerptComment().Match(lines[previous]) is { Success: true } m && m.Groups[1].Value == type;
    }

    private static void CheckBody(JsonObject body, BlockSchema blockSchema, string path, bool checkRequired, bool topLevel,
        List<string> errors, HashSet<string> blockHeads, HashSet<string> assignments)
    {
        foreach (var (key, value) in body)
        {
            if (blockSchema.Arguments.ContainsKey(key) || (topLevel && ResourceMetaArguments.Contains(key)))
            {
                if (!assignments.Contains(key)) errors.Add($"{path}: '{key}' is an argument; write it as {key} = …");
                continue;
            }
            if (topLevel && ResourceMetaBlocks.Contains(key)) continue;
            if (!blockSchema.Blocks.TryGetValue(key, out var nested))
            {
                errors.Add($"{path}: no argument or block '{key}' (arguments: {string.Join(", ", blockSchema.Arguments.Keys)}"
                    + (blockSchema.Blocks.Count > 0 ? $"; blocks: {string.Join(", ", blockSchema.Blocks.Keys)})" : ")"));
                continue;
            }
            if (value is not JsonArray instances || !blockHeads.Contains(key))
            {
                errors.Add($"{path}: '{key}' is a block; write it as {key} {{ … }}");
                continue;
            }
            if (nested.Single && instances.Count > 1) errors.Add($"{path}: block '{key}' may appear only once");
            if (nested.Schema.Undescribed) continue;
            foreach (var instance in instances)
                if (instance is JsonObject nestedBody)
                    CheckBody(nestedBody, nested.Schema, $"{path}.{key}", checkRequired, topLevel: false, errors, blockHeads, assignments);
        }
        if (!checkRequired) return;
        foreach (var (name, required) in blockSchema.Arguments)
            if (required && !body.ContainsKey(name)) errors.Add($"{path}: required argument '{name}' is missing");
        foreach (var (name, nested) in blockSchema.Blocks)
            if (nested.Required && !body.ContainsKey(name)) errors.Add($"{path}: required block '{name}' is missing");
    }

    /// <summary>Every string: placeholders whole, and references inside ${…} to things the snippet defines.</summary>
    private static void CheckStrings(JsonNode? node, string path, HashSet<string> defined, List<string> errors)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, value) in o) CheckStrings(value, path.Length == 0 ? key : $"{path}.{key}", defined, errors);
                break;
            case JsonArray a:
                foreach (var item in a) CheckStrings(item, path, defined, errors);
                break;
            case JsonValue v when v.TryGetValue<string>(out var text):
                if (PlaceholderInside().IsMatch(text) && !WholePlaceholder().IsMatch(text) && !WholeLiteralsOfOneExpression(text))
                    errors.Add($"{path}: a <PLACEHOLDER> must be a whole string, not part of \"{text}\"");
                foreach (var expression in Interpolations(text))
                    foreach (Match reference in Reference().Matches(expression))
                    {
                        var target = reference.Groups[2].Success
                            ? (reference.Groups[1].Success ? "data." : "") + $"{reference.Groups[2].Value}.{reference.Groups[3].Value}"
                            : $"{reference.Groups[4].Value}.{reference.Groups[5].Value}";
                        if (!defined.Contains(target))
                            errors.Add($"{path}: refers to {target}, which the snippet does not define");
                    }
                break;
        }
    }

    /// <summary>An expression (jsonencode({ … })) whose placeholders are each a whole string literal in it.</summary>
    private static bool WholeLiteralsOfOneExpression(string text) =>
        text.StartsWith("${", StringComparison.Ordinal) && text.EndsWith('}') && Interpolations(text).Count() == 1
        && !PlaceholderInsideLiteral().IsMatch(text);

    /// <summary>The expressions inside ${…} of a Terraform JSON string ($${ is a literal "${").</summary>
    private static IEnumerable<string> Interpolations(string text)
    {
        for (var i = text.IndexOf("${", StringComparison.Ordinal); i >= 0; i = text.IndexOf("${", i + 2, StringComparison.Ordinal))
        {
            if (i > 0 && text[i - 1] == '$') continue;
            var depth = 0;
            for (var j = i + 1; j < text.Length; j++)
            {
                if (text[j] == '{') depth++;
                else if (text[j] == '}' && --depth == 0)
                {
                    yield return text[(i + 2)..j];
                    i = j - 1;
                    break;
                }
            }
        }
    }

    private static IEnumerable<(string Kind, JsonObject Types)> Labeled(JsonObject configuration, string kind) =>
        configuration[kind] is JsonObject types ? [(kind, types)] : [];

    private static IEnumerable<string> Labels(JsonObject configuration, string kind) =>
        configuration[kind] is JsonObject labels ? labels.Select(l => l.Key) : [];

    /// <summary>Quoted strings (with escapes) and #, // and /* */ comments.</summary>
    [GeneratedRegex(@"""(?:[^""\\\n]|\\.)*""|#[^\n]*|//[^\n]*|/\*[\s\S]*?\*/")]
    private static partial Regex StringsAndComments();

    /// <summary>Names that open a block ("event_selector {", "resource "" "" {").</summary>
    [GeneratedRegex(@"(?<![\w.-])([A-Za-z_][\w-]*)(?:\s*"""")*\s*\{")]
    private static partial Regex BlockHeads();

    /// <summary>Names assigned a value ("name = …"), not compared (==) or mapped (=>).</summary>
    [GeneratedRegex(@"(?<![\w.-])([A-Za-z_][\w-]*)\s*=(?![=>])")]
    private static partial Regex Assignments();
}
