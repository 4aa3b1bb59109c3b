using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using CloudAudit.Collection;
using CloudAudit.Inventory.Catalog;
using CloudAudit.Transport.Endpoints;
using CloudAudit.Transport.Http;

namespace CloudAudit.Collection.Tests;

/// <summary>One request the collector made: where, what, with which parameters and options.</summary>
public sealed record SentRequest(string Service, string Region, string Operation, string Params, CallOptions? Options)
{
    public override string ToString() => $"{Region}/{Service}:{Operation} {Params}";
}

/// <summary>
/// An AWS account in memory: answers per (service, operation) from handlers, "{}" for anything else, and
/// records every request. Handlers may await to simulate latency or hold a call open.
/// </summary>
public sealed class FakeReader : IAwsReader
{
    private readonly Dictionary<(string Service, string Operation), Func<string, JsonObject?, Task<CallResult>>> handlers = new();
    private int inFlight;

    public FakeReader(string accountId = "111122223333")
    {
        On("sts", "GetCallerIdentity", (_, _) => Ok($$"""{"Account":"{{accountId}}","Arn":"arn:aws:iam::{{accountId}}:user/auditor"}"""));
    }

    public ConcurrentQueue<SentRequest> Sent { get; } = new();
    public int MaxInFlight { get; private set; }
    public ConcurrentDictionary<string, int> MaxInFlightByService { get; } = new();
    private readonly ConcurrentDictionary<string, int> inFlightByService = new();
    public Func<string, string, RegionAvailability> AvailabilityOf { get; set; } = (_, _) => RegionAvailability.Available;

    public FakeReader On(string service, string operation, Func<string, JsonObject?, CallResult> answer) =>
        OnAsync(service, operation, (region, input) => Task.FromResult(answer(region, input)));

    public FakeReader OnAsync(string service, string operation, Func<string, JsonObject?, Task<CallResult>> answer)
    {
        handlers[(service, operation)] = answer;
        return this;
    }

    public async Task<CallResult> ReadAsync(string service, string region, string operation, JsonObject? input, CallOptions? options,
        CancellationToken cancellation)
    {
        Sent.Enqueue(new SentRequest(service, region, operation, CallKey.Canonical(input), options));
        var now = Interlocked.Increment(ref inFlight);
        var forService = inFlightByService.AddOrUpdate(service, 1, (_, n) => n + 1);
        lock (Sent)
        {
            MaxInFlight = Math.Max(MaxInFlight, now);
            MaxInFlightByService[service] = Math.Max(MaxInFlightByService.GetValueOrDefault(service), forService);
        }
        try
        {
            cancellation.ThrowIfCancellationRequested();
            return handlers.TryGetValue((service, operation), out var handler)
                ? await handler(region, input).WaitAsync(cancellation)
                : Ok("{}");
        }
        finally
        {
            Interlocked.Decrement(ref inFlight);
            inFlightByService.AddOrUpdate(service, 0, (_, n) => n - 1);
        }
    }

    public RegionAvailability Availability(string service, string region) => AvailabilityOf(service, region);

    /// <summary>What the transport would say is worth having in flight: a throttled region says few.</summary>
    public Func<string, string, int> UsefulInFlightOf { get; set; } = (_, _) => int.MaxValue;

    public int UsefulInFlight(string service, string region) => UsefulInFlightOf(service, region);

    /// <summary>Which reads follow a paginator, as the transport's models say; none by default.</summary>
    public Func<string, string, bool> IsPaginatedOf { get; set; } = (_, _) => false;

    public bool IsPaginated(string service, string operation) => IsPaginatedOf(service, operation);

    /// <summary>The services the collector asked to get ready for, and how many requests had been sent when it asked.</summary>
    public ConcurrentQueue<(IReadOnlyCollection<string> Services, int SentBefore)> Prepared { get; } = new();

    public void Prepare(IReadOnlyCollection<string> services) => Prepared.Enqueue((services, Sent.Count));

    public IReadOnlyList<SentRequest> Requests(string service, string operation) =>
        Sent.Where(r => r.Service == service && r.Operation == operation).ToList();

    public static CallResult Ok(string json) => CallResult.Success(JsonNode.Parse(json)!.AsObject());

    public static CallResult Fail(FailureKind kind, string code, int status = 400) =>
        CallResult.Failed(new CallFailure(kind, code, $"{code} (test)", status));
}
