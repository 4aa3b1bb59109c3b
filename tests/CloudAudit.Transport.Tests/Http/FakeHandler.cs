using System.Net;
using System.Text;
using CloudAudit.Transport.Configuration;
using CloudAudit.Transport.Http;
using CloudAudit.Transport.Signing;

namespace CloudAudit.Transport.Tests.Http;

/// <summary>An HTTP handler that answers from a script and records every request it saw.</summary>
/// <param name="stall">How long each answer waits (honouring cancellation), to exercise timeouts.</param>
internal sealed class FakeHandler(Func<HttpRequestMessage, string, int, HttpResponseMessage> respond, TimeSpan? stall = null) : HttpMessageHandler
{
    private readonly List<(HttpRequestMessage Request, string Body)> requests = [];

    public IReadOnlyList<(HttpRequestMessage Request, string Body)> Requests
    {
        get
        {
            lock (requests)
                return requests.ToList();
        }
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
        int index;
        lock (requests)
        {
            requests.Add((request, body));
            index = requests.Count - 1;
        }
        if (stall is { } wait)
            await Task.Delay(wait, cancellationToken);
        return respond(request, body, index);
    }

    public static HttpResponseMessage Respond(HttpStatusCode status, string body, string contentType = "text/xml", params (string Name, string Value)[] headers)
    {
        var response = new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, contentType) };
        foreach (var (name, value) in headers)
            response.Headers.TryAddWithoutValidation(name, value);
        return response;
    }

    public static string Authorization(HttpRequestMessage request) => request.Headers.GetValues("Authorization").Single();

    public static AwsClient Client(FakeHandler handler, Func<AwsClientOptions, AwsClientOptions>? configure = null)
    {
        var options = new AwsClientOptions
        {
            Credentials = _ => Task.FromResult(new SigningCredentials("AKIDEXAMPLE", "secret")),
            Handler = handler,
            RetryBaseDelay = TimeSpan.Zero,
            Random = () => 0.5,
            RetryMode = RetryMode.Standard,
            MaxAttempts = 3,
        };
        return new AwsClient(configure?.Invoke(options) ?? options);
    }
}
