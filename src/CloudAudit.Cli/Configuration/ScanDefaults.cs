using CloudAudit.Analysis;
using CloudAudit.Checks;
using CloudAudit.Checks.Framework;
using CloudAudit.Cli.Commands;

namespace CloudAudit.Cli.Configuration;

/// <summary>
/// What the config file and the environment contribute to a scan before the command-line flags, which
/// win over both: the environment wins over the file, except exclusions, which add up.
/// </summary>
public sealed record ScanDefaults
{
    public const string RegionsVariable = "CLOUD_AUDIT_REGIONS";
    public const string MinSeverityVariable = "CLOUD_AUDIT_MIN_SEVERITY";
    public const string ExcludeChecksVariable = "CLOUD_AUDIT_EXCLUDE_CHECKS";
    public const string RoleArnVariable = "CLOUD_AUDIT_ROLE_ARN";
    /// <summary>Accepted for the reference tool's users and ignored: cloud-audit prints no advert to hide.</summary>
    public const string NoSupportLineVariable = "CLOUD_AUDIT_NO_SUPPORT_LINE";

    public string? ConfigPath { get; init; }
    public IReadOnlyList<string>? Regions { get; init; }
    public Severity? MinSeverity { get; init; }
    public IReadOnlyList<string> ExcludeChecks { get; init; } = [];
    public IReadOnlyList<Suppression> Suppressions { get; init; } = [];
    public string? Profile { get; init; }
    public string? RoleArn { get; init; }
    /// <summary>Things worth saying that do not stop the scan (an excluded check this version does not have).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    public static readonly ScanDefaults None = new();

    /// <summary>
    /// The explicit config file, else <c>./.cloud-audit.yml</c> when <paramref name="ambient"/> and it
    /// exists; then the environment when <paramref name="ambient"/>. A missing explicit file is an error.
    /// </summary>
    public static ScanDefaults Load(string? explicitConfig, bool ambient)
    {
        var config = LoadFile(explicitConfig, ambient);
        var warnings = new List<string>();
        var defaults = new ScanDefaults();
        if (config is not null)
        {
            foreach (var (id, line) in config.ExcludeChecks.Where(c => CheckRegistry.Find(c.Id) is null))
                warnings.Add($"{config.Path}:{line}: exclude_checks: {id} is not a check of this version; ignored");
            defaults = new ScanDefaults
            {
                ConfigPath = config.Path,
                Regions = config.Regions,
                MinSeverity = config.MinSeverity,
                ExcludeChecks = config.ExcludeChecks.Select(c => c.Id).ToList(),
                Suppressions = config.Suppressions,
                Profile = config.Profile,
            };
        }
        if (ambient)
            defaults = WithEnvironment(defaults, warnings);
        return defaults with { Warnings = warnings };
    }

    private static ConfigFile? LoadFile(string? explicitConfig, bool ambient)
    {
        if (explicitConfig is not null)
        {
            var path = Path.Combine(CliEnvironment.WorkingDirectory, explicitConfig);
            return File.Exists(path) ? ConfigFile.Load(path) : throw new UsageException($"config file not found: {explicitConfig}");
        }
        var implicitPath = Path.Combine(CliEnvironment.WorkingDirectory, ConfigFile.DefaultName);
        return ambient && File.Exists(implicitPath) ? ConfigFile.Load(implicitPath) : null;
    }

    private static ScanDefaults WithEnvironment(ScanDefaults defaults, List<string> warnings)
    {
        if (Variable(RegionsVariable) is { } regionList)
        {
            var regions = ScanOptions.Split([regionList]);
            var invalid = regions.FirstOrDefault(r => !RegionNames.IsValid(r) && !r.Equals("all", StringComparison.OrdinalIgnoreCase));
            if (invalid is not null)
                throw new UsageException($"{RegionsVariable}: invalid region '{invalid}' (expected a name such as eu-west-1)");
            defaults = defaults with { Regions = regions };
        }
        if (Variable(MinSeverityVariable) is { } level)
            defaults = defaults with
            {
                MinSeverity = EnumText.TryParseSeverity(level.Trim(), out var severity) ? severity
                    : throw new UsageException($"{MinSeverityVariable}: invalid severity '{level}'; use critical, high, medium, low or info"),
            };
        if (Variable(ExcludeChecksVariable) is { } excluded)
        {
            var ids = ScanOptions.Split([excluded]);
            var malformed = ids.FirstOrDefault(id => !CheckInfo.IdPattern().IsMatch(id));
            if (malformed is not null)
                throw new UsageException($"{ExcludeChecksVariable}: '{malformed}' is not a check ID (such as aws-ct-001)");
            warnings.AddRange(ids.Where(id => CheckRegistry.Find(id) is null)
                .Select(id => $"{ExcludeChecksVariable}: {id} is not a check of this version; ignored"));
            defaults = defaults with { ExcludeChecks = defaults.ExcludeChecks.Union(ids, StringComparer.OrdinalIgnoreCase).ToList() };
        }
        if (Variable(RoleArnVariable) is { } role)
            defaults = defaults with { RoleArn = role.Trim() };
        return defaults;
    }

    /// <summary>An environment variable, or null when it is unset or blank.</summary>
    private static string? Variable(string name) =>
        CliEnvironment.Variable(name) is { } value && !string.IsNullOrWhiteSpace(value) ? value : null;
}
