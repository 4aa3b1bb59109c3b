using CloudAudit.Integration.Tests.Moto;
using static CloudAudit.Integration.Tests.Catalogue;

namespace CloudAudit.Integration.Tests;

/// <summary>
/// The checks moto cannot serve, judged live from AWS's own answers (Recorded/): IAM Access Analyzer (aws-iam-012:
/// moto has no ListAnalyzers, it answers 500) and Security Hub's "not subscribed" answer (aws-sh-001: moto serves
/// DescribeHub for an enabled hub, and answers differently from AWS for one that is not). Each is failed, passed and
/// not assessed through a proxy in front of moto.
/// </summary>
[Collection(nameof(MotoCollection))]
public sealed class RecordedOnlyChecksTests(MotoServer moto)
{
    private static Func<WireRequest, bool> ListAnalyzers(string region) =>
        r => r is { Service: "access-analyzer", Method: "GET", Path: "/analyzer" } && r.Region == region;

    private static Func<WireRequest, bool> DescribeHub(string region) =>
        r => r is { Service: "securityhub", Method: "GET", Path: "/accounts" } && r.Region == region;

    private CannedResponse Analyzers(string file, string region, string type = "ACCOUNT") =>
        Recorded.RestJson($"accessanalyzer/{file}", ("account", moto.Accounts["hardened"]), ("region", region), ("type", type));

    [MotoFact]
    public void An_active_external_access_analyzer_in_every_region_passes_iam_012()
    {
        using var proxy = new FaultProxy(moto.Endpoint)
            .Answer(ListAnalyzers("us-east-1"), Analyzers("ListAnalyzers-active.json", "us-east-1"))
            .Answer(ListAnalyzers("eu-west-1"), Analyzers("ListAnalyzers-active.json", "eu-west-1", "ORGANIZATION"));

        var run = moto.ScanChecks("hardened", ["aws-iam-012"], "--endpoint-url", proxy.Endpoint.ToString());

        AssertStatus(run, "aws-iam-012", Pass, "hardened, analyzers as AWS lists them");
        Assert.Equal(2, run.Result("aws-iam-012").GetProperty("resources_scanned").GetInt32());
        Assert.Equal(2, proxy.Requests.Count(r => r.Service == "access-analyzer"));
    }

    [MotoFact]
    public void A_region_with_only_an_unused_access_analyzer_and_a_failed_one_fails_iam_012_there_alone()
    {
        var account = moto.Accounts["hardened"];
        using var proxy = new FaultProxy(moto.Endpoint)
            .Answer(ListAnalyzers("us-east-1"), Analyzers("ListAnalyzers-active.json", "us-east-1"))
            .Answer(ListAnalyzers("eu-west-1"), Analyzers("ListAnalyzers-inactive.json", "eu-west-1"));

        var run = moto.ScanChecks("hardened", ["aws-iam-012"], "--endpoint-url", proxy.Endpoint.ToString());

        AssertStatus(run, "aws-iam-012", Fail, "hardened, no active external-access analyzer in eu-west-1");
        Assert.Equal([$"arn:aws:access-analyzer:eu-west-1:{account}:analyzer"], Failures(run, "aws-iam-012"));
        var finding = Assert.Single(run.FindingDescriptions("aws-iam-012"));
        Assert.Contains("org-external is failed", finding);
        Assert.DoesNotContain("UnusedAccess-90d", finding);
    }

    [MotoFact]
    public void Analyzers_denied_in_one_region_leave_iam_012_not_assessed_never_passed()
    {
        using var proxy = new FaultProxy(moto.Endpoint)
            .Answer(ListAnalyzers("us-east-1"), Analyzers("ListAnalyzers-active.json", "us-east-1"))
            .Answer(ListAnalyzers("eu-west-1"), Recorded.RestJsonError(403, "AccessDeniedException", "accessanalyzer/AccessDenied.json",
                ("account", moto.Accounts["hardened"])));

        var run = moto.ScanChecks("hardened", ["aws-iam-012"], "--endpoint-url", proxy.Endpoint.ToString());

        AssertStatus(run, "aws-iam-012", NotAssessed, "hardened, ListAnalyzers denied in eu-west-1");
        Assert.Contains("AccessDeniedException", run.Result("aws-iam-012").GetProperty("gaps").GetRawText());
    }

    [MotoFact]
    public void Security_Hub_not_subscribed_in_one_region_as_AWS_answers_fails_sh_001_there_alone()
    {
        var account = moto.Accounts["monitored"];
        using var proxy = new FaultProxy(moto.Endpoint)
            .Answer(DescribeHub("eu-west-1"), Recorded.RestJsonError(401, "InvalidAccessException",
                "securityhub/DescribeHub-not-subscribed.json", ("account", account)));

        var run = CliRunner.Run("scan", "--role-arn", moto.RoleArn("monitored"), "--regions", Scenarios.Regions, "--format", "json",
            "--checks", "aws-sh-001", "--endpoint-url", proxy.Endpoint.ToString());

        AssertStatus(run, "aws-sh-001", Fail, "monitored, not subscribed in eu-west-1");
        Assert.Equal([$"arn:aws:securityhub:eu-west-1:{account}:hub/default"], Failures(run, "aws-sh-001"));
        Assert.Equal(2, run.Result("aws-sh-001").GetProperty("resources_scanned").GetInt32());
    }

    [MotoFact]
    public void Security_Hub_denied_leaves_sh_001_not_assessed_never_passed()
    {
        using var proxy = new FaultProxy(moto.Endpoint)
            .Answer(DescribeHub("eu-west-1"), Recorded.RestJsonError(403, "AccessDeniedException",
                "securityhub/AccessDenied.json", ("account", moto.Accounts["monitored"])));

        var run = CliRunner.Run("scan", "--role-arn", moto.RoleArn("monitored"), "--regions", Scenarios.Regions, "--format", "json",
            "--checks", "aws-sh-001", "--endpoint-url", proxy.Endpoint.ToString());

        AssertStatus(run, "aws-sh-001", NotAssessed, "monitored, DescribeHub denied in eu-west-1");
        Assert.Contains("AccessDeniedException", run.Result("aws-sh-001").GetProperty("gaps").GetRawText());
    }
}
