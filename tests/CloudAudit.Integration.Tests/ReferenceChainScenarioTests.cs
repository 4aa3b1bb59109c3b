using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CloudAudit.Integration.Tests.Moto;

namespace CloudAudit.Integration.Tests;

/// <summary>
/// The reference tool's relationship chains that seed_chains.py leaves to this class, AC-05, AC-23, AC-24 and AC-29,
/// on the accounts of seed_chains_reference.py, scanned end to end once each: in <c>chains-reference</c> the parts of
/// each chain are linked resources and the chain names exactly them; in <c>chains-reference-decoy</c> the same findings
/// fail (an unpatched instance, an open security group, a URL without auth, an administrator role, a role any
/// workflow may assume) and the links exist elsewhere (an exposed instance, a role that reads the bucket, one that runs
/// commands), but not between the same resources, and none of the four chains fires. moto has no ListFunctionUrlConfigs,
/// DescribeInstanceInformation or DescribeInstancePatchStates: a proxy answers them from Recorded/ as AWS does, and gives
/// the public function's policy, whose URL condition moto keeps as a bare key, AWS's shape.
/// </summary>
[Collection(nameof(MotoCollection))]
public sealed class ReferenceChainScenarioTests(MotoServer moto)
{
    private static readonly string[] ReferenceChains = ["AC-05", "AC-23", "AC-24", "AC-29"];

    /// <summary>What seed_chains_reference.py printed: its accounts and the IDs moto gave their resources.</summary>
    public sealed record Seed(Dictionary<string, string> Accounts, Dictionary<string, Dictionary<string, string>> Ids);

    private Seed Seeded => moto.SeedOnce<Seed>("seed_chains_reference.py");

    private string Account(string scenario) => Seeded.Accounts[scenario];

    private string Instance(string scenario, string name) => $"arn:aws:ec2:us-east-1:{Account(scenario)}:instance/{Seeded.Ids[scenario][name]}";

    private string Iam(string scenario, string resource) => $"arn:aws:iam::{Account(scenario)}:{resource}";

    private JsonElement Scan(string scenario)
    {
        var run = moto.Once($"reference chains scan {scenario}", () =>
        {
            using var proxy = AnswersMotoLacks(scenario);
            return CliRunner.Run("scan", "--role-arn", $"arn:aws:iam::{Account(scenario)}:role/auditor", "--regions", "us-east-1",
                "--format", "json", "--quiet", "--endpoint-url", proxy.Endpoint.ToString());
        });
        Assert.True(run.ExitCode == 1, run.Stderr);
        return run.Report;
    }

    /// <summary>
    /// ListFunctionUrlConfigs of both functions, and Systems Manager's view of the three instances: all managed,
    /// scanned by Patch Manager a day ago, legacy-web missing seven patches. public-api's policy as AWS gives it.
    /// </summary>
    private FaultProxy AnswersMotoLacks(string scenario)
    {
        var ids = Seeded.Ids[scenario];
        var now = DateTimeOffset.UtcNow;
        (string, string)[] fleet =
        [
            ("legacy_web", ids["legacy-web"]), ("front", ids["front"]), ("batch", ids["batch"]),
            ("ping_epoch", Epoch(now.AddMinutes(-4))), ("scan_epoch", Epoch(now.AddDays(-1))), ("scan_start_epoch", Epoch(now.AddDays(-1).AddMinutes(-3))),
        ];
        return new FaultProxy(moto.Endpoint)
            .Answer(FunctionUrls("public-api"), Url(ids["public-api"], "NONE", "w5ks3hq2tmbz7xle6vrn4cpjod0yafgu"))
            .Answer(FunctionUrls("admin-jobs"), Url(ids["admin-jobs"], "AWS_IAM", "b2nq8rj5xkv3mzc7tdl4hwe6upgy1foa"))
            .Answer("ssm", "DescribeInstanceInformation", Recorded.Json("ssm/DescribeInstanceInformation.json", fleet))
            .Answer("ssm", "DescribeInstancePatchStates", Recorded.Json("ssm/DescribeInstancePatchStates.json", fleet))
            .Rewrite(r => r is { Service: "lambda", Method: "GET" } && r.Path.EndsWith("/functions/public-api/policy", StringComparison.Ordinal),
                UrlAuthTypeAsCondition);
    }

    /// <summary>
    /// moto keeps AddPermission's FunctionUrlAuthType and InvokedViaFunctionUrl as bare keys of the statement, which no
    /// policy grammar allows; AWS writes them as the conditions {"StringEquals": {"lambda:FunctionUrlAuthType": "NONE"}}
    /// and {"Bool": {"lambda:InvokedViaFunctionUrl": "true"}}.
    /// </summary>
    private static string UrlAuthTypeAsCondition(string body)
    {
        var answer = JsonNode.Parse(body)!.AsObject();
        var policy = JsonNode.Parse(answer["Policy"]!.GetValue<string>())!;
        foreach (var statement in policy["Statement"]!.AsArray().OfType<JsonObject>())
            if (statement.Remove("FunctionUrlAuthType", out var authType))
                statement["Condition"] = new JsonObject { ["StringEquals"] = new JsonObject { ["lambda:FunctionUrlAuthType"] = authType } };
            else if (statement.Remove("InvokedViaFunctionUrl", out var viaUrl))
                statement["Condition"] = new JsonObject { ["Bool"] = new JsonObject { ["lambda:InvokedViaFunctionUrl"] = viaUrl!.ToString().ToLowerInvariant() } };
        answer["Policy"] = policy.ToJsonString();
        return answer.ToJsonString();
    }

    private static string Epoch(DateTimeOffset at) => at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    /// <summary>ListFunctionUrlConfigs of one function: GET /2021-10-31/functions/{name}/urls.</summary>
    private static Func<WireRequest, bool> FunctionUrls(string function) =>
        r => r is { Service: "lambda", Method: "GET" } && r.Path.EndsWith($"/functions/{function}/urls", StringComparison.Ordinal);

    private static CannedResponse Url(string functionArn, string authType, string urlId) =>
        Recorded.RestJson("lambda/ListFunctionUrlConfigs.json", ("url_id", urlId), ("function_arn", functionArn), ("auth_type", authType));

    private static List<JsonElement> Chains(JsonElement report, string id) =>
        [.. report.GetProperty("attack_chains").EnumerateArray().Where(c => c.GetProperty("chain_id").GetString() == id)];

    private static IReadOnlyList<string> Resources(JsonElement chain) =>
        [.. chain.GetProperty("resources").EnumerateArray().Select(r => r.GetString()!)];

    private static IReadOnlyList<string> ChainChecks(JsonElement chain) =>
        [.. chain.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("check_id").GetString()!).Distinct().Order(StringComparer.Ordinal)];

    private static JsonElement Result(JsonElement report, string check) =>
        report.GetProperty("results").EnumerateArray().Single(r => r.GetProperty("check_id").GetString() == check);

    /// <summary>The distinct resources the check fails, in order, after asserting that it fails.</summary>
    private static IReadOnlyList<string> Failing(JsonElement report, string check)
    {
        var result = Result(report, check);
        Assert.True(result.GetProperty("status").GetString() == "FAIL", $"{check}: {result}");
        return [.. result.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("resource_id").GetString()!)
            .Distinct().Order(StringComparer.Ordinal)];
    }

    /// <summary>Whether the report's security graph has an edge of the type from one node to another.</summary>
    private static bool Edge(JsonElement report, string type, string source, string target) =>
        report.GetProperty("security_graph").GetProperty("edges").EnumerateArray().Any(e =>
            e.GetProperty("type").GetString() == type && e.GetProperty("source").GetString() == source && e.GetProperty("target").GetString() == target);

    [MotoFact]
    public void Each_reference_relationship_chain_fires_on_exactly_the_resources_that_are_linked()
    {
        const string scenario = "chains-reference";
        var report = Scan(scenario);

        var publicFunction = Assert.Single(Chains(report, "AC-05"));
        Assert.Equal([Seeded.Ids[scenario]["public-api"], Iam(scenario, "role/api-admin")], Resources(publicFunction));
        Assert.Equal(["aws-iam-005", "aws-lambda-001"], ChainChecks(publicFunction));
        // The function's policy (public invoke, in AWS's shape) was read: the engine could decide who may change its code.
        Assert.True(Edge(report, "can_control", Iam(scenario, "role/api-admin"), Seeded.Ids[scenario]["public-api"]));

        var exfiltration = Assert.Single(Chains(report, "AC-23"));
        Assert.Equal([Iam(scenario, "role/ci-data"), $"arn:aws:s3:::data-{Account(scenario)}"], Resources(exfiltration));
        Assert.Equal(["aws-iam-007"], ChainChecks(exfiltration));

        var lateral = Assert.Single(Chains(report, "AC-24"));
        Assert.Equal([Iam(scenario, "role/ci-ops"), Instance(scenario, "batch")], Resources(lateral));
        Assert.Equal(["aws-iam-007"], ChainChecks(lateral));

        // front is exposed too, but patched: only the unpatched instance the internet reaches is a chain.
        var unpatched = Assert.Single(Chains(report, "AC-29"));
        Assert.Equal([Instance(scenario, "legacy-web")], Resources(unpatched));
        Assert.Equal(["aws-ssm-003", "aws-vpc-002"], ChainChecks(unpatched));
    }

    [MotoFact]
    public void The_decoy_has_the_same_findings_on_unlinked_resources_and_none_of_the_four_chains()
    {
        const string scenario = "chains-reference-decoy";
        var report = Scan(scenario);
        var ids = Seeded.Ids[scenario];

        Assert.Equal([Instance(scenario, "legacy-web")], Failing(report, "aws-ssm-003"));
        Assert.StartsWith($"{ids["web-open"]}/", Assert.Single(Failing(report, "aws-vpc-002"))); // group/rule
        Assert.Equal([ids["public-api"]], Failing(report, "aws-lambda-001"));
        Assert.Contains(Iam(scenario, "role/api-admin#access"), Failing(report, "aws-iam-005"));
        Assert.Equal([Iam(scenario, "role/ci-open")], Failing(report, "aws-iam-007"));

        // The links exist, between other resources: a patched instance the internet reaches, a bound role that reads
        // the bucket, a bound role that may run commands on batch.
        Assert.True(Edge(report, "reachable_from_internet", "internet", Instance(scenario, "front")));
        Assert.False(Edge(report, "reachable_from_internet", "internet", Instance(scenario, "legacy-web")));
        Assert.True(Edge(report, "can_read", Iam(scenario, "role/ci-data"), $"arn:aws:s3:::data-{Account(scenario)}"));
        Assert.True(Edge(report, "can_control", Iam(scenario, "role/ci-ops"), Instance(scenario, "batch")));

        foreach (var id in ReferenceChains)
            Assert.True(Chains(report, id).Count == 0, $"{id} fired in the decoy: {string.Join(", ", Chains(report, id).SelectMany(Resources))}");
    }
}
