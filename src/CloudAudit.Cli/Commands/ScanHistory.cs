using System.CommandLine;
using CloudAudit.Analysis;
using CloudAudit.History.Model;
using CloudAudit.History.Store;
using CloudAudit.Reports.Json;

namespace CloudAudit.Cli.Commands;

/// <summary>The history flags of <c>scan</c> and <c>demo</c>: where the scan is recorded, and what it is judged against.</summary>
public sealed class RecordingOptions(bool demo)
{
    public HistoryOptions Location { get; } = new();
    public Option<bool> NoHistory { get; } = new("--no-history") { Description = "Do not record this scan in the history" };
    public Option<bool> Save { get; } = new("--save") { Description = "Record this demo scan in the history (demo scans are not recorded otherwise)" };
    public Option<string?> Baseline { get; } = new("--baseline")
    {
        Description = "Count only findings not in this baseline for the exit code, Markdown and SARIF: a JSON report file, or a recorded scan (last, previous, an ID, a date)",
    };

    public void AddTo(Command command)
    {
        Location.AddTo(command);
        command.Options.Add(demo ? Save : NoHistory);
        command.Options.Add(Baseline);
    }

    /// <summary>
    /// Opens what the scan will need, before it runs: a bad baseline file or an unusable store is exit 2 now;
    /// a store that is out of reach only means this scan is not recorded.
    /// </summary>
    public ScanHistory Open(ParseResult result, TextWriter stderr, bool quiet)
    {
        var record = demo ? result.GetValue(Save) : !result.GetValue(NoHistory);
        var baseline = result.GetValue(Baseline);
        SavedReport? file = null;
        string? reference = null;
        if (baseline is not null && !File.Exists(baseline) && ScanHistory.IsReference(baseline))
            reference = baseline;
        else if (baseline is not null)
        {
            try
            {
                file = JsonReportReader.Read(baseline);
            }
            catch (ReportReadException e)
            {
                throw new UsageException($"--baseline: {e.Message}");
            }
        }
        if (!record && reference is null)
            return new ScanHistory(null, false, null, file, stderr, quiet);
        var location = Location.Resolve(result);
        try
        {
            return new ScanHistory(HistoryStore.Open(location, HistoryOptions.Options(create: record)), record, reference, file, stderr, quiet);
        }
        catch (HistoryException e) when (e.Failure == HistoryFailure.Unavailable && reference is null)
        {
            stderr.WriteLine($"warning: history: {e.Message}; this scan is not recorded");
            return new ScanHistory(null, false, null, file, stderr, quiet) { OutOfReach = e.Message };
        }
        catch (HistoryException e)
        {
            throw new UsageException(reference is not null ? $"--baseline {reference}: {e.Message}" : e.Message);
        }
    }
}

/// <summary>A scan's history for one run: judges the report against its baseline, records it, and adds the trend.</summary>
public sealed class ScanHistory(HistoryStore? store, bool record, string? baselineReference, SavedReport? baselineFile, TextWriter stderr, bool quiet) : IDisposable
{
    public const int TrendScans = 30;

    /// <summary>Why the store could not be opened, when it was wanted and was out of reach.</summary>
    public string? OutOfReach { get; init; }

    /// <summary>
    /// <c>--shard-balance history</c>: each account's collection time in its newest timed, assessed scan that started
    /// before <paramref name="basis"/> (<c>--shard-basis</c>, the same for every shard of the run, so shards reading one
    /// store read the same times). A store that is out of reach, or not opened (--no-history), is refused: this shard
    /// would split the accounts otherwise than the shards that can read it.
    /// </summary>
    /// <exception cref="UsageException">The store cannot be read.</exception>
    public IReadOnlyDictionary<string, double> ShardBalance(DateTimeOffset basis)
    {
        if (OutOfReach is { } why)
            throw new UsageException($"--shard-balance history: the history is out of reach ({why}), so this shard cannot balance as the others do");
        if (store is null)
            throw new UsageException("--shard-balance history needs the history store: it cannot be used with --no-history");
        try
        {
            return store.CollectionSeconds(basis);
        }
        catch (HistoryException e)
        {
            throw new UsageException($"--shard-balance history: cannot read the collection times in the history: {e.Message}");
        }
    }

    /// <summary>Whether a --baseline value names a recorded scan rather than a file.</summary>
    public static bool IsReference(string value) =>
        value is "last" or "latest" or "previous" or "prev"
        || value.All(char.IsAsciiDigit)
        || DateOnly.TryParseExact(value, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out _);

    /// <summary>The report with its baseline (read before this scan is recorded, so "last" is the scan before it) and trend.</summary>
    public ScanReport Apply(ScanReport report, bool withTrend)
    {
        report = report with { Baseline = BaselineFor(report) };
        if (report.Baseline is { } baseline && !quiet)
            stderr.WriteLine($"baseline {baseline.Source}: {report.NewActiveCount} new finding(s), {report.Summary.TotalFindings - report.NewActiveCount} known");
        if (store is null || !record)
            return report;
        try
        {
            var id = store.Record(ScanRecords.From(report));
            if (!quiet)
                stderr.WriteLine($"recorded as scan {id} in {store.Location.Display}");
            if (withTrend)
                report = report with { Trend = report.AccountIds.SelectMany(a => store.Trend(a, TrendScans)).ToList() };
        }
        catch (HistoryException e)
        {
            stderr.WriteLine($"warning: history: {e.Message}; this scan is not recorded");
        }
        return report;
    }

    private ScanBaseline? BaselineFor(ScanReport report)
    {
        if (baselineFile is not null)
        {
            var known = ScanRecords.From(baselineFile).Findings.Select(f => f.Fingerprint).ToHashSet(StringComparer.Ordinal);
            return new ScanBaseline(baselineFile.Path, known);
        }
        if (baselineReference is null || store is null)
            return null;
        var fingerprints = new HashSet<string>(StringComparer.Ordinal);
        var scans = new List<long>();
        foreach (var account in report.AccountIds)
        {
            long id;
            try
            {
                id = store.Resolve(baselineReference, account);
                fingerprints.UnionWith(store.Load(id).Findings.Where(f => f.AccountId == account).Select(f => f.Fingerprint));
            }
            catch (HistoryException e) when (e.Failure == HistoryFailure.Invalid && baselineReference is "last" or "latest")
            {
                // The first scan of an account has nothing to compare with: everything in it is new.
                stderr.WriteLine($"warning: --baseline last: no recorded scan of account {account}; all its findings count as new");
                continue;
            }
            catch (HistoryException e)
            {
                throw new UsageException($"--baseline {baselineReference}: {e.Message}");
            }
            scans.Add(id);
        }
        var source = scans.Count == 0 ? $"{baselineReference} (no earlier scan)" : $"{baselineReference} (scan {string.Join(", ", scans.Distinct())})";
        return new ScanBaseline(source, fingerprints);
    }

    public void Dispose() => store?.Dispose();
}
