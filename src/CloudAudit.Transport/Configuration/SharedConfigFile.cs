namespace CloudAudit.Transport.Configuration;

/// <summary>One section of a shared config or credentials file: its settings and its nested groups ("s3 =" then indented lines).</summary>
public sealed class ConfigSection(string file)
{
    private readonly Dictionary<string, string> values = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Dictionary<string, string>> groups = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The file the section was read from, for error messages.</summary>
    public string File { get; } = file;

    public string? this[string key] => values.GetValueOrDefault(key) is { Length: > 0 } value ? value : null;

    public IReadOnlyDictionary<string, string> Values => values;

    /// <summary>A nested group of settings ("s3 =" followed by indented "endpoint_url = …" lines).</summary>
    public IReadOnlyDictionary<string, string>? Group(string key) => groups.GetValueOrDefault(key);

    public IReadOnlyDictionary<string, Dictionary<string, string>> Groups => groups;

    internal void Set(string key, string value) => values[key] = value;

    internal Dictionary<string, string> OpenGroup(string key)
    {
        values.Remove(key);
        return groups[key] = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Settings of <paramref name="over"/> win over this section's.</summary>
    internal ConfigSection MergedWith(ConfigSection over)
    {
        var merged = new ConfigSection(over.File);
        foreach (var (key, value) in values) merged.values[key] = value;
        foreach (var (key, group) in groups) merged.groups[key] = group;
        foreach (var (key, value) in over.values) merged.values[key] = value;
        foreach (var (key, group) in over.groups) merged.groups[key] = group;
        return merged;
    }
}

/// <summary>
/// The AWS CLI's shared files, read as the CLI reads them: <c>[default]</c> and <c>[profile NAME]</c>,
/// <c>[sso-session NAME]</c> and <c>[services NAME]</c> in the config file, <c>[NAME]</c> in the credentials file
/// (whose settings win for a profile in both). Keys are case-insensitive; lines starting with # or ; are comments;
/// an indented line continues the group opened by a key with no value.
/// </summary>
public sealed class SharedConfigFile
{
    private readonly Dictionary<string, ConfigSection> profiles = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ConfigSection> ssoSessions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ConfigSection> services = new(StringComparer.Ordinal);

    public static SharedConfigFile Empty { get; } = new();

    public string? ConfigPath { get; private init; }
    public string? CredentialsPath { get; private init; }

    public IEnumerable<string> ProfileNames => profiles.Keys;

    public ConfigSection? Profile(string name) => profiles.GetValueOrDefault(name);

    public ConfigSection? SsoSession(string name) => ssoSessions.GetValueOrDefault(name);

    public ConfigSection? Services(string name) => services.GetValueOrDefault(name);

    /// <summary>Reads both files; a file that does not exist is empty, one that cannot be read is an error naming it.</summary>
    /// <exception cref="AwsConfigurationException">A file exists but cannot be read.</exception>
    public static SharedConfigFile Load(string configPath, string credentialsPath)
    {
        var file = new SharedConfigFile { ConfigPath = configPath, CredentialsPath = credentialsPath };
        foreach (var (name, section) in Parse(configPath))
        {
            if (name == "default")
                file.profiles["default"] = section;
            else if (name.StartsWith("profile ", StringComparison.Ordinal))
                file.profiles[name["profile ".Length..].Trim()] = section;
            else if (name.StartsWith("sso-session ", StringComparison.Ordinal))
                file.ssoSessions[name["sso-session ".Length..].Trim()] = section;
            else if (name.StartsWith("services ", StringComparison.Ordinal))
                file.services[name["services ".Length..].Trim()] = section;
        }
        foreach (var (name, section) in Parse(credentialsPath))
            file.profiles[name] = file.profiles.TryGetValue(name, out var fromConfig) ? fromConfig.MergedWith(section) : section;
        return file;
    }

    /// <summary>The sections of one INI file in order; a missing file has none.</summary>
    public static IReadOnlyList<(string Name, ConfigSection Section)> Parse(string path)
    {
        string[] lines;
        try
        {
            if (!System.IO.File.Exists(path))
                return [];
            lines = System.IO.File.ReadAllLines(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new AwsConfigurationException($"cannot read the AWS config file {path}: {e.Message}");
        }
        var sections = new List<(string, ConfigSection)>();
        ConfigSection? current = null;
        Dictionary<string, string>? group = null;
        foreach (var raw in lines)
        {
            var trimmed = raw.Trim();
            if (trimmed.Length == 0 || trimmed[0] is '#' or ';')
                continue;
            if (trimmed[0] == '[' && trimmed[^1] == ']')
            {
                current = new ConfigSection(path);
                group = null;
                sections.Add((trimmed[1..^1].Trim(), current));
                continue;
            }
            var equals = trimmed.IndexOf('=', StringComparison.Ordinal);
            if (current is null || equals <= 0)
                continue;
            var key = trimmed[..equals].Trim();
            var value = trimmed[(equals + 1)..].Trim();
            var indented = char.IsWhiteSpace(raw[0]);
            if (indented && group is not null)
                group[key] = value;
            else if (value.Length == 0)
                group = current.OpenGroup(key);
            else
            {
                group = null;
                current.Set(key, value);
            }
        }
        return sections;
    }
}

/// <summary>A setting or file the user gave cannot be used; the message names it and the fix (the CLI exits 2 with it).</summary>
public sealed class AwsConfigurationException(string message, Exception? inner = null) : Exception(message, inner);
