using System.Globalization;
using CloudAudit.Integration.Tests.Moto;

namespace CloudAudit.Integration.Tests;

/// <summary>
/// <c>threat-feed</c> live, through the proxy in front of moto: LookupEvents answers as CloudTrail sends them (epoch
/// event times, the full record as a string, user agents, a next-page token) are replayed from Recorded/cloudtrail,
/// since moto's event history holds next to nothing; a throttled history is NOT ASSESSED, never PASS.
/// </summary>
[Collection(nameof(MotoCollection))]
public sealed class ThreatFeedWireTests(MotoServer moto) : IDisposable
{
    private const string NextToken = "kbOt5LlZe++mErCebpy2TgaMgmDvF1kYGFcH64JSjIbZFjsuvrSqg66b5YGssKutDYIyII4lrP4IDbeQdiObkp9YiAXLVbSnUakY6HOjVk2Ca6Df8Uj+8A==";

    // moto has no LookupEvents: every lookup the test does not answer otherwise finds no event.
    private readonly FaultProxy proxy = new FaultProxy(moto.Endpoint).WithEmptyEventHistory();

    public void Dispose() => proxy.Dispose();

    private static bool GetCallerIdentityLookup(WireRequest r) =>
        FaultProxy.IsEventLookup(r) && r.Region == "us-east-1" && r.Body.Contains("\"GetCallerIdentity\"", StringComparison.Ordinal);

    // The token as the request carries it (JSON-escaped: System.Text.Json writes '+' as \u002B).
    private static bool SecondPage(WireRequest r) =>
        System.Text.Json.JsonDocument.Parse(r.Body).RootElement.TryGetProperty("NextToken", out var token) && token.GetString() == NextToken;

    private CannedResponse Page(int page)
    {
        var now = DateTimeOffset.UtcNow;
        string Iso(TimeSpan ago) => (now - ago).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        string Epoch(TimeSpan ago) => (now - ago).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        return Recorded.Json($"cloudtrail/LookupEvents-GetCallerIdentity-{page}.json", ("account", moto.Accounts["monitored"]),
            ("recent", Iso(TimeSpan.FromHours(2))), ("recent_epoch", Epoch(TimeSpan.FromHours(2))),
            ("earlier", Iso(TimeSpan.FromHours(9))), ("earlier_epoch", Epoch(TimeSpan.FromHours(9))), ("next_token", NextToken));
    }

    private CliRun ThreatFeed(params string[] extra) => CliRunner.Run(["threat-feed", "--role-arn", moto.RoleArn("monitored"),
        "--regions", Scenarios.Regions, "--format", "json", "--endpoint-url", proxy.Endpoint.ToString(), .. extra]);

    [MotoFact]
    public void A_secret_scanner_found_over_two_pages_is_critical_and_exits_1()
    {
        proxy.Answer(GetCallerIdentityLookup, Page(1));
        proxy.Answer(r => GetCallerIdentityLookup(r) && SecondPage(r), Page(2));

        var run = ThreatFeed("--pattern", "aws-tf-004", "--since", "12h");

        Assert.True(run.ExitCode == 1, run.Stderr);
        Assert.Equal("FAIL", run.Status("aws-tf-004"));
        var finding = run.Result("aws-tf-004").GetProperty("findings").EnumerateArray().Single();
        Assert.Equal("CRITICAL", finding.GetProperty("severity").GetString()?.ToUpperInvariant());
        Assert.Equal("TF-004-trufflehog-ua-cloudtrail", finding.GetProperty("threat_pattern_id").GetString());
        var description = finding.GetProperty("description").GetString()!;
        Assert.Contains("AKIAEXAMPLELEAKED001 of user ci-deployer was checked with sts:GetCallerIdentity by TruffleHog 2 times", description);
        Assert.Contains("from 185.220.101.34", description);

        // Two pages in us-east-1, the second asked with the first one's token, over the window asked for.
        var lookups = proxy.Requests.Where(GetCallerIdentityLookup).ToList();
        Assert.Equal(2, lookups.Count);
        Assert.False(SecondPage(lookups[0]));
        Assert.True(SecondPage(lookups[1]));
        Assert.Contains("\"StartTime\"", lookups[0].Body);
        Assert.Contains("\"EndTime\"", lookups[0].Body);
        // Only the detector asked for was collected: no other event name was looked up.
        Assert.All(proxy.Requests.Where(FaultProxy.IsEventLookup), r => Assert.Contains("GetCallerIdentity", r.Body));
    }

    [MotoFact]
    public void A_throttled_event_history_is_not_assessed_never_passed()
    {
        proxy.Answer(GetCallerIdentityLookup, FaultProxy.JsonError("ThrottlingException", "Rate exceeded"));

        var run = ThreatFeed("--pattern", "aws-tf-004");

        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Equal("NOT_ASSESSED", run.Status("aws-tf-004"));
        Assert.Contains(run.Result("aws-tf-004").GetProperty("gaps").EnumerateArray(),
            g => g.GetProperty("cause").GetString() == "throttled" && g.GetProperty("code").GetString() == "ThrottlingException");
    }

    [MotoFact]
    public void A_window_cut_short_keeps_what_was_read_and_says_the_rest_is_missing()
    {
        proxy.Answer(GetCallerIdentityLookup, Page(1));
        proxy.Answer(r => GetCallerIdentityLookup(r) && SecondPage(r), FaultProxy.JsonError("ThrottlingException", "Rate exceeded"));

        var run = ThreatFeed("--pattern", "aws-tf-004");

        var result = run.Result("aws-tf-004");
        Assert.Equal("FAIL", result.GetProperty("status").GetString());
        Assert.Contains("was checked with sts:GetCallerIdentity by TruffleHog at ", result.GetProperty("findings")[0].GetProperty("description").GetString());
        Assert.Contains(result.GetProperty("gaps").EnumerateArray(), g => g.GetProperty("code").GetString() == "ThrottlingException"
            && g.GetProperty("message").GetString()!.Contains("page 2 failed", StringComparison.Ordinal));
    }
}
