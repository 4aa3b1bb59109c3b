using System.CommandLine;
using CloudAudit.Cli.Output;
using CloudAudit.Demo;
using CloudAudit.Inventory.Snapshot;

namespace CloudAudit.Cli.Commands;

/// <summary><c>cloud-audit demo</c>: the real pipeline on the built-in demo organization, no credentials needed.</summary>
public static class DemoCommand
{
    public static Command Create()
    {
        var options = new ScanOptions();
        var saveSnapshot = new Option<string?>("--save-snapshot") { Description = "Also write the demo inventory, for `scan --snapshot FILE`" };
        var recording = new RecordingOptions(demo: true);
        var command = new Command("demo", "Scan the built-in demo organization (no AWS credentials needed)");
        options.AddTo(command);
        command.Options.Add(saveSnapshot);
        recording.AddTo(command);
        command.SetAction(result =>
        {
            // The demo is the same everywhere: it reads a config file only when given --config, never the environment.
            var request = options.Resolve(result, ambientConfig: false);
            var snapshot = DemoAccount.Build(DateTimeOffset.UtcNow, VersionCommand.Version);
            if (result.GetValue(saveSnapshot) is { } path)
                SafeFile.WriteAtomic(path, stream => SnapshotFile.Write(snapshot, stream, gzip: path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase)));
            var config = result.InvocationConfiguration;
            using var history = recording.Open(result, config.Error, request.Quiet);
            return Evaluation.Run(snapshot, request, "demo", config.Output, config.Error, history: history);
        });
        return command;
    }
}
