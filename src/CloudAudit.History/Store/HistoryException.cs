namespace CloudAudit.History.Store;

/// <summary>Why the history store could not serve a command.</summary>
public enum HistoryFailure
{
    /// <summary>Out of reach or busy (no server, locked, no permission): a scan says so and goes on.</summary>
    Unavailable,
    /// <summary>Not something this version can use (damaged, not a history, a newer schema, a bad reference): exit 2.</summary>
    Invalid,
}

/// <summary>A store problem in one line that names the store and why.</summary>
public sealed class HistoryException(HistoryFailure failure, string message, Exception? inner = null) : Exception(message, inner)
{
    public HistoryFailure Failure { get; } = failure;
}
