namespace CloudAudit.Checks.CloudWatch.FilterPatterns;

/// <summary>
/// One CIS AWS Foundations "Monitoring" control: a metric filter on the CloudTrail log group must
/// catch the events it names. Numbered as in v3.0–v5.0 (4.x); v6.0 and v7.0 number it 5.x.
/// </summary>
public sealed record CisMonitoringControl
{
    /// <summary>The control number in CIS v3.0, v4.0 and v5.0, such as "4.4".</summary>
    public required string Id { get; init; }

    /// <summary>The same control's number in CIS v6.0 and v7.0, such as "5.4".</summary>
    public string V6Id => "5." + Id[(Id.IndexOf('.', StringComparison.Ordinal) + 1)..];

    /// <summary>Our short name for what the control watches.</summary>
    public required string Title { get; init; }

    /// <summary>The metric filter name we recommend creating, such as "CIS-4.4".</summary>
    public string FilterName => $"CIS-{Id}";

    /// <summary>The metric the filter should publish, such as "CIS-4-4".</summary>
    public string MetricName => $"CIS-{Id.Replace('.', '-')}";

    /// <summary>The namespace of that metric.</summary>
    public string MetricNamespace => "CISBenchmark";

    /// <summary>
    /// The filter pattern we recommend: complete (never abbreviated), with every string quoted and every
    /// combination parenthesised so it reads the same whatever one believes about operator precedence.
    /// </summary>
    public required string RecommendedPattern { get; init; }

    /// <summary>
    /// The event names the control lists (v5.0), in CIS order; empty for the controls defined by a
    /// condition rather than a list (4.1, 4.2, 4.3, 4.6).
    /// </summary>
    public IReadOnlyList<string> EventNames { get; init; } = [];

    /// <summary>The eventSource the CIS pattern limits the list to (4.7, 4.8, 4.9, 4.13, 4.15), or null.</summary>
    public string? EventSource { get; init; }

    /// <summary>
    /// True for the controls about every service's events (4.1 unauthorized calls, 4.3 root activity): a trail that
    /// leaves out any source's or event's management events cannot serve them.
    /// </summary>
    public bool WatchesEveryService { get; init; }

    /// <summary>One synthetic CloudTrail record for each event the control is about; a monitor must match them all.</summary>
    public required IReadOnlyList<CloudTrailSample> RequiredEvents { get; init; }

    public override string ToString() => $"CIS {Id} {Title}";
}
