using System.CommandLine;
using CloudAudit.Analysis;
using CloudAudit.Analysis.Compliance;
using CloudAudit.Checks;
using CloudAudit.Checks.Framework;
using CloudAudit.Cli.Configuration;
using CloudAudit.Cli.Output;

namespace CloudAudit.Cli.Commands;

/// <summary>What to evaluate and how to report it, resolved from the options shared by scan and demo.</summary>
public sealed record ScanRequest
{
    public IReadOnlyList<string> Regions { get; init; } = [];
    public bool AllRegions { get; init; }
    public required CheckSelection Selection { get; init; }
    public Severity? MinSeverity { get; init; }
    public bool Remediation { get; init; }
    public required ReportFormat Format { get; init; }
    public string? OutputPath { get; init; }
    public bool Quiet { get; init; }
    public IReadOnlyList<Suppression> Suppressions { get; init; } = [];
    /// <summary>List suppressed findings (with reason, accepter, expiry) in the console report.</summary>
    public bool ShowSuppressed { get; init; }
    /// <summary>The whole console report (every finding and gap) instead of the one-screen summary.</summary>
    public bool Details { get; init; }
    /// <summary>No colours or styles in the console report (as NO_COLOR does).</summary>
    public bool NoColor { get; init; }
    /// <summary>Also write a review-before-run bash script of the active findings' CLI fixes here.</summary>
    public string? ExportFixesPath { get; init; }
    /// <summary>The config file that was read, if any.</summary>
    public string? ConfigPath { get; init; }
    public string? Profile { get; init; }
    /// <summary>Role to assume for a live scan (--role-arn or CLOUD_AUDIT_ROLE_ARN).</summary>
    public string? RoleArn { get; init; }
    /// <summary>Said on stderr before the scan; never fatal.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
    /// <summary>The framework to assess the scan against (--compliance); the report is then a compliance report.</summary>
    public ComplianceFramework? Compliance { get; init; }

    public IReadOnlyList<Check> SelectedChecks() => Selection.Apply(CheckRegistry.All);
}

/// <summary>The selection and output options that <c>scan</c> and <c>demo</c> share.</summary>
public sealed class ScanOptions
{
    public Option<string[]> Regions { get; } = List("--regions", "Regions to scan: a comma-separated list, or 'all' for every enabled region", "-r");
    public Option<string[]> Categories { get; } = List("--categories", "Only checks of these categories: security, cost, reliability, performance, threat", "-c");
    public Option<string?> MinSeverity { get; } = new("--min-severity") { Description = "Report only findings at or above: critical, high, medium, low, info" };
    public Option<string[]> Checks { get; } = List("--checks", "Only these check IDs (comma-separated)");
    public Option<string[]> ExcludeChecks { get; } = List("--exclude-checks", "Skip these check IDs (comma-separated); their API calls are not made");
    public Option<string[]> Services { get; } = List("--services", "Only checks of these services (cloudtrail, ct, cloudwatch, cw …)");
    public Option<bool> Remediation { get; } = new("--remediation", "-R") { Description = "Print each finding's fix (AWS CLI and Terraform) with real resource IDs" };
    public Option<string?> Format { get; } = new("--format", "-f") { Description = $"Report format: {string.Join(", ", ReportFormats.Names)} (default: console, or inferred from --output)" };
    public Option<string?> Output { get; } = new("--output", "-o") { Description = "Write the report to this file (atomically; never through a symlink)" };
    public Option<bool> Quiet { get; } = new("--quiet", "-q") { Description = "No console output; the exit code tells the result" };
    public Option<string?> Config { get; } = new("--config") { Description = $"Config file (default: ./{ConfigFile.DefaultName} when present, for scan)" };
    public Option<bool> ShowSuppressed { get; } = new("--show-suppressed") { Description = "List suppressed findings in the console report, with reason, accepter and expiry" };
    public Option<bool> Details { get; } = new("--details") { Description = "Console report: every finding with its description and compliance references, every coverage gap with AWS's message" };
    public Option<bool> NoColor { get; } = new("--no-color") { Description = "No colours or styles in the console report (NO_COLOR does the same)" };
    public Option<string?> ExportFixes { get; } = new("--export-fixes") { Description = "Also write a bash script of every active finding's AWS CLI fix, commented out for review" };
    public Option<string?> Compliance { get; } = new("--compliance") { Description = "Report compliance with a framework (see list-frameworks), as console, json, html or markdown" };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { Regions, Categories, MinSeverity, Checks, ExcludeChecks, Services, Remediation, Format, Output, Quiet, Config, ShowSuppressed, Details, NoColor, ExportFixes, Compliance })
            command.Options.Add(option);
    }

    /// <summary>The regions and every report option, without the check selection (for <c>threat-feed</c>, which selects its own).</summary>
    public void AddReportTo(Command command)
    {
        foreach (var option in new Option[] { Regions, MinSeverity, Remediation, Format, Output, Quiet, Config, ShowSuppressed, ExportFixes })
            command.Options.Add(option);
    }

    /// <summary>Only the options that choose checks and regions (for <c>collect</c>, which writes no report).</summary>
    public void AddSelectionTo(Command command)
    {
        foreach (var option in new Option[] { Regions, Categories, Checks, ExcludeChecks, Services, Config })
            command.Options.Add(option);
    }

    private static Option<string[]> List(string name, string description, params string[] aliases) =>
        new(name, aliases) { Description = description, AllowMultipleArgumentsPerToken = false, Arity = ArgumentArity.OneOrMore };

    /// <summary>
    /// Validates everything up front: bad input is one line and exit 2, before any work. Flags win over
    /// the environment and the config file (see <see cref="ScanDefaults"/>); the environment and
    /// <c>./.cloud-audit.yml</c> are read only when <paramref name="ambientConfig"/> (scan, not demo).
    /// </summary>
    public ScanRequest Resolve(ParseResult result, bool ambientConfig)
    {
        var defaults = ScanDefaults.Load(result.GetValue(Config), ambientConfig);
        var (selection, regions, all) = ResolveSelection(result, defaults);
        return ResolveReport(result, defaults, selection, regions, all);
    }

    /// <summary>The report options (added by <see cref="AddTo"/> or <see cref="AddReportTo"/>) around a selection already made.</summary>
    public ScanRequest ResolveReport(ParseResult result, ScanDefaults defaults, CheckSelection selection, IReadOnlyList<string> regions, bool all)
    {
        Severity? minSeverity = result.GetValue(MinSeverity) is { } text
            ? EnumText.TryParseSeverity(text, out var severity) ? severity
                : throw new UsageException($"invalid --min-severity '{text}'; use critical, high, medium, low or info")
            : defaults.MinSeverity;
        var output = result.GetValue(Output);
        var format = ReportFormats.Resolve(result.GetValue(Format), output);
        var compliance = ResolveCompliance(result.GetValue(Compliance), format);
        return new ScanRequest
        {
            Regions = regions,
            AllRegions = all,
            Selection = selection,
            MinSeverity = minSeverity,
            Remediation = result.GetValue(Remediation),
            Format = format,
            OutputPath = output,
            Quiet = result.GetValue(Quiet),
            Suppressions = defaults.Suppressions,
            ShowSuppressed = result.GetValue(ShowSuppressed),
            Details = result.GetValue(Details),
            NoColor = result.GetValue(NoColor),
            ExportFixesPath = result.GetValue(ExportFixes),
            ConfigPath = defaults.ConfigPath,
            Profile = defaults.Profile,
            RoleArn = defaults.RoleArn,
            Warnings = defaults.Warnings,
            Compliance = compliance,
        };
    }

    /// <summary>An unknown framework, or a format compliance reports do not come in, is bad input.</summary>
    private static ComplianceFramework? ResolveCompliance(string? id, ReportFormat format)
    {
        if (id is null) return null;
        var framework = FrameworkCommands.Find(id);
        if (format is not (ReportFormat.Console or ReportFormat.Json or ReportFormat.Html or ReportFormat.Markdown))
            throw new UsageException($"--compliance reports come as console, json, html or markdown, not {ReportFormats.NameOf(format)}");
        return framework;
    }

    /// <summary>
    /// The checks and regions asked for, validated, with the configuration's regions and exclusions
    /// applied; regions are empty for 'all' (and for the default).
    /// </summary>
    public (CheckSelection Selection, IReadOnlyList<string> Regions, bool AllRegions) ResolveSelection(ParseResult result, ScanDefaults defaults)
    {
        var checks = Split(result.GetValue(Checks));
        var excluded = Split(result.GetValue(ExcludeChecks));
        var unknown = CheckSelection.UnknownIds(checks.Concat(excluded));
        if (unknown.Count > 0)
            throw new UsageException($"unknown check ID(s): {string.Join(", ", unknown)} (see `cloud-audit list-checks`)");

        var services = Split(result.GetValue(Services));
        var unknownService = services.FirstOrDefault(s => !CheckRegistry.All.Any(c => CheckSelection.MatchesService(c.Info, s)));
        if (unknownService is not null)
            throw new UsageException($"unknown service '{unknownService}'; known: {string.Join(", ", CheckRegistry.All.Select(c => c.Info.Service.ToLowerInvariant()).Distinct())}");

        var categories = Split(result.GetValue(Categories)).Select(c => EnumText.TryParseCategory(c, out var category)
            ? category : throw new UsageException($"unknown category '{c}'; use security, cost, reliability, performance or threat")).ToList();

        var (regions, all) = ResolveRegions(result, defaults);
        var exclusions = excluded.Union(defaults.ExcludeChecks, StringComparer.OrdinalIgnoreCase).ToList();
        var selection = new CheckSelection { Include = checks, Exclude = exclusions, Services = services, Categories = categories };
        if (selection.Apply(CheckRegistry.All).Count == 0)
            throw new UsageException("the filters select no check");
        return (selection, regions, all);
    }

    /// <summary>The regions asked for (the configuration's when no flag names any), validated; empty for 'all' and for the default.</summary>
    public (IReadOnlyList<string> Regions, bool All) ResolveRegions(ParseResult result, ScanDefaults defaults)
    {
        var regions = Split(result.GetValue(Regions));
        if (regions.Count == 0 && defaults.Regions is { } configured)
            regions = configured.ToList();
        var all = regions.Count == 1 && regions[0].Equals("all", StringComparison.OrdinalIgnoreCase);
        if (!all)
            foreach (var region in regions.Where(r => !RegionNames.IsValid(r)))
                throw new UsageException($"invalid region '{region}' (expected a name such as eu-west-1, or 'all')");
        return (all ? [] : regions, all);
    }

    public static List<string> Split(IEnumerable<string>? values) =>
        (values ?? []).SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
}

public static class RegionNames
{
    public static bool IsValid(string region) =>
        System.Text.RegularExpressions.Regex.IsMatch(region, "^[a-z]{2}(-[a-z]+)+-[0-9]+$");
}
