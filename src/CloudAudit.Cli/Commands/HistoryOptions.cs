using System.CommandLine;
using System.Globalization;
using CloudAudit.Cli.Configuration;
using CloudAudit.History.Store;

namespace CloudAudit.Cli.Commands;

/// <summary>
/// Where the scan history lives, for every command that reads or writes it: <c>--store URL</c> (PostgreSQL),
/// else <c>--history PATH</c> (SQLite), else <c>CLOUD_AUDIT_STORE</c>, else <c>CLOUD_AUDIT_HISTORY</c>, else
/// <c>~/.cloud-audit/history.db</c>.
/// </summary>
public sealed class HistoryOptions
{
    public const string HistoryVariable = "CLOUD_AUDIT_HISTORY";
    public const string StoreVariable = "CLOUD_AUDIT_STORE";
    public const string TimeoutVariable = "CLOUD_AUDIT_HISTORY_TIMEOUT";

    public Option<string?> History { get; } = new("--history") { Description = $"History database, a SQLite file (default ~/.cloud-audit/history.db, or {HistoryVariable})" };
    public Option<string?> Store { get; } = new("--store") { Description = $"Shared history in PostgreSQL: postgresql://USER@HOST:PORT/DATABASE (or {StoreVariable})" };

    public void AddTo(Command command)
    {
        command.Options.Add(History);
        command.Options.Add(Store);
    }

    public static string DefaultPath()
    {
        var home = CliEnvironment.Variable("HOME") is { Length: > 0 } set ? set : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return Path.Combine(home, ".cloud-audit", "history.db");
    }

    /// <summary>The store the flags and environment name; a malformed address is bad input (exit 2).</summary>
    public StoreLocation Resolve(ParseResult result)
    {
        var store = result.GetValue(Store);
        var history = result.GetValue(History);
        if (store is not null && history is not null)
            throw new UsageException("use --store (PostgreSQL) or --history (SQLite), not both");
        try
        {
            if (store is not null) return StoreLocation.Parse(store);
            if (history is not null) return StoreLocation.Sqlite(Path.Combine(CliEnvironment.WorkingDirectory, history));
            if (CliEnvironment.Variable(StoreVariable) is { Length: > 0 } url) return StoreLocation.Parse(url);
            if (CliEnvironment.Variable(HistoryVariable) is { Length: > 0 } path) return StoreLocation.Sqlite(Path.Combine(CliEnvironment.WorkingDirectory, path));
            return StoreLocation.Sqlite(DefaultPath());
        }
        catch (HistoryException e)
        {
            throw new UsageException(e.Message);
        }
    }

    public static StoreOptions Options(bool create)
    {
        var timeout = TimeSpan.FromSeconds(15);
        if (CliEnvironment.Variable(TimeoutVariable) is { Length: > 0 } text)
            timeout = double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds > 0
                ? TimeSpan.FromSeconds(seconds)
                : throw new UsageException($"{TimeoutVariable}: expected a number of seconds, got '{text}'");
        return new StoreOptions { LockTimeout = timeout, CreateIfMissing = create };
    }

    /// <summary>Opens the store for a command that needs it (diff, trend, history): any problem is exit 2.</summary>
    public HistoryStore OpenRequired(ParseResult result, bool create = false)
    {
        var location = Resolve(result);
        try
        {
            return HistoryStore.Open(location, Options(create));
        }
        catch (HistoryException e)
        {
            throw new UsageException(e.Message);
        }
    }
}
