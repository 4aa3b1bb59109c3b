using System.Collections.Concurrent;

namespace CloudAudit.Transport.Http;

/// <summary>Counts for one service: calls made, requests retried, throttling responses, access denials.</summary>
public sealed record ServiceCallCounts(long Calls, long Requests, long Retries, long Throttles, long Denials, long Failures);

/// <summary>Thread-safe call counters per service, for the scan summary and benchmarks.</summary>
public sealed class CallStatistics
{
    private readonly ConcurrentDictionary<string, Counters> byService = new(StringComparer.Ordinal);

    internal void Call(string service) => Interlocked.Increment(ref Get(service).Calls);
    internal void Request(string service) => Interlocked.Increment(ref Get(service).Requests);
    internal void Retry(string service) => Interlocked.Increment(ref Get(service).Retries);
    internal void Throttle(string service) => Interlocked.Increment(ref Get(service).Throttles);

    internal void Failure(string service, FailureKind kind)
    {
        var counters = Get(service);
        Interlocked.Increment(ref counters.Failures);
        if (kind == FailureKind.AccessDenied)
            Interlocked.Increment(ref counters.Denials);
    }

    public IReadOnlyDictionary<string, ServiceCallCounts> Snapshot() =>
        byService.OrderBy(p => p.Key, StringComparer.Ordinal).ToDictionary(
            p => p.Key,
            p => new ServiceCallCounts(Interlocked.Read(ref p.Value.Calls), Interlocked.Read(ref p.Value.Requests),
                Interlocked.Read(ref p.Value.Retries), Interlocked.Read(ref p.Value.Throttles),
                Interlocked.Read(ref p.Value.Denials), Interlocked.Read(ref p.Value.Failures)),
            StringComparer.Ordinal);

    private Counters Get(string service) => byService.GetOrAdd(service, _ => new Counters());

    private sealed class Counters
    {
        public long Calls;
        public long Requests;
        public long Retries;
        public long Throttles;
        public long Denials;
        public long Failures;
    }
}
