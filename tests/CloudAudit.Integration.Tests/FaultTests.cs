using CloudAudit.Integration.Tests.Moto;
using static CloudAudit.Integration.Tests.Scenarios;

namespace CloudAudit.Integration.Tests;

/// <summary>
/// Answers moto cannot give, injected by a proxy in front of it: throttling, denial and a malformed body end as
/// NOT ASSESSED with their cause, never PASS; a pending SNS subscription is not a confirmed one.
/// </summary>
[Collection(nameof(MotoCollection))]
public sealed class FaultTests(MotoServer moto) : IDisposable
{
    private readonly FaultProxy proxy = new(moto.Endpoint);

    public void Dispose() => proxy.Dispose();

    private CliRun ScanThroughProxy() => moto.Scan("monitored", "--endpoint-url", proxy.Endpoint.ToString());

    [MotoFact]
    public void Throttling_that_outlasts_the_retries_leaves_trail_checks_not_assessed()
    {
        proxy.Answer("cloudtrail", "DescribeTrails", FaultProxy.JsonError("ThrottlingException", "Rate exceeded"));

        var run = ScanThroughProxy();

        var trailChecks = MonitoringFamily.Where(id => id != "aws-sh-001").ToList();
        AssertFamily(run, All(trailChecks, "NOT_ASSESSED"));
        AssertCause(run, "aws-ct-001", "throttled", "ThrottlingException");
        var calls = run.Report.GetProperty("api_calls").GetProperty("cloudtrail");
        Assert.Equal(20, calls.GetProperty("throttles").GetInt32()); // two regions, ten attempts each
        Assert.Equal(18, calls.GetProperty("retries").GetInt32());
    }

    [MotoFact]
    public void A_throttle_storm_on_a_quarter_of_all_requests_and_on_the_account_lookup_still_ends_in_the_same_verdicts()
    {
        // Every fourth request throttled, whatever its service, and sts:GetCallerIdentity, the one call every scan
        // needs, throttled five times running: more than the three attempts of the AWS CLI's default.
        var requests = 0;
        var lookups = 0;
        bool Throttled(WireRequest r) => r.Operation == "GetCallerIdentity"
            ? Interlocked.Increment(ref lookups) <= 5
            : Interlocked.Increment(ref requests) % 4 == 0;
        proxy.Answer(r => r.Operation is null && Throttled(r), new CannedResponse(503, "application/xml",
            "<Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message></Error>"));
        proxy.Answer(r => r.Body.StartsWith("Action=", StringComparison.Ordinal) && Throttled(r), new CannedResponse(400, "text/xml",
            "<ErrorResponse><Error><Type>Sender</Type><Code>Throttling</Code><Message>Rate exceeded</Message></Error></ErrorResponse>"));
        proxy.Answer(r => r.Operation is not null && !r.Body.StartsWith("Action=", StringComparison.Ordinal) && Throttled(r),
            FaultProxy.JsonError("ThrottlingException", "Rate exceeded"));

        var run = ScanThroughProxy();

        Assert.True(run.ExitCode == 0, run.Stderr);
        AssertFamily(run, new Dictionary<string, string>());
        var calls = run.Report.GetProperty("api_calls").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetProperty("throttles").GetInt32());
        Assert.True(calls["sts"] >= 5, $"sts throttles: {calls["sts"]}");
        Assert.True(calls.Values.Sum() >= requests / 4, $"{calls.Values.Sum()} throttles counted of {requests} requests");
    }

    [MotoFact]
    public void Denied_metric_filters_leave_the_alarm_controls_not_assessed()
    {
        proxy.Answer("logs", "DescribeMetricFilters", FaultProxy.JsonError("AccessDeniedException",
            "User is not authorized to perform: logs:DescribeMetricFilters"));

        var run = ScanThroughProxy();

        AssertFamily(run, All(AlarmChecks, "NOT_ASSESSED"));
        AssertCause(run, "aws-cw-004", "access denied", "AccessDeniedException");
        Assert.Equal(1, run.Report.GetProperty("api_calls").GetProperty("logs").GetProperty("denials").GetInt32());
    }

    [MotoFact]
    public void A_malformed_alarm_listing_leaves_the_alarm_controls_not_assessed()
    {
        proxy.Answer("monitoring", "DescribeAlarms", new CannedResponse(200, "text/xml",
            """<DescribeAlarmsResponse xmlns="http://monitoring.amazonaws.com/doc/2010-08-01/"><DescribeAlarmsResult><MetricAlarms><member><AlarmName>cis-4-1"""));

        var run = ScanThroughProxy();

        AssertFamily(run, All(AlarmChecks, "NOT_ASSESSED"));
        AssertCause(run, "aws-cw-002", "error", "MalformedResponse");
    }

    [MotoFact]
    public void A_subscription_pending_confirmation_does_not_count()
    {
        var account = moto.Accounts["monitored"];
        proxy.Answer("sns", "ListSubscriptionsByTopic", new CannedResponse(200, "text/xml", $"""
            <ListSubscriptionsByTopicResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/">
              <ListSubscriptionsByTopicResult>
                <Subscriptions>
                  <member>
                    <TopicArn>arn:aws:sns:us-east-1:{account}:security-alerts</TopicArn>
                    <Protocol>email</Protocol>
                    <SubscriptionArn>PendingConfirmation</SubscriptionArn>
                    <Owner>{account}</Owner>
                    <Endpoint>security@example.com</Endpoint>
                  </member>
                </Subscriptions>
              </ListSubscriptionsByTopicResult>
              <ResponseMetadata><RequestId>5b3a8f1e-0000-4000-8000-000000000001</RequestId></ResponseMetadata>
            </ListSubscriptionsByTopicResponse>
            """));

        var run = ScanThroughProxy();

        AssertFamily(run, All(AlarmChecks, "FAIL"));
        Assert.Contains("no confirmed subscription", Assert.Single(run.FindingDescriptions("aws-cw-003")));
    }

    /// <summary>
    /// moto answers every LookupEvents with a 500, as a CloudTrail in an incident could: the scan gives up on the event
    /// history of each region after a few calls instead of retrying every lookup, and the detectors that read it are
    /// NOT ASSESSED with the cause, never PASS; the checks that do not read it are unaffected.
    /// </summary>
    [MotoFact]
    public void An_event_history_that_answers_500_to_every_lookup_leaves_the_detectors_not_assessed_and_is_given_up_on()
    {
        string[] detectors = ["aws-tf-004", "aws-tf-101", "aws-tf-105"];

        var run = CliRunner.Run(["scan", "--role-arn", moto.RoleArn("monitored"), "--regions", Regions, "--format", "json",
            "--checks", string.Join(",", [.. detectors, "aws-ct-001"]), "--endpoint-url", proxy.Endpoint.ToString()]);

        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Equal("PASS", run.Status("aws-ct-001"));
        var gaps = new List<System.Text.Json.JsonElement>();
        foreach (var detector in detectors)
        {
            Assert.True(run.Status(detector) == "NOT_ASSESSED", $"{detector}: {run.Result(detector)}");
            var own = run.Result(detector).GetProperty("gaps").EnumerateArray().ToList();
            Assert.NotEmpty(own);
            Assert.All(own, g => Assert.Equal(("cloudtrail", "LookupEvents", "error"),
                (g.GetProperty("service").GetString(), g.GetProperty("operation").GetString(), g.GetProperty("cause").GetString())));
            gaps.AddRange(own);
        }
        // Each region's history was given up on, with the cause named, and then not called again.
        foreach (var region in Regions.Split(','))
            Assert.Contains(gaps, g => g.GetProperty("region").GetString() == region && g.GetProperty("code").GetString() == "ServiceFailing"
                && g.GetProperty("message").GetString() == $"cloudtrail in {region} answered HTTP 500 to 5 calls in a row; not called again in this scan");
        var lookups = proxy.Requests.Where(FaultProxy.IsEventLookup).GroupBy(r => r.Region).ToDictionary(g => g.Key, g => g.Count());
        // Five calls of at most ten attempts each per region; the detectors ask for far more lookups than five.
        Assert.All(lookups, l => Assert.InRange(l.Value, 5, 5 * 10));
    }

    [Fact]
    public void Without_credentials_the_scan_says_so_in_one_line_and_exits_2()
    {
        var run = CliRunner.Run("scan", "--profile", "no-such-profile-cloud-audit");

        Assert.Equal(2, run.ExitCode);
        var line = Assert.Single(run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("no-such-profile-cloud-audit", line);
        Assert.Contains("cloud-audit demo", line);
        Assert.Empty(run.Stdout);
    }

    private static void AssertCause(CliRun run, string checkId, string cause, string code)
    {
        var gaps = run.Result(checkId).GetProperty("gaps").EnumerateArray().ToList();
        Assert.NotEmpty(gaps);
        Assert.Contains(gaps, g => g.GetProperty("cause").GetString() == cause && g.GetProperty("code").GetString() == code);
    }
}
