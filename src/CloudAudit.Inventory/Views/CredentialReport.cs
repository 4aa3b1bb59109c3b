using System.Globalization;
using System.Text;
using nietras.SeparatedValues;

namespace CloudAudit.Inventory.Views;

/// <summary>One access-key slot (1 or 2) of a credential report row.</summary>
public sealed record CredentialReportKey(
    int Slot,
    bool Active,
    DateTimeOffset? LastRotated,
    DateTimeOffset? LastUsed,
    string? LastUsedRegion,
    string? LastUsedService)
{
    /// <summary>The slot holds a key: the report says N/A for the creation date of an empty slot.</summary>
    public bool Exists => LastRotated is not null;
}

/// <summary>
/// One user of the IAM credential report, typed. Dates the report gives as "N/A" (no such credential),
/// "no_information" (never used since IAM began tracking) or "not_supported" (the root row's password
/// columns) read as null; so do the root row's "not_supported" flags.
/// </summary>
public sealed record CredentialReportRow(
    string User,
    string Arn,
    DateTimeOffset? UserCreationTime,
    bool? PasswordEnabled,
    DateTimeOffset? PasswordLastUsed,
    DateTimeOffset? PasswordLastChanged,
    bool MfaActive,
    IReadOnlyList<CredentialReportKey> AccessKeys)
{
    /// <summary>The user name the report gives the account's root user.</summary>
    public const string RootUser = "<root_account>";

    public bool IsRoot => User == RootUser;
    public IEnumerable<CredentialReportKey> ActiveKeys => AccessKeys.Where(k => k.Active);
}

/// <summary>
/// The IAM credential report (GetCredentialReport), decoded from base64 and parsed as RFC 4180 CSV.
/// Columns are found by header name, so AWS adding or reordering columns does not break parsing.
/// </summary>
public sealed class CredentialReport
{
    private static readonly string[] KeyColumns = ["active", "last_rotated", "last_used_date", "last_used_region", "last_used_service"];

    private CredentialReport(IReadOnlyList<CredentialReportRow> rows, DateTimeOffset? generatedTime)
    {
        Rows = rows;
        GeneratedTime = generatedTime;
    }

    public IReadOnlyList<CredentialReportRow> Rows { get; }
    /// <summary>When AWS built the report (it rebuilds at most every four hours).</summary>
    public DateTimeOffset? GeneratedTime { get; }
    public CredentialReportRow? Root => Rows.FirstOrDefault(r => r.IsRoot);
    /// <summary>The IAM users: every row but the root user's.</summary>
    public IEnumerable<CredentialReportRow> Users => Rows.Where(r => !r.IsRoot);

    /// <summary>Decodes GetCredentialReport's Content (base64 of the CSV text).</summary>
    public static CredentialReport FromContent(string base64Content, DateTimeOffset? generatedTime = null)
    {
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(base64Content);
        }
        catch (FormatException e)
        {
            throw new FormatException("credential report Content is not base64", e);
        }
        return Parse(Encoding.UTF8.GetString(bytes), generatedTime);
    }

    /// <summary>Parses the CSV text of a credential report.</summary>
    public static CredentialReport Parse(string csv, DateTimeOffset? generatedTime = null)
    {
        using var reader = Sep.New(',').Reader(o => o with { Unescape = true }).FromText(csv);
        var columns = RequiredColumns().Select(name => (Name: name, Index: reader.Header.TryIndexOf(name, out var index)
            ? index
            : throw new FormatException($"credential report has no '{name}' column"))).ToList();
        var rows = new List<CredentialReportRow>();
        foreach (var row in reader)
        {
            var cells = new Cells(row.RowIndex + 1);
            foreach (var (name, index) in columns)
                cells.Add(name, row[index].ToString());
            rows.Add(cells.ToRow());
        }
        return new CredentialReport(rows, generatedTime);
    }

    private static IEnumerable<string> RequiredColumns() =>
        new[] { "user", "arn", "user_creation_time", "password_enabled", "password_last_used", "password_last_changed", "mfa_active" }
            .Concat(new[] { 1, 2 }.SelectMany(slot => KeyColumns.Select(c => $"access_key_{slot}_{c}")));

    /// <summary>One row's cells by column name, converted with errors that name the line and column.</summary>
    private sealed class Cells(int line)
    {
        private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

        public void Add(string column, string value) => _values[column] = value;

        public CredentialReportRow ToRow() => new(
            User: _values["user"],
            Arn: _values["arn"],
            UserCreationTime: Date("user_creation_time"),
            PasswordEnabled: Flag("password_enabled"),
            PasswordLastUsed: Date("password_last_used"),
            PasswordLastChanged: Date("password_last_changed"),
            MfaActive: Flag("mfa_active") == true,
            AccessKeys: [Key(1), Key(2)]);

        private CredentialReportKey Key(int slot) => new(slot,
            Active: Flag($"access_key_{slot}_active") == true,
            LastRotated: Date($"access_key_{slot}_last_rotated"),
            LastUsed: Date($"access_key_{slot}_last_used_date"),
            LastUsedRegion: Text($"access_key_{slot}_last_used_region"),
            LastUsedService: Text($"access_key_{slot}_last_used_service"));

        private static bool IsAbsent(string value) => value is "N/A" or "no_information" or "not_supported" or "";

        private string? Text(string column) => IsAbsent(_values[column]) ? null : _values[column];

        private bool? Flag(string column) => _values[column] switch
        {
            "true" or "TRUE" => true,
            "false" or "FALSE" => false,
            var value when IsAbsent(value) => null,
            var value => throw Invalid(column, value, "true or false"),
        };

        private DateTimeOffset? Date(string column)
        {
            var value = _values[column];
            if (IsAbsent(value))
                return null;
            return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date)
                ? date
                : throw Invalid(column, value, "an ISO 8601 time");
        }

        private FormatException Invalid(string column, string value, string expected) =>
            new($"credential report line {line}: {column} is '{value}', expected {expected}");
    }
}
