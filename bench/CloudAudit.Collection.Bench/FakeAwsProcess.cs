using System.Diagnostics;
using System.Globalization;

namespace CloudAudit.Collection.Bench;

/// <summary>
/// The fake AWS runs in a child process, so its CPU is counted apart from the scanner's. The child is this same
/// program started with <c>serve PORT</c> first and a marker in its environment; a process that carries the marker
/// but was not asked to serve refuses to run, so no launch path can start children of children.
/// </summary>
public sealed class FakeAwsProcess : IDisposable
{
    private const string ChildMarker = "CLOUD_AUDIT_BENCH_FAKE_AWS_CHILD";
    private readonly Process process;

    private FakeAwsProcess(Process process, int port)
    {
        this.process = process;
        Endpoint = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}");
    }

    public Uri Endpoint { get; }

    /// <summary>True in the child: the arguments ask it to serve.</summary>
    public static bool IsServeRequest(string[] args) => args is ["serve", _, ..];

    /// <summary>A child that was not asked to serve (a launch gone wrong) must never become a parent.</summary>
    public static string? NestedLaunchError(string[] args) =>
        Environment.GetEnvironmentVariable(ChildMarker) is not null && !IsServeRequest(args)
            ? $"this process was started as the bench's fake AWS but its arguments do not begin with `serve PORT` ({string.Join(' ', args)}); refusing to start another fake AWS"
            : null;

    /// <summary>The child's life: serve until the parent closes stdin (or dies), then print what was served.</summary>
    public static void Serve(string[] args, FakeAccount account)
    {
        using var fake = new FakeAws(account, int.Parse(args[1], CultureInfo.InvariantCulture));
        Console.WriteLine("ready");
        Console.In.ReadLine();
        Console.WriteLine($"{fake.Requests} {fake.Throttled} {fake.FirstPages.Values.Count(n => n > 1)} {fake.FirstPages.Values.Where(n => n > 1).Sum(n => n - 1)} "
            + $"{(long)Process.GetCurrentProcess().TotalProcessorTime.TotalMilliseconds}");
    }

    /// <summary>
    /// Starts the child from <see cref="Environment.ProcessPath"/> alone: an apphost is the program itself, while the
    /// <c>dotnet</c> host needs the program's assembly as its first argument.
    /// </summary>
    public static FakeAwsProcess Start(string[] args)
    {
        var host = Environment.ProcessPath ?? throw new InvalidOperationException("the bench cannot tell which executable it runs in");
        var viaDotnetHost = Path.GetFileNameWithoutExtension(host).Equals("dotnet", StringComparison.OrdinalIgnoreCase);
        var port = FreePort();
        var start = new ProcessStartInfo(host)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        if (viaDotnetHost)
            start.ArgumentList.Add(typeof(FakeAwsProcess).Assembly.Location);
        start.ArgumentList.Add("serve");
        start.ArgumentList.Add(port.ToString(CultureInfo.InvariantCulture));
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        start.Environment[ChildMarker] = "1";
        var process = Process.Start(start) ?? throw new InvalidOperationException("the fake AWS did not start");
        var child = new FakeAwsProcess(process, port);
        if (process.StandardOutput.ReadLine() != "ready")
        {
            child.Dispose();
            throw new InvalidOperationException("the fake AWS did not start");
        }
        return child;
    }

    /// <summary>Stops the child and returns its counts: requests, throttled, duplicated distinct requests, duplicates, CPU ms.</summary>
    public long[] Stop()
    {
        process.StandardInput.Close();
        var served = process.StandardOutput.ReadLine() ?? throw new InvalidOperationException("the fake AWS exited without its counts");
        process.WaitForExit();
        return served.Split(' ').Select(n => long.Parse(n, CultureInfo.InvariantCulture)).ToArray();
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(10_000);
        }
        process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
