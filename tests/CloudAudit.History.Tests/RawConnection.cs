using System.Data.Common;
using System.Security.Cryptography;
using CloudAudit.History.Store;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace CloudAudit.History.Tests;

/// <summary>Plain SQL on a store, beside the store's own code: to build old stores and look at what is really there.</summary>
public sealed class RawConnection : IDisposable
{
    private readonly DbConnection connection;
    private readonly StoreKind kind;

    private RawConnection(DbConnection connection, StoreKind kind)
    {
        this.connection = connection;
        this.kind = kind;
    }

    public static RawConnection Open(StoreLocation location)
    {
        DbConnection connection = location.Kind == StoreKind.Sqlite
            ? new SqliteConnection($"Data Source={location.Target};Pooling=False")
            : new NpgsqlConnection(location.Target);
        connection.Open();
        return new RawConnection(connection, location.Kind);
    }

    public string Time(string iso) => kind == StoreKind.Sqlite
        ? $"'{DateTimeOffset.Parse(iso, System.Globalization.CultureInfo.InvariantCulture).UtcDateTime:yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'}'"
        : $"TIMESTAMPTZ '{iso}'";

    public void Execute(string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public object? Scalar(string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    /// <summary>
    /// Scan 1 of account 111111111111 (score 98, one failed check aws-s3-003) as schema versions 1 and 2 wrote it:
    /// plain inserts into the tables they had, none of the columns added since.
    /// </summary>
    public static void WriteOldScan(StoreLocation location, int version)
    {
        using (var old = HistoryStore.Open(location, new StoreOptions { SchemaVersion = version }))
            if (old.SchemaVersion != version)
                throw new InvalidOperationException($"the store opened at version {old.SchemaVersion}, not {version}");
        using var raw = Open(location);
        raw.Execute($"INSERT INTO scans (scanned_at, recorded_at, source, tool_version, regions, duration_seconds) VALUES ({raw.Time("2026-10-01T08:00:00Z")}, {raw.Time("2026-10-01T08:01:00Z")}, 'live', '0.1.0', 'us-east-1', 2.5)");
        raw.Execute("INSERT INTO scan_accounts VALUES (1, '111111111111', 98, 1, 0, 0, 0, 1, 0, 0, 1, 1, 0, 0, 0)");
        raw.Execute("INSERT INTO check_results VALUES (1, '111111111111', 'aws-s3-003', 'FAIL', 4, NULL)");
    }

    /// <summary>Whatever would change if a command wrote anything: the file's bytes, or the server's rows.</summary>
    public static string Fingerprint(StoreLocation location)
    {
        if (location.Kind == StoreKind.Sqlite)
        {
            var files = new[] { location.Target, location.Target + "-wal" }.Where(File.Exists);
            return string.Join("/", files.Select(f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f)))));
        }
        using var raw = Open(location);
        return $"{raw.Scalar("SELECT string_agg(table_name, ',' ORDER BY table_name) FROM information_schema.tables WHERE table_schema = 'cloud_audit'")} "
            + $"{raw.Scalar("SELECT count(*) FROM scans")} {raw.Scalar("SELECT count(*) FROM findings")} "
            + $"{raw.Scalar("SELECT string_agg(version::text, ',' ORDER BY version) FROM schema_migrations")}";
    }

    public void Dispose() => connection.Dispose();
}
