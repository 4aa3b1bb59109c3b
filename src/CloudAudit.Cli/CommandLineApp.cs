using System.CommandLine;

namespace CloudAudit.Cli;

/// <summary>Exit codes and parse-error handling shared by every command.</summary>
public static class ExitCodes
{
    public const int Clean = 0;
    public const int Findings = 1;
    public const int Error = 2;
}

public static class CommandLineApp
{
    /// <summary>Every command of the cloud-audit CLI.</summary>
    /// <param name="access">How live commands reach AWS; tests pass their own.</param>
    public static RootCommand BuildRoot(Commands.AwsAccess? access = null) => new("cloud-audit: read-only AWS security scanner")
    {
        Commands.ScanCommand.Create(access),
        Commands.CollectCommand.Create(access),
        Commands.ThreatFeedCommand.Create(access),
        Commands.DemoCommand.Create(),
        Commands.ListChecksCommand.Create(),
        Commands.ExplainCommand.Create(),
        Commands.VersionCommand.Create(),
        Commands.DocsCommand.Create(),
        Commands.FrameworkCommands.List(),
        Commands.FrameworkCommands.Show(),
        Commands.PolicyCommand.Create(),
        Commands.MergeCommand.Create(),
        Commands.AccessCommand.Create(access),
        Commands.DiffCommand.Create(),
        Commands.TrendCommand.Create(),
        Commands.HistoryCommand.Create(),
        Commands.SimulateCommand.Create(),
        Commands.ExposureCommand.Create(),
        Commands.BlastRadiusCommand.Create(),
        Commands.AgentBlastCommand.Create(),
        Commands.McpCommand.Create(access),
    };

    /// <summary>Parses and runs; any parse error becomes one line on stderr and exit code 2.</summary>
    public static int Run(RootCommand root, string[] args, TextWriter? output = null, TextWriter? error = null)
    {
        var config = new InvocationConfiguration
        {
            Output = output ?? Console.Out,
            Error = error ?? Console.Error,
            EnableDefaultExceptionHandler = false,
        };
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            config.Error.WriteLine($"error: {parsed.Errors[0].Message}");
            return ExitCodes.Error;
        }
        try
        {
            return parsed.Invoke(config);
        }
        catch (UsageException e)
        {
            config.Error.WriteLine($"error: {e.Message}");
            return ExitCodes.Error;
        }
    }
}

/// <summary>Bad input the user can fix: reported in one line with exit code 2.</summary>
public sealed class UsageException(string message) : Exception(message);
