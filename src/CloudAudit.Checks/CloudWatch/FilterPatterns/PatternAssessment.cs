namespace CloudAudit.Checks.CloudWatch.FilterPatterns;

/// <summary>
/// Whether a deployed filter pattern monitors what a CIS control asks for, decided by evaluating it
/// against synthetic CloudTrail records. It passes when it parses, matches every required event and
/// matches none of the ordinary (benign) events.
/// </summary>
public sealed record PatternAssessment
{
    private const int NamesShown = 8;

    public required CisMonitoringControl Control { get; init; }

    /// <summary>The pattern text that was assessed.</summary>
    public required string Pattern { get; init; }

    /// <summary>Why the pattern could not be read, or null when it parsed.</summary>
    public FilterPatternError? ParseError { get; init; }

    /// <summary>Labels of the required events the pattern does not match, in table order.</summary>
    public IReadOnlyList<string> MissedEvents { get; init; } = [];

    /// <summary>Labels of the ordinary events the pattern matches ("ec2:DescribeInstances").</summary>
    public IReadOnlyList<string> MatchedBenignEvents { get; init; } = [];

    /// <summary>True when the pattern parses, covers every required event and matches no ordinary event.</summary>
    public bool Passes => ParseError is null && MissedEvents.Count == 0 && MatchedBenignEvents.Count == 0;

    /// <summary>One line for a person: why the pattern passes or fails.</summary>
    public string Explanation
    {
        get
        {
            if (ParseError is { } error) return $"pattern does not parse at column {error.Column}: {error.Reason}";
            if (Passes)
            {
                var count = Control.RequiredEvents.Count;
                return count == 1
                    ? $"matches the event CIS {Control.Id} is about and no ordinary activity"
                    : $"matches all {count} events CIS {Control.Id} names and no ordinary activity";
            }
            var reasons = new List<string>();
            if (MissedEvents.Count > 0) reasons.Add($"misses {List(MissedEvents)}");
            if (MatchedBenignEvents.Count > 0) reasons.Add($"matches ordinary API calls such as {List(MatchedBenignEvents)}, so it is not a monitor");
            return string.Join("; and it ", reasons);
        }
    }

    private static string List(IReadOnlyList<string> names) => names.Count <= NamesShown
        ? string.Join(", ", names)
        : $"{string.Join(", ", names.Take(NamesShown))} and {names.Count - NamesShown} more";

    public override string ToString() => $"CIS {Control.Id}: {(Passes ? "pass" : "fail")}: {Explanation}";
}
