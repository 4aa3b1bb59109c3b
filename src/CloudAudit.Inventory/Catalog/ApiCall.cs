using System.Text.Json.Nodes;

namespace CloudAudit.Inventory.Catalog;

public enum CallScope
{
    /// <summary>Called once per account against the service's global endpoint; stored under region "global".</summary>
    Global,
    /// <summary>Called once in every scanned region.</summary>
    Regional,
    /// <summary>Called once per target derived from a parent call's response (per trail, per log group …).</summary>
    PerResource,
    /// <summary>
    /// A read of recent activity over the collection's time window: the collector adds the window's start and end
    /// (<see cref="ApiCall.WindowStart"/>, <see cref="ApiCall.WindowEnd"/>) to the parameters, in the regions
    /// <see cref="ApiCall.EventRegions"/> names, and pages it at the service's rate.
    /// </summary>
    Windowed,
}

/// <summary>Where a windowed read of recent activity is made.</summary>
public enum EventRegions
{
    /// <summary>Every scanned region: activity of regional services is recorded where it happened.</summary>
    Scanned,
    /// <summary>
    /// The partition's home of global-service events only (us-east-1 in aws): IAM, STS's global endpoint and the
    /// sign-in of the root user are recorded there, whatever regions are scanned.
    /// </summary>
    GlobalEvents,
    /// <summary>Both: the call is made in every scanned region and in the home of global-service events.</summary>
    ScannedAndGlobalEvents,
}

/// <summary>
/// A read that checks depend on. Checks declare the calls they read; the collector plans the
/// closure (parents first), deduplicates identical calls and runs them. The same object is the
/// key that typed views use to find the stored responses, so declaration and lookup cannot drift.
/// </summary>
public sealed class ApiCall
{
    private ApiCall(string service, string operation, CallScope scope, JsonObject? parameters, ApiCall? parent,
        Func<ParentResponse, IEnumerable<CallTarget>>? targets, EventRegions eventRegions = EventRegions.Scanned, TimeSpan? minimumWindow = null)
    {
        EventRegions = eventRegions;
        MinimumWindow = minimumWindow ?? TimeSpan.Zero;
        Service = service;
        Operation = operation;
        Scope = scope;
        Parameters = parameters;
        Parent = parent;
        Targets = targets;
    }

    /// <summary>Service name as in the AWS CLI and the service models (cloudtrail, logs, s3control …).</summary>
    public string Service { get; }
    /// <summary>Operation name as in the service model (DescribeTrails).</summary>
    public string Operation { get; }
    public CallScope Scope { get; }
    /// <summary>Fixed request parameters of a global or regional call.</summary>
    public JsonObject? Parameters { get; }
    public ApiCall? Parent { get; }
    /// <summary>For per-resource calls: the calls to make for one parent response.</summary>
    public Func<ParentResponse, IEnumerable<CallTarget>>? Targets { get; }

    public static ApiCall Global(string service, string operation, JsonObject? parameters = null) =>
        new(service, operation, CallScope.Global, parameters, null, null);

    public static ApiCall Regional(string service, string operation, JsonObject? parameters = null) =>
        new(service, operation, CallScope.Regional, parameters, null, null);

    public static ApiCall PerResource(ApiCall parent, string service, string operation,
        Func<ParentResponse, IEnumerable<CallTarget>> targets) =>
        new(service, operation, CallScope.PerResource, null, parent, targets);

    /// <summary>
    /// A read over the collection's time window; <paramref name="parameters"/> are the fixed filters. With
    /// <paramref name="minimumWindow"/> the read looks back at least that far whatever the window (a detector whose
    /// pattern unfolds over days).
    /// </summary>
    public static ApiCall Windowed(string service, string operation, JsonObject parameters, EventRegions where, TimeSpan? minimumWindow = null) =>
        new(service, operation, CallScope.Windowed, parameters, null, null, where, minimumWindow);

    /// <summary>For windowed calls: where they are made.</summary>
    public EventRegions EventRegions { get; }

    /// <summary>For windowed calls: how far back they look at the least, whatever the collection's window.</summary>
    public TimeSpan MinimumWindow { get; }

    /// <summary>The request members a windowed call's time window is written to.</summary>
    public const string WindowStart = "StartTime";
    public const string WindowEnd = "EndTime";

    /// <summary>The regions a windowed call is made in, for an account of <paramref name="partition"/> scanned in <paramref name="scanned"/>.</summary>
    public IReadOnlyList<string> WindowRegions(string partition, IReadOnlyList<string> scanned)
    {
        var global = AwsIds.GlobalEventsRegion(partition);
        IEnumerable<string> regions = EventRegions switch
        {
            EventRegions.Scanned => scanned,
            EventRegions.GlobalEvents => global is null ? scanned : [global],
            _ => global is null ? scanned : scanned.Append(global),
        };
        return regions.Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>A windowed call's parameters for one window: the fixed filters, then the window's start and end.</summary>
    public JsonObject WindowParameters(DateTimeOffset start, DateTimeOffset end)
    {
        var parameters = Parameters?.DeepClone().AsObject() ?? [];
        parameters[WindowStart] = AwsIds.Timestamp(start);
        parameters[WindowEnd] = AwsIds.Timestamp(end);
        return parameters;
    }

    /// <summary>This call and all its ancestors, ancestors first.</summary>
    public IEnumerable<ApiCall> WithAncestors()
    {
        var chain = new Stack<ApiCall>();
        for (var c = this; c is not null; c = c.Parent)
            chain.Push(c);
        return chain;
    }

    public override string ToString() =>
        Scope == CallScope.Windowed ? $"{Service}:{Operation} {CallKey.Canonical(Parameters)}" : $"{Service}:{Operation}";
}

/// <summary>One concrete request of a per-resource call: where to send it and with what parameters.</summary>
public sealed record CallTarget(string Region, JsonObject? Parameters);

/// <summary>What a per-resource call sees of its parent: the stored response and where it came from.</summary>
public sealed record ParentResponse(string AccountId, string Partition, string Region, JsonObject? Parameters,
    JsonNode Response, IReadOnlyList<string> ScannedRegions);
