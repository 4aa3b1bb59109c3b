using System.Text.Json.Nodes;
using CloudAudit.Transport.Http;
using CloudAudit.Transport.Signing;

namespace CloudAudit.Transport.Tests.Integration;

/// <summary>Real operations, across the five protocols, against the moto emulator (seeded by seed_moto.py).</summary>
[Collection(nameof(MotoCollection))]
public sealed class MotoIntegrationTests(MotoServer moto) : IDisposable
{
    private readonly AwsClient client = new(new AwsClientOptions
    {
        Credentials = _ => Task.FromResult(new SigningCredentials("testing", "testing")),
        EndpointUrl = moto.Endpoint,
        RetryBaseDelay = TimeSpan.FromMilliseconds(10),
    });

    public void Dispose() => client.Dispose();

    [MotoFact]
    public async Task Sts_get_caller_identity_over_query()
    {
        var result = await client.ReadAsync("sts", "us-east-1", "GetCallerIdentity", null, CancellationToken.None);

        Assert.Equal("123456789012", (string?)result.Response!["Account"]);
    }

    [MotoFact]
    public async Task Iam_list_users_is_global_and_drops_the_paging_members()
    {
        var result = await client.ReadAsync("iam", "global", "ListUsers", null, CancellationToken.None);

        var users = result.Response!["Users"]!.AsArray();
        Assert.Equal(120, users.Count);
        Assert.Equal(120, users.Select(u => (string?)u!["UserName"]).Distinct().Count());
        Assert.Equal(["Users"], result.Response.Select(p => p.Key));
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{6})?\+00:00$", (string?)users[0]!["CreateDate"]);
        // moto answers ListUsers in one page whatever MaxItems says; paging over query is covered with a fake handler.
    }

    [MotoFact]
    public async Task Ec2_describe_regions_over_ec2_protocol()
    {
        var result = await client.ReadAsync("ec2", "us-east-1", "DescribeRegions", null, CancellationToken.None);

        Assert.Contains(result.Response!["Regions"]!.AsArray(), r => (string?)r!["RegionName"] == "eu-west-1");
    }

    [MotoFact]
    public async Task Cloudtrail_describe_trails_over_json_1_1()
    {
        var result = await client.ReadAsync("cloudtrail", "eu-west-1", "DescribeTrails", null, CancellationToken.None);

        var trail = Assert.Single(result.Response!["trailList"]!.AsArray());
        Assert.Equal("main", (string?)trail!["Name"]);
        Assert.True((bool)trail["IsMultiRegionTrail"]!);
    }

    [MotoFact]
    public async Task Logs_describe_log_groups_follows_next_tokens_over_two_pages()
    {
        var result = await client.ReadAsync("logs", "eu-west-1", "DescribeLogGroups", null, CancellationToken.None);

        var groups = result.Response!["logGroups"]!.AsArray();
        Assert.Equal(60, groups.Count);
        Assert.DoesNotContain("nextToken", result.Response.Select(p => p.Key));
        Assert.Equal(2, client.Statistics.Snapshot()["logs"].Requests);
    }

    [MotoFact]
    public async Task Cloudwatch_describe_alarms_speaks_query()
    {
        var result = await client.ReadAsync("cloudwatch", "eu-west-1", "DescribeAlarms", null, CancellationToken.None);

        var names = result.Response!["MetricAlarms"]!.AsArray().Select(a => (string?)a!["AlarmName"]).Order();
        Assert.Equal(["root-usage", "unauthorized-calls"], names);
    }

    [MotoFact]
    public async Task S3_lists_buckets_and_reads_a_bucket_policy_in_the_bucket_region()
    {
        var buckets = await client.ReadAsync("s3", "global", "ListBuckets", null, CancellationToken.None);
        var bucket = buckets.Response!["Buckets"]!.AsArray().Single(b => (string?)b!["Name"] == "audit-logs")!;

        var policy = await client.ReadAsync("s3", "global", "GetBucketPolicy", new JsonObject { ["Bucket"] = "audit-logs" },
            new CallOptions(RegionHint: (string?)bucket["BucketRegion"]));

        var document = JsonNode.Parse((string)policy.Response!["Policy"]!)!;
        Assert.Equal("DenyInsecure", (string?)document["Statement"]![0]!["Sid"]);
    }

    [MotoFact]
    public async Task A_bucket_without_a_policy_answers_not_found()
    {
        var result = await client.ReadAsync("s3", "global", "GetBucketPolicy", new JsonObject { ["Bucket"] = "no-policy-bucket" }, CancellationToken.None);

        Assert.Equal(FailureKind.NotFound, result.Failure!.Kind);
        Assert.Equal("NoSuchBucketPolicy", result.Failure.Code);
        Assert.Equal(404, result.Failure.HttpStatus);
    }

    [MotoFact]
    public async Task Iam_role_trust_policies_come_back_as_json()
    {
        var result = await client.ReadAsync("iam", "global", "ListRoles", null, CancellationToken.None);

        var role = result.Response!["Roles"]!.AsArray().Single(r => (string?)r!["RoleName"] == "lambda-role")!;
        Assert.Equal("lambda.amazonaws.com", (string?)role["AssumeRolePolicyDocument"]!["Statement"]![0]!["Principal"]!["Service"]);
    }

    [MotoFact]
    public async Task A_missing_role_answers_not_found()
    {
        var result = await client.ReadAsync("iam", "global", "GetRole", new JsonObject { ["RoleName"] = "nobody" }, CancellationToken.None);

        Assert.Equal(FailureKind.NotFound, result.Failure!.Kind);
        Assert.Equal("NoSuchEntity", result.Failure.Code);
    }

    [MotoFact]
    public async Task Lambda_list_functions_over_rest_json()
    {
        var result = await client.ReadAsync("lambda", "eu-west-1", "ListFunctions", null, CancellationToken.None);

        var function = Assert.Single(result.Response!["Functions"]!.AsArray());
        Assert.Equal("worker", (string?)function!["FunctionName"]);
    }
}
