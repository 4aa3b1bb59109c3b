using System.Collections.Concurrent;
using System.Net;
using System.Text;

namespace CloudAudit.Transport.Tests.Credentials;

/// <summary>One request a loopback fake received.</summary>
public sealed record LoopbackRequest(string Method, string PathAndQuery, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public string? Header(string name) => Headers.GetValueOrDefault(name);

    /// <summary>A form field of a query-protocol body (Action=AssumeRole&amp;…).</summary>
    public string? Form(string name) => Body.Split('&').Select(p => p.Split('=', 2)).Where(p => p.Length == 2 && Uri.UnescapeDataString(p[0]) == name)
        .Select(p => Uri.UnescapeDataString(p[1].Replace('+', ' '))).FirstOrDefault();
}

/// <summary>An answer of a loopback fake.</summary>
public sealed record LoopbackResponse(int Status, string Body, string ContentType = "application/json");

/// <summary>
/// A fake of a real endpoint (STS, the SSO portal, instance or container metadata) served over loopback HTTP on a
/// free port, answering from a script and recording every request, so credential sources are tested over the wire.
/// </summary>
public sealed class LoopbackServer : IDisposable
{
    private readonly Func<LoopbackRequest, LoopbackResponse> respond;
    private readonly CloudAudit.Testing.LoopbackListener listener;

    public LoopbackServer(Func<LoopbackRequest, LoopbackResponse> respond)
    {
        this.respond = respond;
        listener = new CloudAudit.Testing.LoopbackListener(AnswerAsync);
    }

    public Uri Url => listener.Url;

    public ConcurrentQueue<LoopbackRequest> Requests { get; } = new();

    private async Task AnswerAsync(HttpListenerContext context)
    {
        using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
        var headers = context.Request.Headers.AllKeys.OfType<string>()
            .ToDictionary(k => k, k => context.Request.Headers[k] ?? "", StringComparer.OrdinalIgnoreCase);
        var request = new LoopbackRequest(context.Request.HttpMethod, context.Request.Url!.PathAndQuery, headers, await reader.ReadToEndAsync());
        Requests.Enqueue(request);
        var answer = respond(request);
        context.Response.StatusCode = answer.Status;
        context.Response.ContentType = answer.ContentType;
        var payload = Encoding.UTF8.GetBytes(answer.Body);
        context.Response.ContentLength64 = payload.Length;
        await context.Response.OutputStream.WriteAsync(payload);
        context.Response.Close();
    }

    public void Dispose() => listener.Dispose();

    /// <summary>STS's answer to AssumeRole or AssumeRoleWithWebIdentity, credentials numbered by <paramref name="index"/>.</summary>
    public static LoopbackResponse StsCredentials(string operation, int index, DateTimeOffset expiration) => new(200, $"""
        <{operation}Response xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
          <{operation}Result>
            <Credentials>
              <AccessKeyId>ASIAROLE{index}</AccessKeyId><SecretAccessKey>role-secret-{index}</SecretAccessKey>
              <SessionToken>role-token-{index}</SessionToken><Expiration>{expiration.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}</Expiration>
            </Credentials>
          </{operation}Result>
          <ResponseMetadata><RequestId>r-{index}</RequestId></ResponseMetadata>
        </{operation}Response>
        """, "text/xml");

    public static LoopbackResponse StsError(int status, string code, string message) => new(status,
        $"<ErrorResponse><Error><Type>Sender</Type><Code>{code}</Code><Message>{message}</Message></Error><RequestId>r-e</RequestId></ErrorResponse>", "text/xml");
}

/// <summary>A clock tests move by hand.</summary>
public sealed class ManualClock : TimeProvider
{
    public DateTimeOffset Now { get; set; } = DateTimeOffset.UtcNow;

    public override DateTimeOffset GetUtcNow() => Now;
}
