using System.IO.Compression;
using System.Text.Json;

namespace CloudAudit.Inventory.Snapshot;

/// <summary>Reads and writes snapshot files: JSON, gzip-compressed when the name ends in .gz.</summary>
public static class SnapshotFile
{
    public static InventorySnapshot Read(string path)
    {
        if (!File.Exists(path))
            throw new SnapshotException($"snapshot file not found: {path}");
        try
        {
            using var file = File.OpenRead(path);
            return Read(file);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new SnapshotException($"cannot read snapshot {path}: {e.Message}");
        }
        catch (IOException e)
        {
            throw new SnapshotException($"cannot read snapshot {path}: {e.Message}");
        }
    }

    public static InventorySnapshot Read(Stream stream)
    {
        var buffered = new BufferedStream(stream);
        Stream input = IsGzip(buffered) ? new GZipStream(buffered, CompressionMode.Decompress) : buffered;
        InventorySnapshot? snapshot;
        try
        {
            snapshot = JsonSerializer.Deserialize(input, InventoryJsonContext.Default.InventorySnapshot);
        }
        catch (JsonException e)
        {
            throw new SnapshotException($"snapshot is not valid JSON ({e.Message})");
        }
        catch (InvalidDataException e)
        {
            throw new SnapshotException($"snapshot is not valid gzip ({e.Message})");
        }
        return Validate(snapshot);
    }

    public static void Write(InventorySnapshot snapshot, Stream output, bool gzip)
    {
        if (gzip)
        {
            using var zip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true);
            JsonSerializer.Serialize(zip, snapshot, InventoryJsonContext.Default.InventorySnapshot);
        }
        else
        {
            JsonSerializer.Serialize(output, snapshot, InventoryJsonContext.Default.InventorySnapshot);
        }
    }

    private static bool IsGzip(BufferedStream stream)
    {
        // Peek at the gzip magic number without consuming it.
        Span<byte> head = stackalloc byte[2];
        var position = stream.Position;
        var read = stream.Read(head);
        stream.Position = position;
        return read == 2 && head[0] == 0x1f && head[1] == 0x8b;
    }

    private static InventorySnapshot Validate(InventorySnapshot? snapshot)
    {
        if (snapshot is null)
            throw new SnapshotException("snapshot is empty");
        if (snapshot.Format != InventorySnapshot.FormatName)
            throw new SnapshotException($"not a cloud-audit inventory (format is '{snapshot.Format}', expected '{InventorySnapshot.FormatName}')");
        if (snapshot.Version < 1 || snapshot.Version > InventorySnapshot.CurrentVersion)
            throw new SnapshotException($"unsupported inventory version {snapshot.Version} (this build reads 1..{InventorySnapshot.CurrentVersion})");
        if (snapshot.Accounts.Count == 0)
            throw new SnapshotException("snapshot holds no account");
        foreach (var account in snapshot.Accounts)
        {
            if (!AwsIds.IsAccountId(account.AccountId))
                throw new SnapshotException($"snapshot account id '{account.AccountId}' is not a 12-digit AWS account id");
            if (account.NotAssessed is not null && account.Calls.Count > 0)
                throw new SnapshotException($"snapshot account {account.AccountId} is marked not assessed but holds call records");
            foreach (var call in account.Calls)
            {
                if (string.IsNullOrEmpty(call.Service) || string.IsNullOrEmpty(call.Operation) || string.IsNullOrEmpty(call.Region))
                    throw new SnapshotException($"snapshot call record in account {account.AccountId} lacks service, operation or region");
                if ((call.Response is null) == (call.Error is null))
                    throw new SnapshotException($"snapshot record {call.Service}:{call.Operation} in {call.Region} must have exactly one of response and error");
            }
        }
        return snapshot;
    }
}

public sealed class SnapshotException(string message) : Exception(message);
