using System.Data.Common;
using System.Globalization;
using CloudAudit.Checks.Framework;
using CloudAudit.History.Model;

namespace CloudAudit.History.Store;

public sealed partial class HistoryStore
{
    private static readonly string[] AccountColumns =
    [
        "scan_id", "account_id", "score", "findings", "critical", "high", "medium", "low", "info", "suppressed",
        "checks_passed", "checks_failed", "checks_errored", "checks_not_assessed", "checks_not_applicable", "collection_seconds", "not_assessed",
    ];
    private static readonly string[] CheckColumns = ["scan_id", "account_id", "check_id", "status", "resources_scanned", "reason"];
    private static readonly string[] GapColumns = ["scan_id", "account_id", "check_id", "region"];
    private static readonly string[] FindingColumns =
        ["scan_id", "fingerprint", "account_id", "check_id", "region", "resource_type", "resource_id", "severity", "title", "description", "state"];

    /// <summary>Records a scan, all or nothing, and returns its ID.</summary>
    public long Record(ScanRecord scan, DateTimeOffset? recordedAt = null) => Guard(() =>
    {
        using var transaction = dialect.BeginWrite(connection);
        long id;
        using (var insert = connection.CreateCommand())
        {
            insert.Transaction = transaction;
            insert.CommandText = """
                INSERT INTO scans (scanned_at, recorded_at, source, tool_version, regions, duration_seconds, min_severity, imported_from)
                VALUES (@scanned, @recorded, @source, @tool, @regions, @duration, @min, @imported) RETURNING id
                """;
            Migrations.Parameter(insert, "@scanned", dialect.TimeValue(scan.ScannedAt));
            Migrations.Parameter(insert, "@recorded", dialect.TimeValue(recordedAt ?? DateTimeOffset.UtcNow));
            Migrations.Parameter(insert, "@source", scan.Source);
            Migrations.Parameter(insert, "@tool", scan.ToolVersion);
            Migrations.Parameter(insert, "@regions", string.Join(",", scan.Regions));
            Migrations.Parameter(insert, "@duration", scan.DurationSeconds);
            Migrations.Parameter(insert, "@min", scan.MinSeverity?.Lower());
            Migrations.Parameter(insert, "@imported", scan.ImportedFrom);
            id = Convert.ToInt64(insert.ExecuteScalar(), CultureInfo.InvariantCulture);
        }
        dialect.InsertRows(connection, transaction, "scan_accounts", AccountColumns, scan.Accounts.Select(a => new object?[]
        {
            id, a.AccountId, a.Score, a.Findings, a.Critical, a.High, a.Medium, a.Low, a.Info, a.Suppressed,
            a.ChecksPassed, a.ChecksFailed, a.ChecksErrored, a.ChecksNotAssessed, a.ChecksNotApplicable, a.CollectionSeconds, a.NotAssessed,
        }));
        dialect.InsertRows(connection, transaction, "check_results", CheckColumns,
            scan.Checks.Select(c => new object?[] { id, c.AccountId, c.CheckId, Names.Of(c.Status), c.ResourcesScanned, c.Reason }));
        dialect.InsertRows(connection, transaction, "check_gaps", GapColumns,
            scan.Checks.SelectMany(c => c.GapRegions.Select(r => new object?[] { id, c.AccountId, c.CheckId, r })));
        dialect.InsertRows(connection, transaction, "findings", FindingColumns, scan.Findings.Select(f => new object?[]
        {
            id, f.Fingerprint, f.AccountId, f.CheckId, f.Region, f.ResourceType, f.ResourceId, f.Severity.Lower(), f.Title, f.Description, FindingStates.Name(f.State),
        }));
        transaction.Commit();
        return id;
    });

    /// <summary>
    /// Deletes scans beyond the newest <paramref name="keep"/> of each account, and scans from before
    /// <paramref name="before"/>; both rules apply when both are given. Returns the IDs deleted.
    /// </summary>
    public IReadOnlyList<long> Prune(int? keep, DateTimeOffset? before) => Guard(() =>
    {
        using var transaction = dialect.BeginWrite(connection);
        var doomed = new HashSet<long>();
        if (keep is { } newest)
        {
            var kept = new HashSet<long>();
            var all = new List<long>();
            using var command = Command("SELECT a.account_id, s.id FROM scan_accounts a JOIN scans s ON s.id = a.scan_id ORDER BY a.account_id, s.scanned_at DESC, s.id DESC", transaction);
            using (var reader = command.ExecuteReader())
            {
                string? account = null;
                var rank = 0;
                while (reader.Read())
                {
                    var current = reader.GetString(0);
                    rank = current == account ? rank + 1 : 0;
                    account = current;
                    all.Add(reader.GetInt64(1));
                    if (rank < newest) kept.Add(reader.GetInt64(1));
                }
            }
            doomed.UnionWith(all.Where(id => !kept.Contains(id)));
        }
        if (before is { } cutoff)
        {
            using var command = Command("SELECT id FROM scans WHERE scanned_at < @cutoff", transaction);
            Migrations.Parameter(command, "@cutoff", dialect.TimeValue(cutoff));
            using var reader = command.ExecuteReader();
            while (reader.Read()) doomed.Add(reader.GetInt64(0));
        }
        var ids = doomed.Order().ToList();
        foreach (var chunk in ids.Chunk(500))
            foreach (var table in new[] { "findings", "check_gaps", "check_results", "scan_accounts", "scans" })
            {
                using var delete = Command($"DELETE FROM {table} WHERE {(table == "scans" ? "id" : "scan_id")} IN ({string.Join(",", chunk)})", transaction);
                delete.ExecuteNonQuery();
            }
        transaction.Commit();
        return (IReadOnlyList<long>)ids;
    });

    private DbCommand Command(string sql, DbTransaction? transaction = null)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }
}

/// <summary>How statuses and states are spelled in the store (as the JSON report spells them).</summary>
internal static class Names
{
    public static string Of(CheckStatus status) => status switch
    {
        CheckStatus.Pass => "PASS",
        CheckStatus.Fail => "FAIL",
        CheckStatus.Error => "ERROR",
        CheckStatus.NotAssessed => "NOT_ASSESSED",
        _ => "NOT_APPLICABLE",
    };

    public static CheckStatus Status(string text) => text switch
    {
        "PASS" => CheckStatus.Pass,
        "FAIL" => CheckStatus.Fail,
        "ERROR" => CheckStatus.Error,
        "NOT_ASSESSED" => CheckStatus.NotAssessed,
        "NOT_APPLICABLE" => CheckStatus.NotApplicable,
        _ => throw new FormatException($"unknown check status '{text}'"),
    };

    public static Severity Severity(string text) =>
        EnumText.TryParseSeverity(text, out var severity) ? severity : throw new FormatException($"unknown severity '{text}'");
}
