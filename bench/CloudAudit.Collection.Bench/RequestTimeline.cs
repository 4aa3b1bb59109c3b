using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace CloudAudit.Collection.Bench;

/// <summary>
/// The request timeline of one collection (<c>--timeline</c>): when each request could have been sent (planned, from
/// its parent's answer), when the collector queued and started it, when its first HTTP request left and when it
/// finished, with every HTTP exchange tagged with its request. Prints where the time between the collection's start
/// and its last answer went, service by service, and the critical path: the chain of requests that ended last,
/// each link's waits apart from its own HTTP time.
/// </summary>
internal sealed partial class RequestTimeline
{
    private static readonly AsyncLocal<long?> Current = new();
    private readonly long origin = Stopwatch.GetTimestamp();
    private readonly ConcurrentQueue<(double At, CollectionTrace Trace)> stages = new();
    private readonly ConcurrentQueue<Exchange> exchanges = new();

    private sealed record Exchange(long? Request, string Service, string Region, double Sent, double Answered, int Status);

    private double Now => Stopwatch.GetElapsedTime(origin).TotalMilliseconds;

    /// <summary>The collector's trace hook: records the stage, and tags the reader's HTTP requests that follow a start.</summary>
    public void Record(CollectionTrace trace)
    {
        if (trace.Stage == TraceStage.Started)
            Current.Value = trace.Request;
        stages.Enqueue((Now, trace));
    }

    /// <summary>An HTTP handler that records every exchange; <paramref name="inner"/> sends it.</summary>
    public HttpMessageHandler Handler(HttpMessageHandler inner) => new Recorder(this) { InnerHandler = inner };

    private sealed class Recorder(RequestTimeline timeline) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var scope = Scope().Match(request.Headers.Authorization?.ToString() ?? "");
            var sent = timeline.Now;
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            timeline.exchanges.Enqueue(new Exchange(Current.Value, scope.Groups[2].Value, scope.Groups[1].Value, sent, timeline.Now, (int)response.StatusCode));
            return response;
        }
    }

    [GeneratedRegex(@"Credential=[^/]+/\d{8}/([^/]+)/([^/]+)/aws4_request")]
    private static partial Regex Scope();

    private sealed class Life
    {
        public required CollectionTrace First { get; init; }
        public double Planned = double.NaN, Queued = double.NaN, Started = double.NaN, Finished = double.NaN;
        public long? Parent;
        public List<Exchange> Http { get; } = [];
        public double FirstSent => Http.Count > 0 ? Http.Min(h => h.Sent) : double.NaN;
    }

    public void Print(TextWriter output, int allowedInFlight, TimeSpan latency)
    {
        var lives = new Dictionary<long, Life>();
        foreach (var (at, trace) in stages)
        {
            if (!lives.TryGetValue(trace.Request, out var life))
                lives[trace.Request] = life = new Life { First = trace };
            switch (trace.Stage)
            {
                case TraceStage.Planned: life.Planned = at; life.Parent = trace.Parent; break;
                case TraceStage.Queued: life.Queued = at; break;
                case TraceStage.Started: life.Started = at; break;
                case TraceStage.Finished: life.Finished = at; break;
            }
        }
        var http = exchanges.OrderBy(e => e.Sent).ToList();
        foreach (var exchange in http)
            if (exchange.Request is { } id && lives.TryGetValue(id, out var owner))
                owner.Http.Add(exchange);
        var sent = lives.Values.Where(l => l.Http.Count > 0 && !double.IsNaN(l.Finished)).ToList();
        if (http.Count == 0 || sent.Count == 0)
        {
            output.WriteLine("timeline               nothing was sent");
            return;
        }
        var end = http.Max(e => e.Answered);
        var firstRun = lives.Values.Where(l => !double.IsNaN(l.Started)).Min(l => l.Started);
        output.WriteLine($"timeline               first HTTP request at {F(http[0].Sent)}, identity answered at {F(http[0].Answered)}, "
            + $"collection's first request started at {F(firstRun)}, last answer at {F(end)}");
        var busy = http.Sum(e => e.Answered - e.Sent);
        output.WriteLine($"  HTTP in flight       {busy / (end - http[0].Sent):0.0} on average of {allowedInFlight} allowed; an exchange took "
            + $"{Median(http.Select(e => e.Answered - e.Sent)):0} ms (median), {Percentile(http.Select(e => e.Answered - e.Sent), 0.9):0} ms (p90) for {latency.TotalMilliseconds:0} ms of latency");
        output.WriteLine($"  waits (sum, ms)      for ListBuckets {Sum(sent, l => l.Queued - l.Planned):N0}; in the collector's queue {Sum(sent, l => l.Started - l.Queued):N0}; "
            + $"in the transport before the first byte {Sum(sent, l => l.FirstSent - l.Started):N0}; sending (pages, retries) {Sum(sent, l => l.Finished - l.FirstSent):N0}");
        output.WriteLine("  in flight over time  " + string.Join(" ", Slices(http, http[0].Sent, end, 10).Select(v => v.ToString("0", CultureInfo.InvariantCulture))));
        output.WriteLine("  by service           requests  HTTP   planned  queued→started  started→sent  last answer  (ms; waits are means)");
        foreach (var service in sent.GroupBy(l => l.First.Service).OrderByDescending(g => g.Max(l => l.Finished)).Take(12))
            output.WriteLine($"    {service.Key,-18} {service.Count(),8:N0} {service.Sum(l => l.Http.Count),5:N0} {F(service.Min(l => l.Planned)),9} "
                + $"{service.Average(l => l.Started - l.Queued),15:0} {service.Average(l => l.FirstSent - l.Started),13:0} {F(service.Max(l => l.Finished)),12}");
        PrintChain(output, lives, sent.MaxBy(l => l.Finished)!, "critical path");
        if (sent.Where(l => !l.First.Paced).MaxBy(l => l.Finished) is { } unpaced && sent.Any(l => l.First.Paced))
        {
            var paced = sent.Where(l => l.First.Paced).GroupBy(l => l.First.Region).MaxBy(g => g.Count())!;
            output.WriteLine($"  paced reads          {sent.Count(l => l.First.Paced)} windowed reads ({paced.Count()} in {paced.Key}, one at a time at the service's rate) "
                + $"ended at {F(sent.Where(l => l.First.Paced).Max(l => l.Finished))}; everything else at {F(unpaced.Finished)}");
            PrintChain(output, lives, unpaced, "unpaced path");
        }
    }

    private static void PrintChain(TextWriter output, Dictionary<long, Life> lives, Life last, string title)
    {
        output.WriteLine($"  {title,-20} (the chain that answered last; ms: planned, queued, started, first sent, finished, HTTP requests)");
        var chain = new List<Life>();
        for (var link = last; link is not null; link = link.Parent is { } parent ? lives.GetValueOrDefault(parent) : null)
            chain.Add(link);
        foreach (var step in Enumerable.Reverse(chain))
            output.WriteLine($"    {step.First.Service}:{step.First.Operation}@{step.First.Region}".PadRight(58)
                + $" {F(step.Planned),7} {F(step.Queued),7} {F(step.Started),7} {F(step.FirstSent),7} {F(step.Finished),7} {step.Http.Count,4}");
    }

    private static string F(double ms) => double.IsNaN(ms) ? "-" : ms.ToString("0", CultureInfo.InvariantCulture);

    private static double Sum(IEnumerable<Life> lives, Func<Life, double> wait) =>
        lives.Select(wait).Where(w => !double.IsNaN(w)).Sum();

    private static double Median(IEnumerable<double> values) => Percentile(values, 0.5);

    private static double Percentile(IEnumerable<double> values, double p)
    {
        var sorted = values.Order().ToList();
        return sorted[(int)Math.Min(sorted.Count - 1, Math.Floor(p * sorted.Count))];
    }

    /// <summary>The mean number of HTTP exchanges in flight in each of <paramref name="count"/> equal slices of the span.</summary>
    private static IEnumerable<double> Slices(List<Exchange> http, double start, double end, int count)
    {
        var width = (end - start) / count;
        for (var i = 0; i < count; i++)
        {
            var (from, to) = (start + i * width, start + (i + 1) * width);
            yield return http.Sum(e => Math.Max(0, Math.Min(to, e.Answered) - Math.Max(from, e.Sent))) / width;
        }
    }
}
