using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using CloudAudit.Inventory.Snapshot;
using CloudAudit.Transport.Http;

namespace CloudAudit.Collection;

/// <summary>
/// Reads of recent activity over the collection's window (CloudTrail's LookupEvents), paged here rather than by the
/// transport: one page at a time, at most <see cref="CollectorOptions.EventPagesPerSecond"/> pages a second in each
/// region (the rate LookupEvents allows per account and region), and at most
/// <see cref="CollectorOptions.EventPageLimit"/> pages per read. A read that stops early (at the limit, or on a page
/// that fails after the transport's retries) keeps the pages read and says why the rest is missing.
/// </summary>
internal sealed class WindowedReads(IAwsReader reader, CollectorOptions options, CancellationToken cancellation)
{
    // LookupEvents' paging: the events of a page, and the token of the next one.
    private const string ResultKey = "Events";
    private const string Token = "NextToken";

    private readonly ConcurrentDictionary<string, Pacer> pacers = new(StringComparer.Ordinal);

    /// <summary>The merged answer (or the failure of the first page), and why reading stopped early if it did.</summary>
    public async Task<(CallResult Result, ApiError? Incomplete)> ReadAsync(string service, string region, string operation, JsonObject parameters)
    {
        var pacer = pacers.GetOrAdd(region, _ => new Pacer(TimeSpan.FromSeconds(1 / options.EventPagesPerSecond), options.Clock, options.Delay));
        var events = new JsonArray();
        string? token = null;
        for (var pages = 0; ; pages++)
        {
            if (pages == options.EventPageLimit)
                return (Merged(events), new ApiError("PageLimit",
                    $"stopped after {pages} pages ({events.Count} events){ReachingBack(events)}; raise the page limit to read the whole window",
                    ErrorKind.Truncated));
            await pacer.WaitAsync(cancellation).ConfigureAwait(false);
            var input = parameters.DeepClone().AsObject();
            if (token is not null) input[Token] = token;
            var page = await ReadPageAsync(service, region, operation, input).ConfigureAwait(false);
            if (page.Failure is { } failure)
            {
                if (pages == 0) return (page, null);
                return (Merged(events), ErrorKinds.Of(failure with
                {
                    Message = $"page {pages + 1} failed ({failure.Message}) after {events.Count} events{ReachingBack(events)}",
                }));
            }
            foreach (var item in page.Response![ResultKey] as JsonArray ?? [])
                events.Add(item?.DeepClone());
            token = page.Response[Token] is JsonValue next && next.TryGetValue<string>(out var text) && text.Length > 0 ? text : null;
            if (token is null) return (Merged(events), null);
            // A service that hands back the token it was given would page forever: what was read is not the whole window.
            if (token == (string?)input[Token])
                return (Merged(events), new ApiError("RepeatedToken",
                    $"page {pages + 1} handed back the token it was given after {events.Count} events{ReachingBack(events)}", ErrorKind.Truncated));
        }
    }

    /// <summary>
    /// One page, holding a slot of the shared budget only while it is sent: a read waiting for its pacing slot must
    /// not keep other accounts' requests waiting. Its turn for a slot comes before theirs (see <see cref="RequestBudget"/>).
    /// </summary>
    private async Task<CallResult> ReadPageAsync(string service, string region, string operation, JsonObject input)
    {
        if (options.Budget is not { } budget)
            return await reader.ReadAsync(service, region, operation, input, new CallOptions(SinglePage: true), cancellation).ConfigureAwait(false);
        await budget.WaitAsync(cancellation, goAhead: true).ConfigureAwait(false);
        try
        {
            return await reader.ReadAsync(service, region, operation, input, new CallOptions(SinglePage: true), cancellation).ConfigureAwait(false);
        }
        finally
        {
            budget.Release();
        }
    }

    private static CallResult Merged(JsonArray events) => CallResult.Success(new JsonObject { [ResultKey] = events });

    /// <summary>", reaching back to 2026-10-31T22:14:05Z": the oldest event read (pages come newest first).</summary>
    private static string ReachingBack(JsonArray events) =>
        events.LastOrDefault() is JsonObject oldest && (string?)oldest["EventTime"] is { } time
            ? $", reaching back to {time}; earlier events of the window were not read"
            : "";

    /// <summary>Spaces requests in one region evenly, whoever sends them.</summary>
    private sealed class Pacer(TimeSpan interval, Func<DateTimeOffset> clock, Func<TimeSpan, CancellationToken, Task> delay)
    {
        private readonly Lock gate = new();
        private DateTimeOffset next = DateTimeOffset.MinValue;

        public Task WaitAsync(CancellationToken cancellation)
        {
            TimeSpan wait;
            lock (gate)
            {
                var now = clock();
                var slot = next > now ? next : now;
                next = slot + interval;
                wait = slot - now;
            }
            return wait > TimeSpan.Zero ? delay(wait, cancellation) : Task.CompletedTask;
        }
    }
}
