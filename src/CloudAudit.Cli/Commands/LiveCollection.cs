using System.Diagnostics;
using CloudAudit.Analysis;
using CloudAudit.Analysis.Graph.Build;
using CloudAudit.Checks;
using CloudAudit.Checks.Framework;
using CloudAudit.Cli.Output;
using CloudAudit.Collection;
using CloudAudit.Inventory.Catalog;
using CloudAudit.Inventory.Snapshot;
using CloudAudit.Transport.Configuration;
using CloudAudit.Transport.Credentials;
using CloudAudit.Transport.Http;

namespace CloudAudit.Cli.Commands;

/// <summary>An inventory read from AWS, with what it cost.</summary>
public sealed record LiveInventory(InventorySnapshot Snapshot, IReadOnlyList<ServiceApiCalls> ApiCalls, TimeSpan Elapsed);

/// <summary>Collects what the selected checks read from the live account: the first half of <c>scan</c>, all of <c>collect</c>.</summary>
public static class LiveCollection
{
    /// <summary>The exit code of a scan or collection stopped with Ctrl-C (128 + SIGINT, as shells report it).</summary>
    public const int CancelledExitCode = 130;

    /// <summary>
    /// Collects, showing progress on stderr when it is a terminal; null when Ctrl-C or <paramref name="cancellation"/>
    /// (an MCP client's notifications/cancelled) stopped it (said on stderr): the reads in flight are aborted.
    /// </summary>
    /// <exception cref="UsageException">No credentials, or the account cannot be identified: one line, exit 2.</exception>
    public static LiveInventory? Collect(LiveTarget target, CheckSelection selection, IReadOnlyList<string> regions, bool allRegions,
        AwsAccess access, TextWriter stderr, bool quiet, CancellationToken cancellation = default)
    {
        var calls = Reads(selection);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = true; // let the collection stop cleanly instead of killing the process
            cancel.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        try
        {
            var concurrency = 0;
            using var client = AwsClient.Create(target.Settings, target.Credentials, target.HomeRegion, options =>
            {
                var configured = access.Configure(options with { UserAgent = $"cloud-audit/{VersionCommand.Version}" });
                concurrency = configured.MaxConcurrency;
                return configured;
            });
            var progress = new CollectionProgress();
            var collector = new Collector(new AwsClientReader(client), access.ConfigureCollector(new CollectorOptions
            {
                MaxInFlight = concurrency,
                MaxInFlightPerService = Math.Max(1, concurrency * 3 / 4),
                ToolVersion = VersionCommand.Version,
                OnProgress = progress.Add,
                EventWindow = target.EventWindow,
            }));
            var clock = Stopwatch.StartNew();
            var collection = collector.CollectAsync(calls, new RegionSelection(regions, allRegions, target.HomeRegion), cancel.Token);
            var showProgress = !quiet && Terminal.StderrIsTerminal && ReferenceEquals(stderr, Console.Error);
            var snapshot = showProgress ? progress.ShowUntilDone(stderr, collection) : collection.GetAwaiter().GetResult();
            return new LiveInventory(snapshot, Summary(client.Statistics), clock.Elapsed);
        }
        catch (NoCredentialsException e)
        {
            throw new UsageException(e.NothingConfigured ? $"{e.Message.TrimEnd('.')}; try `cloud-audit demo` to see a scan without credentials" : e.Message.TrimEnd('.'));
        }
        catch (AwsConfigurationException e)
        {
            throw new UsageException(e.Message);
        }
        catch (CollectionException e)
        {
            throw new UsageException(e.Message);
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            stderr.WriteLine("cancelled: nothing was written");
            return null;
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }

    /// <summary>What a live collection reads for the selected checks: their reads, and the security graph's that extend them.</summary>
    public static IReadOnlyList<ApiCall> Reads(CheckSelection selection, CheckScope? scope = null)
    {
        var checkReads = CheckRunner.RequiredCalls(selection.Apply(CheckRegistry.All).Where(c => scope is null || c.Info.Scope == scope));
        return [.. checkReads, .. GraphReads.Extending(checkReads)];
    }

    /// <summary>The reads of the selected organization checks, made once per organization scan by the caller.</summary>
    public static IReadOnlyList<ApiCall> OrganizationReads(CheckSelection selection) =>
        CheckRunner.RequiredCalls(selection.Apply(CheckRegistry.All).Where(c => c.Info.Scope == CheckScope.Organization));

    private static List<ServiceApiCalls> Summary(CallStatistics statistics) =>
        statistics.Snapshot().Select(p => new ServiceApiCalls(p.Key, p.Value.Calls, p.Value.Requests, p.Value.Retries,
            p.Value.Throttles, p.Value.Denials, p.Value.Failures)).ToList();
}
