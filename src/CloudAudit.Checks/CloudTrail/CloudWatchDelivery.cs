using CloudAudit.Checks.Framework;
using CloudAudit.Inventory;

namespace CloudAudit.Checks.CloudTrail;

/// <summary>A qualifying trail's delivery into a CloudWatch Logs group.</summary>
public sealed record LogGroupDelivery(TrailState Trail, Arn LogGroup)
{
    public string LogGroupName => Inventory.Catalog.MonitoringCalls.LogGroupName(LogGroup);
}

/// <summary>
/// Which log groups receive every management event of every region, the precondition of all CIS
/// monitoring controls: a trail that qualifies (see <see cref="TrailCoverage"/>) and delivers to
/// CloudWatch Logs without a delivery error, and not stale by more than a day.
/// </summary>
public sealed class CloudWatchDelivery
{
    private static readonly TimeSpan Stale = TimeSpan.FromHours(24);

    private CloudWatchDelivery(IReadOnlyList<LogGroupDelivery> working, IReadOnlyList<string> problems, IReadOnlyList<DataGap> gaps)
    {
        Working = working;
        Problems = problems;
        Gaps = gaps;
    }

    public IReadOnlyList<LogGroupDelivery> Working { get; }
    /// <summary>Why each otherwise-qualifying trail does not deliver (no log group, delivery error, stale).</summary>
    public IReadOnlyList<string> Problems { get; }
    /// <summary>Reads whose absence could hide a working delivery.</summary>
    public IReadOnlyList<DataGap> Gaps { get; }

    public static CloudWatchDelivery Of(CheckContext context) => context.Shared(Build);

    private static CloudWatchDelivery Build(CheckContext context)
    {
        var coverage = TrailCoverage.Of(context);
        var working = new List<LogGroupDelivery>();
        var problems = new List<string>();
        foreach (var state in coverage.Qualifying)
        {
            var trail = state.Trail;
            if (trail.LogGroupArn is not { } logGroup)
                problems.Add($"trail {trail.Name} does not send its events to CloudWatch Logs");
            else if (!string.IsNullOrEmpty(state.Status?.LatestCloudWatchLogsDeliveryError))
                problems.Add($"trail {trail.Name} fails to deliver to CloudWatch Logs: {state.Status!.LatestCloudWatchLogsDeliveryError}");
            else if (DateTimeOffset.TryParse(state.Status?.LatestCloudWatchLogsDeliveryTime, System.Globalization.CultureInfo.InvariantCulture, out var last)
                     && context.Now - last > Stale)
                problems.Add($"trail {trail.Name} last delivered to CloudWatch Logs at {last:u}, more than a day before the scan");
            else
                working.Add(new LogGroupDelivery(state, logGroup));
        }
        var gaps = coverage.Listing.Gaps.Concat(coverage.Undecided.SelectMany(t => t.Gaps)).ToList();
        return new CloudWatchDelivery(working, problems, gaps);
    }
}
