using System.Diagnostics;
using System.Text;

namespace CloudAudit.Bench.Tests;

/// <summary>
/// One run of a bench's documented command (`dotnet run -c Release --project bench/NAME -- ARGS`) from the repository
/// root. Every process it starts carries a marker in its environment, so what outlives the run can be found.
/// </summary>
public sealed record BenchRun(int ExitCode, string Output, string Errors, IReadOnlyList<string> Leftovers)
{
    internal const string Marker = "CLOUD_AUDIT_BENCH_SMOKE_RUN";
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(5);

    public static async Task<BenchRun> RunAsync(string bench, params string[] args)
    {
        var token = Guid.NewGuid().ToString("N");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = RepoRoot(),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in (string[])["run", "-c", "Release", "--project", $"bench/{bench}", "--", .. args])
            start.ArgumentList.Add(arg);
        // The test host's MSBuild settings are not the command's; build nodes and servers must not outlive the run.
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase)).ToList())
            start.Environment.Remove(name);
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        start.Environment["UseSharedCompilation"] = "false";
        start.Environment[Marker] = token;

        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(Limit);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"`dotnet run --project bench/{bench}` did not finish in {Limit.TotalMinutes} minutes");
        }
        return new BenchRun(process.ExitCode, await output, await errors, await LeftoversAsync(token));
    }

    /// <summary>Processes still alive that carry this run's marker (a grace second lets exiting ones go).</summary>
    internal static async Task<IReadOnlyList<string>> LeftoversAsync(string token)
    {
        var needle = Encoding.UTF8.GetBytes($"{Marker}={token}");
        for (var attempt = 0; ; attempt++)
        {
            var found = Directory.EnumerateDirectories("/proc")
                .Where(d => int.TryParse(Path.GetFileName(d), out _))
                .Select(d => (Dir: d, Environ: TryRead(Path.Combine(d, "environ"))))
                .Where(p => p.Environ.AsSpan().IndexOf(needle) >= 0)
                .Select(p => $"{Path.GetFileName(p.Dir)}: {Encoding.UTF8.GetString(TryRead(Path.Combine(p.Dir, "cmdline"))).Replace('\0', ' ')}")
                .ToList();
            if (found.Count == 0 || attempt == 5)
                return found;
            await Task.Delay(200);
        }
    }

    private static byte[] TryRead(string path)
    {
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "CloudAudit.slnx")))
                return dir.FullName;
        throw new InvalidOperationException("CloudAudit.slnx not found above the test's directory");
    }
}
