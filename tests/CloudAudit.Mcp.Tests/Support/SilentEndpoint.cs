using System.Net;
using System.Net.Sockets;

namespace CloudAudit.Mcp.Tests.Support;

/// <summary>
/// An AWS endpoint on a free loopback port that takes every request and never answers: a scan pointed at it stays in
/// its first reads until it is cancelled. <see cref="FirstRequest"/> completes when a request has arrived, and
/// <see cref="AllClosed"/> when the client has dropped every connection it opened.
/// </summary>
public sealed class SilentEndpoint : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stop = new();
    private readonly List<Task> connections = [];
    private readonly TaskCompletionSource firstRequest = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task accepting;

    public SilentEndpoint()
    {
        listener.Start();
        accepting = AcceptAsync();
    }

    public string Url => $"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}";

    public Task FirstRequest => firstRequest.Task;

    /// <summary>Every connection accepted so far has been closed by the client.</summary>
    public Task AllClosed
    {
        get
        {
            lock (connections) return Task.WhenAll([.. connections]);
        }
    }

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                var client = await listener.AcceptTcpClientAsync(stop.Token);
                lock (connections) connections.Add(HoldAsync(client));
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>Reads what the client sends and answers nothing, until the client closes the connection.</summary>
    private async Task HoldAsync(TcpClient client)
    {
        using (client)
        {
            var buffer = new byte[8192];
            var stream = client.GetStream();
            try
            {
                while (await stream.ReadAsync(buffer, stop.Token) > 0)
                    firstRequest.TrySetResult();
            }
            catch (Exception e) when (e is IOException or OperationCanceledException or SocketException)
            {
                // The client aborted the connection, or the test is over.
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        listener.Stop();
        await accepting;
        await AllClosed;
        stop.Dispose();
    }
}
