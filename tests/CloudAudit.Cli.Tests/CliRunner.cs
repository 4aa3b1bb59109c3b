namespace CloudAudit.Cli.Tests;

/// <summary>Runs the real command line in-process and captures its output.</summary>
public sealed record CliRun(int ExitCode, string Stdout, string Stderr);

public static class CliRunner
{
    public static CliRun Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = CommandLineApp.Run(CommandLineApp.BuildRoot(), args, stdout, stderr);
        return new CliRun(code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>The repository root (where CloudAudit.slnx is), for tests that read committed files.</summary>
    public static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "CloudAudit.slnx")))
                return dir.FullName;
        throw new InvalidOperationException("repository root not found");
    }
}
