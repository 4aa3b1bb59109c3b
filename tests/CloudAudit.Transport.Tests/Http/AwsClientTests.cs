using System.Net;
using System.Text.Json.Nodes;
using CloudAudit.Transport.Http;

namespace CloudAudit.Transport.Tests.Http;

public sealed class AwsClientTests
{
    private const string ThrottlingXml = "<ErrorResponse><Error><Type>Sender</Type><Code>Throttling</Code><Message>Rate exceeded</Message></Error><RequestId>r-1</RequestId></ErrorResponse>";
    private const string CallerIdentityXml = """
        <GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
          <GetCallerIdentityResult><Arn>arn:aws:iam::123456789012:user/alice</Arn><UserId>AIDA</UserId><Account>123456789012</Account></GetCallerIdentityResult>
          <ResponseMetadata><RequestId>r-2</RequestId></ResponseMetadata>
        </GetCallerIdentityResponse>
        """;

    [Fact]
    public async Task Retries_throttling_then_returns_the_answer_and_counts_both()
    {
        var handler = new FakeHandler((_, _, i) => i < 2
            ? FakeHandler.Respond(HttpStatusCode.BadRequest, ThrottlingXml)
            : FakeHandler.Respond(HttpStatusCode.OK, CallerIdentityXml));
        using var client = FakeHandler.Client(handler);

        var result = await client.ReadAsync("sts", "us-east-1", "GetCallerIdentity", null, CancellationToken.None);

        Assert.True(result.Succeeded);
        Assert.Equal("123456789012", (string?)result.Response!["Account"]);
        Assert.Equal(3, handler.Requests.Count);
        var counts = client.Statistics.Snapshot()["sts"];
        Assert.Equal((1, 3, 2, 2), (counts.Calls, counts.Requests, counts.Retries, counts.Throttles));
    }

    [Fact]
    public async Task Gives_up_after_the_maximum_attempts_with_a_throttled_failure()
    {
        var handler = new FakeHandler((_, _, _) => FakeHandler.Respond(HttpStatusCode.BadRequest, ThrottlingXml));
        using var client = FakeHandler.Client(handler);

        var result = await client.ReadAsync("sts", "us-east-1", "GetCallerIdentity", null, CancellationToken.None);

        Assert.Equal(new CallFailure(FailureKind.Throttled, "Throttling", "Rate exceeded", 400, "r-1"), result.Failure);
        Assert.Equal(3, handler.Requests.Count);
    }

    [Fact]
    public async Task Access_denied_is_classified_and_not_retried()
    {
        var handler = new FakeHandler((_, _, _) => FakeHandler.Respond(HttpStatusCode.BadRequest,
            """{"__type":"com.amazonaws.cloudtrail#AccessDeniedException","message":"not allowed"}""", "application/x-amz-json-1.1",
            ("x-amzn-RequestId", "r-3")));
        using var client = FakeHandler.Client(handler);

        var result = await client.ReadAsync("cloudtrail", "eu-west-1", "DescribeTrails", null, CancellationToken.None);

        Assert.Equal(new CallFailure(FailureKind.AccessDenied, "AccessDeniedException", "not allowed", 400, "r-3"), result.Failure);
        Assert.Single(handler.Requests);
        Assert.Equal(1, client.Statistics.Snapshot()["cloudtrail"].Denials);
    }

    [Fact]
    public async Task Server_errors_are_retried()
    {
        var handler = new FakeHandler((_, _, i) => i == 0
            ? FakeHandler.Respond(HttpStatusCode.ServiceUnavailable, "")
            : FakeHandler.Respond(HttpStatusCode.OK, """{"trailList":[]}""", "application/x-amz-json-1.1"));
        using var client = FakeHandler.Client(handler);

        var result = await client.ReadAsync("cloudtrail", "eu-west-1", "DescribeTrails", null, CancellationToken.None);

        Assert.Equal("""{"trailList":[]}""", result.Response!.ToJsonString());
        Assert.Equal(2, handler.Requests.Count);
    }

    [Theory]
    [InlineData("<GetCallerIdentityResponse><GetCallerIdentityResult><Account>1</Account>")]
    [InlineData("not xml at all")]
    public async Task A_malformed_response_is_a_failure_not_an_exception(string body)
    {
        var handler = new FakeHandler((_, _, _) => FakeHandler.Respond(HttpStatusCode.OK, body));
        using var client = FakeHandler.Client(handler);

        var result = await client.ReadAsync("sts", "us-east-1", "GetCallerIdentity", null, CancellationToken.None);

        Assert.Equal(FailureKind.Other, result.Failure!.Kind);
        Assert.Equal("MalformedResponse", result.Failure.Code);
    }

    [Fact]
    public async Task A_malformed_json_error_still_yields_the_http_status()
    {
        var handler = new FakeHandler((_, _, _) => FakeHandler.Respond(HttpStatusCode.Forbidden, "{oops", "application/json"));
        using var client = FakeHandler.Client(handler);

        var result = await client.ReadAsync("logs", "us-east-1", "DescribeLogGroups", null, CancellationToken.None);

        Assert.Equal(FailureKind.AccessDenied, result.Failure!.Kind);
        Assert.Equal(403, result.Failure.HttpStatus);
    }

    [Fact]
    public async Task An_attempt_that_never_answers_times_out_and_is_retried()
    {
        var handler = new FakeHandler((_, _, _) => FakeHandler.Respond(HttpStatusCode.OK, CallerIdentityXml), stall: TimeSpan.FromMinutes(1));
        using var client = FakeHandler.Client(handler, o => o with { AttemptTimeout = TimeSpan.FromMilliseconds(20), MaxAttempts = 2 });

        var result = await client.ReadAsync("sts", "us-east-1", "GetCallerIdentity", null, CancellationToken.None);

        Assert.Equal(FailureKind.Timeout, result.Failure!.Kind);
        Assert.Equal(2, handler.Requests.Count);
    }

    [Fact]
    public async Task Invalid_credentials_in_a_region_that_is_not_home_mean_the_region_is_not_enabled()
    {
        var handler = new FakeHandler((_, _, _) => FakeHandler.Respond(HttpStatusCode.Forbidden,
            "<ErrorResponse><Error><Code>InvalidClientTokenId</Code><Message>The security token included in the request is invalid.</Message></Error></ErrorResponse>"));
        using var client = FakeHandler.Client(handler);

        var elsewhere = await client.ReadAsync("sts", "me-south-1", "GetCallerIdentity", null, CancellationToken.None);
        var home = await client.ReadAsync("sts", "us-east-1", "GetCallerIdentity", null, CancellationToken.None);

        Assert.Equal(FailureKind.OptInRequired, elsewhere.Failure!.Kind);
        Assert.Equal(FailureKind.Other, home.Failure!.Kind);
    }

    [Fact]
    public async Task Follows_markers_and_merges_pages_like_the_cli()
    {
        var pages = new[]
        {
            "<ListUsersResponse><ListUsersResult><Users><member><UserName>a</UserName></member></Users><IsTruncated>true</IsTruncated><Marker>m1</Marker></ListUsersResult></ListUsersResponse>",
            "<ListUsersResponse><ListUsersResult><Users><member><UserName>b</UserName></member><member><UserName>c</UserName></member></Users><IsTruncated>true</IsTruncated><Marker>m2</Marker></ListUsersResult></ListUsersResponse>",
            "<ListUsersResponse><ListUsersResult><Users><member><UserName>d</UserName></member></Users><IsTruncated>false</IsTruncated></ListUsersResult></ListUsersResponse>",
        };
        var handler = new FakeHandler((_, _, i) => FakeHandler.Respond(HttpStatusCode.OK, pages[i]));
        using var client = FakeHandler.Client(handler);

        var result = await client.ReadAsync("iam", "global", "ListUsers", null, CancellationToken.None);

        Assert.Equal("""{"Users":[{"UserName":"a"},{"UserName":"b"},{"UserName":"c"},{"UserName":"d"}]}""", result.Response!.ToJsonString());
        Assert.Equal(["", "Marker=m1", "Marker=m2"], handler.Requests.Select(r => MarkerOf(r.Body)));
        Assert.All(handler.Requests, r => Assert.Equal("iam.amazonaws.com", r.Request.RequestUri!.Host));
        Assert.All(handler.Requests, r => Assert.Contains("/us-east-1/iam/aws4_request", FakeHandler.Authorization(r.Request), StringComparison.Ordinal));
    }

    private static string UsersPage(string user, string? marker) =>
        $"<ListUsersResponse><ListUsersResult><Users><member><UserName>{user}</UserName></member></Users>"
        + (marker is null ? "<IsTruncated>false</IsTruncated>" : $"<IsTruncated>true</IsTruncated><Marker>{marker}</Marker>")
        + "</ListUsersResult></ListUsersResponse>";

    [Fact]
    public async Task A_read_stopped_at_the_page_limit_keeps_the_pages_read_and_says_it_is_not_whole()
    {
        var handler = new FakeHandler((_, _, i) => FakeHandler.Respond(HttpStatusCode.OK, UsersPage($"u{i}", $"m{i + 1}")));
        using var client = FakeHandler.Client(handler, o => o with { MaxPages = 2 });

        var result = await client.ReadAsync("iam", "global", "ListUsers", null, CancellationToken.None);

        Assert.True(result.Succeeded);
        Assert.Equal("""{"Users":[{"UserName":"u0"},{"UserName":"u1"}]}""", result.Response!.ToJsonString());
        Assert.Equal(new CallFailure(FailureKind.Truncated, "PageLimit", "stopped after 2 pages (the page limit); later pages were not read"), result.Incomplete);
        Assert.Equal(2, handler.Requests.Count);
        Assert.Equal(1, client.Statistics.Snapshot()["iam"].Failures);
    }

    [Fact]
    public async Task A_marker_handed_back_unchanged_ends_the_read_as_not_whole()
    {
        var handler = new FakeHandler((_, _, i) => FakeHandler.Respond(HttpStatusCode.OK, UsersPage($"u{i}", "same")));
        using var client = FakeHandler.Client(handler);

        var result = await client.ReadAsync("iam", "global", "ListUsers", null, CancellationToken.None);

        Assert.Equal("""{"Users":[{"UserName":"u0"},{"UserName":"u1"}]}""", result.Response!.ToJsonString());
        Assert.Equal(("RepeatedToken", FailureKind.Truncated), (result.Incomplete!.Code, result.Incomplete.Kind));
        Assert.Equal(["", "Marker=same"], handler.Requests.Select(r => MarkerOf(r.Body)));
    }

    [Fact]
    public async Task A_later_page_that_fails_after_its_retries_keeps_the_pages_read_with_the_cause()
    {
        var handler = new FakeHandler((_, _, i) => i == 0
            ? FakeHandler.Respond(HttpStatusCode.OK, UsersPage("u0", "m1"))
            : FakeHandler.Respond(HttpStatusCode.BadRequest, ThrottlingXml));
        using var client = FakeHandler.Client(handler);

        var result = await client.ReadAsync("iam", "global", "ListUsers", null, CancellationToken.None);

        Assert.True(result.Succeeded);
        Assert.Equal("""{"Users":[{"UserName":"u0"}]}""", result.Response!.ToJsonString());
        Assert.Equal(new CallFailure(FailureKind.Throttled, "Throttling", "page 2 failed after 1 page(s) were read: Rate exceeded", 400, "r-1"), result.Incomplete);
        Assert.Equal(4, handler.Requests.Count);
    }

    [Fact]
    public async Task A_read_that_reaches_its_last_page_is_whole()
    {
        var handler = new FakeHandler((_, _, i) => FakeHandler.Respond(HttpStatusCode.OK, UsersPage($"u{i}", i < 2 ? $"m{i + 1}" : null)));
        using var client = FakeHandler.Client(handler, o => o with { MaxPages = 3 });

        var result = await client.ReadAsync("iam", "global", "ListUsers", null, CancellationToken.None);

        Assert.Null(result.Incomplete);
        Assert.Equal(3, result.Response!["Users"]!.AsArray().Count);
    }

    private static string MarkerOf(string body) =>
        string.Join('&', body.Split('&').Where(p => p.StartsWith("Marker=", StringComparison.Ordinal)));

    [Fact]
    public async Task A_service_not_offered_in_the_region_is_answered_without_a_request()
    {
        var handler = new FakeHandler((_, _, _) => FakeHandler.Respond(HttpStatusCode.OK, "{}"));
        using var client = FakeHandler.Client(handler);

        var result = await client.ReadAsync("bedrock", "ap-east-1", "ListGuardrails", null, CancellationToken.None);

        Assert.Equal(FailureKind.NotAvailableInRegion, result.Failure!.Kind);
        Assert.Empty(handler.Requests);
    }

    [Fact]
    public async Task An_operation_missing_from_the_embedded_models_is_unsupported()
    {
        var handler = new FakeHandler((_, _, _) => FakeHandler.Respond(HttpStatusCode.OK, "{}"));
        using var client = FakeHandler.Client(handler);

        var result = await client.ReadAsync("iam", "global", "ListUserTags", null, CancellationToken.None);

        Assert.Equal(FailureKind.Unsupported, result.Failure!.Kind);
        Assert.Empty(handler.Requests);
    }

    [Fact]
    public async Task Signs_each_request_with_the_current_credentials()
    {
        var handler = new FakeHandler((_, _, _) => FakeHandler.Respond(HttpStatusCode.OK, CallerIdentityXml));
        var version = 0;
        using var client = FakeHandler.Client(handler, o => o with
        {
            Credentials = _ => Task.FromResult(new CloudAudit.Transport.Signing.SigningCredentials($"AKID{Interlocked.Increment(ref version)}", "secret", "token")),
        });

        await client.ReadAsync("sts", "eu-west-1", "GetCallerIdentity", null, CancellationToken.None);
        await client.ReadAsync("sts", "eu-west-1", "GetCallerIdentity", null, CancellationToken.None);

        Assert.Equal(["AKID1", "AKID2"], handler.Requests.Select(r => FakeHandler.Authorization(r.Request).Split('=', '/')[1]));
        Assert.All(handler.Requests, r => Assert.Equal("token", r.Request.Headers.GetValues("X-Amz-Security-Token").Single()));
        Assert.Equal("sts.eu-west-1.amazonaws.com", handler.Requests[0].Request.RequestUri!.Host);
    }

    [Fact]
    public async Task A_host_that_does_not_resolve_means_the_service_is_not_in_the_region()
    {
        var handler = new FakeHandler((_, _, _) => throw new HttpRequestException(HttpRequestError.NameResolutionError, "no such host"));
        using var client = FakeHandler.Client(handler);

        var result = await client.ReadAsync("logs", "eu-west-1", "DescribeLogGroups", null, CancellationToken.None);

        Assert.Equal(FailureKind.NotAvailableInRegion, result.Failure!.Kind);
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task A_dropped_connection_is_retried()
    {
        var handler = new FakeHandler((_, _, i) => i == 0
            ? throw new HttpRequestException(HttpRequestError.ConnectionError, "reset")
            : FakeHandler.Respond(HttpStatusCode.OK, CallerIdentityXml));
        using var client = FakeHandler.Client(handler);

        var result = await client.ReadAsync("sts", "us-east-1", "GetCallerIdentity", null, CancellationToken.None);

        Assert.True(result.Succeeded);
        Assert.Equal(2, handler.Requests.Count);
    }

    [Fact]
    public async Task Iam_policy_documents_are_decoded_into_json_as_the_cli_prints_them()
    {
        var document = Uri.EscapeDataString("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}""");
        var handler = new FakeHandler((_, _, _) => FakeHandler.Respond(HttpStatusCode.OK,
            $"<GetPolicyVersionResponse><GetPolicyVersionResult><PolicyVersion><Document>{document}</Document><VersionId>v1</VersionId>" +
            "<IsDefaultVersion>true</IsDefaultVersion></PolicyVersion></GetPolicyVersionResult></GetPolicyVersionResponse>"));
        using var client = FakeHandler.Client(handler);

        var result = await client.ReadAsync("iam", "global", "GetPolicyVersion",
            new JsonObject { ["PolicyArn"] = "arn:aws:iam::aws:policy/AdministratorAccess", ["VersionId"] = "v1" }, CancellationToken.None);

        Assert.Equal("""{"Document":{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]},"VersionId":"v1","IsDefaultVersion":true}""",
            result.Response!["PolicyVersion"]!.ToJsonString());
    }

    [Theory]
    [InlineData("lambda", "ListFunctions")]
    [InlineData("iam", "ListUsers")]
    [InlineData("logs", "DescribeLogGroups")]
    public async Task A_misspelled_parameter_is_the_callers_mistake_and_sends_nothing(string service, string operation)
    {
        var handler = new FakeHandler((_, _, _) => FakeHandler.Respond(HttpStatusCode.OK, "{}"));
        using var client = FakeHandler.Client(handler);

        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            client.ReadAsync(service, "us-east-1", operation, new JsonObject { ["NoSuchMember"] = 1 }, CancellationToken.None));

        Assert.Contains("NoSuchMember", error.Message, StringComparison.Ordinal);
        Assert.Empty(handler.Requests);
    }
}
