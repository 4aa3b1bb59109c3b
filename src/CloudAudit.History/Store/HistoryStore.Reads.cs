using System.Data.Common;
using System.Globalization;
using CloudAudit.Analysis.Trends;
using CloudAudit.History.Model;

namespace CloudAudit.History.Store;

/// <summary>A scan as the history list shows it.</summary>
public sealed record ScanEntry(long Id, DateTimeOffset ScannedAt, DateTimeOffset RecordedAt, string Source, string ToolVersion,
    IReadOnlyList<string> Regions, string? ImportedFrom, IReadOnlyList<AccountRecord> Accounts);

public sealed partial class HistoryStore
{
    private const string ScanColumns = "s.id, s.scanned_at, s.recorded_at, s.source, s.tool_version, s.regions, s.imported_from";
    private const string AccountSelect = "a.account_id, a.score, a.findings, a.critical, a.high, a.medium, a.low, a.info, a.suppressed, "
        + "a.checks_passed, a.checks_failed, a.checks_errored, a.checks_not_assessed, a.checks_not_applicable, a.collection_seconds, a.not_assessed";

    /// <summary>Scans, most recently recorded first; only those covering <paramref name="account"/> when given.</summary>
    public IReadOnlyList<ScanEntry> List(string? account = null, int? limit = null) => Guard(() =>
    {
        var filter = account is null ? "" : "WHERE id IN (SELECT scan_id FROM scan_accounts WHERE account_id = @account)";
        using var command = Command($"""
            SELECT {ScanColumns}, {AccountSelect} FROM scans s JOIN scan_accounts a ON a.scan_id = s.id
            WHERE s.id IN (SELECT id FROM scans {filter} ORDER BY id DESC {(limit is null ? "" : "LIMIT @limit")})
            ORDER BY s.id DESC, a.account_id
            """);
        if (account is not null) Migrations.Parameter(command, "@account", account);
        if (limit is not null) Migrations.Parameter(command, "@limit", limit.Value);
        using var reader = command.ExecuteReader();
        var entries = new List<ScanEntry>();
        while (reader.Read())
        {
            var id = reader.GetInt64(0);
            if (entries.Count == 0 || entries[^1].Id != id)
                entries.Add(new ScanEntry(id, dialect.ReadTime(reader, 1), dialect.ReadTime(reader, 2), reader.GetString(3), reader.GetString(4),
                    SplitRegions(reader.GetString(5)), reader.IsDBNull(6) ? null : reader.GetString(6), []));
            entries[^1] = entries[^1] with { Accounts = [.. entries[^1].Accounts, ReadAccount(reader, 7)] };
        }
        return (IReadOnlyList<ScanEntry>)entries;
    });

    /// <summary>Every account the history holds scans of.</summary>
    public IReadOnlyList<string> Accounts() => Guard(() =>
    {
        using var command = Command("SELECT DISTINCT account_id FROM scan_accounts ORDER BY account_id");
        using var reader = command.ExecuteReader();
        var accounts = new List<string>();
        while (reader.Read()) accounts.Add(reader.GetString(0));
        return (IReadOnlyList<string>)accounts;
    });

    /// <summary>One account's posture in its newest <paramref name="limit"/> scans, oldest first (by scan time).</summary>
    public IReadOnlyList<PosturePoint> Trend(string account, int limit) => Guard(() =>
    {
        using var command = Command("""
            SELECT s.id, s.scanned_at, a.score, a.findings, a.critical, a.high, a.medium, a.low, a.info
            FROM scan_accounts a JOIN scans s ON s.id = a.scan_id
            WHERE a.account_id = @account ORDER BY s.scanned_at DESC, s.id DESC LIMIT @limit
            """);
        Migrations.Parameter(command, "@account", account);
        Migrations.Parameter(command, "@limit", limit);
        using var reader = command.ExecuteReader();
        var points = new List<PosturePoint>();
        while (reader.Read())
            points.Add(new PosturePoint(reader.GetInt64(0), dialect.ReadTime(reader, 1), account, reader.GetInt32(2), reader.GetInt32(3),
                reader.GetInt32(4), reader.GetInt32(5), reader.GetInt32(6), reader.GetInt32(7), reader.GetInt32(8)));
        points.Reverse();
        return (IReadOnlyList<PosturePoint>)points;
    });

    /// <summary>
    /// How long each account took to collect in its most recent scan that started before <paramref name="scannedBefore"/>
    /// and recorded a time for it, the account assessed (accounts never timed are absent), for <c>--shard</c> to balance
    /// by. A NOT ASSESSED account's time (its role failed at once, or it timed out) says nothing of its real cost.
    /// </summary>
    public IReadOnlyDictionary<string, double> CollectionSeconds(DateTimeOffset scannedBefore) => Guard(() =>
    {
        using var command = Command("""
            SELECT a.account_id, a.collection_seconds FROM scan_accounts a JOIN scans s ON s.id = a.scan_id
            WHERE a.collection_seconds IS NOT NULL AND a.not_assessed IS NULL AND s.scanned_at < @before
            ORDER BY a.account_id, s.scanned_at DESC, s.id DESC
            """);
        Migrations.Parameter(command, "@before", dialect.TimeValue(scannedBefore));
        using var reader = command.ExecuteReader();
        var seconds = new Dictionary<string, double>(StringComparer.Ordinal);
        while (reader.Read())
            seconds.TryAdd(reader.GetString(0), reader.GetDouble(1));
        return (IReadOnlyDictionary<string, double>)seconds;
    });

    /// <summary>A recorded scan, whole.</summary>
    public ScanRecord Load(long id) => Guard(() =>
    {
        using var scan = Command("SELECT s.id, s.scanned_at, s.recorded_at, s.source, s.tool_version, s.regions, s.imported_from, s.duration_seconds, s.min_severity FROM scans s WHERE s.id = @id");
        Migrations.Parameter(scan, "@id", id);
        ScanRecord record;
        using (var reader = scan.ExecuteReader())
        {
            if (!reader.Read())
                throw new HistoryException(HistoryFailure.Invalid, $"no scan {id} in {Location.Display} (see `cloud-audit history list`)");
            record = new ScanRecord
            {
                Id = id,
                Label = $"scan {id}",
                ScannedAt = dialect.ReadTime(reader, 1),
                Source = reader.GetString(3),
                ToolVersion = reader.GetString(4),
                Regions = SplitRegions(reader.GetString(5)),
                ImportedFrom = reader.IsDBNull(6) ? null : reader.GetString(6),
                DurationSeconds = reader.GetDouble(7),
                MinSeverity = reader.IsDBNull(8) ? null : Names.Severity(reader.GetString(8)),
                Accounts = [],
                Checks = [],
                Findings = [],
            };
        }
        var accounts = Rows($"SELECT {AccountSelect} FROM scan_accounts a WHERE a.scan_id = @id ORDER BY a.account_id", id, r => ReadAccount(r, 0));
        var gaps = Rows("SELECT account_id, check_id, region FROM check_gaps WHERE scan_id = @id ORDER BY region", id,
                r => (Account: r.GetString(0), Check: r.GetString(1), Region: r.GetString(2)))
            .ToLookup(g => (g.Account, g.Check), g => g.Region);
        var checks = Rows("SELECT account_id, check_id, status, resources_scanned, reason FROM check_results WHERE scan_id = @id ORDER BY account_id, check_id", id,
            r => new CheckRecord(r.GetString(0), r.GetString(1), Names.Status(r.GetString(2)), r.GetInt32(3), r.IsDBNull(4) ? null : r.GetString(4), []));
        checks = checks.Select(c => c with { GapRegions = gaps[(c.AccountId, c.CheckId)].ToList() }).ToList();
        var findings = Rows("SELECT fingerprint, account_id, check_id, region, resource_type, resource_id, severity, title, description, state FROM findings WHERE scan_id = @id", id,
            r => new FindingRecord(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5),
                Names.Severity(r.GetString(6)), r.GetString(7), r.GetString(8), FindingStates.Parse(r.GetString(9))));
        return record with { Accounts = accounts, Checks = checks, Findings = findings };
    });

    /// <summary>
    /// The scan a reference names: <c>last</c> (the newest recorded), <c>previous</c> (the newest recorded before
    /// <paramref name="before"/>, or before the last, that shares an account with it), a scan ID, or a UTC date
    /// <c>YYYY-MM-DD</c> (that day's newest scan). With <paramref name="account"/>, only scans covering it count.
    /// </summary>
    public long Resolve(string reference, string? account = null, long? before = null) => Guard(() =>
    {
        var text = reference.Trim();
        var scope = account is null ? "" : " AND id IN (SELECT scan_id FROM scan_accounts WHERE account_id = @account)";
        if (text.Equals("last", StringComparison.OrdinalIgnoreCase) || text.Equals("latest", StringComparison.OrdinalIgnoreCase))
            return Newest($"SELECT MAX(id) FROM scans WHERE 1 = 1{scope}", account, null)
                ?? throw new HistoryException(HistoryFailure.Invalid, $"no scans recorded in {Location.Display}{For(account)}");
        if (text.Equals("previous", StringComparison.OrdinalIgnoreCase) || text.Equals("prev", StringComparison.OrdinalIgnoreCase))
        {
            var after = before ?? Resolve("last", account);
            return Newest($"""
                SELECT MAX(id) FROM scans WHERE id < @before{scope}
                AND id IN (SELECT scan_id FROM scan_accounts WHERE account_id IN (SELECT account_id FROM scan_accounts WHERE scan_id = @before))
                """, account, after)
                ?? throw new HistoryException(HistoryFailure.Invalid, $"no scan recorded before scan {after} covers its accounts{For(account)} in {Location.Display}");
        }
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            return Newest($"SELECT MAX(id) FROM scans WHERE id = @before{scope}", account, id)
                ?? throw new HistoryException(HistoryFailure.Invalid, $"no scan {id}{For(account)} in {Location.Display} (see `cloud-audit history list`)");
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            var start = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            using var command = Command($"SELECT MAX(id) FROM scans WHERE scanned_at >= @from AND scanned_at < @to{scope}");
            Migrations.Parameter(command, "@from", dialect.TimeValue(start));
            Migrations.Parameter(command, "@to", dialect.TimeValue(start.AddDays(1)));
            if (account is not null) Migrations.Parameter(command, "@account", account);
            return command.ExecuteScalar() is { } found and not DBNull ? Convert.ToInt64(found, CultureInfo.InvariantCulture)
                : throw new HistoryException(HistoryFailure.Invalid, $"no scan on {text} (UTC){For(account)} in {Location.Display}");
        }
        throw new HistoryException(HistoryFailure.Invalid, $"unknown scan reference '{reference}'; use last, previous, a scan ID (see `cloud-audit history list`) or a date YYYY-MM-DD");
    });

    private static string For(string? account) => account is null ? "" : $" for account {account}";

    private long? Newest(string sql, string? account, long? before)
    {
        using var command = Command(sql);
        if (account is not null) Migrations.Parameter(command, "@account", account);
        if (before is not null) Migrations.Parameter(command, "@before", before.Value);
        return command.ExecuteScalar() is { } value and not DBNull ? Convert.ToInt64(value, CultureInfo.InvariantCulture) : null;
    }

    private List<T> Rows<T>(string sql, long id, Func<DbDataReader, T> read)
    {
        using var command = Command(sql);
        Migrations.Parameter(command, "@id", id);
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read()) rows.Add(read(reader));
        return rows;
    }

    private static AccountRecord ReadAccount(DbDataReader r, int at) => new(
        r.GetString(at), r.GetInt32(at + 1), r.GetInt32(at + 2), r.GetInt32(at + 3), r.GetInt32(at + 4), r.GetInt32(at + 5), r.GetInt32(at + 6),
        r.GetInt32(at + 7), r.GetInt32(at + 8), r.GetInt32(at + 9), r.GetInt32(at + 10), r.GetInt32(at + 11), r.GetInt32(at + 12), r.GetInt32(at + 13),
        r.IsDBNull(at + 14) ? null : r.GetDouble(at + 14), r.IsDBNull(at + 15) ? null : r.GetString(at + 15));

    private static List<string> SplitRegions(string regions) => [.. regions.Split(',', StringSplitOptions.RemoveEmptyEntries)];
}
