using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using CloudAudit.Inventory;
using CloudAudit.Inventory.Catalog;
using CloudAudit.Inventory.Snapshot;
using CloudAudit.Transport.Endpoints;
using CloudAudit.Transport.Http;

namespace CloudAudit.Collection;

/// <summary>
/// One collection in progress: a work queue of concrete requests, deduplicated by <see cref="CallKey"/>, run
/// with at most <see cref="CollectorOptions.MaxInFlight"/> in flight. A request's dependents are planned the
/// moment its response arrives, from that response, exactly as <see cref="AccountData.TargetsOf"/> derives them
/// later, so the stored keys are the keys the views look up.
/// </summary>
internal sealed class CollectionRun
{
    private readonly IAwsReader reader;
    private readonly CollectorOptions options;
    private readonly CollectionPlan plan;
    private readonly string accountId;
    private readonly string partition;
    private readonly IReadOnlyList<string> regions;
    private readonly DateTimeOffset collectedAt;
    private readonly CancellationToken cancellation;
    private readonly WindowedReads windowed;

    private readonly object gate = new();
    private readonly Dictionary<CallKey, Request> requests = new();
    private readonly Dictionary<string, Lane> lanes = new(StringComparer.Ordinal);
    /// <summary>Lanes with requests queued: Dispatch looks at these only, not at every lane the run has opened.</summary>
    private readonly HashSet<Lane> waiting = [];
    private int pacedInFlight;
    /// <summary>Whether the reads other than the paced ones may start (at once, unless the caller gives them a turn).</summary>
    private bool otherReadsOpen;
    /// <summary>Only paced reads are left (set under the gate); <see cref="pacedOnlyTold"/>: the caller was told.</summary>
    private bool pacedOnlyDue;
    private int pacedOnlyTold;
    private readonly Dictionary<string, int> serviceInFlight = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> bucketRegions = new(StringComparer.Ordinal);
    private readonly List<Request> waitingForBucketList = [];
    private readonly TaskCompletionSource finished = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Request? bucketList;
    private Task? credentialReport;
    private Exception? fault;
    private int inFlight;
    private long sequence;

    public CollectionRun(IAwsReader reader, CollectorOptions options, CollectionPlan plan, string accountId, string partition,
        IReadOnlyList<string> regions, DateTimeOffset collectedAt, CancellationToken cancellation)
    {
        this.collectedAt = collectedAt;
        otherReadsOpen = options.BeforeOtherReads is null;
        windowed = new WindowedReads(reader, options, cancellation);
        this.reader = reader;
        this.options = options;
        this.plan = plan;
        this.accountId = accountId;
        this.partition = partition;
        this.regions = regions;
        this.cancellation = cancellation;
    }

    /// <summary>Runs every planned call and its dependents; <paramref name="known"/> are records already read (the caller identity).</summary>
    public async Task<List<ApiRecord>> RunAsync(IEnumerable<(ApiCall Call, ApiRecord Record)> known)
    {
        List<Request> start;
        lock (gate)
        {
            foreach (var (call, record) in known)
            {
                var request = new Request(CallKey.Of(record.Region, record.Service, record.Operation, record.Params), record.Region, call.Service,
                    call.Operation, record.Params, 0, sequence++) { Record = record };
                requests[request.Key] = request;
            }
            foreach (var root in plan.Roots)
            {
                if (root.Scope == CallScope.Global)
                    Submit(root, AwsIds.GlobalRegion, root.Parameters, null);
                else if (root.Scope == CallScope.Windowed)
                    foreach (var region in root.WindowRegions(partition, regions))
                        Submit(root, region, root.WindowParameters(collectedAt - Max(options.EventWindow, root.MinimumWindow), collectedAt), null);
                else
                    foreach (var region in regions)
                        Submit(root, region, root.Parameters, null);
            }
            start = Dispatch();
        }
        await using var registration = cancellation.Register(() => Fail(new OperationCanceledException(cancellation))).ConfigureAwait(false);
        Start(start);
        if (options.BeforeOtherReads is { } turn)
            _ = OpenOtherReadsAsync(turn);
        await finished.Task.ConfigureAwait(false);
        lock (gate)
            return requests.Values.Select(r => r.Record).OfType<ApiRecord>().ToList();
    }

    /// <summary>Lets the reads other than the paced ones start once the caller's turn comes (see <see cref="CollectorOptions.BeforeOtherReads"/>).</summary>
    private async Task OpenOtherReadsAsync(Func<CancellationToken, Task> turn)
    {
        try
        {
            await turn(cancellation).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // cancelled, or the caller's wait failed: the run ends with it, reported by RunAsync
        catch (Exception e)
#pragma warning restore CA1031
        {
            Fail(e);
            return;
        }
        List<Request> start;
        lock (gate)
        {
            otherReadsOpen = true;
            start = Dispatch();
        }
        Start(start);
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    /// <summary>Adds one request for <paramref name="call"/>, or joins the identical request already planned. Holds the gate.</summary>
    private void Submit(ApiCall call, string region, JsonObject? parameters, Request? parent)
    {
        var key = CallKey.Of(region, call.Service, call.Operation, parameters);
        if (requests.TryGetValue(key, out var existing))
        {
            if (existing.Calls.Contains(call))
                return;
            existing.Calls.Add(call);
            if (existing.Record is { } done)
                Expand(call, done, existing);
            return;
        }
        var request = new Request(key, region, call.Service, call.Operation, parameters?.DeepClone().AsObject(), Height(call), sequence++)
        {
            Windowed = call.Scope == CallScope.Windowed,
            Depth = parent is null ? 0 : parent.Depth + 1,
        };
        request.Calls.Add(call);
        requests[key] = request;
        Report(request, CallState.Planned);
        Trace(request, TraceStage.Planned, parent?.Sequence);

        if (region != AwsIds.GlobalRegion && reader.Availability(call.Service, region) == RegionAvailability.NotAvailable)
        {
            Complete(request, CallResult.Failed(new CallFailure(FailureKind.NotAvailableInRegion, "EndpointNotAvailable",
                $"{call.Service} is not offered in {region}")));
            return;
        }
        if (call.Service == "s3" && call.Operation == "ListBuckets")
            bucketList ??= request;
        // Bucket reads wait for ListBuckets when it is planned: its BucketRegion saves a GetBucketLocation per bucket.
        if (IsBucketRead(request) && bucketList is { Record: null })
        {
            waitingForBucketList.Add(request);
            return;
        }
        Enqueue(request);
    }

    /// <summary>
    /// How far a request's chain reaches: its call's height in the plan, one more when the read follows a paginator,
    /// since its pages come one after another, and a listing that starts late ends late even with nothing below it.
    /// </summary>
    private int Height(ApiCall call) =>
        plan.Height(call) + (call.Scope != CallScope.Windowed && reader.IsPaginated(call.Service, call.Operation) ? 1 : 0);

    /// <summary>
    /// Requests queue in one lane per service and region, as AWS limits their rate: a throttled region then holds
    /// only the slots its rate can use (see <see cref="IAwsReader.UsefulInFlight"/>), not its service's in every
    /// region. Windowed reads queue in a lane per region of their own, one read at a time: they are paced at the
    /// service's rate in that region, so more at once would only wait, and while they wait they hold no transport
    /// slot, so they do not count against <see cref="CollectorOptions.MaxInFlight"/>.
    /// </summary>
    private void Enqueue(Request request)
    {
        var region = LaneRegion(request);
        var name = request.Windowed ? $"{request.Service}:{request.Operation}@{region}" : $"{request.Service}@{region}";
        if (!lanes.TryGetValue(name, out var lane))
            lanes[name] = lane = new Lane { Service = request.Service, Region = region, Limit = request.Windowed ? 1 : options.MaxInFlight, Paced = request.Windowed };
        request.Lane = lane;
        lane.Queue.Enqueue(request, (-request.Height, -request.Depth, request.Sequence));
        waiting.Add(lane);
        Trace(request, TraceStage.Queued);
    }

    /// <summary>
    /// Picks the requests to start now: tallest dependency chains first, within the in-flight limits (the
    /// collection's, each lane's useful share, and each service's cap across its regions). The service cap keeps a
    /// slow or throttled service from holding every slot while other services' requests wait; when only one service
    /// has requests queued, it may use the idle slots (still within each lane's useful share, so a throttling region
    /// gets no more than its limiter lets through). Holds the gate.
    /// </summary>
    private List<Request> Dispatch()
    {
        var start = new List<Request>();
        if (fault is null && waiting.Count > 0)
        {
            foreach (var lane in waiting)
            {
                if (!lane.Paced)
                {
                    lane.Limit = Math.Max(1, Math.Min(options.MaxInFlight, reader.UsefulInFlight(lane.Service, lane.Region)));
                    continue;
                }
                while (lane.InFlight < lane.Limit && lane.Queue.TryDequeue(out var request, out _))
                {
                    lane.InFlight++;
                    pacedInFlight++;
                    start.Add(request);
                }
            }
            while (otherReadsOpen && inFlight < options.MaxInFlight)
            {
                var best = Next(withinServiceCap: true) ?? (OneServiceQueued() ? Next(withinServiceCap: false) : null);
                if (best is null)
                    break;
                var request = best.Queue.Dequeue();
                best.InFlight++;
                serviceInFlight[best.Service] = serviceInFlight.GetValueOrDefault(best.Service) + 1;
                inFlight++;
                start.Add(request);
                if (best.Queue.Count == 0)
                    waiting.Remove(best);
            }
            waiting.RemoveWhere(lane => lane.Queue.Count == 0);
        }
        if (inFlight == 0 && pacedInFlight == 0 && (fault is not null || waiting.Count == 0))
        {
            if (fault is null) finished.TrySetResult();
            else finished.TrySetException(fault);
        }
        else if (fault is null && otherReadsOpen && inFlight == 0 && pacedInFlight > 0 && waitingForBucketList.Count == 0 && !waiting.Any(lane => !lane.Paced))
        {
            pacedOnlyDue = true;
        }
        return start;
    }

    /// <summary>The lane whose head request is the tallest among those that may start now. Holds the gate.</summary>
    private Lane? Next(bool withinServiceCap)
    {
        Lane? best = null;
        (int, int, long) bestPriority = default;
        foreach (var lane in waiting)
        {
            if (lane.Paced || lane.InFlight >= LaneCap(lane, withinServiceCap) || !lane.Queue.TryPeek(out _, out var priority)
                || (withinServiceCap && serviceInFlight.GetValueOrDefault(lane.Service) >= options.MaxInFlightPerService))
                continue;
            if (best is null || priority.CompareTo(bestPriority) < 0)
                (best, bestPriority) = (lane, priority);
        }
        return best;
    }

    /// <summary>Whether the requests queued outside the paced lanes are all of one service. Holds the gate.</summary>
    private bool OneServiceQueued()
    {
        string? service = null;
        foreach (var lane in waiting)
        {
            if (lane.Paced || lane.Queue.Count == 0)
                continue;
            if (service is not null && service != lane.Service)
                return false;
            service = lane.Service;
        }
        return service is not null;
    }

    private int LaneCap(Lane lane, bool withinServiceCap) =>
        withinServiceCap ? Math.Min(lane.Limit, options.MaxInFlightPerService) : lane.Limit;

    private void Start(List<Request> start)
    {
        // Told outside the gate, once: what the caller does with it (free the account's place) must not run under our lock.
        if (Volatile.Read(ref pacedOnlyDue) && Interlocked.Exchange(ref pacedOnlyTold, 1) == 0)
            options.OnlyPacedReadsLeft?.Invoke();
        foreach (var request in start)
            _ = Task.Run(() => ExecuteAsync(request), CancellationToken.None);
    }

    private async Task ExecuteAsync(Request request)
    {
        CallResult? result = null;
        var budgeted = false;
        ApiError? incomplete = null;
        Trace(request, TraceStage.Started);
        try
        {
            if (request.Service == "iam" && request.Operation == "GetCredentialReport")
                await CredentialReportReady().ConfigureAwait(false);
            var hint = IsBucketRead(request) && bucketRegions.TryGetValue((string)request.Parameters!["Bucket"]!, out var bucketRegion)
                ? new CallOptions(RegionHint: bucketRegion) : null;
            // A windowed read takes the budget page by page, after its pacing wait (see WindowedReads).
            if (options.Budget is { } budget && !request.Windowed)
            {
                await budget.WaitAsync(cancellation).ConfigureAwait(false);
                budgeted = true;
            }
            if (request.Windowed)
                (result, incomplete) = await windowed.ReadAsync(request.Service, request.Region, request.Operation, request.Parameters!).ConfigureAwait(false);
            else
                result = await reader.ReadAsync(request.Service, request.Region, request.Operation, request.Parameters?.DeepClone().AsObject(),
                    hint, cancellation).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // anything the transport throws (no credentials, a refused operation, cancellation) ends the run, reported by RunAsync
        catch (Exception e)
#pragma warning restore CA1031
        {
            Fail(e);
        }
        finally
        {
            if (budgeted)
                options.Budget!.Release();
        }
        List<Request> start;
        lock (gate)
        {
            if (request.Lane!.Paced)
            {
                pacedInFlight--;
            }
            else
            {
                inFlight--;
                serviceInFlight[request.Service]--;
            }
            request.Lane.InFlight--;
            if (result is not null && fault is null)
                Complete(request, result, incomplete);
            start = Dispatch();
        }
        Start(start);
    }

    /// <summary>Stores the outcome and plans the dependents of every call that asked for it. Holds the gate.</summary>
    private void Complete(Request request, CallResult result, ApiError? incomplete = null)
    {
        var record = new ApiRecord
        {
            Region = request.Region,
            Service = request.Service,
            Operation = request.Operation,
            Params = request.Parameters,
            Response = result.Response,
            Error = result.Failure is { } f ? ErrorKinds.Of(f) : null,
            Incomplete = incomplete ?? (result.Incomplete is { } cut ? ErrorKinds.Of(cut) : null),
        };
        request.Record = record;
        Trace(request, TraceStage.Finished);
        Report(request, (result.Failure is { } failure && !ErrorKinds.IsAnswer(failure.Kind)) || record.Incomplete is not null ? CallState.Failed : CallState.Done);
        if (request == bucketList)
        {
            RememberBucketRegions(result.Response);
            foreach (var waiting in waitingForBucketList)
                Enqueue(waiting);
            waitingForBucketList.Clear();
        }
        foreach (var call in request.Calls.ToList())
            Expand(call, record, request);
    }

    private void Expand(ApiCall call, ApiRecord record, Request parentRequest)
    {
        if (record.Response is not { } response)
            return;
        foreach (var child in plan.ChildrenOf(call))
        {
            var parent = new ParentResponse(accountId, partition, record.Region, record.Params, response, regions);
            List<CallTarget> targets;
            try
            {
                targets = child.Targets!(parent).ToList();
            }
#pragma warning disable CA1031 // a catalog bug on odd data: the check reading these targets hits it again and reports ERROR
            catch (Exception)
#pragma warning restore CA1031
            {
                continue;
            }
            foreach (var target in targets)
                Submit(child, target.Region, target.Parameters, parentRequest);
        }
    }

    private void Fail(Exception e)
    {
        List<Request> none;
        lock (gate)
        {
            fault ??= e;
            none = Dispatch();
        }
        Start(none);
    }

    /// <summary>GetCredentialReport reads a report that GenerateCredentialReport builds: ask until it is COMPLETE (bounded).</summary>
    private Task CredentialReportReady()
    {
        lock (gate)
            return credentialReport ??= GenerateCredentialReportAsync();
    }

    private async Task GenerateCredentialReportAsync()
    {
        for (var poll = 0; poll < options.CredentialReportPolls; poll++)
        {
            var result = await reader.ReadAsync("iam", AwsIds.GlobalRegion, "GenerateCredentialReport", null, null, cancellation).ConfigureAwait(false);
            // Denied or failed: an existing report may still be readable, so GetCredentialReport is tried anyway.
            // Only STARTED and INPROGRESS are worth waiting for; anything else will not change by asking again.
            if (result.Response is not { } response || (string?)response["State"] is not ("STARTED" or "INPROGRESS"))
                return;
            await Task.Delay(options.CredentialReportDelay, cancellation).ConfigureAwait(false);
        }
    }

    private void RememberBucketRegions(JsonObject? listBuckets)
    {
        foreach (var bucket in listBuckets?["Buckets"] as JsonArray ?? [])
            if (bucket.Str("Name") is { } name && bucket.Str("BucketRegion") is { Length: > 0 } region)
                bucketRegions[name] = region;
    }

    /// <summary>
    /// Where a request is sent, for its lane: a bucket read is stored under "global" but goes to its bucket's region,
    /// whose rate limit it meets; once ListBuckets has named that region, it queues there, so a throttled region holds
    /// back its own buckets only. A bucket whose region is not known yet stays in the global lane.
    /// </summary>
    private string LaneRegion(Request request) =>
        IsBucketRead(request) && bucketRegions.TryGetValue((string)request.Parameters!["Bucket"]!, out var bucketRegion) ? bucketRegion : request.Region;

    private static bool IsBucketRead(Request request) =>
        request.Service == "s3" && request.Region == AwsIds.GlobalRegion && request.Parameters?["Bucket"] is JsonValue;

    private void Report(Request request, CallState state) =>
        options.OnProgress?.Invoke(new CallProgress(request.Service, request.Region, request.Operation, state));

    private void Trace(Request request, TraceStage stage, long? parent = null) =>
        options.Trace?.Invoke(new CollectionTrace(request.Sequence, parent, request.Service, request.Region, request.Operation, stage, request.Windowed));

    private sealed class Request(CallKey key, string region, string service, string operation, JsonObject? parameters, int height, long sequence)
    {
        public CallKey Key { get; } = key;
        public string Region { get; } = region;
        public string Service { get; } = service;
        public string Operation { get; } = operation;
        public JsonObject? Parameters { get; } = parameters;
        public int Height { get; } = height;
        public long Sequence { get; } = sequence;
        /// <summary>The planned calls that resolve to this request; each one's dependents are planned from its answer.</summary>
        public List<ApiCall> Calls { get; } = [];
        public ApiRecord? Record { get; set; }
        /// <summary>A read over the collection's time window, paged by <see cref="WindowedReads"/>.</summary>
        public bool Windowed { get; init; }
        /// <summary>How many answers stand between this request and a root (0 for a root).</summary>
        public int Depth { get; init; }
        public Lane? Lane { get; set; }
    }

    private sealed class Lane
    {
        /// <summary>
        /// Tallest chain first; among equal heights the deepest request first, since a request planned late in a long
        /// chain is the likelier to end the run; then in planning order.
        /// </summary>
        public PriorityQueue<Request, (int NegativeHeight, int NegativeDepth, long Sequence)> Queue { get; } = new();
        public int InFlight { get; set; }
        public required string Service { get; init; }
        public required string Region { get; init; }
        /// <summary>Requests of this lane worth having in flight: the collection's limit, or fewer while the region throttles.</summary>
        public required int Limit { get; set; }
        /// <summary>Paced lanes run beside the others, outside the collection's in-flight limit.</summary>
        public bool Paced { get; init; }
    }
}
