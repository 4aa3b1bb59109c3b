using System.CommandLine;
using System.Reflection;

namespace CloudAudit.Cli.Commands;

public static class VersionCommand
{
    public static string Version =>
        typeof(VersionCommand).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? "0.0.0";

    public static Command Create()
    {
        var command = new Command("version", "Print the cloud-audit version");
        command.SetAction(result =>
        {
            result.InvocationConfiguration.Output.WriteLine($"cloud-audit {Version}");
            return ExitCodes.Clean;
        });
        return command;
    }
}
