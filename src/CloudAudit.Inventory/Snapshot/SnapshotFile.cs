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

    /// <summary>The JSON text of a file or stream, decompressed when it is gzip (told by its magic number, not its name).</summary>
    public static Stream OpenJson(Stream stream)
    {
        var buffered = new BufferedStream(stream);
        return IsGzip(buffered) ? new GZipStream(buffered, CompressionMode.Decompress) : buffered;
    }

    public static InventorySnapshot Read(Stream stream)
    {
        var input = OpenJson(stream);
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

    /// <summary>
    /// Writes a snapshot whose accounts come one at a time (a multi-account collection keeps them on disk until the
    /// end): the same bytes as <see cref="Write(InventorySnapshot, Stream, bool)"/> with those accounts, without
    /// holding more than one account in memory. <paramref name="header"/>'s own accounts are ignored.
    /// </summary>
    public static void Write(InventorySnapshot header, IEnumerable<AccountInventory> accounts, Stream output, bool gzip)
    {
        var kept = header.Accounts;
        byte[] frame;
        header.Accounts = [];
        try
        {
            frame = JsonSerializer.SerializeToUtf8Bytes(header, InventoryJsonContext.Default.InventorySnapshot);
        }
        finally
        {
            header.Accounts = kept;
        }
        // The header serialized with no account holds exactly one empty accounts array: the accounts go inside it.
        var marker = "\"accounts\":[]"u8;
        var at = frame.AsSpan().IndexOf(marker);
        if (at < 0 || frame.AsSpan(at + 1).IndexOf(marker) >= 0)
            throw new InvalidOperationException("the snapshot header does not hold exactly one empty accounts array");
        var split = at + marker.Length - 1;

        using var zip = gzip ? new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true) : null;
        var target = (Stream?)zip ?? output;
        target.Write(frame, 0, split);
        var first = true;
        foreach (var account in accounts)
        {
            if (!first) target.WriteByte((byte)',');
            first = false;
            JsonSerializer.Serialize(target, account, InventoryJsonContext.Default.AccountInventory);
        }
        target.Write(frame, split, frame.Length - split);
    }

    /// <summary>One account as JSON, as the snapshot holds it (for keeping finished accounts out of memory).</summary>
    public static void WriteAccount(AccountInventory account, Stream output) =>
        JsonSerializer.Serialize(output, account, InventoryJsonContext.Default.AccountInventory);

    public static AccountInventory ReadAccount(Stream input) =>
        JsonSerializer.Deserialize(input, InventoryJsonContext.Default.AccountInventory) ?? throw new SnapshotException("an account record is empty");

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
                ValidateCall(account, call);
        }
        if (snapshot.OrganizationInventory is { } organization)
        {
            if (!AwsIds.IsAccountId(organization.AccountId))
                throw new SnapshotException($"snapshot organization data account id '{organization.AccountId}' is not a 12-digit AWS account id");
            foreach (var call in organization.Calls)
                ValidateCall(organization, call);
        }
        return snapshot;
    }

    private static void ValidateCall(AccountInventory account, ApiRecord call)
    {
        if (string.IsNullOrEmpty(call.Service) || string.IsNullOrEmpty(call.Operation) || string.IsNullOrEmpty(call.Region))
            throw new SnapshotException($"snapshot call record in account {account.AccountId} lacks service, operation or region");
        if ((call.Response is null) == (call.Error is null))
            throw new SnapshotException($"snapshot record {call.Service}:{call.Operation} in {call.Region} must have exactly one of response and error");
        if (call.Incomplete is not null && call.Response is null)
            throw new SnapshotException($"snapshot record {call.Service}:{call.Operation} in {call.Region} is marked incomplete but holds no response");
    }
}

public sealed class SnapshotException(string message) : Exception(message);
