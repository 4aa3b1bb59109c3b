using System.Globalization;
using CloudAudit.Analysis;
using CloudAudit.Checks.Framework;
using CloudAudit.Cli.Commands;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace CloudAudit.Cli.Configuration;

/// <summary>
/// <c>.cloud-audit.yml</c>, with the reference tool's keys and meaning: <c>provider</c>, <c>profile</c>,
/// <c>regions</c>, <c>min_severity</c>, <c>exclude_checks</c> and <c>suppressions</c> (each with
/// <c>check_id</c> and optional <c>resource_id</c> fnmatch globs, a required <c>reason</c>, optional
/// <c>accepted_by</c> and an inclusive <c>expires</c> date; ours adds <c>account_id</c>, one account ID or glob
/// or a list of them, to accept a risk in some accounts of a multi-account scan only). Anything else, or a value of the wrong
/// shape, is an error that names the file, the line and the key.
/// </summary>
public sealed record ConfigFile
{
    public const string DefaultName = ".cloud-audit.yml";

    public required string Path { get; init; }
    public string? Profile { get; init; }
    public IReadOnlyList<string>? Regions { get; init; }
    public Severity? MinSeverity { get; init; }
    /// <summary>Check IDs to skip, with the line each was given on.</summary>
    public IReadOnlyList<(string Id, int Line)> ExcludeChecks { get; init; } = [];
    public IReadOnlyList<Suppression> Suppressions { get; init; } = [];

    private static readonly string[] TopLevelKeys = ["provider", "profile", "regions", "min_severity", "exclude_checks", "suppressions"];
    private static readonly string[] SuppressionKeys = ["check_id", "resource_id", "reason", "accepted_by", "expires", "account_id"];

    public static ConfigFile Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"cannot read config file {path}: {e.Message}");
        }
        return Parse(text, path);
    }

    public static ConfigFile Parse(string text, string path)
    {
        var yaml = new YamlStream();
        try
        {
            yaml.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            throw new UsageException($"{path}:{e.Start.Line}: invalid YAML: {FirstLine(e.Message)}");
        }
        var config = new ConfigFile { Path = path };
        if (yaml.Documents.Count == 0 || IsNull(yaml.Documents[0].RootNode))
            return config;
        var reader = new Reader(path);
        var root = reader.Mapping(yaml.Documents[0].RootNode, "the top level");
        foreach (var (keyNode, value) in root.Children)
        {
            var key = reader.Key(keyNode, TopLevelKeys, "");
            switch (key)
            {
                case "provider":
                    var provider = reader.OptionalText(value, key);
                    if (provider is not null && !provider.Equals("aws", StringComparison.OrdinalIgnoreCase))
                        throw reader.Error(value, key, $"unsupported provider '{provider}'; only aws is supported");
                    break;
                case "profile":
                    config = config with { Profile = reader.OptionalText(value, key) };
                    break;
                case "regions":
                    config = config with { Regions = reader.OptionalList(value, key)?.Select(r => RegionName(reader, r, key)).ToList() };
                    break;
                case "min_severity":
                    config = config with { MinSeverity = reader.OptionalText(value, key) is { } level ? Severity(reader, value, key, level) : null };
                    break;
                case "exclude_checks":
                    config = config with { ExcludeChecks = (reader.OptionalList(value, key) ?? []).Select(c => CheckId(reader, c, key)).ToList() };
                    break;
                case "suppressions":
                    config = config with { Suppressions = reader.OptionalSequence(value, key).Select((s, i) => SuppressionAt(reader, s, $"suppressions[{i}]")).ToList() };
                    break;
            }
        }
        return config;
    }

    private static Suppression SuppressionAt(Reader reader, YamlNode node, string where)
    {
        var entry = reader.Mapping(node, where);
        var values = new Dictionary<string, (string? Text, YamlNode Node)>(StringComparer.Ordinal);
        List<string>? accounts = null;
        foreach (var (keyNode, value) in entry.Children)
        {
            var key = reader.Key(keyNode, SuppressionKeys, where + ".");
            if (key == "account_id")
                accounts = AccountGlobs(reader, value, $"{where}.{key}");
            else
                values[key] = (reader.OptionalText(value, $"{where}.{key}"), value);
        }
        string Required(string key) =>
            values.TryGetValue(key, out var v) && !string.IsNullOrWhiteSpace(v.Text) ? v.Text
                : throw reader.Error(values.TryGetValue(key, out var present) ? present.Node : node, $"{where}.{key}",
                    key == "reason" ? "required: say why this risk is accepted" : "required");
        var checkId = Required("check_id");
        var reason = Required("reason");
        DateOnly? expires = null;
        if (values.TryGetValue("expires", out var date) && date.Text is { } text)
            expires = DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed)
                ? parsed : throw reader.Error(date.Node, $"{where}.expires", $"'{text}' is not a date (YYYY-MM-DD)");
        return new Suppression(checkId, values.GetValueOrDefault("resource_id").Text, reason,
            values.GetValueOrDefault("accepted_by").Text ?? "", expires, accounts);
    }

    /// <summary>One account ID or glob, or a list of them: each 12 digits where it has no wildcard.</summary>
    private static List<string>? AccountGlobs(Reader reader, YamlNode node, string key)
    {
        var items = node is YamlSequenceNode ? reader.OptionalList(node, key)
            : reader.OptionalText(node, key) is { } one ? [(one, node)] : null;
        if (items is null)
            return null;
        foreach (var (text, item) in items)
            if (text.IndexOfAny(['*', '?', '[']) < 0 && !CloudAudit.Inventory.AwsIds.IsAccountId(text))
                throw reader.Error(item, key, $"'{text}' is not a 12-digit account ID (or a glob such as 1111*)");
        return items.Select(i => i.Text).ToList();
    }

    private static string RegionName(Reader reader, (string Text, YamlNode Node) item, string key) =>
        RegionNames.IsValid(item.Text) || item.Text.Equals("all", StringComparison.OrdinalIgnoreCase) ? item.Text
            : throw reader.Error(item.Node, key, $"invalid region '{item.Text}' (expected a name such as eu-west-1)");

    private static (string, int) CheckId(Reader reader, (string Text, YamlNode Node) item, string key) =>
        CheckInfo.IdPattern().IsMatch(item.Text) ? (item.Text, (int)item.Node.Start.Line)
            : throw reader.Error(item.Node, key, $"'{item.Text}' is not a check ID (such as aws-ct-001)");

    private static Severity Severity(Reader reader, YamlNode node, string key, string text) =>
        EnumText.TryParseSeverity(text, out var severity) ? severity
            : throw reader.Error(node, key, $"invalid severity '{text}'; use critical, high, medium, low or info");

    private static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain, Value: null or "" or "~" or "null" or "Null" or "NULL" };

    private static string FirstLine(string message) => message.Split('\n')[0].Trim();

    /// <summary>Reads nodes of the expected shapes, or fails with file, line and key.</summary>
    private sealed class Reader(string path)
    {
        public UsageException Error(YamlNode node, string key, string message) =>
            new($"{path}:{node.Start.Line}: {key}: {message}");

        public YamlMappingNode Mapping(YamlNode node, string key) =>
            node as YamlMappingNode ?? throw Error(node, key, "expected a mapping of keys to values");

        public string Key(YamlNode node, string[] allowed, string prefix)
        {
            var key = (node as YamlScalarNode)?.Value ?? "";
            return allowed.Contains(key, StringComparer.Ordinal) ? key
                : throw Error(node, prefix + key, $"unknown key; allowed: {string.Join(", ", allowed)}");
        }

        public string? OptionalText(YamlNode node, string key) => node switch
        {
            _ when IsNull(node) => null,
            YamlScalarNode scalar => scalar.Value,
            _ => throw Error(node, key, "expected a single value"),
        };

        public IEnumerable<YamlNode> OptionalSequence(YamlNode node, string key) => node switch
        {
            _ when IsNull(node) => [],
            YamlSequenceNode sequence => sequence.Children,
            _ => throw Error(node, key, "expected a list"),
        };

        public List<(string Text, YamlNode Node)>? OptionalList(YamlNode node, string key) =>
            IsNull(node) ? null
                : OptionalSequence(node, key).Select(item => (OptionalText(item, key) ?? throw Error(item, key, "empty list item"), item)).ToList();
    }
}
