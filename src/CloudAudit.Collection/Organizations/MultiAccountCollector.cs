using CloudAudit.Inventory.Catalog;
using CloudAudit.Inventory.Snapshot;
using CloudAudit.Transport.Credentials;

namespace CloudAudit.Collection.Organizations;

/// <summary>How to reach one account: a reader with that account's credentials, released when its collection ends.</summary>
public sealed class AccountConnection(IAwsReader reader, IDisposable? owner = null) : IDisposable
{
    public IAwsReader Reader { get; } = reader;

    public void Dispose() => owner?.Dispose();
}

/// <summary>How a multi-account collection shares the machine.</summary>
public sealed record MultiAccountOptions
{
    /// <summary>
    /// Accounts whose reads other than the event history are under way at once. An account takes at least the time of
    /// its CloudTrail event-history reads (about 23 in the global-events region, at the two a second AWS allows per
    /// account and region: 11 s) while sending few requests; once those paced reads are all it has left, it gives its
    /// place to the next account (it stays in memory, see <see cref="MaxAccountsInMemory"/>), so the budget of requests
    /// in flight is kept busy by accounts with work to send.
    /// </summary>
    public int MaxAccountsInFlight { get; init; } = 64;

    /// <summary>
    /// Accounts started and not yet handed on: each holds its inventory in memory until then, so this bounds the
    /// memory of a collection whatever the size of the organization. By default twice <see cref="MaxAccountsInFlight"/>,
    /// room for the accounts that only wait for their event history; never fewer than <see cref="MaxAccountsInFlight"/>.
    /// </summary>
    public int? MaxAccountsInMemory { get; init; }

    /// <summary>The accounts held at most, <see cref="MaxAccountsInMemory"/> or its default.</summary>
    public int AccountsHeldAtMost => Math.Max(Math.Max(1, MaxAccountsInFlight), MaxAccountsInMemory ?? 2 * Math.Max(1, MaxAccountsInFlight));

    /// <summary>Requests in flight across every account (one budget); each account also keeps its own limits.</summary>
    public int MaxRequestsInFlight { get; init; } = 128;

    /// <summary>
    /// An account whose own collection takes longer than this is reported NOT ASSESSED, and the others go on. The time
    /// it waits for a place among the <see cref="MaxAccountsInFlight"/> is not counted.
    /// </summary>
    public TimeSpan AccountTimeout { get; init; } = TimeSpan.FromHours(1);

    /// <summary>The clock <see cref="AccountTimeout"/> and each account's collection time are read from (tests give a fake one).</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Called (from any thread, keep it cheap) as accounts start and end, and as their requests progress.</summary>
    public Action<AccountProgress>? OnProgress { get; init; }
}

public enum AccountState
{
    /// <summary>Its collection started: credentials are being obtained, then its calls run.</summary>
    Collecting,
    /// <summary>Its inventory is complete.</summary>
    Collected,
    /// <summary>Nothing could be read (role not assumable, identity refused, timed out); the cause is in the inventory.</summary>
    NotAssessed,
}

/// <summary>An account changed state, or one of its requests did (<see cref="Call"/>).</summary>
public readonly record struct AccountProgress(string AccountId, AccountState State, CallProgress? Call = null);

/// <summary>
/// Collects many accounts concurrently under one budget of requests in flight. Each account is collected by its
/// own <see cref="Collector"/> through its own reader (its own credentials, and in the transport its own adaptive
/// rate limiters per service and region, since AWS limits are per account). An account that cannot be reached
/// is never dropped: its inventory says why it is NOT ASSESSED.
/// </summary>
public sealed class MultiAccountCollector(Func<OrganizationAccount, AccountConnection> connect, CollectorOptions accountOptions,
    MultiAccountOptions options, OrganizationReads? organization = null)
{
    /// <summary>
    /// Collects every account, in the order given, and hands each inventory to <paramref name="onAccount"/> as soon as
    /// it is complete, one at a time (so the consumer needs no locking, and a slow consumer holds back collection rather
    /// than memory). An account starts when one of the <see cref="MultiAccountOptions.AccountsHeldAtMost"/> is free: it
    /// is identified and its event history starts (those paced reads are its longest chain, and cost little of the
    /// budget); its other reads wait for a place among the <see cref="MultiAccountOptions.MaxAccountsInFlight"/>, which
    /// it gives back once only the event history is left.
    /// </summary>
    /// <exception cref="OperationCanceledException">Cancelled; accounts not handed on yet are dropped.</exception>
    public async Task CollectAsync(IReadOnlyList<OrganizationAccount> accounts, IReadOnlyList<ApiCall> calls, RegionSelection regions,
        Func<AccountInventory, Task> onAccount, CancellationToken cancellation = default)
    {
        var inFlight = Math.Max(1, options.MaxAccountsInFlight);
        var inMemory = options.AccountsHeldAtMost;
        using var budget = new RequestBudget(options.MaxRequestsInFlight);
        using var handOn = new SemaphoreSlim(1, 1);
        using var places = new SemaphoreSlim(inFlight, inFlight);
        using var held = new SemaphoreSlim(inMemory, inMemory);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        var running = new List<Task>();
        Exception? failure = null;

        async Task RunAsync(OrganizationAccount account)
        {
            using var place = new AccountPlace(places, stop.Token);
            try
            {
                var inventory = await CollectOneAsync(account, calls, regions, budget, place, stop.Token).ConfigureAwait(false);
                place.Free();
                await handOn.WaitAsync(stop.Token).ConfigureAwait(false);
                try
                {
                    await onAccount(inventory).ConfigureAwait(false);
                }
                finally
                {
                    handOn.Release();
                }
            }
            catch (Exception e) when (e is not OperationCanceledException || !stop.IsCancellationRequested)
            {
                Interlocked.CompareExchange(ref failure, e, null);
                await stop.CancelAsync().ConfigureAwait(false);
                throw;
            }
            finally
            {
                await place.EndAsync().ConfigureAwait(false);
                held.Release();
            }
        }

        try
        {
            foreach (var account in accounts)
            {
                await held.WaitAsync(stop.Token).ConfigureAwait(false);
                running.Add(Task.Run(() => RunAsync(account), CancellationToken.None));
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // An account failed or the caller cancelled: no more start; those running end below.
        }
#pragma warning disable CA1031 // their outcome is read from `failure` and the caller's token below
        try
        {
            await Task.WhenAll(running).ConfigureAwait(false);
        }
        catch (Exception)
        {
        }
#pragma warning restore CA1031
        if (failure is not null)
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
        cancellation.ThrowIfCancellationRequested();
    }

    private async Task<AccountInventory> CollectOneAsync(OrganizationAccount account, IReadOnlyList<ApiCall> calls, RegionSelection regions,
        RequestBudget budget, AccountPlace place, CancellationToken cancellation)
    {
        Report(account.Id, AccountState.Collecting);
        using var deadline = new AccountDeadline(options.AccountTimeout, cancellation, options.Time);
        AccountInventory inventory;
        try
        {
            using var connection = connect(account);
            var reader = organization?.For(connection.Reader) ?? connection.Reader;
            var collector = new Collector(reader, accountOptions with
            {
                Budget = budget,
                BeforeOtherReads = token => deadline.Excluding(place.TakeAsync, token),
                OnlyPacedReadsLeft = place.Free,
                OnProgress = options.OnProgress is { } report ? call => report(new AccountProgress(account.Id, AccountState.Collecting, call)) : null,
            });
            var snapshot = await collector.CollectAsync(calls, regions, deadline.Token).ConfigureAwait(false);
            inventory = snapshot.Accounts[0];
            if (inventory.AccountId != account.Id)
                inventory = NotAssessed(account, $"the credentials obtained for account {account.Id} belong to account {inventory.AccountId}");
        }
        catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
        {
            inventory = NotAssessed(account, $"its collection did not finish within {Describe(options.AccountTimeout)}");
        }
        catch (NoCredentialsException e)
        {
            inventory = NotAssessed(account, e.Message);
        }
        catch (CollectionException e)
        {
            inventory = NotAssessed(account, e.Message);
        }
        inventory.AccountId = account.Id;
        inventory.Name = account.Name;
        inventory.OuPath = account.OuPath.Count > 0 || account.Name is not null ? [.. account.OuPath] : null;
        // Its own time, as --account-timeout counts it: how long it waited for a place depends on the run, not on the account.
        inventory.CollectionSeconds = Math.Round(deadline.OwnTime.TotalSeconds, 1);
        Report(account.Id, inventory.NotAssessed is null ? AccountState.Collected : AccountState.NotAssessed);
        return inventory;
    }

    private static AccountInventory NotAssessed(OrganizationAccount account, string why) => new()
    {
        AccountId = account.Id,
        NotAssessed = why,
    };

    private static string Describe(TimeSpan time) =>
        time.TotalMinutes >= 1 ? $"{time.TotalMinutes:0.#} min" : $"{time.TotalSeconds:0.#} s";

    private void Report(string accountId, AccountState state) => options.OnProgress?.Invoke(new AccountProgress(accountId, state));
}
