using System.CommandLine;
using CloudAudit.Cli.Configuration;
using CloudAudit.Cli.Output;
using CloudAudit.Inventory.Snapshot;

namespace CloudAudit.Cli.Commands;

/// <summary>
/// <c>cloud-audit collect</c>: reads from AWS only what the selected checks need and saves it as an inventory
/// that <c>scan --snapshot FILE</c> evaluates later, anywhere, without credentials.
/// </summary>
public static class CollectCommand
{
    public static Command Create(AwsAccess? access = null)
    {
        var options = new ScanOptions();
        var live = new LiveOptions();
        var accounts = new AccountOptions();
        var output = new Option<string>("--output", "-o") { Description = "Inventory file to write (gzip when it ends in .gz)", Required = true };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "No progress and no summary on stderr" };
        var command = new Command("collect", "Save the account's inventory (read-only) for `scan --snapshot FILE`");
        options.AddSelectionTo(command);
        live.AddTo(command);
        accounts.AddTo(command);
        command.Options.Add(output);
        command.Options.Add(quiet);
        command.SetAction(result =>
        {
            var defaults = ScanDefaults.Load(result.GetValue(options.Config), ambient: true);
            var (selection, regions, all) = options.ResolveSelection(result, defaults);
            var path = result.GetValue(output)!;
            var silent = result.GetValue(quiet);
            var stderr = result.InvocationConfiguration.Error;
            access ??= AwsAccess.Default;
            var scope = accounts.Resolve(result);
            if (scope?.HistoryBasis is not null)
                throw new UsageException("--shard-balance history: collect reads no history; use --shard-balance FILE (a previous run's report or inventory)");
            var target = live.Resolve(result, regions, access, defaults.Profile, defaults.RoleArn, multiAccount: scope is not null);
            if (scope is not null)
                return MultiAccountCommands.Collect(target, scope, selection, regions, all, path, access, stderr, silent);
            if (LiveCollection.Collect(target, selection, regions, all, access, stderr, silent) is not { } collected)
                return LiveCollection.CancelledExitCode;
            var gzip = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase);
            SafeFile.WriteAtomic(path, stream => SnapshotFile.Write(collected.Snapshot, stream, gzip));
            if (!silent)
            {
                var account = collected.Snapshot.Accounts[0];
                stderr.WriteLine($"wrote the inventory of account {account.AccountId} ({account.Calls.Count} records, regions {string.Join(", ", account.Regions)}) to {path}");
                CollectionProgress.WriteSummary(stderr, collected.ApiCalls, collected.Elapsed);
            }
            return ExitCodes.Clean;
        });
        return command;
    }
}
