using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace CloudAudit.Integration.Tests;

/// <summary>
/// One HTTP request as it reached the proxy: the service and region (from the SigV4 scope) and what it asked; the
/// operation is named for RPC protocols only (REST requests are told apart by method, path and query).
/// </summary>
public sealed record WireRequest(string Service, string Region, string Method, string Path, string Query, string? Operation, string Body)
{
    public override string ToString() => $"{Service} {Region} {Method} {Path}{Query} {Operation}";
}

/// <summary>A canned answer in the service's wire format, sent instead of moto's for one (service, operation).</summary>
public sealed record CannedResponse(int Status, string ContentType, string Body)
{
    /// <summary>Headers sent with the answer (a REST service's error code travels in <c>x-amzn-ErrorType</c>).</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();
}

/// <summary>
/// A loopback HTTP proxy in front of moto: records every request the scanner sends and answers chosen requests
/// itself (throttling, denial, a malformed body, a response moto cannot produce). The scanner reaches it through
/// --endpoint-url, as it would reach any endpoint.
/// </summary>
public sealed partial class FaultProxy : IDisposable
{
    private readonly CloudAudit.Testing.LoopbackListener listener;
    private readonly HttpClient upstream = new();
    private readonly Uri target;
    private readonly ConcurrentStack<(Func<WireRequest, bool> When, Func<WireRequest, CannedResponse> Respond)> canned = new();
    private readonly ConcurrentStack<(Func<WireRequest, bool> When, Func<string, string> Body)> rewrites = new();

    public FaultProxy(Uri target)
    {
        this.target = target;
        listener = new CloudAudit.Testing.LoopbackListener(HandleAsync);
    }

    public Uri Endpoint => listener.Url;

    public ConcurrentQueue<WireRequest> Requests { get; } = new();

    /// <summary>Answers every request of one RPC operation.</summary>
    /// <param name="service">The SigV4 signing name (logs, monitoring for CloudWatch, sns …).</param>
    public FaultProxy Answer(string service, string operation, CannedResponse response) =>
        Answer(r => r.Service == service && r.Operation == operation, response);

    /// <summary>Answers every request <paramref name="when"/> accepts; of two rules that both accept, the later wins.</summary>
    public FaultProxy Answer(Func<WireRequest, bool> when, CannedResponse response) => Answer(when, _ => response);

    /// <summary>Answers every request <paramref name="when"/> accepts with what <paramref name="respond"/> makes of it (a service emulated from recorded data).</summary>
    public FaultProxy Answer(Func<WireRequest, bool> when, Func<WireRequest, CannedResponse> respond)
    {
        canned.Push((when, respond));
        return this;
    }

    /// <summary>Passes matching requests on to moto and changes the body of its answer on the way back.</summary>
    public FaultProxy Rewrite(Func<WireRequest, bool> when, Func<string, string> body)
    {
        rewrites.Push((when, body));
        return this;
    }

    public static CannedResponse JsonError(string code, string message) =>
        new(400, "application/x-amz-json-1.1", $$"""{"__type":"{{code}}","message":"{{message}}"}""");

    private async Task HandleAsync(HttpListenerContext context)
    {
        var request = context.Request;
        using var body = new MemoryStream();
        await request.InputStream.CopyToAsync(body);
        var bytes = body.ToArray();
        var scope = Scope().Match(request.Headers["Authorization"] ?? "");
        var (region, service) = scope.Success ? (scope.Groups[1].Value, scope.Groups[2].Value) : ("?", "?");
        var wire = new WireRequest(service, region, request.HttpMethod, request.Url!.AbsolutePath, request.Url.Query,
            OperationOf(request, bytes), Encoding.UTF8.GetString(bytes));
        Requests.Enqueue(wire);

        var response = context.Response;
        if (canned.FirstOrDefault(rule => rule.When(wire)).Respond?.Invoke(wire) is { } answer)
        {
            response.StatusCode = answer.Status;
            response.ContentType = answer.ContentType;
            foreach (var (name, value) in answer.Headers)
                response.Headers[name] = value;
            var payload = Encoding.UTF8.GetBytes(answer.Body);
            await response.OutputStream.WriteAsync(payload);
            response.Close();
            return;
        }
        using var forward = new HttpRequestMessage(new HttpMethod(request.HttpMethod), new Uri(target, request.Url!.PathAndQuery));
        forward.Content = new ByteArrayContent(bytes);
        foreach (var name in request.Headers.AllKeys.OfType<string>())
        {
            if (name is "Host" or "Content-Length" or "Connection" or "Expect") continue;
            if (!forward.Headers.TryAddWithoutValidation(name, request.Headers[name]))
                forward.Content.Headers.TryAddWithoutValidation(name, request.Headers[name]);
        }
        using var reply = await upstream.SendAsync(forward);
        response.StatusCode = (int)reply.StatusCode;
        foreach (var (name, values) in reply.Headers.Concat(reply.Content.Headers))
            if (name is not ("Transfer-Encoding" or "Content-Length" or "Connection" or "Server" or "Date"))
                response.Headers[name] = string.Join(",", values);
        var answerBody = await reply.Content.ReadAsByteArrayAsync();
        if (rewrites.FirstOrDefault(rule => rule.When(wire)).Body is { } rewrite)
            answerBody = Encoding.UTF8.GetBytes(rewrite(Encoding.UTF8.GetString(answerBody)));
        await response.OutputStream.WriteAsync(answerBody);
        response.Close();
    }

    /// <summary>The operation of an RPC request (json: X-Amz-Target; query and ec2: the Action form field); null for REST.</summary>
    private static string? OperationOf(HttpListenerRequest request, byte[] body)
    {
        if (request.Headers["X-Amz-Target"] is { } target)
            return target[(target.LastIndexOf('.') + 1)..];
        if (request.ContentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.Ordinal) == true)
            foreach (var pair in Encoding.UTF8.GetString(body).Split('&'))
                if (pair.StartsWith("Action=", StringComparison.Ordinal))
                    return Uri.UnescapeDataString(pair["Action=".Length..]);
        return null;
    }

    [GeneratedRegex(@"Credential=[^/]+/\d{8}/([^/]+)/([^/]+)/aws4_request")]
    private static partial Regex Scope();

    public void Dispose()
    {
        listener.Dispose();
        upstream.Dispose();
    }
}
