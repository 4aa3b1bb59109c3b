using CloudAudit.Analysis;
using CloudAudit.Checks;
using CloudAudit.Cli.Output;
using CloudAudit.Inventory.Snapshot;

namespace CloudAudit.Cli.Commands;

/// <summary>
/// <c>scan</c> and <c>collect</c> over several accounts. A scan evaluates each account as soon as it is collected and
/// keeps only its results; a collection keeps each finished account on disk until the end, then writes one inventory.
/// </summary>
public static class MultiAccountCommands
{
    public static int Scan(LiveTarget target, AccountScope scope, ScanRequest request, AwsAccess access, TextWriter stdout, TextWriter stderr,
        ScanHistory? history = null)
    {
        if (!request.Quiet)
            foreach (var warning in request.Warnings)
                stderr.WriteLine($"warning: {warning}");
        var options = new AnalysisOptions { MinSeverity = request.MinSeverity, Suppressions = request.Suppressions };
        var scan = new ScanAccumulator(request.SelectedChecks(), DateTimeOffset.UtcNow, options, organizationOnce: scope.Organization);
        if (scope is { Shard: { } shard, HistoryBasis: { } basis })
        {
            var seconds = (history ?? throw new UsageException("--shard-balance history needs the history store")).ShardBalance(basis);
            // MultiAccountCollection says how many of this run's accounts had a time, once it has listed them.
            scope = scope with { Balance = seconds, BalanceBasis = ShardSplit.ByHistory(basis) };
        }
        if (MultiAccountCollection.Collect(target, scope, request.Selection, request.Regions, request.AllRegions, access, stderr, request.Quiet, scan.Add)
            is not { } run)
            return LiveCollection.CancelledExitCode;
        if (run.CarriesOrganization)
            scan.AddOrganization(run.OrganizationData, run.Organization!.ManagementAccountId, "the organization's data was not read");
        var report = scan.Finish("live", VersionCommand.Version, run.StartedAt, run.Elapsed, run.Organization) with
        {
            ApiCalls = run.ApiCalls,
            DurationSeconds = Math.Round(run.Elapsed.TotalSeconds, 2),
            Shard = run.Shard is { } s ? ScanShard.Of(s) : null,
        };
        var exit = Evaluation.Conclude(report, request, stdout, history);
        if (!request.Quiet)
            CollectionProgress.WriteSummary(stderr, run.ApiCalls, run.Elapsed);
        return exit;
    }

    /// <summary>Writes one inventory of every account, those not assessed included; exit 2 when none could be collected.</summary>
    public static int Collect(LiveTarget target, AccountScope scope, CheckSelection selection, IReadOnlyList<string> regions, bool allRegions,
        string path, AwsAccess access, TextWriter stderr, bool quiet)
    {
        var folder = Directory.CreateTempSubdirectory("cloud-audit-collect-");
        try
        {
            var files = new Dictionary<string, string>(StringComparer.Ordinal);
            var unassessed = 0;
            var run = MultiAccountCollection.Collect(target, scope, selection, regions, allRegions, access, stderr, quiet, inventory =>
            {
                if (inventory.NotAssessed is not null) unassessed++;
                var file = Path.Combine(folder.FullName, $"{inventory.AccountId}.json");
                using (var stream = File.Create(file))
                    SnapshotFile.WriteAccount(inventory, stream);
                files[inventory.AccountId] = file;
            });
            if (run is null)
                return LiveCollection.CancelledExitCode;
            var header = new InventorySnapshot
            {
                ToolVersion = VersionCommand.Version,
                CollectedAt = run.StartedAt,
                Source = "live",
                Organization = run.Organization,
                Shard = run.Shard,
                OrganizationInventory = run.OrganizationData,
            };
            IEnumerable<AccountInventory> Accounts()
            {
                foreach (var (_, file) in files.OrderBy(f => f.Key, StringComparer.Ordinal))
                {
                    using var stream = File.OpenRead(file);
                    yield return SnapshotFile.ReadAccount(stream);
                }
            }
            var gzip = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase);
            SafeFile.WriteAtomic(path, stream => SnapshotFile.Write(header, Accounts(), stream, gzip));
            if (!quiet)
            {
                var share = run.Shard is { } s ? $" (shard {s.Index}/{s.Count} of {s.AccountsTotal} accounts)" : "";
                stderr.WriteLine($"wrote the inventory of {files.Count} account(s){share}, {unassessed} not assessed, to {path}");
                CollectionProgress.WriteSummary(stderr, run.ApiCalls, run.Elapsed);
            }
            return unassessed == files.Count ? ExitCodes.Error : ExitCodes.Clean;
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
