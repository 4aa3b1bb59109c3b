using System.Text.Json.Nodes;
using CloudAudit.Checks;
using CloudAudit.Checks.Framework;
using CloudAudit.Collection;
using CloudAudit.Inventory;
using CloudAudit.Inventory.Catalog;
using CloudAudit.Inventory.Snapshot;
using CloudAudit.Transport.Endpoints;
using CloudAudit.Transport.Http;
using static CloudAudit.Collection.Tests.FakeReader;

namespace CloudAudit.Collection.Tests;

public class CollectorTests
{
    private const string Account = "111122223333";
    private const string TrailArn = $"arn:aws:cloudtrail:us-east-1:{Account}:trail/main";
    private const string TopicArn = $"arn:aws:sns:eu-central-1:{Account}:security-alerts";

    /// <summary>One multi-region trail homed in us-east-1, listed in every region, delivering to a log group in eu-central-1.</summary>
    private static FakeReader AccountWithOneTrail() => new FakeReader(Account)
        .On("iam", "GenerateCredentialReport", (_, _) => Ok("""{"State":"COMPLETE"}"""))
        .On("cloudtrail", "DescribeTrails", (_, _) => Ok($$"""
            {"trailList":[{"Name":"main","TrailARN":"{{TrailArn}}","HomeRegion":"us-east-1","IsMultiRegionTrail":true,
              "S3BucketName":"ct-logs","CloudWatchLogsLogGroupArn":"arn:aws:logs:eu-central-1:{{Account}}:log-group:ct-group:*"}]}
            """))
        .On("cloudwatch", "DescribeAlarms", (_, _) => Ok($$"""
            {"MetricAlarms":[{"AlarmName":"a1","AlarmActions":["{{TopicArn}}"]},{"AlarmName":"a2","AlarmActions":["{{TopicArn}}"]}]}
            """));

    private static RegionSelection Regions(params string[] regions) => new(regions, false, "us-east-1");

    private static Task<InventorySnapshot> Collect(FakeReader reader, IEnumerable<ApiCall> calls, RegionSelection? regions = null,
        CollectorOptions? options = null, CancellationToken cancellation = default) =>
        new Collector(reader, Unpaced(options)).CollectAsync(calls, regions ?? Regions("us-east-1", "eu-west-1"), cancellation);

    /// <summary>Reads of recent activity unpaced: these tests are about planning, WindowedReadTests about pacing.</summary>
    private static CollectorOptions Unpaced(CollectorOptions? options) => (options ?? new CollectorOptions()) with { EventPagesPerSecond = 1e6 };

    private static IReadOnlyList<ApiCall> EveryShippedCheckReads => CheckRunner.RequiredCalls(CheckRegistry.All);

    [Fact]
    public async Task A_request_reached_from_several_parents_is_made_once()
    {
        var reader = AccountWithOneTrail();

        await Collect(reader, EveryShippedCheckReads);

        var duplicates = reader.Sent.GroupBy(r => r.ToString()).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.Empty(duplicates);
        Assert.Equal(2, reader.Requests("cloudtrail", "DescribeTrails").Count);
        var status = Assert.Single(reader.Requests("cloudtrail", "GetTrailStatus"));
        Assert.Equal("us-east-1", status.Region);
        Assert.Equal("eu-central-1", Assert.Single(reader.Requests("logs", "DescribeMetricFilters")).Region);
        Assert.Equal($$"""{"TopicArn":"{{TopicArn}}"}""", Assert.Single(reader.Requests("sns", "ListSubscriptionsByTopic")).Params);
    }

    [Fact]
    public async Task Every_target_the_views_derive_is_stored_under_the_key_they_look_up()
    {
        var reader = AccountWithOneTrail();

        var snapshot = await Collect(reader, EveryShippedCheckReads);

        var data = new AccountData(snapshot.Accounts.Single());
        var perResource = EveryShippedCheckReads.Where(c => c.Scope == CallScope.PerResource).ToList();
        Assert.NotEmpty(perResource);
        // The fake account holds one trail with a log group and alarms: those chains must be followed.
        foreach (var call in new[] { CloudTrailCalls.GetTrailStatus, MonitoringCalls.DescribeTrailMetricFilters, MonitoringCalls.ListAlarmTopicSubscriptions })
            Assert.True(data.TargetsOf(call).Any(), $"{call} has no target in the fake account");
        foreach (var call in perResource)
        {
            foreach (var (target, _) in data.TargetsOf(call))
                Assert.True(data.ForTarget(call, target).IsOk, $"{call} {CallKey.Canonical(target.Parameters)} in {target.Region} was not stored");
        }
        foreach (var region in snapshot.Accounts[0].Regions)
            Assert.True(data.InRegion(CloudTrailCalls.DescribeTrails, region).IsOk);
    }

    [Fact]
    public async Task The_snapshot_names_the_account_partition_regions_and_source()
    {
        var snapshot = await Collect(AccountWithOneTrail(), [CloudTrailCalls.DescribeTrails],
            options: new CollectorOptions { ToolVersion = "9.9.9", Clock = () => new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero) });

        var account = Assert.Single(snapshot.Accounts);
        Assert.Equal(Account, account.AccountId);
        Assert.Equal("aws", account.Partition);
        Assert.Equal(["us-east-1", "eu-west-1"], account.Regions);
        Assert.Equal("live", snapshot.Source);
        Assert.Equal("9.9.9", snapshot.ToolVersion);
        Assert.Equal(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero), snapshot.CollectedAt);
        Assert.Contains(account.Calls, c => c is { Service: "sts", Operation: "GetCallerIdentity", Region: "global" });
    }

    [Fact]
    public async Task A_saved_snapshot_reads_back_with_the_same_records()
    {
        var snapshot = await Collect(AccountWithOneTrail(), EveryShippedCheckReads);
        using var buffer = new MemoryStream();

        SnapshotFile.Write(snapshot, buffer, gzip: true);
        buffer.Position = 0;
        var read = SnapshotFile.Read(buffer);

        Assert.Equal(snapshot.Accounts[0].Calls.Select(Describe), read.Accounts[0].Calls.Select(Describe));
        static string Describe(ApiRecord r) => $"{r.Region} {r.Service}:{r.Operation} {CallKey.Canonical(r.Params)} {r.Response?.ToJsonString()} {r.Error}";
    }

    [Fact]
    public async Task A_failure_is_stored_with_its_kind_and_its_dependents_are_not_requested()
    {
        var reader = AccountWithOneTrail()
            .On("cloudtrail", "DescribeTrails", (region, _) => region == "eu-west-1"
                ? Fail(FailureKind.AccessDenied, "AccessDeniedException")
                : Ok("""{"trailList":[]}"""));

        var snapshot = await Collect(reader, EveryShippedCheckReads);

        var denied = snapshot.Accounts[0].Calls.Single(c => c.Operation == "DescribeTrails" && c.Region == "eu-west-1");
        Assert.Null(denied.Response);
        Assert.Equal(new ApiError("AccessDeniedException", "AccessDeniedException (test)", ErrorKind.AccessDenied, 400), denied.Error);
        Assert.Empty(reader.Requests("cloudtrail", "GetTrailStatus"));
    }

    [Theory]
    [InlineData(false, CheckStatus.Pass)]
    [InlineData(true, CheckStatus.NotAssessed)]
    public async Task A_listing_read_only_in_part_is_stored_with_its_cause_and_is_never_a_pass(bool truncated, CheckStatus expected)
    {
        const string trails = $$"""{"trailList":[{"Name":"main","TrailARN":"{{TrailArn}}","HomeRegion":"us-east-1","IsMultiRegionTrail":true}]}""";
        var events = new System.Collections.Concurrent.ConcurrentQueue<CallProgress>();
        var reader = new FakeReader(Account)
            .On("cloudtrail", "DescribeTrails", (_, _) => truncated
                ? CallResult.Partial(Ok(trails).Response!, new CallFailure(FailureKind.Truncated, "PageLimit", "stopped after 2 pages (the page limit)"))
                : Ok(trails))
            .On("cloudtrail", "GetTrailStatus", (_, _) => Ok("""{"IsLogging":true}"""))
            .On("cloudtrail", "GetEventSelectors", (_, _) => Ok("""{"EventSelectors":[{"ReadWriteType":"All","IncludeManagementEvents":true}]}"""));
        var check = new CloudAudit.Checks.CloudTrail.CloudTrailEnabled();

        var snapshot = await Collect(reader, check.Reads, Regions("us-east-1"), new CollectorOptions { OnProgress = events.Enqueue });

        var record = snapshot.Accounts[0].Calls.Single(c => c.Operation == "DescribeTrails");
        Assert.Equal(trails, record.Response!.ToJsonString());
        Assert.Equal(truncated ? new ApiError("PageLimit", "stopped after 2 pages (the page limit)", ErrorKind.Truncated) : null, record.Incomplete);
        Assert.Equal(truncated, events.Contains(new CallProgress("cloudtrail", "us-east-1", "DescribeTrails", CallState.Failed)));
        var result = CheckRunner.Evaluate(check, new CheckContext(new AccountData(snapshot.Accounts[0]), DateTimeOffset.UtcNow));
        Assert.Equal(expected, result.Status);
        Assert.Equal(truncated ? ["read only in part"] : [], result.Gaps.Select(g => g.Cause));
    }

    [Theory]
    [InlineData(FailureKind.AccessDenied, ErrorKind.AccessDenied)]
    [InlineData(FailureKind.Throttled, ErrorKind.Throttled)]
    [InlineData(FailureKind.NotAvailableInRegion, ErrorKind.NotAvailableInRegion)]
    [InlineData(FailureKind.OptInRequired, ErrorKind.OptInRequired)]
    [InlineData(FailureKind.NotFound, ErrorKind.NotFound)]
    [InlineData(FailureKind.Timeout, ErrorKind.Timeout)]
    [InlineData(FailureKind.Unsupported, ErrorKind.Unsupported)]
    [InlineData(FailureKind.Other, ErrorKind.Other)]
    [InlineData(FailureKind.Truncated, ErrorKind.Truncated)]
    public void Every_transport_failure_kind_has_its_inventory_kind(FailureKind failure, ErrorKind expected) =>
        Assert.Equal(expected, ErrorKinds.Of(failure));

    [Fact]
    public async Task A_service_absent_from_a_region_is_recorded_without_a_request()
    {
        var reader = new FakeReader(Account)
        {
            AvailabilityOf = (service, region) => service == "securityhub" && region == "eu-west-1" ? RegionAvailability.NotAvailable : RegionAvailability.Available,
        };

        var snapshot = await Collect(reader, [MonitoringCalls.DescribeHub]);

        Assert.Equal("us-east-1", Assert.Single(reader.Requests("securityhub", "DescribeHub")).Region);
        var absent = snapshot.Accounts[0].Calls.Single(c => c.Operation == "DescribeHub" && c.Region == "eu-west-1");
        Assert.Equal(ErrorKind.NotAvailableInRegion, absent.Error!.Kind);
    }

    [Fact]
    public async Task The_credential_report_is_generated_until_complete_before_it_is_read()
    {
        var states = new Queue<string>(["STARTED", "INPROGRESS", "COMPLETE"]);
        var reader = new FakeReader(Account)
            .On("iam", "GenerateCredentialReport", (_, _) => Ok($$"""{"State":"{{states.Dequeue()}}"}"""))
            .On("iam", "GetCredentialReport", (_, _) => Ok("""{"Content":"dXNlcg==","ReportFormat":"text/csv"}"""));
        var report = ApiCall.Global("iam", "GetCredentialReport");

        var snapshot = await Collect(reader, [report], options: new CollectorOptions { CredentialReportDelay = TimeSpan.Zero });

        var order = reader.Sent.Where(r => r.Service == "iam").Select(r => r.Operation).ToList();
        Assert.Equal(["GenerateCredentialReport", "GenerateCredentialReport", "GenerateCredentialReport", "GetCredentialReport"], order);
        Assert.DoesNotContain(snapshot.Accounts[0].Calls, c => c.Operation == "GenerateCredentialReport");
        Assert.Equal("dXNlcg==", (string?)snapshot.Accounts[0].Calls.Single(c => c.Operation == "GetCredentialReport").Response!["Content"]);
    }

    [Fact]
    public async Task Credential_report_polling_is_bounded()
    {
        var reader = new FakeReader(Account).On("iam", "GenerateCredentialReport", (_, _) => Ok("""{"State":"INPROGRESS"}"""));

        await Collect(reader, [ApiCall.Global("iam", "GetCredentialReport")],
            options: new CollectorOptions { CredentialReportDelay = TimeSpan.Zero, CredentialReportPolls = 4 });

        Assert.Equal(4, reader.Requests("iam", "GenerateCredentialReport").Count);
        Assert.Single(reader.Requests("iam", "GetCredentialReport"));
    }

    [Fact]
    public async Task Bucket_reads_carry_the_bucket_region_that_ListBuckets_reported()
    {
        var listBuckets = ApiCall.Global("s3", "ListBuckets");
        var bucketPolicy = ApiCall.PerResource(listBuckets, "s3", "GetBucketPolicy", parent =>
            JsonParams.Items(parent.Response, "Buckets").Select(b => JsonParams.Target(AwsIds.GlobalRegion, ("Bucket", b.Str("Name")))));
        var reader = AccountWithOneTrail()
            .OnAsync("s3", "ListBuckets", async (_, _) =>
            {
                await Task.Delay(50); // answers after DescribeTrails, whose trail bucket must wait for it
                return Ok("""{"Buckets":[{"Name":"ct-logs","BucketRegion":"eu-west-3"},{"Name":"data","BucketRegion":"ap-south-1"}]}""");
            });

        await Collect(reader, [listBuckets, bucketPolicy, S3Calls.GetTrailBucketLogging]);

        Assert.Equal("ap-south-1", reader.Requests("s3", "GetBucketPolicy").Single(r => r.Params.Contains("data")).Options?.RegionHint);
        Assert.Equal("eu-west-3", Assert.Single(reader.Requests("s3", "GetBucketLogging")).Options?.RegionHint);
    }

    [Fact]
    public async Task Calls_run_concurrently_within_the_collection_s_limit()
    {
        var reader = new FakeReader(Account);
        foreach (var (service, operation) in new[] { ("cloudtrail", "DescribeTrails"), ("logs", "DescribeLogGroups"), ("ec2", "DescribeFlowLogs") })
            reader.OnAsync(service, operation, async (_, _) =>
            {
                await Task.Delay(20);
                return Ok("{}");
            });
        var regions = Enumerable.Range(1, 12).Select(i => $"eu-test-{i}").ToArray();

        await Collect(reader, [CloudTrailCalls.DescribeTrails, MonitoringCalls.DescribeLogGroups, MonitoringCalls.DescribeFlowLogs],
            Regions(regions), new CollectorOptions { MaxInFlight = 8, MaxInFlightPerService = 5 });

        // The per-service cap, which holds while other services wait, is tested in SchedulingTests.
        Assert.InRange(reader.MaxInFlight, 2, 8);
        Assert.Equal(36 + 1, reader.Sent.Count);
    }

    [Fact]
    public async Task A_throttled_region_holds_only_the_slots_its_rate_can_use()
    {
        // Twenty trails homed in us-east-1: forty status and selector reads there, where cloudtrail throttles.
        var trails = string.Join(",", Enumerable.Range(0, 20).Select(i =>
            $$"""{"Name":"t{{i}}","TrailARN":"arn:aws:cloudtrail:us-east-1:{{Account}}:trail/t{{i}}","HomeRegion":"us-east-1","IsMultiRegionTrail":true}"""));
        var usEastReads = 0;
        var reader = new FakeReader(Account)
            .On("cloudtrail", "DescribeTrails", (_, _) => Ok($$"""{"trailList":[{{trails}}]}"""))
            .OnAsync("cloudtrail", "GetTrailStatus", async (_, _) =>
            {
                Interlocked.Increment(ref usEastReads);
                await Task.Delay(5);
                return Ok("{}");
            });
        reader.UsefulInFlightOf = (service, region) => service == "cloudtrail" && region == "us-east-1" ? 2 : int.MaxValue;

        await Collect(reader, [CloudTrailCalls.GetTrailStatus, CloudTrailCalls.GetEventSelectors],
            Regions("us-east-1", "eu-west-1"), new CollectorOptions { MaxInFlight = 8, MaxInFlightPerService = 6 });

        Assert.Equal(20, usEastReads);
        Assert.Equal(40, reader.Sent.Count(r => r.Region == "us-east-1" && r.Operation is "GetTrailStatus" or "GetEventSelectors"));
        // Six would be allowed for the service: two in us-east-1, and eu-west-1's listing at most.
        Assert.InRange(reader.MaxInFlightByService["cloudtrail"], 1, 3);
    }

    [Fact]
    public async Task A_dependent_call_starts_as_soon_as_its_parent_answers_while_other_regions_are_still_pending()
    {
        var slowRegion = new TaskCompletionSource();
        var statusRequested = new TaskCompletionSource();
        var reader = AccountWithOneTrail()
            .OnAsync("cloudtrail", "DescribeTrails", async (region, _) =>
            {
                if (region == "eu-west-1")
                    await slowRegion.Task;
                return Ok($$"""{"trailList":[{"Name":"main","TrailARN":"{{TrailArn}}","HomeRegion":"us-east-1"}]}""");
            })
            .On("cloudtrail", "GetTrailStatus", (_, _) =>
            {
                statusRequested.TrySetResult();
                return Ok("""{"IsLogging":true}""");
            });

        var collection = Collect(reader, [CloudTrailCalls.GetTrailStatus]);
        await statusRequested.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.False(collection.IsCompleted);
        slowRegion.SetResult();
        var snapshot = await collection;

        Assert.Single(reader.Requests("cloudtrail", "GetTrailStatus"));
        Assert.Equal(2, snapshot.Accounts[0].Calls.Count(c => c.Operation == "DescribeTrails"));
    }

    [Fact]
    public async Task Cancellation_stops_the_collection_without_a_result()
    {
        using var cancel = new CancellationTokenSource();
        var reader = new FakeReader(Account).OnAsync("cloudtrail", "DescribeTrails", async (_, _) =>
        {
            await cancel.CancelAsync();
            await Task.Delay(Timeout.Infinite);
            return Ok("{}");
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Collect(reader, [CloudTrailCalls.GetTrailStatus], cancellation: cancel.Token));
        Assert.Empty(reader.Requests("cloudtrail", "GetTrailStatus"));
    }

    [Fact]
    public async Task An_exception_from_the_transport_ends_the_collection()
    {
        var reader = new FakeReader(Account).On("cloudtrail", "DescribeTrails", (_, _) =>
            throw new CloudAudit.Transport.Credentials.NoCredentialsException("No AWS credentials found (test)."));

        var e = await Assert.ThrowsAsync<CloudAudit.Transport.Credentials.NoCredentialsException>(() => Collect(reader, [CloudTrailCalls.DescribeTrails]));
        Assert.Contains("No AWS credentials", e.Message);
    }

    [Fact]
    public async Task An_account_that_cannot_be_identified_stops_before_any_other_call()
    {
        var reader = new FakeReader(Account).On("sts", "GetCallerIdentity", (_, _) => Fail(FailureKind.AccessDenied, "InvalidClientTokenId", 403));

        var e = await Assert.ThrowsAsync<CollectionException>(() => Collect(reader, [CloudTrailCalls.DescribeTrails]));

        Assert.Contains("InvalidClientTokenId", e.Message);
        Assert.Single(reader.Sent);
    }

    [Fact]
    public async Task All_regions_are_the_enabled_ones_that_DescribeRegions_lists()
    {
        var reader = new FakeReader(Account).On("ec2", "DescribeRegions", (region, input) => Ok("""
            {"Regions":[{"RegionName":"us-east-1","OptInStatus":"opt-in-not-required"},{"RegionName":"af-south-1","OptInStatus":"not-opted-in"},{"RegionName":"cn-north-1"},
                        {"RegionName":"eu-south-2","OptInStatus":"opted-in"}]}
            """));

        var snapshot = await Collect(reader, [CloudTrailCalls.DescribeTrails], new RegionSelection([], true, "us-east-1"));

        Assert.Equal(["eu-south-2", "us-east-1"], snapshot.Accounts[0].Regions);
        var describe = Assert.Single(reader.Requests("ec2", "DescribeRegions"));
        Assert.Equal("us-east-1", describe.Region);
        Assert.Contains("opt-in-status", describe.Params);
        Assert.Equal(["eu-south-2", "us-east-1"], reader.Requests("cloudtrail", "DescribeTrails").Select(r => r.Region).Order());
    }

    [Fact]
    public async Task Without_regions_the_home_region_is_scanned()
    {
        var snapshot = await Collect(new FakeReader(Account), [CloudTrailCalls.DescribeTrails], new RegionSelection([], false, "eu-north-1"));

        Assert.Equal(["eu-north-1"], snapshot.Accounts[0].Regions);
    }

    [Fact]
    public async Task Regions_of_two_partitions_are_refused()
    {
        await Assert.ThrowsAsync<CollectionException>(() =>
            Collect(new FakeReader(Account), [CloudTrailCalls.DescribeTrails], new RegionSelection(["us-east-1", "cn-north-1"], false, "us-east-1")));
    }

    [Fact]
    public async Task Progress_counts_every_request_planned_and_finished()
    {
        var events = new System.Collections.Concurrent.ConcurrentQueue<CallProgress>();
        var reader = AccountWithOneTrail().On("cloudtrail", "GetEventSelectors", (_, _) => Fail(FailureKind.AccessDenied, "AccessDenied"));

        await Collect(reader, EveryShippedCheckReads, options: new CollectorOptions { OnProgress = events.Enqueue });

        var planned = events.Count(e => e.State == CallState.Planned);
        // GenerateCredentialReport only prepares the report the planned GetCredentialReport reads.
        Assert.Equal(reader.Sent.Count(r => r.Operation != "GenerateCredentialReport"), planned);
        Assert.Equal(planned, events.Count(e => e.State != CallState.Planned));
        Assert.Equal(new CallProgress("cloudtrail", "us-east-1", "GetEventSelectors", CallState.Failed), Assert.Single(events, e => e.State == CallState.Failed));
    }

    [Fact]
    public async Task The_tallest_dependency_chains_are_started_first_and_a_parents_dependents_before_roots()
    {
        var reader = AccountWithOneTrail();

        await Collect(reader, [MonitoringCalls.DescribeHub, MonitoringCalls.ListAlarmTopicSubscriptions],
            options: new CollectorOptions { MaxInFlight = 1 });

        var order = reader.Sent.Skip(1).Select(r => r.Operation).ToList();
        // Heights 2, 2, 1; then the calls nothing depends on: the subscriptions, two answers deep, before the roots
        // planned earlier, since the chain they end is the one still running.
        Assert.Equal(["DescribeTrails", "DescribeTrails", "DescribeAlarms", "ListSubscriptionsByTopic", "DescribeHub", "DescribeHub"], order);
    }

    [Fact]
    public async Task The_trace_names_each_requests_parent_and_its_stages_in_order()
    {
        var trace = new System.Collections.Concurrent.ConcurrentQueue<CollectionTrace>();

        await Collect(AccountWithOneTrail(), [MonitoringCalls.ListAlarmTopicSubscriptions], options: new CollectorOptions { Trace = trace.Enqueue });

        var byRequest = trace.GroupBy(t => t.Request).ToDictionary(g => g.Key, g => g.ToList());
        Assert.All(byRequest.Values, stages => Assert.Equal([TraceStage.Planned, TraceStage.Queued, TraceStage.Started, TraceStage.Finished], stages.Select(s => s.Stage)));
        var subscriptions = Assert.Single(trace, t => t.Operation == "ListSubscriptionsByTopic" && t.Stage == TraceStage.Planned);
        var alarms = byRequest[subscriptions.Parent!.Value][0];
        Assert.Equal("DescribeAlarms", alarms.Operation);
        Assert.Equal("DescribeTrails", byRequest[alarms.Parent!.Value][0].Operation);
        Assert.All(trace.Where(t => t.Operation == "DescribeTrails" && t.Stage == TraceStage.Planned), t => Assert.Null(t.Parent));
    }

    [Fact]
    public void The_plan_orders_calls_by_their_longest_chain_of_dependents()
    {
        var plan = new CollectionPlan([MonitoringCalls.ListAlarmTopicSubscriptions, MonitoringCalls.DescribeHub]);

        Assert.Equal(2, plan.Height(CloudTrailCalls.DescribeTrails));
        Assert.Equal(1, plan.Height(MonitoringCalls.DescribeTrailRegionAlarms));
        Assert.Equal(0, plan.Height(MonitoringCalls.DescribeHub));
        Assert.Equal([MonitoringCalls.DescribeHub, CloudTrailCalls.DescribeTrails], plan.Roots.OrderBy(c => c.Operation, StringComparer.Ordinal));
    }
}
