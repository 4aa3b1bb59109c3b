using System.Diagnostics;

namespace CloudAudit.Remediation.Tests.Support;

internal sealed record ProcessResult(int ExitCode, string Stdout, string Stderr);

internal static class ProcessRunner
{
    /// <summary>Runs a program with <paramref name="stdin"/> as its input and waits for it.</summary>
    public static ProcessResult Run(string program, IEnumerable<string> arguments, string stdin, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        // Startup files named here would run before the script under test.
        start.Environment.Remove("BASH_ENV");
        start.Environment.Remove("ENV");
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {program}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.StandardInput.Write(stdin);
        process.StandardInput.Close();
        process.WaitForExit();
        return new ProcessResult(process.ExitCode, stdout.GetAwaiter().GetResult(), stderr.GetAwaiter().GetResult());
    }
}
