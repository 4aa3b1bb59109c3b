using System.Net;
using CloudAudit.Transport.Http;
using CloudAudit.Transport.Tests.Credentials;

namespace CloudAudit.Transport.Tests.Http;

/// <summary>
/// A service that answers every call with a server error (an incident, or an emulator lacking the operation) is given
/// up on in bounded time: each call's retries stop at the time budget, and after a few calls in a row fail the client
/// stops calling that service in that region and says why. Throttling keeps its own pacing and never stops the calls.
/// </summary>
public sealed class FailingServiceTests
{
    private const string JsonContent = "application/x-amz-json-1.1";
    private static readonly string InternalFailure = """{"__type":"InternalFailure","message":"An internal error occurred."}""";
    private static readonly string Throttling = """{"__type":"ThrottlingException","message":"Rate exceeded"}""";

    private static HttpResponseMessage ServerError() => FakeHandler.Respond(HttpStatusCode.InternalServerError, InternalFailure, JsonContent);

    private static HttpResponseMessage Trails() => FakeHandler.Respond(HttpStatusCode.OK, """{"trailList":[]}""", JsonContent);

    private static Task<CallResult> DescribeTrails(AwsClient client, string region = "us-east-1") =>
        client.ReadAsync("cloudtrail", region, "DescribeTrails", null, CancellationToken.None);

    [Fact]
    public async Task Retries_of_a_server_error_stop_at_the_time_budget_before_the_attempt_limit()
    {
        // Each attempt takes 25 s of the call's 60 s budget: the third ends past it, so no fourth starts.
        var clock = new ManualClock();
        var handler = new FakeHandler((_, _, _) =>
        {
            clock.Now += TimeSpan.FromSeconds(25);
            return ServerError();
        });
        using var client = FakeHandler.Client(handler, o => o with { MaxAttempts = 10, Clock = clock, RetryTimeBudget = TimeSpan.FromSeconds(60) });

        var result = await DescribeTrails(client);

        Assert.Equal(new CallFailure(FailureKind.Other, "InternalFailure", "An internal error occurred.", 500), result.Failure);
        Assert.Equal(3, handler.Requests.Count);
    }

    [Fact]
    public async Task Retries_of_a_server_error_stop_at_the_attempt_limit_within_the_time_budget()
    {
        var handler = new FakeHandler((_, _, _) => ServerError());
        using var client = FakeHandler.Client(handler, o => o with { MaxAttempts = 4, Clock = new ManualClock() });

        var result = await DescribeTrails(client);

        Assert.Equal("InternalFailure", result.Failure!.Code);
        Assert.Equal(4, handler.Requests.Count);
    }

    [Fact]
    public async Task Throttling_retries_are_not_cut_by_the_time_budget()
    {
        var clock = new ManualClock();
        var handler = new FakeHandler((_, _, _) =>
        {
            clock.Now += TimeSpan.FromSeconds(25);
            return FakeHandler.Respond(HttpStatusCode.BadRequest, Throttling, JsonContent);
        });
        using var client = FakeHandler.Client(handler, o => o with { MaxAttempts = 5, Clock = clock, RetryTimeBudget = TimeSpan.FromSeconds(60) });

        var result = await DescribeTrails(client);

        Assert.Equal(FailureKind.Throttled, result.Failure!.Kind);
        Assert.Equal(5, handler.Requests.Count);
    }

    [Fact]
    public async Task After_five_calls_in_a_row_fail_with_server_errors_the_service_is_not_called_again_in_that_region()
    {
        var handler = new FakeHandler((request, _, _) => request.RequestUri!.Host.Contains("us-east-1", StringComparison.Ordinal) ? ServerError() : Trails());
        using var client = FakeHandler.Client(handler, o => o with { MaxAttempts = 2 });

        for (var call = 0; call < 5; call++)
            Assert.Equal("InternalFailure", (await DescribeTrails(client)).Failure!.Code);
        Assert.Equal(10, handler.Requests.Count);

        var refused = await DescribeTrails(client);

        Assert.Equal(10, handler.Requests.Count);
        Assert.Equal(new CallFailure(FailureKind.Other, ServiceBreaker.FailFastCode,
            "cloudtrail in us-east-1 answered 500 InternalFailure to 5 calls in a row; not called again in this scan"), refused.Failure);
        // Another operation of the service in that region is refused too; the service in another region is still called.
        Assert.Equal(ServiceBreaker.FailFastCode, (await client.ReadAsync("cloudtrail", "us-east-1", "GetTrailStatus",
            new() { ["Name"] = "main" }, CancellationToken.None)).Failure!.Code);
        Assert.True((await DescribeTrails(client, "eu-west-1")).Succeeded);
        Assert.Equal(11, handler.Requests.Count);
        Assert.Equal(7, client.Statistics.Snapshot()["cloudtrail"].Failures);
    }

    [Fact]
    public async Task An_answer_between_failures_starts_the_count_again()
    {
        // Four failing calls, a success, four failing calls, a denial (an answer too), four failing calls: never five in a row.
        var failing = true;
        var denied = false;
        var handler = new FakeHandler((_, _, _) => denied
            ? FakeHandler.Respond(HttpStatusCode.BadRequest, """{"__type":"AccessDeniedException","message":"no"}""", JsonContent)
            : failing ? ServerError() : Trails());
        using var client = FakeHandler.Client(handler, o => o with { MaxAttempts = 1 });

        async Task FailFourTimes()
        {
            for (var call = 0; call < 4; call++)
                Assert.Equal("InternalFailure", (await DescribeTrails(client)).Failure!.Code);
        }
        await FailFourTimes();
        failing = false;
        Assert.True((await DescribeTrails(client)).Succeeded);
        failing = true;
        await FailFourTimes();
        denied = true;
        Assert.Equal(FailureKind.AccessDenied, (await DescribeTrails(client)).Failure!.Kind);
        denied = false;
        await FailFourTimes();

        Assert.Equal(14, handler.Requests.Count);
        // The fifth failure in a row opens it.
        Assert.Equal("InternalFailure", (await DescribeTrails(client)).Failure!.Code);
        Assert.Equal(ServiceBreaker.FailFastCode, (await DescribeTrails(client)).Failure!.Code);
        Assert.Equal(15, handler.Requests.Count);
    }

    [Fact]
    public async Task Throttled_calls_never_stop_the_service_being_called()
    {
        var handler = new FakeHandler((_, _, _) => FakeHandler.Respond(HttpStatusCode.BadRequest, Throttling, JsonContent));
        using var client = FakeHandler.Client(handler, o => o with { MaxAttempts = 2 });

        for (var call = 0; call < 12; call++)
            Assert.Equal(FailureKind.Throttled, (await DescribeTrails(client)).Failure!.Kind);

        Assert.Equal(24, handler.Requests.Count);
    }

    [Fact]
    public async Task Calls_that_time_out_open_it_as_a_timeout_naming_the_wait()
    {
        var handler = new FakeHandler((_, _, _) => Trails(), stall: TimeSpan.FromMinutes(1));
        using var client = FakeHandler.Client(handler, o => o with { MaxAttempts = 1, AttemptTimeout = TimeSpan.FromMilliseconds(100), BreakerThreshold = 2 });

        Assert.Equal(FailureKind.Timeout, (await DescribeTrails(client)).Failure!.Kind);
        Assert.Equal(FailureKind.Timeout, (await DescribeTrails(client)).Failure!.Kind);
        var refused = await DescribeTrails(client);

        Assert.Equal(2, handler.Requests.Count);
        Assert.Equal(new CallFailure(FailureKind.Timeout, ServiceBreaker.FailFastCode,
            "cloudtrail in us-east-1 gave no answer (no response within 0.1 s) to 2 calls in a row; not called again in this scan"), refused.Failure);
    }

    [Fact]
    public async Task A_threshold_of_zero_keeps_calling()
    {
        var handler = new FakeHandler((_, _, _) => ServerError());
        using var client = FakeHandler.Client(handler, o => o with { MaxAttempts = 1, BreakerThreshold = 0 });

        for (var call = 0; call < 8; call++)
            Assert.Equal("InternalFailure", (await DescribeTrails(client)).Failure!.Code);

        Assert.Equal(8, handler.Requests.Count);
    }
}
