using System.CommandLine;
using CloudAudit.Inventory.Snapshot;

namespace CloudAudit.Cli.Commands;

/// <summary><c>cloud-audit scan</c>: a live scan of an AWS account, or the evaluation of a saved inventory.</summary>
public static class ScanCommand
{
    public static Command Create()
    {
        var options = new ScanOptions();
        var snapshot = new Option<string?>("--snapshot") { Description = "Evaluate a saved inventory (from `collect` or `demo --save-snapshot`) instead of calling AWS" };
        var profile = new Option<string?>("--profile") { Description = "AWS profile from your shared config/credentials files" };
        var provider = new Option<string>("--provider", "-p") { Description = "Cloud provider (only aws)", DefaultValueFactory = _ => "aws" };
        var roleArn = new Option<string?>("--role-arn") { Description = "Role to assume for the scan (also CLOUD_AUDIT_ROLE_ARN)" };
        var command = new Command("scan", "Scan an AWS account (read-only) and report misconfigurations");
        options.AddTo(command);
        command.Options.Add(snapshot);
        command.Options.Add(profile);
        command.Options.Add(provider);
        command.Options.Add(roleArn);
        command.SetAction(result =>
        {
            if (!string.Equals(result.GetValue(provider), "aws", StringComparison.OrdinalIgnoreCase))
                throw new UsageException($"unsupported provider '{result.GetValue(provider)}'; only aws is supported");
            var resolved = options.Resolve(result, ambientConfig: true);
            var request = resolved with
            {
                Profile = result.GetValue(profile) ?? resolved.Profile,
                RoleArn = result.GetValue(roleArn) ?? resolved.RoleArn,
            };
            var config = result.InvocationConfiguration;
            if (result.GetValue(snapshot) is { } path)
            {
                InventorySnapshot inventory;
                try
                {
                    inventory = SnapshotFile.Read(path);
                }
                catch (SnapshotException e)
                {
                    throw new UsageException(e.Message);
                }
                return Evaluation.Run(inventory, request, "snapshot", config.Output, config.Error);
            }
            throw new UsageException("live scanning is not wired in this build yet; use --snapshot FILE, or try `cloud-audit demo`");
        });
        return command;
    }
}
