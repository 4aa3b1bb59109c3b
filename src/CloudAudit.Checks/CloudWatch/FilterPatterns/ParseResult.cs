namespace CloudAudit.Checks.CloudWatch.FilterPatterns;

/// <summary>
/// Why a filter pattern could not be read. A deployed filter that we cannot parse is one we cannot
/// assess, so this is an answer, not an exception.
/// </summary>
/// <param name="Position">Zero-based index into the pattern text where reading stopped.</param>
/// <param name="Reason">What was expected or what is wrong, in a short phrase.</param>
public sealed record FilterPatternError(int Position, string Reason)
{
    /// <summary>One-based column, as a person counts characters in the pattern.</summary>
    public int Column => Position + 1;

    public override string ToString() => $"column {Column}: {Reason}";
}

/// <summary>The outcome of <see cref="FilterPattern.Parse"/>: exactly one of a pattern and an error.</summary>
public sealed class ParseResult
{
    private ParseResult(FilterPattern? pattern, FilterPatternError? error)
    {
        Pattern = pattern;
        Error = error;
    }

    /// <summary>The parsed pattern, or null when the text does not parse.</summary>
    public FilterPattern? Pattern { get; }

    /// <summary>Why the text does not parse, or null when it does.</summary>
    public FilterPatternError? Error { get; }

    public bool Success => Pattern is not null;

    internal static ParseResult Parsed(FilterPattern pattern) => new(pattern, null);

    internal static ParseResult Failed(FilterPatternError error) => new(null, error);
}
