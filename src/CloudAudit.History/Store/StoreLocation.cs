using System.Globalization;
using Npgsql;

namespace CloudAudit.History.Store;

public enum StoreKind { Sqlite, PostgreSql }

/// <summary>
/// Where the history lives: a SQLite file (a path) or a PostgreSQL database (a <c>postgresql://</c> or
/// <c>postgres://</c> URL, or an Npgsql connection string starting <c>Host=</c>). <see cref="Display"/> is safe
/// to print: a password never appears in it.
/// </summary>
public sealed record StoreLocation(StoreKind Kind, string Target, string Display)
{
    public const string PostgresSchema = "cloud_audit";

    public static StoreLocation Sqlite(string path)
    {
        var full = Path.GetFullPath(path);
        return new StoreLocation(StoreKind.Sqlite, full, full);
    }

    /// <summary>A <c>--store</c> value; throws <see cref="HistoryException"/> when it is neither a URL nor a connection string.</summary>
    public static StoreLocation Parse(string value)
    {
        if (value.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase) || value.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase))
            return FromUrl(value);
        if (value.StartsWith("host=", StringComparison.OrdinalIgnoreCase) || value.Contains("Host=", StringComparison.OrdinalIgnoreCase))
        {
            NpgsqlConnectionStringBuilder builder;
            try
            {
                builder = new NpgsqlConnectionStringBuilder(value);
            }
            catch (ArgumentException e)
            {
                throw new HistoryException(HistoryFailure.Invalid, $"invalid PostgreSQL connection string: {e.Message}");
            }
            return Postgres(builder);
        }
        throw new HistoryException(HistoryFailure.Invalid, $"unknown store '{Redact(value)}'; use postgresql://USER@HOST:PORT/DATABASE (or --history PATH for a SQLite file)");
    }

    private static StoreLocation FromUrl(string value)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
            throw new HistoryException(HistoryFailure.Invalid, $"invalid PostgreSQL URL '{Redact(value)}'; expected postgresql://USER[:PASSWORD]@HOST[:PORT]/DATABASE");
        var builder = new NpgsqlConnectionStringBuilder { Host = uri.Host.Trim('[', ']') };
        if (uri.Port > 0) builder.Port = uri.Port;
        var database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        if (database.Length > 0) builder.Database = database;
        if (uri.UserInfo.Length > 0)
        {
            var parts = uri.UserInfo.Split(':', 2);
            builder.Username = Uri.UnescapeDataString(parts[0]);
            if (parts.Length == 2) builder.Password = Uri.UnescapeDataString(parts[1]);
        }
        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var kv = pair.Split('=', 2);
            var key = Uri.UnescapeDataString(kv[0]);
            var text = kv.Length == 2 ? Uri.UnescapeDataString(kv[1]) : "";
            try
            {
                // libpq's names for what users put in URLs; anything else Npgsql itself knows.
                builder[key switch { "sslmode" => "SSL Mode", "connect_timeout" => "Timeout", "application_name" => "Application Name", _ => key }] = text;
            }
            catch (ArgumentException)
            {
                throw new HistoryException(HistoryFailure.Invalid, $"unknown PostgreSQL URL parameter '{key}'");
            }
        }
        return Postgres(builder);
    }

    private static StoreLocation Postgres(NpgsqlConnectionStringBuilder builder)
    {
        builder.SearchPath = PostgresSchema;
        if (string.IsNullOrEmpty(builder.ApplicationName)) builder.ApplicationName = "cloud-audit";
        var display = string.Create(CultureInfo.InvariantCulture,
            $"postgresql://{(string.IsNullOrEmpty(builder.Username) ? "" : builder.Username + "@")}{builder.Host}:{builder.Port}/{builder.Database}");
        return new StoreLocation(StoreKind.PostgreSql, builder.ConnectionString, display);
    }

    /// <summary>A URL with its password replaced, for error messages.</summary>
    private static string Redact(string value) =>
        System.Text.RegularExpressions.Regex.Replace(value, "(://[^:/@]*:)[^@]*@", "$1***@");
}
