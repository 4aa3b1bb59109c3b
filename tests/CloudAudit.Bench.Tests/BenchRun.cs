using System.Diagnostics;
using System.Text;

namespace CloudAudit.Bench.Tests;

/// <summary>
/// One run of a bench's documented command (`dotnet run -c Release --project bench/NAME -- ARGS`) from the repository
/// root. The command starts in a session of its own (`setsid`), and every process it starts stays in that session, so
/// what outlives the run can be found from /proc/PID/stat, which any user can read (a process's environment is not
/// always readable: it is hidden in some sandboxes).
/// </summary>
public sealed record BenchRun(int ExitCode, string Output, string Errors, IReadOnlyList<string> Leftovers)
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(5);

    public static async Task<BenchRun> RunAsync(string bench, params string[] args)
    {
        var start = new ProcessStartInfo("setsid")
        {
            WorkingDirectory = RepoRoot(),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in (string[])["dotnet", "run", "-c", "Release", "--project", $"bench/{bench}", "--", .. args])
            start.ArgumentList.Add(arg);
        // The test host's MSBuild settings are not the command's; build nodes and servers must not outlive the run.
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase)).ToList())
            start.Environment.Remove(name);
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        start.Environment["UseSharedCompilation"] = "false";

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
        return new BenchRun(process.ExitCode, await output, await errors, await LeftoversAsync(process.Id));
    }

    /// <summary>
    /// Processes still alive in the session <paramref name="session"/> (a grace second lets exiting ones go). A process
    /// started by .NET is not a process group leader, so `setsid` makes its own PID the session ID without forking.
    /// </summary>
    internal static async Task<IReadOnlyList<string>> LeftoversAsync(int session)
    {
        for (var attempt = 0; ; attempt++)
        {
            var found = Directory.EnumerateDirectories("/proc")
                .Where(d => int.TryParse(Path.GetFileName(d), out _) && SessionOf(d) == session)
                .Select(d => $"{Path.GetFileName(d)}: {Encoding.UTF8.GetString(TryRead(Path.Combine(d, "cmdline"))).Replace('\0', ' ')}")
                .ToList();
            if (found.Count == 0 || attempt == 5)
                return found;
            await Task.Delay(200);
        }
    }

    /// <summary>
    /// The session ID in /proc/PID/stat (the fourth field after the command name, which is in parentheses) of a process
    /// still running: a zombie has ended, whether or not anyone has reaped it yet.
    /// </summary>
    internal static int? SessionOf(string procDirectory)
    {
        var stat = Encoding.UTF8.GetString(TryRead(Path.Combine(procDirectory, "stat")));
        var fields = stat[(stat.LastIndexOf(')') + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return fields.Length > 3 && fields[0] != "Z" && int.TryParse(fields[3], out var id) ? id : null;
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
