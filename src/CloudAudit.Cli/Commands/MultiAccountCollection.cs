using System.Collections.Concurrent;
using System.Diagnostics;
using CloudAudit.Analysis;
using CloudAudit.Checks;
using CloudAudit.Checks.Framework;
using CloudAudit.Cli.Output;
using CloudAudit.Collection;
using CloudAudit.Collection.Organizations;
using CloudAudit.Inventory;
using CloudAudit.Inventory.Catalog;
using CloudAudit.Inventory.Snapshot;
using CloudAudit.Transport.Credentials;
using CloudAudit.Transport.Http;

namespace CloudAudit.Cli.Commands;

/// <summary>What a multi-account collection covered, beside the accounts it handed on.</summary>
/// <param name="AccountsTotal">Accounts in scope across every shard (this run's share is <paramref name="Accounts"/>).</param>
/// <param name="OrganizationData">The organization's data for the organization checks, read once by the caller; null when this run
/// does not carry the organization (no <c>--organization</c>, a shard other than 1, or no organization check selected).</param>
public sealed record MultiAccountRun(OrganizationScope? Organization, ShardScope? Shard, IReadOnlyList<OrganizationAccount> Accounts,
    int AccountsTotal, IReadOnlyList<ServiceApiCalls> ApiCalls, DateTimeOffset StartedAt, TimeSpan Elapsed, AccountInventory? OrganizationData = null)
{
    /// <summary>Whether this run evaluates the organization checks: an organization run, unsharded or shard 1.</summary>
    public bool CarriesOrganization => Organization is not null && (Shard is null || Shard.Index == 1);
}

/// <summary>
/// The live half of <c>scan</c> and <c>collect</c> over several accounts: identifies the caller, lists the
/// organization's accounts (or takes <c>--accounts</c>), keeps this shard's share, and collects each account
/// through <c>--org-role-name</c> (the caller's own account with the caller's credentials).
/// </summary>
public static class MultiAccountCollection
{
    /// <summary>Collects every account in scope, handing each on as it completes; null when Ctrl-C cancelled it.</summary>
    /// <exception cref="UsageException">No credentials, an unreadable organization, or an empty selection: one line, exit 2.</exception>
    public static MultiAccountRun? Collect(LiveTarget target, AccountScope scope, CheckSelection selection, IReadOnlyList<string> regions,
        bool allRegions, AwsAccess access, TextWriter stderr, bool quiet, Action<AccountInventory> onAccount)
    {
        // With --organization the organization checks' reads are made once, by the caller, not in each member.
        var calls = LiveCollection.Reads(selection, scope.Organization ? CheckScope.Account : null);
        var organizationCalls = scope.Organization ? LiveCollection.OrganizationReads(selection) : [];
        using var ctrlC = new CtrlC();
        var totals = new ApiCallTotals();
        try
        {
            var concurrency = 0;
            AwsClientOptions Configure(AwsClientOptions options)
            {
                var configured = access.Configure(options with { UserAgent = $"cloud-audit/{VersionCommand.Version}" });
                concurrency = configured.MaxConcurrency;
                return configured;
            }
            // The caller is the hub: the profile's (or the environment's) credentials, through --role-arn when given.
            using var caller = AwsClient.Create(target.Settings, target.Credentials, target.HomeRegion, Configure);
            var callerReader = new AwsClientReader(caller);
            var startedAt = DateTimeOffset.UtcNow;
            var clock = Stopwatch.StartNew();
            var callerAccount = Identify(callerReader, ctrlC.Token);
            var (accounts, shard, organization) = Choose(scope, callerReader, callerAccount, stderr, quiet, ctrlC.Token);

            var regionSelection = new RegionSelection(regions, allRegions, target.HomeRegion);
            AccountInventory? organizationData = null;
            if (organization is not null && organizationCalls.Count > 0 && (scope.Shard is null || scope.Shard.Index == 1))
            {
                var organizationCollector = new Collector(callerReader, access.ConfigureCollector(new CollectorOptions
                {
                    MaxInFlight = concurrency,
                    MaxInFlightPerService = Math.Max(1, concurrency * 3 / 4),
                    ToolVersion = VersionCommand.Version,
                }));
                organizationData = organizationCollector.CollectAsync(organizationCalls, regionSelection, ctrlC.Token).GetAwaiter().GetResult().Accounts[0];
            }

            var partition = AwsClient.PartitionOf(target.HomeRegion);
            AccountConnection Connect(OrganizationAccount account)
            {
                if (account.Id == callerAccount)
                    return new AccountConnection(callerReader);
                // Each member's role is assumed with the hub's credentials, resolved once for the whole run.
                var role = new AssumeRoleRequest($"arn:{partition}:iam::{account.Id}:role/{scope.RoleName}", "cloud-audit", target.Credentials.ExternalId);
                var client = AwsClient.Assuming(caller, role, "--org-role-name", target.Settings, target.HomeRegion, Configure);
                return new AccountConnection(new AwsClientReader(client), new Finally(() =>
                {
                    totals.Add(client.Statistics);
                    client.Dispose();
                }));
            }

            var bars = !quiet && Terminal.StderrIsTerminal && ReferenceEquals(stderr, Console.Error);
            var display = new AccountProgressDisplay(accounts.Count, accounts.ToDictionary(a => a.Id, a => a.Name), stderr, bars && !quiet);
            var collector = new MultiAccountCollector(Connect,
                access.ConfigureCollector(new CollectorOptions
                {
                    MaxInFlight = concurrency,
                    MaxInFlightPerService = Math.Max(1, concurrency * 3 / 4),
                    ToolVersion = VersionCommand.Version,
                    EventWindow = target.EventWindow,
                }),
                new MultiAccountOptions { AccountTimeout = scope.AccountTimeout, OnProgress = quiet ? null : display.Add },
                scope.Organization ? new OrganizationReads(callerReader) : null);
            var collection = collector.CollectAsync(accounts, calls, regionSelection, inventory =>
            {
                onAccount(inventory);
                return Task.CompletedTask;
            }, ctrlC.Token);
            display.ShowUntilDone(collection);
            totals.Add(caller.Statistics);
            return new MultiAccountRun(organization, shard, accounts, shard?.AccountsTotal ?? accounts.Count, totals.Summary(), startedAt, clock.Elapsed, organizationData);
        }
        catch (NoCredentialsException e)
        {
            throw new UsageException($"{e.Message.TrimEnd('.')}; try `cloud-audit demo` to see a scan without credentials");
        }
        catch (CollectionException e)
        {
            throw new UsageException(e.Message);
        }
        catch (OperationCanceledException) when (ctrlC.Token.IsCancellationRequested)
        {
            stderr.WriteLine("cancelled: nothing was written");
            return null;
        }
    }

    private static string Identify(IAwsReader reader, CancellationToken cancellation)
    {
        var result = reader.ReadAsync("sts", AwsIds.GlobalRegion, "GetCallerIdentity", null, null, cancellation).GetAwaiter().GetResult();
        if (result.Failure is { } failure)
            throw new UsageException($"cannot identify the AWS account (sts:GetCallerIdentity {failure.Code}: {failure.Message})");
        return result.Response.Str("Account") is { } account && AwsIds.IsAccountId(account) ? account
            : throw new UsageException("cannot identify the AWS account (sts:GetCallerIdentity named no account)");
    }

    /// <summary>The accounts of this run (this shard's share), how the run was split (when sharded), and the organization.</summary>
    private static (IReadOnlyList<OrganizationAccount> Accounts, ShardScope? Shard, OrganizationScope? Organization) Choose(AccountScope scope,
        IAwsReader caller, string callerAccount, TextWriter stderr, bool quiet, CancellationToken cancellation)
    {
        IReadOnlyList<OrganizationAccount> accounts;
        OrganizationScope? organization = null;
        if (scope.Organization)
        {
            var tree = OrganizationTree.ReadAsync(caller, callerAccount, cancellation).GetAwaiter().GetResult();
            organization = new OrganizationScope { Id = tree.Id, ManagementAccountId = tree.ManagementAccountId };
            var listed = scope.Ous.Count > 0 ? tree.Under(scope.Ous) : tree.Accounts;
            var inactive = listed.Where(a => !a.IsActive).ToList();
            if (inactive.Count > 0 && !quiet)
                stderr.WriteLine($"note: {inactive.Count} account(s) not ACTIVE left out: {string.Join(", ", inactive.Select(a => $"{a.Id} ({a.Status})"))}");
            accounts = listed.Where(a => a.IsActive).ToList();
            var strangers = scope.Accounts.Where(id => tree.Accounts.All(a => a.Id != id)).ToList();
            if (strangers.Count > 0)
                throw new UsageException($"--accounts: not an account of organization {tree.Id}: {string.Join(", ", strangers)}");
            if (scope.Accounts.Count > 0)
                accounts = accounts.Where(a => scope.Accounts.Contains(a.Id)).ToList();
        }
        else
        {
            accounts = scope.Accounts.Order(StringComparer.Ordinal).Select(OrganizationAccount.Listed).ToList();
        }
        var unknownExclusions = scope.ExcludedAccounts.Where(id => accounts.All(a => a.Id != id)).ToList();
        if (unknownExclusions.Count > 0 && !quiet)
            stderr.WriteLine($"warning: --exclude-accounts names accounts outside the selection: {string.Join(", ", unknownExclusions)}");
        accounts = accounts.Where(a => !scope.ExcludedAccounts.Contains(a.Id)).ToList();
        if (accounts.Count == 0)
            throw new UsageException("no account left to scan after --ous, --accounts and --exclude-accounts");
        if (scope.Shard is not { } shard)
            return (accounts, null, organization);
        var ids = accounts.Select(a => a.Id).ToList();
        if (scope.HistoryBasis is { } basis && !quiet)
            stderr.WriteLine($"shard {shard}: balanced by the collection times in the history (scans started before {basis.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'}) "
                + $"of {ids.Count(id => scope.Balance?.ContainsKey(id) == true)} of the run's {ids.Count} account(s)");
        var assignment = Shard.Assign(shard.Count, ids, scope.Balance);
        var split = new ShardScope
        {
            Index = shard.Index,
            Count = shard.Count,
            AccountsTotal = ids.Count,
            Balance = scope.BalanceBasis,
            SplitDigest = ShardSplit.Digest(shard.Count, ids, scope.BalanceBasis, scope.Balance),
            Assignment = assignment,
        };
        return (accounts.Where(a => assignment[a.Id] == shard.Index).OrderBy(a => a.Id, StringComparer.Ordinal).ToList(), split, organization);
    }

    /// <summary>API calls per service, summed over every account's client.</summary>
    private sealed class ApiCallTotals
    {
        private readonly ConcurrentDictionary<string, long[]> byService = new(StringComparer.Ordinal);

        public void Add(CallStatistics statistics)
        {
            foreach (var (service, c) in statistics.Snapshot())
            {
                var sums = byService.GetOrAdd(service, _ => new long[6]);
                lock (sums)
                {
                    sums[0] += c.Calls; sums[1] += c.Requests; sums[2] += c.Retries;
                    sums[3] += c.Throttles; sums[4] += c.Denials; sums[5] += c.Failures;
                }
            }
        }

        public List<ServiceApiCalls> Summary() => byService.OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => new ServiceApiCalls(p.Key, p.Value[0], p.Value[1], p.Value[2], p.Value[3], p.Value[4], p.Value[5])).ToList();
    }

    private sealed class Finally(Action action) : IDisposable
    {
        public void Dispose() => action();
    }
}

/// <summary>Ctrl-C while a live command runs: cancels its work cleanly instead of killing the process.</summary>
public sealed class CtrlC : IDisposable
{
    private readonly CancellationTokenSource cancel = new();
    private readonly ConsoleCancelEventHandler handler;

    public CtrlC()
    {
        handler = (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };
        Console.CancelKeyPress += handler;
    }

    public CancellationToken Token => cancel.Token;

    public void Dispose()
    {
        Console.CancelKeyPress -= handler;
        cancel.Dispose();
    }
}
