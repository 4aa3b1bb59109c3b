using System.Net;

namespace CloudAudit.Testing;

/// <summary>
/// An HTTP listener on a free loopback port that hands each request to a handler, concurrently, and stops cleanly:
/// the base of the tests' fakes of AWS endpoints and of the proxy in front of moto.
/// </summary>
public sealed class LoopbackListener : IDisposable
{
    private readonly HttpListener listener = new();
    private readonly Func<HttpListenerContext, Task> handle;
    private readonly Task serving;

    public LoopbackListener(Func<HttpListenerContext, Task> handle)
    {
        this.handle = handle;
        Url = new Uri($"http://127.0.0.1:{MotoProcess.FreePort()}/");
        listener.Prefixes.Add(Url.ToString());
        listener.Start();
        serving = Task.Run(ServeAsync);
    }

    public Uri Url { get; }

    private async Task ServeAsync()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            _ = Task.Run(() => HandleAsync(context));
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        try
        {
            await handle(context);
        }
        catch (Exception e) when (e is HttpListenerException or IOException or ObjectDisposedException)
        {
            // The client went away, or the listener is stopping.
        }
    }

    public void Dispose()
    {
        listener.Stop();
        listener.Close();
        serving.Wait(TimeSpan.FromSeconds(5));
    }
}
