using System.Text.RegularExpressions;

namespace CloudAudit.Checks.Secrets;

/// <summary>What a variable or parameter name says about its value.</summary>
public enum NameSuggests
{
    Nothing,
    /// <summary>A password, token, API key, private key or other credential.</summary>
    Secret,
    /// <summary>A connection string or database URL, which often embeds a password.</summary>
    ConnectionString,
}

/// <summary>
/// Judges names such as DB_PASSWORD, stripeApiKey or /prod/app/client-secret by their words, not by
/// substrings: the name is split at separators and case changes, so "BYPASS_CACHE" is not a password
/// and "SECRET_ARN" (a reference to a secret) is not a secret.
/// </summary>
public static partial class SecretNames
{
    private static readonly HashSet<string> SecretWords = new(StringComparer.Ordinal)
    {
        "password", "passwd", "passphrase", "pwd", "secret", "secrets", "token", "tokens", "apikey", "apikeys",
        "privatekey", "credential", "credentials", "creds",
    };

    /// <summary>Two-word spellings of a credential (API_KEY, PRIVATE_KEY, DB_PASS, CLIENT_SECRET is covered by "secret").</summary>
    private static readonly (string First, string Second)[] SecretPairs =
        [("api", "key"), ("private", "key"), ("db", "pass"), ("database", "pass"), ("signing", "key"), ("encryption", "key")];

    private static readonly HashSet<string> ConnectionWords = new(StringComparer.Ordinal) { "dsn", "connectionstring", "connstr" };

    private static readonly HashSet<string> DatabaseWords = new(StringComparer.Ordinal)
        { "database", "db", "postgres", "postgresql", "mysql", "mongo", "mongodb", "redis", "amqp", "rabbitmq", "broker", "jdbc", "sql" };

    /// <summary>A last word that makes the whole name a reference or a setting about a secret, not the secret itself.</summary>
    private static readonly HashSet<string> NotTheValue = new(StringComparer.Ordinal)
    {
        "arn", "arns", "name", "names", "id", "ids", "path", "file", "files", "dir", "location", "param", "parameter",
        "ref", "reference", "url", "uri", "endpoint", "host", "ttl", "expiry", "expiration", "expires", "length", "len",
        "type", "header", "enabled", "policy", "rotation", "version", "region", "prefix", "count", "timeout", "lifetime",
        "duration", "field", "store", "provider", "manager", "source", "mode", "format", "seconds", "minutes", "hours", "days", "ms",
    };

    public static NameSuggests Judge(string name)
    {
        var words = Words(name);
        if (words.Count == 0) return NameSuggests.Nothing;
        if (IsConnectionString(words)) return NameSuggests.ConnectionString;
        if (NotTheValue.Contains(words[^1])) return NameSuggests.Nothing;
        if (words.Any(SecretWords.Contains)) return NameSuggests.Secret;
        for (var i = 0; i + 1 < words.Count; i++)
            if (SecretPairs.Contains((words[i], words[i + 1])))
                return NameSuggests.Secret;
        return NameSuggests.Nothing;
    }

    private static bool IsConnectionString(List<string> words) =>
        words.Any(ConnectionWords.Contains)
        || (words.Count >= 2 && words[^1] is "url" or "uri" && DatabaseWords.Contains(words[^2]))
        || (words.Count >= 2 && words[^2] == "connection" && words[^1] == "string");

    /// <summary>The lower-case words of a name: split at non-alphanumerics and at camelCase boundaries (APIKey → api, key).</summary>
    public static List<string> Words(string name) =>
        WordPattern().Matches(name).Select(m => m.Value.ToLowerInvariant()).ToList();

    // Upper-case runs (API in APIKey), capitalised words, lower-case runs and digit runs.
    [GeneratedRegex("[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+")]
    private static partial Regex WordPattern();
}
