using System.CommandLine;
using CloudAudit.Cli.Output;
using CloudAudit.Inventory.Snapshot;

namespace CloudAudit.Cli.Commands;

/// <summary><c>cloud-audit scan</c>: a live scan of an AWS account, or the evaluation of a saved inventory.</summary>
public static class ScanCommand
{
    public static Command Create(AwsAccess? access = null)
    {
        var options = new ScanOptions();
        var live = new LiveOptions();
        var accounts = new AccountOptions();
        var snapshot = new Option<string?>("--snapshot") { Description = "Evaluate a saved inventory (from `collect` or `demo --save-snapshot`) instead of calling AWS" };
        var provider = new Option<string>("--provider", "-p") { Description = "Cloud provider (only aws)", DefaultValueFactory = _ => "aws" };
        var recording = new RecordingOptions(demo: false);
        var verify = new Option<bool>("--verify")
        {
            Description = "Ask AWS's own evaluator (iam:SimulatePrincipalPolicy, a read) to confirm each escalation path: verified true, false (with the layer that denied) or null",
        };
        var command = new Command("scan", "Scan an AWS account (read-only) and report misconfigurations");
        options.AddTo(command);
        live.AddTo(command);
        accounts.AddTo(command);
        command.Options.Add(snapshot);
        command.Options.Add(provider);
        command.Options.Add(verify);
        recording.AddTo(command);
        command.SetAction(result =>
        {
            if (!string.Equals(result.GetValue(provider), "aws", StringComparison.OrdinalIgnoreCase))
                throw new UsageException($"unsupported provider '{result.GetValue(provider)}'; only aws is supported");
            var request = options.Resolve(result, ambientConfig: true);
            var config = result.InvocationConfiguration;
            using var history = recording.Open(result, config.Error, request.Quiet);
            if (result.GetValue(snapshot) is { } path)
            {
                if (result.GetValue(verify))
                    throw new UsageException("--verify asks AWS's evaluator about the live account: it cannot be used with --snapshot");
                if (result.GetValue(live.Since) is not null)
                    throw new UsageException("--since chooses the window a live scan collects; a snapshot is judged over the window it was collected with");
                InventorySnapshot inventory;
                try
                {
                    inventory = SnapshotFile.Read(path);
                }
                catch (SnapshotException e)
                {
                    throw new UsageException(e.Message);
                }
                accounts.Narrow(result, inventory);
                return Evaluation.Run(inventory, request, "snapshot", config.Output, config.Error, history: history);
            }

            access ??= AwsAccess.Default;
            var scope = accounts.Resolve(result);
            if (scope is not null && result.GetValue(verify))
                throw new UsageException("--verify asks AWS's evaluator about one account: it cannot be used with --organization or --accounts yet");
            var target = live.Resolve(result, request.Regions, access, request.Profile, request.RoleArn, multiAccount: scope is not null);
            if (scope is not null)
                return MultiAccountCommands.Scan(target, scope, request, access, config.Output, config.Error, history);
            if (LiveCollection.Collect(target, request.Selection, request.Regions, request.AllRegions, access, config.Error, request.Quiet) is not { } collected)
                return LiveCollection.CancelledExitCode;
            using var simulator = result.GetValue(verify) ? AwsPolicySimulator.Connect(target, access) : null;
            var exit = Evaluation.Run(collected.Snapshot, request with { Regions = [] }, "live", config.Output, config.Error,
                collected.Elapsed, collected.ApiCalls, history,
                verify: simulator is null ? null : report => ScanVerification.Apply(report, collected.Snapshot, simulator));
            if (!request.Quiet)
                CollectionProgress.WriteSummary(config.Error, collected.ApiCalls, collected.Elapsed);
            return exit;
        });
        return command;
    }
}
