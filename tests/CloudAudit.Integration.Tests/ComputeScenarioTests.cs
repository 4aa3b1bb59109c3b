using CloudAudit.Integration.Tests.Moto;
using static CloudAudit.Integration.Tests.Catalogue;

namespace CloudAudit.Integration.Tests;

/// <summary>
/// Lambda and ECS checks against moto. moto has no ListFunctionUrlConfigs (it answers 404 Not Found, so aws-lambda-001
/// is NOT ASSESSED there, as it should be for any unreadable function) and does not keep a service's
/// enableExecuteCommand: both are tested from answers as AWS gives them.
/// </summary>
[Collection(nameof(MotoCollection))]
public sealed class ComputeScenarioTests(MotoServer moto) : CatalogueTests<ComputeScenarioTests>(moto), IServiceCatalogue
{
    /// <summary>The plain-text values seed_catalogue.py puts in the leaky function's environment.</summary>
    private static readonly string[] LambdaSecrets = ["Tr0ub4dor-and-3-horses", "sk_live_" + "4eC39HqLyjWDarjtT1zdp7dc"];

    public static IReadOnlyList<Expected> Table { get; } =
    [
        // moto: no ListFunctionUrlConfigs.
        new("aws-lambda-001", NotAssessed, NotAssessed, NotApplicable),
        new("aws-lambda-002", Pass, Fail, NotApplicable, "{legacy-function}") { Passes = ["{api-function}"] },
        new("aws-lambda-003", Pass, Fail, NotApplicable, "{leaky-function}") { Passes = ["{api-function}"] },
        // worker's privileged first revision was replaced by its second: only the latest revision counts.
        new("aws-ecs-001", Pass, Fail, NotApplicable, "{privileged-task}") { Passes = ["{web-task}"] },
        new("aws-ecs-002", Pass, Fail, NotApplicable, "{silent-task}") { Passes = ["{web-task}"] },
        // moto: enableExecuteCommand is not kept.
        new("aws-ecs-003", Pass, Pass, NotApplicable) { Passes = ["{web-service}"] },
    ];

    [MotoFact]
    public void A_missing_operation_leaves_the_URL_check_not_assessed_with_its_cause()
    {
        var gaps = Moto.CatalogueScan("exposed").Result("aws-lambda-001").GetProperty("gaps").EnumerateArray().ToList();

        Assert.Equal(3, gaps.Count); // one per function
        Assert.All(gaps, g => Assert.Equal("ListFunctionUrlConfigs", g.GetProperty("operation").GetString()));
    }

    [MotoFact]
    public void Secrets_in_environment_variables_are_named_and_their_values_never_printed()
    {
        var json = Moto.CatalogueScan("exposed");
        var console = Moto.Once("lambda console", () => CliRunner.Run("scan", "--role-arn", Moto.RoleArn("exposed"), "--regions",
            Scenarios.Regions, "--checks", "aws-lambda-003", "-R"));

        var finding = Assert.Single(json.FindingDescriptions("aws-lambda-003"));
        Assert.Contains("DB_PASSWORD", finding);
        Assert.Contains("STRIPE_API_KEY", finding);
        Assert.DoesNotContain("LOG_LEVEL", finding);
        Assert.Contains("leaky", console.Stdout);
        foreach (var output in new[] { json.Stdout, json.Stderr, console.Stdout, console.Stderr })
            Assert.All(LambdaSecrets, secret => Assert.DoesNotContain(secret, output, StringComparison.Ordinal));
    }

    [MotoFact]
    public void A_URL_open_to_anyone_and_a_service_with_ECS_Exec_as_AWS_report_them_fail()
    {
        var account = Moto.Accounts["exposed"];
        using var proxy = new FaultProxy(Moto.Endpoint)
            .Answer(r => r is { Service: "lambda", Method: "GET" } && r.Path.EndsWith("/urls", StringComparison.Ordinal),
                Recorded.RestJson("lambda/ListFunctionUrlConfigs-none.json"))
            .Answer(FunctionUrls("legacy-report"), Url("exposed", "legacy-function", "NONE"))
            .Answer(FunctionUrls("api"), Url("exposed", "api-function", "AWS_IAM"))
            .Answer("ecs", "DescribeServices", Recorded.Json("ecs/DescribeServices.json", ("account", account), ("exec", "true")));

        var run = Moto.ScanChecks("exposed", ["aws-lambda-001", "aws-ecs-003"], "--endpoint-url", proxy.Endpoint.ToString());

        AssertStatus(run, "aws-lambda-001", Fail, "exposed as AWS reports it");
        Moto.AssertFailures(run, "exposed", "aws-lambda-001", ["{legacy-function}"]);
        Assert.Contains("anyone can invoke without authentication (AuthType NONE)", Assert.Single(run.FindingDescriptions("aws-lambda-001")));
        AssertStatus(run, "aws-ecs-003", Fail, "exposed as AWS reports it");
        Moto.AssertFailures(run, "exposed", "aws-ecs-003", [$"arn:aws:ecs:us-east-1:{account}:service/main/web"]);
    }

    [MotoFact]
    public void A_URL_that_needs_signed_requests_as_AWS_reports_it_passes()
    {
        using var proxy = new FaultProxy(Moto.Endpoint)
            .Answer(FunctionUrls("api"), Url("hardened", "api-function", "AWS_IAM"));

        var run = Moto.ScanChecks("hardened", ["aws-lambda-001"], "--endpoint-url", proxy.Endpoint.ToString());

        AssertStatus(run, "aws-lambda-001", Pass, "hardened as AWS reports it");
    }

    /// <summary>ListFunctionUrlConfigs of one function: GET /2021-10-31/functions/{name}/urls.</summary>
    private static Func<WireRequest, bool> FunctionUrls(string function) =>
        r => r is { Service: "lambda", Method: "GET" } && r.Path.EndsWith($"/functions/{function}/urls", StringComparison.Ordinal);

    private CannedResponse Url(string scenario, string function, string authType) => Recorded.RestJson("lambda/ListFunctionUrlConfigs.json",
        ("url_id", "r4nd0mur1" + authType.ToLowerInvariant().Replace("_", "", StringComparison.Ordinal)),
        ("function_arn", Moto.Id(scenario, function)), ("auth_type", authType));
}
