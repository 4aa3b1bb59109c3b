using System.CommandLine;
using System.Text;
using CloudAudit.Analysis;
using CloudAudit.Analysis.BlastRadius;
using CloudAudit.Checks;
using CloudAudit.Cli.Output;
using CloudAudit.Inventory.Snapshot;
using CloudAudit.Reports.Json;

namespace CloudAudit.Cli.Commands;

/// <summary>
/// The input and output options the offline attack-path commands share: a saved JSON report (its security graph) or
/// a snapshot (scanned here with every check), and an optional output file.
/// </summary>
public sealed class AttackPathInput
{
    public Option<string?> Report { get; } = new("--report") { Description = "A JSON report saved by `scan -f json -o FILE` (it carries the security graph)" };
    public Option<string?> Snapshot { get; } = new("--snapshot") { Description = "A saved inventory (from `collect` or `demo --save-snapshot`), scanned offline with every check" };
    public Option<string?> Output { get; } = new("--output", "-o") { Description = "Write to this file (atomically) instead of the terminal" };

    public void AddTo(Command command)
    {
        command.Options.Add(Report);
        command.Options.Add(Snapshot);
        command.Options.Add(Output);
    }

    /// <summary>
    /// The analysis of the report or snapshot given; bad input is a <see cref="UsageException"/> (one line, exit 2).
    /// <paramref name="needs"/> names the report sections the command reads besides the graph: a report whose section is
    /// missing or null (written before it existed, or edited) is refused, so an absent section never reads as "none found".
    /// </summary>
    public AnalyzedScan Load(ParseResult result, ReportSection needs = ReportSection.None)
    {
        var report = result.GetValue(Report);
        var snapshot = result.GetValue(Snapshot);
        if ((report is null) == (snapshot is null))
            throw new UsageException("give either --report FILE (a JSON report) or --snapshot FILE (an inventory)");
        try
        {
            if (report is not null)
            {
                var saved = JsonReportReader.Read(report);
                var analysis = SavedAnalysis.From(saved);
                Require(saved, needs);
                return analysis;
            }
            var inventory = SnapshotFile.Read(snapshot!);
            return AnalyzedScan.From(ScanPipeline.Evaluate(inventory, CheckRegistry.All, new AnalysisOptions(), "snapshot", VersionCommand.Version));
        }
        catch (ReportReadException e)
        {
            throw new UsageException(e.Message);
        }
        catch (SnapshotException e)
        {
            throw new UsageException(e.Message);
        }
    }

    private static void Require(SavedReport saved, ReportSection needs)
    {
        if (needs.HasFlag(ReportSection.Agents) && saved.Report.Agents is null)
            throw new UsageException($"{saved.Path}: this report has no agents data; scan again with this version");
    }

    /// <summary>The walk's caps, as blast-radius and agent-blast take them.</summary>
    public Option<int> MaxDepth { get; } = new("--max-depth")
    {
        Description = $"Moves to follow (default {BlastRadiusAnalysis.DefaultDepth}, at most {BlastRadiusAnalysis.DepthLimit})",
        DefaultValueFactory = _ => BlastRadiusAnalysis.DefaultDepth,
    };

    public Option<int> MaxNodes { get; } = new("--max-nodes")
    {
        Description = $"Resources to show (default {BlastRadiusAnalysis.DefaultNodes}, at most {BlastRadiusAnalysis.NodeLimit})",
        DefaultValueFactory = _ => BlastRadiusAnalysis.DefaultNodes,
    };

    public void AddCapsTo(Command command)
    {
        command.Options.Add(MaxDepth);
        command.Options.Add(MaxNodes);
    }

    /// <summary>The caps given, checked: out of range is a <see cref="UsageException"/>.</summary>
    public (int Depth, int Nodes) Caps(ParseResult result)
    {
        var depth = result.GetValue(MaxDepth);
        var nodes = result.GetValue(MaxNodes);
        if (depth is < 1 or > BlastRadiusAnalysis.DepthLimit) throw new UsageException($"--max-depth must be between 1 and {BlastRadiusAnalysis.DepthLimit}");
        if (nodes is < 1 or > BlastRadiusAnalysis.NodeLimit) throw new UsageException($"--max-nodes must be between 1 and {BlastRadiusAnalysis.NodeLimit}");
        return (depth, nodes);
    }

    /// <summary>A format among <paramref name="formats"/> (the first when none given).</summary>
    public static string Format(ParseResult result, Option<string?> option, IReadOnlyList<string> formats)
    {
        var format = result.GetValue(option)?.ToLowerInvariant() ?? formats[0];
        return formats.Contains(format) ? format
            : throw new UsageException($"unknown format '{result.GetValue(option)}' (choose {string.Join(", ", formats)})");
    }

    /// <summary>Writes what <paramref name="render"/> produces to --output, or to the command's output.</summary>
    public void Emit(ParseResult result, Action<TextWriter> render)
    {
        if (result.GetValue(Output) is not { } path)
        {
            render(result.InvocationConfiguration.Output);
            return;
        }
        var text = new StringWriter();
        render(text);
        SafeFile.WriteAtomic(path, stream => stream.Write(new UTF8Encoding(false).GetBytes(text.ToString())));
    }
}

/// <summary>Sections of a saved report an offline command reads besides its security graph.</summary>
[Flags]
public enum ReportSection
{
    None = 0,
    /// <summary><c>agents[]</c>: the AI agents and their identities (agent-blast).</summary>
    Agents = 1,
}
