using System.Data.Common;
using CloudAudit.Analysis;
using CloudAudit.History.Model;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace CloudAudit.History.Store;

public sealed record StoreOptions
{
    /// <summary>How long a write waits for another writer's lock before the store counts as unavailable.</summary>
    public TimeSpan LockTimeout { get; init; } = TimeSpan.FromSeconds(15);
    /// <summary>Create a SQLite file that does not exist (recording does; reading commands do not).</summary>
    public bool CreateIfMissing { get; init; } = true;
    /// <summary>Migrate only this far (tests build old stores with it); the latest by default.</summary>
    public int? SchemaVersion { get; init; }
}

/// <summary>
/// The scan history: a SQLite file or a PostgreSQL database with one schema (<see cref="Migrations"/>). Every
/// write is one transaction, so parallel writers queue and none is lost, and a failed command changes
/// nothing. Problems surface as one-line <see cref="HistoryException"/>s naming the store.
/// </summary>
public sealed partial class HistoryStore : IDisposable
{
    private readonly DbConnection connection;
    private readonly SqlDialect dialect;

    private HistoryStore(StoreLocation location, DbConnection connection, SqlDialect dialect)
    {
        Location = location;
        this.connection = connection;
        this.dialect = dialect;
    }

    public StoreLocation Location { get; }

    /// <summary>The schema version this cloud-audit writes.</summary>
    public static int LatestSchemaVersion => Migrations.Latest;

    public int SchemaVersion => Guard(() => Migrations.CurrentVersion(connection, dialect, null, Location.Display));

    public static HistoryStore Open(StoreLocation location, StoreOptions? options = null)
    {
        options ??= new StoreOptions();
        var (connection, dialect) = location.Kind == StoreKind.Sqlite ? OpenSqlite(location, options) : OpenPostgres(location, options);
        var store = new HistoryStore(location, connection, dialect);
        try
        {
            store.Guard(() =>
            {
                // Refuse what is not ours before anything is written, even a journal mode.
                Migrations.Check(connection, dialect, location.Display);
                dialect.Prepare(connection);
                Migrations.Apply(connection, dialect, location.Display, options.SchemaVersion);
            });
            return store;
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }

    private static (DbConnection, SqlDialect) OpenSqlite(StoreLocation location, StoreOptions options)
    {
        var path = location.Target;
        if (Directory.Exists(path))
            throw new HistoryException(HistoryFailure.Invalid, $"{path} is a folder, not a history database");
        if (!File.Exists(path))
        {
            if (!options.CreateIfMissing)
                throw new HistoryException(HistoryFailure.Invalid, $"no history at {path} (scans are recorded there by `scan`; or name another with --history or --store)");
            CreatePrivateFile(path);
        }
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWrite,
            Pooling = false,
            DefaultTimeout = (int)Math.Ceiling(options.LockTimeout.TotalSeconds),
        }.ToString());
        try
        {
            connection.Open();
            using var pragmas = connection.CreateCommand();
            pragmas.CommandText = $"PRAGMA busy_timeout = {(long)options.LockTimeout.TotalMilliseconds};";
            pragmas.ExecuteNonQuery();
            return (connection, new SqliteDialect());
        }
        catch (DbException e)
        {
            connection.Dispose();
            throw Translate(e, location);
        }
    }

    /// <summary>The history holds an account's weaknesses: its folder and file are the user's alone.</summary>
    private static void CreatePrivateFile(string path)
    {
        try
        {
            var folder = Path.GetDirectoryName(path)!;
            if (!Directory.Exists(folder))
            {
                if (OperatingSystem.IsWindows()) Directory.CreateDirectory(folder);
                else Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
            var create = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows()) create.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            new FileStream(path, create).Dispose();
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another process created it first: that one is as good.
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new HistoryException(HistoryFailure.Unavailable, $"cannot create the history {path}: {e.Message}", e);
        }
    }

    private static (DbConnection, SqlDialect) OpenPostgres(StoreLocation location, StoreOptions options)
    {
        var builder = new NpgsqlConnectionStringBuilder(location.Target)
        {
            CommandTimeout = Math.Max(1, (int)Math.Ceiling(options.LockTimeout.TotalSeconds)),
        };
        if (builder.Timeout == 15) builder.Timeout = 10;
        var connection = new NpgsqlConnection(builder.ConnectionString);
        try
        {
            connection.Open();
            return (connection, new PostgresDialect());
        }
        catch (Exception e) when (e is DbException or TimeoutException or System.Net.Sockets.SocketException)
        {
            connection.Dispose();
            throw Translate(e, location);
        }
    }

    /// <summary>Runs a database operation, turning its failures into one-line history errors.</summary>
    private T Guard<T>(Func<T> operation)
    {
        try
        {
            return operation();
        }
        catch (Exception e) when (e is DbException or TimeoutException or InvalidOperationException { InnerException: TimeoutException })
        {
            throw Translate(e, Location);
        }
        catch (FormatException e)
        {
            throw new HistoryException(HistoryFailure.Invalid, $"{Location.Display} holds a value this version cannot read ({e.Message}); was it edited by hand?", e);
        }
    }

    private void Guard(Action operation) => Guard(() => { operation(); return 0; });

    private static HistoryException Translate(Exception e, StoreLocation location)
    {
        var where = location.Display;
        var message = e.Message.Split('\n')[0].Trim();
        return e switch
        {
            SqliteException { SqliteErrorCode: 5 or 6 } => new(HistoryFailure.Unavailable, $"{where} is locked by another process; gave up waiting", e),
            SqliteException { SqliteErrorCode: 26 } => new(HistoryFailure.Invalid, $"{where} is not a SQLite database (or is damaged beyond reading)", e),
            SqliteException { SqliteErrorCode: 11 } => new(HistoryFailure.Invalid, $"{where} is damaged: {message}", e),
            SqliteException => new(HistoryFailure.Unavailable, $"cannot use {where}: {message}", e),
            PostgresException { SqlState: "55P03" or "57014" } => new(HistoryFailure.Unavailable, $"{where} is locked by another writer; gave up waiting", e),
            PostgresException { SqlState: var state } when state.StartsWith("28", StringComparison.Ordinal) || state.StartsWith("08", StringComparison.Ordinal)
                || state is "3D000" or "42501" or "53300" or "57P03" => new(HistoryFailure.Unavailable, $"cannot use {where}: {message}", e),
            PostgresException => new(HistoryFailure.Invalid, $"{where}: {message}", e),
            NpgsqlException { InnerException: TimeoutException } or TimeoutException => new(HistoryFailure.Unavailable, $"{where} did not answer in time (locked or unreachable)", e),
            _ => new(HistoryFailure.Unavailable, $"cannot reach {where}: {message}", e),
        };
    }

    public void Dispose() => connection.Dispose();
}
