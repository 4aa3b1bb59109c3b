namespace CloudAudit.Collection;

/// <summary>How a collection runs.</summary>
public sealed record CollectorOptions
{
    /// <summary>
    /// Calls in flight at once. Keep it at most the transport's MaxConcurrency: a call waiting for a transport
    /// slot would spend its attempt timeout waiting.
    /// </summary>
    public int MaxInFlight { get; init; } = 32;

    /// <summary>
    /// Calls in flight at once for one service while other services' calls wait, so that a slow or throttled service
    /// cannot hold every slot; when no other service has calls queued, a service may use the idle slots (a
    /// throttling region still keeps only what its rate limiter lets through).
    /// </summary>
    public int MaxInFlightPerService { get; init; } = 24;

    /// <summary>A budget of requests in flight shared with other accounts' collections; null for none.</summary>
    public RequestBudget? Budget { get; init; }

    /// <summary>How often GenerateCredentialReport is asked before GetCredentialReport is read regardless.</summary>
    public int CredentialReportPolls { get; init; } = 15;

    /// <summary>Pause between two GenerateCredentialReport polls.</summary>
    public TimeSpan CredentialReportDelay { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Written into the snapshot's tool_version.</summary>
    public string ToolVersion { get; init; } = "0.0.0";

    public Func<DateTimeOffset> Clock { get; init; } = () => DateTimeOffset.UtcNow;

    /// <summary>Waits the given time; replaced in tests together with <see cref="Clock"/>.</summary>
    public Func<TimeSpan, CancellationToken, Task> Delay { get; init; } = Task.Delay;

    /// <summary>
    /// How far back windowed reads of recent activity look, up to the collection time (1 hour to 90 days: CloudTrail's
    /// event history keeps 90 days).
    /// </summary>
    public TimeSpan EventWindow { get; init; } = DefaultEventWindow;

    public static readonly TimeSpan DefaultEventWindow = TimeSpan.FromHours(24);
    public static readonly TimeSpan MinEventWindow = TimeSpan.FromHours(1);
    public static readonly TimeSpan MaxEventWindow = TimeSpan.FromDays(90);

    /// <summary>
    /// Pages of one windowed read per region and second: CloudTrail's LookupEvents allows two requests a second per
    /// account and region, and throttles beyond.
    /// </summary>
    public double EventPagesPerSecond { get; init; } = 2;

    /// <summary>
    /// Pages read of one windowed read in one region before it stops (50 events a page): what is left unread is marked
    /// incomplete, and the detectors that need it are NOT ASSESSED rather than passed.
    /// </summary>
    public int EventPageLimit { get; init; } = 50;

    /// <summary>Called (from any thread, keep it cheap) as requests are planned and finish.</summary>
    public Action<CallProgress>? OnProgress { get; init; }

    /// <summary>
    /// Awaited once the account is identified and its paced windowed reads (the event history) have started: the other
    /// reads wait for it. The multi-account collector waits here for the account's place among those in flight, so an
    /// account's event history, the longest chain of its collection, runs while it waits for its turn. Null: no wait.
    /// </summary>
    internal Func<CancellationToken, Task>? BeforeOtherReads { get; init; }

    /// <summary>
    /// Called once, from any thread, when all that is left of the collection is paced windowed reads (the event history)
    /// and their dependents: the multi-account collector then lets another account start. Not called when none remain.
    /// </summary>
    internal Action? OnlyPacedReadsLeft { get; init; }

    /// <summary>Every stage of every request, for the collection bench's timeline; called from any thread, keep it cheap.</summary>
    internal Action<CollectionTrace>? Trace { get; init; }
}

public enum CallState
{
    /// <summary>A request was added to the plan (dependent requests are added as their parent answers).</summary>
    Planned,
    /// <summary>Answered, or an error that is an answer (not found, not offered in the region).</summary>
    Done,
    /// <summary>Denied, throttled, timed out or otherwise failed: its checks will say NOT ASSESSED.</summary>
    Failed,
}

/// <summary>One request of one service in one region changed state.</summary>
public readonly record struct CallProgress(string Service, string Region, string Operation, CallState State);

/// <summary>The regions to scan: a list, or every region enabled for the account.</summary>
/// <param name="HomeRegion">Where region discovery and the account lookup go; the default when <paramref name="Regions"/> is empty.</param>
public sealed record RegionSelection(IReadOnlyList<string> Regions, bool AllEnabled, string HomeRegion);

/// <summary>The account could not be identified or its regions listed: nothing can be collected.</summary>
public sealed class CollectionException(string message) : Exception(message);
