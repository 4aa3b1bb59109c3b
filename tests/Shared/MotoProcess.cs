using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace CloudAudit.Testing;

/// <summary>
/// The moto AWS emulator (`python3 -m moto.server`) on a free loopback port, for test fixtures: started, waited
/// for, fed with boto3 seeding scripts, and killed with its children. Linked into every test project that uses it.
/// </summary>
public sealed class MotoProcess : IAsyncDisposable
{
    private static readonly Lazy<string?> Missing = new(Probe);
    private readonly Process process;

    private MotoProcess(Process process, Uri endpoint)
    {
        this.process = process;
        Endpoint = endpoint;
    }

    public Uri Endpoint { get; }

    /// <summary>Why moto cannot run here (python3, moto, boto3 or flask missing); null when it can.</summary>
    public static string? MissingReason => Missing.Value;

    /// <summary>
    /// The skip reason of a moto test on a machine without it: loud, and naming what is missing. Under CI (<c>CI=true</c>)
    /// nothing is skipped: the fixture's <see cref="EnsureAvailable"/> fails every moto test instead, so a CI machine
    /// without moto cannot pass the run with a hundred tests unrun.
    /// </summary>
    public static string? SkipReason => SkipReasonFor(MissingReason, Environment.GetEnvironmentVariable("CI"));

    /// <summary>The skip reason given why moto is missing (null: it is not) and the value of <c>CI</c>.</summary>
    public static string? SkipReasonFor(string? missing, string? ci) =>
        missing is null || IsCi(ci) ? null
            : $"MOTO MISSING: {missing}; install with `pip install 'moto[server]==5.2.1' boto3` (expected on every machine and in CI)";

    /// <summary>
    /// For a fixture: true when moto can run; false when it cannot and its tests are skipped; throws when it cannot under
    /// CI, which fails every test of the fixture with the reason.
    /// </summary>
    public static bool EnsureAvailable() => EnsureAvailable(MissingReason, Environment.GetEnvironmentVariable("CI"));

    public static bool EnsureAvailable(string? missing, string? ci) => missing is null
        || (IsCi(ci) ? throw new InvalidOperationException(
                $"MOTO MISSING under CI=true: {missing}; install with `pip install 'moto[server]==5.2.1' boto3` (CI never skips the moto tests)")
            : false);

    /// <summary>CI services set <c>CI=true</c> (GitHub Actions, GitLab, Buildkite …); <c>1</c> is accepted too.</summary>
    private static bool IsCi(string? ci) => string.Equals(ci, "true", StringComparison.OrdinalIgnoreCase) || ci == "1";

    public static async Task<MotoProcess> StartAsync()
    {
        var port = FreePort();
        var process = Process.Start(new ProcessStartInfo("python3", $"-m moto.server -H 127.0.0.1 -p {port}")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException("moto did not start");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var moto = new MotoProcess(process, new Uri($"http://127.0.0.1:{port}"));
        await moto.WaitUntilListeningAsync();
        return moto;
    }

    /// <summary>Runs a python script with the endpoint (no trailing slash) and <paramref name="arguments"/> as its arguments; returns what it printed.</summary>
    public async Task<string> RunScriptAsync(string script, params string[] arguments)
    {
        var start = new ProcessStartInfo("python3")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { script, Endpoint.ToString().TrimEnd('/') }.Concat(arguments))
            start.ArgumentList.Add(argument);
        using var run = Process.Start(start)!;
        var errors = run.StandardError.ReadToEndAsync();
        var output = await run.StandardOutput.ReadToEndAsync();
        await run.WaitForExitAsync();
        return run.ExitCode == 0 ? output : throw new InvalidOperationException($"{Path.GetFileName(script)} failed: {await errors}");
    }

    public ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(10_000);
        }
        process.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task WaitUntilListeningAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
                throw new InvalidOperationException($"moto exited with code {process.ExitCode}");
            try
            {
                using var response = await http.GetAsync(new Uri(Endpoint, "/moto-api/"));
                return; // any HTTP answer means it is up
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

    private static string? Probe()
    {
        try
        {
            using var probe = Process.Start(new ProcessStartInfo("python3", "-c \"import moto, boto3, flask\"")
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
                UseShellExecute = false,
            });
            if (probe is null)
                return "python3 could not be started";
            var error = probe.StandardError.ReadToEnd();
            probe.WaitForExit(30_000);
            return probe.ExitCode == 0 ? null : $"python3 cannot import moto, boto3 and flask ({error.Trim().Split('\n').LastOrDefault()})";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "python3 is not on PATH";
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
