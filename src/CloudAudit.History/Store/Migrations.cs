using System.Data.Common;

namespace CloudAudit.History.Store;

/// <summary>One step of the schema; steps are applied in order, each once, and recorded in schema_migrations.</summary>
internal sealed record Migration(int Version, string Description, string Sql);

/// <summary>
/// The versioned schema shared by SQLite and PostgreSQL (docs/history.md). A store is brought up to date when
/// opened, in one write transaction: a failed step leaves it exactly as it was. A store newer than this
/// version, or a database that holds other tables but no history, is refused before anything is written.
/// </summary>
internal static class Migrations
{
    public static readonly IReadOnlyList<Migration> All =
    [
        new(1, "scans, per-account posture, check results and findings", """
            CREATE TABLE scans (
                id {identity},
                scanned_at {time} NOT NULL,
                recorded_at {time} NOT NULL,
                source TEXT NOT NULL,
                tool_version TEXT NOT NULL,
                regions TEXT NOT NULL,
                duration_seconds {real} NOT NULL,
                min_severity TEXT NULL,
                imported_from TEXT NULL
            );
            CREATE INDEX scans_by_time ON scans (scanned_at, id);
            CREATE TABLE scan_accounts (
                scan_id BIGINT NOT NULL REFERENCES scans (id),
                account_id TEXT NOT NULL,
                score INTEGER NOT NULL,
                findings INTEGER NOT NULL,
                critical INTEGER NOT NULL,
                high INTEGER NOT NULL,
                medium INTEGER NOT NULL,
                low INTEGER NOT NULL,
                info INTEGER NOT NULL,
                suppressed INTEGER NOT NULL,
                checks_passed INTEGER NOT NULL,
                checks_failed INTEGER NOT NULL,
                checks_errored INTEGER NOT NULL,
                checks_not_assessed INTEGER NOT NULL,
                checks_not_applicable INTEGER NOT NULL,
                PRIMARY KEY (scan_id, account_id)
            );
            CREATE INDEX scan_accounts_by_account ON scan_accounts (account_id, scan_id);
            CREATE TABLE check_results (
                scan_id BIGINT NOT NULL REFERENCES scans (id),
                account_id TEXT NOT NULL,
                check_id TEXT NOT NULL,
                status TEXT NOT NULL,
                resources_scanned INTEGER NOT NULL,
                reason TEXT NULL,
                PRIMARY KEY (scan_id, account_id, check_id)
            );
            CREATE TABLE findings (
                scan_id BIGINT NOT NULL REFERENCES scans (id),
                fingerprint TEXT NOT NULL,
                account_id TEXT NOT NULL,
                check_id TEXT NOT NULL,
                region TEXT NOT NULL,
                resource_type TEXT NOT NULL,
                resource_id TEXT NOT NULL,
                severity TEXT NOT NULL,
                title TEXT NOT NULL,
                description TEXT NOT NULL,
                state TEXT NOT NULL,
                PRIMARY KEY (scan_id, fingerprint)
            );
            """),
        new(2, "regions each check result could not read, so diff tells a fixed finding from an unassessed one", """
            CREATE TABLE check_gaps (
                scan_id BIGINT NOT NULL REFERENCES scans (id),
                account_id TEXT NOT NULL,
                check_id TEXT NOT NULL,
                region TEXT NOT NULL,
                PRIMARY KEY (scan_id, account_id, check_id, region)
            );
            """),
        new(3, "each account's collection time and NOT ASSESSED cause, so --shard balances by the previous run", """
            ALTER TABLE scan_accounts ADD COLUMN collection_seconds {real} NULL;
            ALTER TABLE scan_accounts ADD COLUMN not_assessed TEXT NULL;
            """),
    ];

    public static int Latest => All[^1].Version;

    /// <summary>The store's schema version, 0 for an empty database; refuses a database that is something else.</summary>
    public static int CurrentVersion(DbConnection connection, SqlDialect dialect, DbTransaction? transaction, string display)
    {
        var tables = Tables(connection, dialect, transaction);
        if (!tables.Contains("schema_migrations"))
        {
            if (tables.Count > 0 && dialect.Kind == StoreKind.Sqlite)
                throw new HistoryException(HistoryFailure.Invalid,
                    $"{display} is a SQLite database but not a cloud-audit history (it has tables {string.Join(", ", tables.Take(5))} and no schema_migrations)");
            if (tables.Count > 0)
                throw new HistoryException(HistoryFailure.Invalid,
                    $"{display}: schema {StoreLocation.PostgresSchema} holds tables {string.Join(", ", tables.Take(5))} but no schema_migrations; it is not a cloud-audit history");
            return 0;
        }
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT COALESCE(MAX(version), 0) FROM schema_migrations";
        return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Refuses a store this version cannot use (a newer schema, or another application's database); returns its version.</summary>
    public static int Check(DbConnection connection, SqlDialect dialect, string display)
    {
        var version = CurrentVersion(connection, dialect, null, display);
        if (version > Latest)
            throw new HistoryException(HistoryFailure.Invalid,
                $"{display} has history schema version {version}, newer than this cloud-audit knows ({Latest}); upgrade cloud-audit to use it");
        return version;
    }

    /// <summary>Brings the store to <paramref name="target"/> (the latest by default); tests stop earlier to build an old store.</summary>
    public static void Apply(DbConnection connection, SqlDialect dialect, string display, int? target = null)
    {
        var goal = target ?? Latest;
        var version = Check(connection, dialect, display);
        if (version >= goal)
            return;

        using var transaction = dialect.BeginWrite(connection);
        if (dialect.Kind == StoreKind.PostgreSql)
            Execute(connection, transaction, $"CREATE SCHEMA IF NOT EXISTS {StoreLocation.PostgresSchema}");
        Execute(connection, transaction, dialect.Render(
            "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at {time} NOT NULL)"));
        // Another process may have migrated while this one waited for the lock.
        version = CurrentVersion(connection, dialect, transaction, display);
        foreach (var step in All.Where(m => m.Version > version && m.Version <= goal))
        {
            Execute(connection, transaction, dialect.Render(step.Sql));
            using var record = connection.CreateCommand();
            record.Transaction = transaction;
            record.CommandText = "INSERT INTO schema_migrations (version, description, applied_at) VALUES (@version, @description, @at)";
            Parameter(record, "@version", step.Version);
            Parameter(record, "@description", step.Description);
            Parameter(record, "@at", dialect.TimeValue(DateTimeOffset.UtcNow));
            record.ExecuteNonQuery();
        }
        transaction.Commit();
    }

    private static List<string> Tables(DbConnection connection, SqlDialect dialect, DbTransaction? transaction)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = dialect.Kind == StoreKind.Sqlite
            ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
            : $"SELECT table_name FROM information_schema.tables WHERE table_schema = '{StoreLocation.PostgresSchema}' ORDER BY table_name";
        using var reader = command.ExecuteReader();
        var names = new List<string>();
        while (reader.Read())
            names.Add(reader.GetString(0));
        return names;
    }

    private static void Execute(DbConnection connection, DbTransaction transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    internal static void Parameter(DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
    }
}
