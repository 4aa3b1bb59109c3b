using System.CommandLine;
using CloudAudit.Analysis;
using CloudAudit.Checks;
using CloudAudit.Demo;
using CloudAudit.History.Comparison;
using CloudAudit.History.Store;
using CloudAudit.Inventory.Snapshot;
using CloudAudit.Mcp;

namespace CloudAudit.Cli.Commands;

/// <summary>
/// The MCP server's scans and history, run by the CLI's own code: each tool call is parsed as the matching command
/// line (the server's flags, then the tool's arguments), so the config file, the environment, credentials, regions,
/// severity and the history store are resolved and validated exactly as <c>scan</c>, <c>demo</c> and <c>diff</c> do.
/// </summary>
internal sealed class McpScanHost(McpServerFlags server, AwsAccess access, TextWriter log) : IScanHost
{
    public string ToolVersion => VersionCommand.Version;

    public ScanOutcome ScanAws(AwsScanArguments arguments, Action<ScanProgress> progress, CancellationToken cancel)
    {
        var tool = new List<string>();
        McpServerFlags.Add(tool, "--profile", arguments.Profile ?? server.Profile);
        McpServerFlags.Add(tool, "--regions", arguments.Regions);
        McpServerFlags.Add(tool, "--min-severity", arguments.MinSeverity);
        LiveTarget? scanned = null;
        var outcome = Scan(tool, (command, parsed, request, history, notes) =>
        {
            var target = scanned = command.Live.Resolve(parsed, request.Regions, access, request.Profile, request.RoleArn);
            progress(new ScanProgress(0, null, "reading the account (read-only API calls)"));
            var collected = LiveCollection.Collect(target, request.Selection, request.Regions, request.AllRegions, Reporting(progress), notes, quiet: true, cancel);
            cancel.ThrowIfCancellationRequested();
            if (collected is null) throw new ToolInputException("the scan was interrupted (SIGINT): nothing was recorded");
            return (Analyze(collected.Snapshot, request with { Regions = [] }, "live", notes, history, progress, cancel, collected), collected.Snapshot);
        });
        // Proof Mode (verify) asks AWS's evaluator with the scan's own credential, role and endpoint, as access --verify does.
        return outcome with { Simulator = () => AwsPolicySimulator.Connect(scanned!, access) };
    }

    public ScanOutcome ScanSnapshot(string path, Action<ScanProgress> progress, CancellationToken cancel) =>
        Scan([], (_, _, request, history, notes) =>
        {
            InventorySnapshot inventory;
            try
            {
                inventory = SnapshotFile.Read(path);
            }
            catch (SnapshotException e)
            {
                throw new UsageException(e.Message);
            }
            return (Analyze(inventory, request, "snapshot", notes, history, progress, cancel), inventory);
        });

    public ScanOutcome ScanDemo(Action<ScanProgress> progress, CancellationToken cancel) =>
        Scan([], (_, _, request, _, notes) =>
        {
            var inventory = DemoAccount.Build(DateTimeOffset.UtcNow, VersionCommand.Version);
            return (Analyze(inventory, request, "demo", notes, null, progress, cancel), inventory);
        }, demo: true);

    public ScanDiff Diff(string older, string newer, string? account) => Guarded(() =>
    {
        var history = new HistoryOptions();
        var parsed = Parse(new Command("diff"), history.AddTo, server.HistoryFlags());
        var (before, after) = DiffCommand.Sides(older, newer, account, () => history.OpenRequired(parsed));
        return ScanComparer.Compare(before, after, account);
    });

    public HistoryStore OpenHistory() => Guarded(() =>
    {
        var history = new HistoryOptions();
        var parsed = Parse(new Command("trend"), history.AddTo, server.HistoryFlags());
        return history.OpenRequired(parsed);
    });

    /// <summary>The options a scan command line has; <see cref="Live"/> only for live scans.</summary>
    private sealed class ScanLine(bool demo)
    {
        public ScanOptions Options { get; } = new();
        public LiveOptions Live { get; } = new();
        public RecordingOptions Recording { get; } = new(demo);

        public void AddTo(Command command)
        {
            Options.AddTo(command);
            if (!demo) Live.AddTo(command);
            Recording.AddTo(command);
        }
    }

    private delegate (ScanReport Report, InventorySnapshot Inventory) ScanBody(ScanLine command, ParseResult parsed, ScanRequest request, ScanHistory history, TextWriter notes);

    private ScanOutcome Scan(IReadOnlyList<string> toolArguments, ScanBody body, bool demo = false) => Guarded(() =>
    {
        var line = new ScanLine(demo);
        var parsed = Parse(new Command(demo ? "demo" : "scan"), line.AddTo, [.. demo ? server.DemoFlags() : server.ScanFlags(), .. toolArguments]);
        var request = line.Options.Resolve(parsed, ambientConfig: !demo);
        var notes = new StringWriter();
        try
        {
            using var history = line.Recording.Open(parsed, notes, quiet: false);
            var (report, inventory) = body(line, parsed, request, history, notes);
            return new ScanOutcome(report, inventory, Lines(notes));
        }
        finally
        {
            log.Write(notes.ToString());
        }
    });

    /// <summary>The collector's progress (requests planned and answered) as the tool's progress, besides whatever the CLI's settings do.</summary>
    private AwsAccess Reporting(Action<ScanProgress> progress)
    {
        long planned = 0, answered = 0;
        return access with
        {
            ConfigureCollector = options =>
            {
                var configured = access.ConfigureCollector(options);
                var inner = configured.OnProgress;
                return configured with
                {
                    OnProgress = call =>
                    {
                        inner?.Invoke(call);
                        var total = call.State == Collection.CallState.Planned ? Interlocked.Increment(ref planned) : Interlocked.Read(ref planned);
                        var done = call.State == Collection.CallState.Planned ? Interlocked.Read(ref answered) : Interlocked.Increment(ref answered);
                        progress(new ScanProgress(done, total, $"{call.Service} {call.Operation} in {call.Region}"));
                    },
                };
            },
        };
    }

    /// <summary>Evaluates and records the scan, unless <paramref name="cancel"/> was set meanwhile: a cancelled scan leaves no record.</summary>
    private static ScanReport Analyze(InventorySnapshot inventory, ScanRequest request, string source, TextWriter notes, ScanHistory? history,
        Action<ScanProgress> progress, CancellationToken cancel, LiveInventory? live = null)
    {
        var checks = request.SelectedChecks().Count * inventory.Accounts.Count;
        var done = 0;
        return Evaluation.Analyze(inventory, request, source, notes, live?.Elapsed ?? default, live?.ApiCalls, history,
            check => progress(new ScanProgress(Interlocked.Increment(ref done), checks, $"evaluated {check.Info.Id}")), cancel);
    }

    private static ParseResult Parse(Command command, Action<Command> addOptions, IReadOnlyList<string> arguments)
    {
        addOptions(command);
        var parsed = command.Parse([.. arguments]);
        return parsed.Errors.Count > 0 ? throw new ToolInputException(parsed.Errors[0].Message) : parsed;
    }

    private static List<string> Lines(StringWriter notes) =>
        [.. notes.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    /// <summary>The CLI's bad-input errors become tool errors with the same one-line cause.</summary>
    private static T Guarded<T>(Func<T> run)
    {
        try
        {
            return run();
        }
        catch (UsageException e)
        {
            throw new ToolInputException(e.Message);
        }
    }
}

/// <summary>
/// The flags <c>cloud-audit mcp</c> was started with, passed on to the command line each tool call is parsed as:
/// the config file to every scan, the history store to scans, diff and trend, the AWS ones to live scans.
/// </summary>
internal sealed record McpServerFlags(string? Config, string? History, string? Store, bool NoHistory, string? Profile,
    string? RoleArn, string? ExternalId, string? EndpointUrl)
{
    public List<string> HistoryFlags()
    {
        var flags = new List<string>();
        Add(flags, "--history", History);
        Add(flags, "--store", Store);
        return flags;
    }

    public List<string> DemoFlags()
    {
        var flags = new List<string>();
        Add(flags, "--config", Config);
        return flags;
    }

    /// <summary>Live and snapshot scans; <c>--profile</c> comes with the tool's arguments, which may name another.</summary>
    public List<string> ScanFlags()
    {
        var flags = DemoFlags();
        flags.AddRange(HistoryFlags());
        if (NoHistory) flags.Add("--no-history");
        Add(flags, "--role-arn", RoleArn);
        Add(flags, "--external-id", ExternalId);
        Add(flags, "--endpoint-url", EndpointUrl);
        return flags;
    }

    internal static void Add(List<string> flags, string name, string? value)
    {
        if (value is not null) flags.AddRange([name, value]);
    }
}
