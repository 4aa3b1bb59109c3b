using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using CloudAudit.Cli.Output;
using CloudAudit.Inventory.Snapshot;
using CloudAudit.Reports.Json;

namespace CloudAudit.Cli.Commands;

/// <summary>
/// <c>cloud-audit merge FILES… -o OUT</c>: the inventories (from <c>collect</c>) or JSON reports (from <c>scan</c>) of
/// the shards of one run, combined into the file the unsharded run writes. Files that do not belong together (other
/// versions, other organizations, a missing or repeated shard, an account in two files) are refused, naming them.
/// </summary>
public static class MergeCommand
{
    private enum Kind { Inventory, Report }

    public static Command Create()
    {
        var files = new Argument<string[]>("files") { Description = "The shards' inventories or JSON reports", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string>("--output", "-o") { Description = "The merged file: an inventory (gzip when it ends in .gz) or a JSON report", Required = true };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "Say nothing on stderr" };
        var command = new Command("merge", "Combine the inventories or JSON reports of a sharded run (--shard K/N) into one") { files, output, quiet };
        command.SetAction(result =>
        {
            var paths = result.GetValue(files)!;
            var target = result.GetValue(output)!;
            var kinds = paths.Select(p => (Path: p, Kind: KindOf(p))).ToList();
            if (kinds.Select(k => k.Kind).Distinct().Count() > 1)
                throw new UsageException("cannot merge inventories with reports: " + string.Join(", ", kinds.Select(k => $"{k.Path} ({k.Kind.ToString().ToLowerInvariant()})")));
            try
            {
                if (kinds[0].Kind == Kind.Inventory)
                {
                    var gzip = target.EndsWith(".gz", StringComparison.OrdinalIgnoreCase);
                    SafeFile.WriteAtomic(target, stream => SnapshotMerge.Merge(paths, stream, gzip));
                }
                else
                {
                    if (!target.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
                        throw new UsageException($"merging JSON reports writes a JSON report: name the output *.json (got {target})");
                    var reports = paths.Select(p => (p, ReadReport(p))).ToList();
                    SafeFile.WriteAtomic(target, stream => JsonReportMerge.Merge(reports, stream));
                }
            }
            catch (MergeException e)
            {
                throw new UsageException(e.Message);
            }
            catch (SnapshotException e)
            {
                throw new UsageException(e.Message);
            }
            if (!result.GetValue(quiet))
                result.InvocationConfiguration.Error.WriteLine($"merged {paths.Length} {(kinds[0].Kind == Kind.Inventory ? "inventories" : "reports")} into {target}");
            return ExitCodes.Clean;
        });
        return command;
    }

    /// <summary>An inventory's first member is "format", a report's "schema_version": the head of the file tells them apart.</summary>
    private static Kind KindOf(string path)
    {
        var head = new byte[4096];
        int read;
        try
        {
            using var input = SnapshotFile.OpenJson(File.OpenRead(path));
            read = input.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            throw new UsageException($"cannot read {path}: {e.Message}");
        }
        var reader = new Utf8JsonReader(head.AsSpan(0, read), isFinalBlock: false, default);
        try
        {
            if (reader.Read() && reader.TokenType == JsonTokenType.StartObject && reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString();
                if (name == "format" && reader.Read() && reader.TokenType == JsonTokenType.String && reader.GetString() == InventorySnapshot.FormatName)
                    return Kind.Inventory;
                if (name == "schema_version")
                    return Kind.Report;
            }
        }
        catch (JsonException)
        {
        }
        throw new UsageException($"{path} is neither a cloud-audit inventory nor a cloud-audit JSON report");
    }

    private static JsonObject ReadReport(string path)
    {
        try
        {
            return JsonNode.Parse(File.ReadAllText(path)) is { } node && JsonReportMerge.IsReport(node) ? node.AsObject()
                : throw new UsageException($"{path} is not a cloud-audit JSON report");
        }
        catch (JsonException e)
        {
            throw new UsageException($"{path} is not valid JSON ({e.Message})");
        }
    }
}
