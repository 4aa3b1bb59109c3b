using E = CloudAudit.Checks.CloudWatch.FilterPatterns.CisMonitoringEvents;

namespace CloudAudit.Checks.CloudWatch.FilterPatterns;

/// <summary>
/// The fifteen CIS AWS Foundations monitoring controls (v3.0–v5.0 4.1–4.15; v6.0/v7.0 5.1–5.15), and
/// the semantic test of a deployed metric filter against them. Event lists follow v5.0, which added
/// ModifySecurityGroupRules to 4.10.
/// </summary>
public static class CisMonitoringControls
{
    /// <summary>All fifteen controls in order, 4.1 to 4.15.</summary>
    public static IReadOnlyList<CisMonitoringControl> All { get; } =
    [
        ByCondition("4.1", "Unauthorized API calls", E.UnauthorizedCalls,
            """{ ($.errorCode = "*UnauthorizedOperation") || (($.errorCode = "AccessDenied*") && ($.sourceIPAddress != "delivery.logs.amazonaws.com") && ($.eventName != "HeadBucket")) }""", everyService: true),
        ByCondition("4.2", "Console sign-in without MFA", E.SignInWithoutMfa,
            """{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") && ($.userIdentity.type = "IAMUser") && ($.responseElements.ConsoleLogin = "Success") }"""),
        ByCondition("4.3", "Root user activity", E.RootActivity,
            """{ ($.userIdentity.type = "Root") && ($.userIdentity.invokedBy NOT EXISTS) && ($.eventType != "AwsServiceEvent") }""", everyService: true),
        ByEventList("4.4", "IAM policy changes", E.IamPolicyChanges),
        ByEventList("4.5", "CloudTrail configuration changes", E.CloudTrailChanges),
        ByCondition("4.6", "Console sign-in failures", E.SignInFailures,
            """{ ($.eventName = "ConsoleLogin") && ($.errorMessage = "Failed authentication") }"""),
        ByEventList("4.7", "Customer-managed KMS keys disabled or scheduled for deletion", E.KeyDisablingOrDeletion, "kms.amazonaws.com"),
        ByEventList("4.8", "S3 bucket policy changes", E.BucketPolicyChanges, "s3.amazonaws.com"),
        ByEventList("4.9", "AWS Config configuration changes", E.ConfigChanges, "config.amazonaws.com"),
        ByEventList("4.10", "Security group changes", E.SecurityGroupChanges),
        ByEventList("4.11", "Network ACL changes", E.NetworkAclChanges),
        ByEventList("4.12", "Network gateway changes", E.NetworkGatewayChanges),
        ByEventList("4.13", "Route table changes", E.RouteTableChanges, "ec2.amazonaws.com"),
        ByEventList("4.14", "VPC changes", E.VpcChanges),
        ByEventList("4.15", "AWS Organizations changes", E.OrganizationsChanges, "organizations.amazonaws.com"),
    ];

    /// <summary>
    /// Ordinary, successful activity that no monitor may match: read-only calls by an IAM user or an
    /// assumed role in every watched service (ec2:DescribeInstances, s3:ListBuckets,
    /// sts:GetCallerIdentity, iam:ListUsers …) and a console sign-in with MFA.
    /// </summary>
    public static IReadOnlyList<CloudTrailSample> BenignEvents => E.Benign;

    /// <summary>The control with the v3.0–v5.0 number <paramref name="id"/>, such as "4.4".</summary>
    /// <exception cref="ArgumentException">No monitoring control has that number.</exception>
    public static CisMonitoringControl Get(string id) =>
        All.FirstOrDefault(c => c.Id == id)
        ?? throw new ArgumentException($"no CIS monitoring control {id}; the numbers run from 4.1 to 4.15", nameof(id));

    /// <summary>
    /// Decides whether <paramref name="pattern"/> monitors <paramref name="control"/>: it must parse, match
    /// every required event, and match no benign event. Never throws for a malformed pattern.
    /// </summary>
    public static PatternAssessment Assess(string? pattern, CisMonitoringControl control)
    {
        ArgumentNullException.ThrowIfNull(control);
        // Accounts reuse the same few patterns: assess each (pattern, control) pair once per process.
        if (Assessed.Count > MaxRemembered) Assessed.Clear();
        return Assessed.GetOrAdd((pattern ?? "", control.Id), _ => AssessUncached(pattern, control));
    }

    private const int MaxRemembered = 10_000;
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(string Pattern, string Control), PatternAssessment> Assessed = new();

    private static PatternAssessment AssessUncached(string? pattern, CisMonitoringControl control)
    {
        var parsed = FilterPattern.Parse(pattern);
        if (parsed.Pattern is not { } filter)
            return new PatternAssessment { Control = control, Pattern = pattern ?? "", ParseError = parsed.Error };
        return new PatternAssessment
        {
            Control = control,
            Pattern = filter.Text,
            MissedEvents = [.. control.RequiredEvents.Where(e => !filter.Matches(e.Node)).Select(e => e.Label)],
            MatchedBenignEvents = [.. BenignEvents.Where(e => filter.Matches(e.Node)).Select(e => e.Label)],
        };
    }

    private static CisMonitoringControl ByCondition(string id, string title, IReadOnlyList<CloudTrailSample> events, string pattern, bool everyService = false) =>
        new() { Id = id, Title = title, RecommendedPattern = pattern, RequiredEvents = events, WatchesEveryService = everyService };

    private static CisMonitoringControl ByEventList(string id, string title, IReadOnlyList<CloudTrailSample> events, string? eventSource = null)
    {
        var names = events.Select(e => e.EventName).ToList();
        var anyName = string.Join(" || ", names.Select(name => $"($.eventName = \"{name}\")"));
        return new CisMonitoringControl
        {
            Id = id,
            Title = title,
            EventNames = names,
            EventSource = eventSource,
            RequiredEvents = events,
            RecommendedPattern = eventSource is null
                ? $"{{ {anyName} }}"
                : $"{{ ($.eventSource = \"{eventSource}\") && ({anyName}) }}",
        };
    }
}
