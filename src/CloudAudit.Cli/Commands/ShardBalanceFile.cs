using System.Text.Json;
using CloudAudit.Inventory.Snapshot;

namespace CloudAudit.Cli.Commands;

/// <summary>
/// How long each account took in a previous run, from its JSON report (<c>account_details[].collection_seconds</c>)
/// or its inventory (<c>accounts[].collection_seconds</c>, gzip or not), so <c>--shard</c> can balance time.
/// </summary>
public static class ShardBalanceFile
{
    public static IReadOnlyDictionary<string, double> Read(string path)
    {
        JsonDocument document;
        try
        {
            using var input = SnapshotFile.OpenJson(File.OpenRead(path));
            document = JsonDocument.Parse(input);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException or InvalidDataException)
        {
            throw new UsageException($"--shard-balance: cannot read {path}: {e.Message}");
        }
        using (document)
        {
            var root = document.RootElement;
            var list = root.ValueKind != JsonValueKind.Object ? default
                : root.TryGetProperty("account_details", out var details) ? details
                : root.TryGetProperty("accounts", out var accounts) ? accounts : default;
            if (list.ValueKind != JsonValueKind.Array)
                throw new UsageException($"--shard-balance: {path} is neither a cloud-audit JSON report nor an inventory");
            var durations = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (var account in list.EnumerateArray())
                if (account.ValueKind == JsonValueKind.Object
                    && account.TryGetProperty("account_id", out var id) && id.ValueKind == JsonValueKind.String
                    && account.TryGetProperty("collection_seconds", out var seconds) && seconds.ValueKind == JsonValueKind.Number)
                    durations[id.GetString()!] = seconds.GetDouble();
            return durations;
        }
    }
}
