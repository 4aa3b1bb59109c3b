using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Serialization;
using CloudAudit.Analysis;
using CloudAudit.Checks;
using CloudAudit.Checks.Framework;
using CloudAudit.Checks.Threat;
using CloudAudit.Cli.Configuration;
using CloudAudit.Cli.Output;
using CloudAudit.Demo;
using CloudAudit.Inventory.Snapshot;
using Spectre.Console;

namespace CloudAudit.Cli.Commands;

/// <summary>
/// <c>cloud-audit threat-feed</c>: only the detectors of abuse under way (category threat), live, on a saved inventory or on
/// the demo. Exit 1 when any active finding is critical or high, 0 otherwise, 2 on bad input.
/// </summary>
public static class ThreatFeedCommand
{
    public static Command Create(AwsAccess? access = null)
    {
        var options = new ScanOptions();
        var live = new LiveOptions();
        var pattern = new Option<string[]>("--pattern")
        {
            Description = "Only these detectors: check IDs (aws-tf-004) or pattern IDs (TF-004-trufflehog-ua-cloudtrail), comma-separated",
            Arity = ArgumentArity.OneOrMore,
        };
        var list = new Option<bool>("--list") { Description = "List the detectors and exit (no scan, no AWS call)" };
        var version = new Option<string?>("--threat-feed-version")
        {
            Description = $"The rules pack to run, for the record (this build ships {ThreatFeed.Version}; another value is a warning)",
        };
        var snapshot = new Option<string?>("--snapshot") { Description = "Evaluate a saved inventory instead of calling AWS" };
        var demo = new Option<bool>("--demo") { Description = "Evaluate the built-in demo organization (no AWS credentials needed)" };
        var command = new Command("threat-feed", "Detect abuse under way: leaked keys in use, logging stopped, backdoors (read-only)");
        options.AddReportTo(command);
        live.AddTo(command);
        foreach (var option in new Option[] { pattern, list, version, snapshot, demo })
            command.Options.Add(option);
        command.SetAction(result =>
        {
            var detectors = Selected(ScanOptions.Split(result.GetValue(pattern)));
            var config = result.InvocationConfiguration;
            if (result.GetValue(list))
                return List(detectors, result.GetValue(options.Format), config.Output);
            LiveOptions.EventWindow(result.GetValue(live.Since));
            if (result.GetValue(snapshot) is not null && result.GetValue(demo))
                throw new UsageException("--snapshot and --demo are two inventories: give one");
            var offline = result.GetValue(snapshot) is not null || result.GetValue(demo);
            if (offline && result.GetValue(live.Since) is not null)
                throw new UsageException("--since chooses the window a live run collects; a saved inventory is judged over the window it was collected with");
            var defaults = ScanDefaults.Load(result.GetValue(options.Config), ambient: !result.GetValue(demo));
            var (regions, all) = options.ResolveRegions(result, defaults);
            var selection = new CheckSelection
            {
                Include = detectors.Select(d => d.Info.Id).ToList(),
                Exclude = defaults.ExcludeChecks,
                Categories = [Category.Threat],
            };
            if (selection.Apply(CheckRegistry.All).Count == 0)
                throw new UsageException("every selected detector is excluded by the configuration");
            var request = options.ResolveReport(result, defaults, selection, regions, all);
            if (result.GetValue(version) is { } pinned && pinned != ThreatFeed.Version && !request.Quiet)
                config.Error.WriteLine($"warning: --threat-feed-version {pinned}: this build ships rules pack {ThreatFeed.Version}, which is what runs");

            if (result.GetValue(demo))
                return Evaluation.Run(DemoAccount.Build(DateTimeOffset.UtcNow, VersionCommand.Version), request, "demo", config.Output, config.Error,
                    exitCode: ExitCode);
            if (result.GetValue(snapshot) is { } path)
                return Evaluation.Run(Read(path), request, "snapshot", config.Output, config.Error, exitCode: ExitCode);

            access ??= AwsAccess.Default;
            var target = live.Resolve(result, request.Regions, access, request.Profile, request.RoleArn);
            if (LiveCollection.Collect(target, request.Selection, request.Regions, request.AllRegions, access, config.Error, request.Quiet) is not { } collected)
                return LiveCollection.CancelledExitCode;
            var exit = Evaluation.Run(collected.Snapshot, request with { Regions = [] }, "live", config.Output, config.Error,
                collected.Elapsed, collected.ApiCalls, exitCode: ExitCode);
            if (!request.Quiet)
                CollectionProgress.WriteSummary(config.Error, collected.ApiCalls, collected.Elapsed);
            return exit;
        });
        return command;
    }

    /// <summary>1 when any active finding is critical or high (the reference's rule), 0 otherwise, 2 when every detector errored.</summary>
    public static int ExitCode(ScanReport report)
    {
        if (report.Results.Count > 0 && report.Results.All(r => r.Result.Status == CheckStatus.Error))
            return ExitCodes.Error;
        return report.ActiveFindings.Any(f => f.Severity is Severity.Critical or Severity.High) ? ExitCodes.Findings : ExitCodes.Clean;
    }

    /// <summary>The detectors the --pattern values name (all of them without any); an unknown value is bad input naming them all.</summary>
    public static IReadOnlyList<Check> Selected(IReadOnlyList<string> patterns)
    {
        var detectors = ThreatFeed.Detectors;
        if (patterns.Count == 0) return detectors;
        var chosen = new List<Check>();
        foreach (var value in patterns)
        {
            var found = detectors.FirstOrDefault(d => string.Equals(d.Info.Id, value, StringComparison.OrdinalIgnoreCase)
                || string.Equals(d.Info.Threat!.Id, value, StringComparison.OrdinalIgnoreCase));
            if (found is null)
                throw new UsageException($"unknown pattern '{value}'; the patterns are: {string.Join(", ", detectors.Select(d => d.Info.Id))}");
            if (!chosen.Contains(found)) chosen.Add(found);
        }
        return chosen;
    }

    private static InventorySnapshot Read(string path)
    {
        try
        {
            return SnapshotFile.Read(path);
        }
        catch (SnapshotException e)
        {
            throw new UsageException(e.Message);
        }
    }

    private static int List(IReadOnlyList<Check> detectors, string? format, TextWriter output)
    {
        var entries = detectors.Select(d => new ThreatPatternEntry(d.Info.Threat!.Id, d.Info.Id, d.Info.Title, d.Info.Severity,
            d.Info.Threat.Escalation, d.Info.Remediation.DocUrl, d.Info.Threat.References)).ToList();
        switch (format?.ToLowerInvariant())
        {
            case "json":
                output.WriteLine(JsonSerializer.Serialize(new ThreatPatternList(ThreatFeed.Version, entries), ThreatFeedJson.Default.ThreatPatternList));
                break;
            case null or "console" or "table":
                var console = Terminal.For(output, Terminal.StdoutIsTerminal && ReferenceEquals(output, Console.Out));
                var table = new Table().Border(TableBorder.Rounded).AddColumns("Check", "Pattern", "Severity", "Name", "Escalation");
                foreach (var e in entries)
                    table.AddRow(Markup.Escape(e.CheckId), Markup.Escape(e.PatternId), e.Severity.Upper(), Markup.Escape(e.Name), Markup.Escape(e.Escalation ?? ""));
                console.Write(table);
                console.MarkupLine($"{entries.Count} detectors, threat feed rules pack {ThreatFeed.Version}");
                break;
            default:
                throw new UsageException($"--list writes a table or json, not '{format}'");
        }
        return ExitCodes.Clean;
    }
}

/// <summary>One detector as <c>threat-feed --list --format json</c> lists it (the reference's fields, and the references).</summary>
public sealed record ThreatPatternEntry(
    [property: JsonPropertyName("pattern_id")] string PatternId,
    [property: JsonPropertyName("check_id")] string CheckId,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("severity")] Severity Severity,
    [property: JsonPropertyName("escalation")] string? Escalation,
    [property: JsonPropertyName("doc_url")] string DocUrl,
    [property: JsonPropertyName("references")] IReadOnlyList<string> References);

public sealed record ThreatPatternList(
    [property: JsonPropertyName("threat_feed_version")] string Version,
    [property: JsonPropertyName("patterns")] IReadOnlyList<ThreatPatternEntry> Patterns);

[JsonSourceGenerationOptions(WriteIndented = true)]
[JsonSerializable(typeof(ThreatPatternList))]
internal sealed partial class ThreatFeedJson : JsonSerializerContext;
