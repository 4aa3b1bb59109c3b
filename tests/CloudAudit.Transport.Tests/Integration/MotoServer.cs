using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace CloudAudit.Transport.Tests.Integration;

/// <summary>
/// One moto server (the AWS emulator) for the whole integration collection: started on a free port, seeded
/// with boto3, killed at the end. Tests marked [MotoFact] are skipped, with the reason, where moto is missing.
/// </summary>
public sealed class MotoServer : IAsyncLifetime
{
    private Process? process;

    public Uri Endpoint { get; private set; } = new("http://127.0.0.1:1");

    public async Task InitializeAsync()
    {
        if (!MotoFactAttribute.MotoInstalled)
            return;
        var port = FreePort();
        Endpoint = new Uri($"http://127.0.0.1:{port}");
        process = Process.Start(new ProcessStartInfo("python3", $"-m moto.server -H 127.0.0.1 -p {port}")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException("moto did not start");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await WaitUntilListeningAsync();
        await SeedAsync();
    }

    public Task DisposeAsync()
    {
        if (process is { HasExited: false })
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(10_000);
        }
        process?.Dispose();
        return Task.CompletedTask;
    }

    private async Task WaitUntilListeningAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (process!.HasExited)
                throw new InvalidOperationException($"moto exited with code {process.ExitCode}");
            try
            {
                // Any HTTP answer means the server is up.
                using var response = await http.GetAsync(new Uri(Endpoint, "/moto-api/"));
                return;
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }
            await Task.Delay(200);
        }
        throw new TimeoutException("moto did not start listening within 60 s");
    }

    private async Task SeedAsync()
    {
        var script = Path.Combine(AppContext.BaseDirectory, "Integration", "seed_moto.py");
        using var seed = Process.Start(new ProcessStartInfo("python3", $"\"{script}\" {Endpoint}")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        })!;
        var errors = seed.StandardError.ReadToEndAsync();
        await seed.StandardOutput.ReadToEndAsync();
        await seed.WaitForExitAsync();
        if (seed.ExitCode != 0)
            throw new InvalidOperationException($"seeding moto failed: {await errors}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

[CollectionDefinition(nameof(MotoCollection))]
public sealed class MotoCollection : ICollectionFixture<MotoServer>;

/// <summary>A fact that needs moto; skipped with the reason where python3 cannot import moto and boto3.</summary>
public sealed class MotoFactAttribute : FactAttribute
{
    private static readonly Lazy<bool> Installed = new(() =>
    {
        try
        {
            using var probe = Process.Start(new ProcessStartInfo("python3", "-c \"import moto, boto3\"")
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
                UseShellExecute = false,
            });
            if (probe is null)
                return false;
            probe.WaitForExit(30_000);
            return probe.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    });

    public static bool MotoInstalled => Installed.Value;

    public MotoFactAttribute()
    {
        if (!MotoInstalled)
            Skip = "moto (python3 -m moto.server) and boto3 are not installed on this machine";
    }
}
