using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;
using CloudAudit.Inventory.Catalog;
using CloudAudit.Inventory.Snapshot;

namespace CloudAudit.Inventory.Tests;

public class SnapshotFileTests
{
    private static InventorySnapshot Sample() => new()
    {
        CollectedAt = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero),
        Source = "test",
        Accounts =
        [
            new AccountInventory
            {
                AccountId = "123456789012",
                Regions = ["us-east-1"],
                Calls =
                [
                    new ApiRecord { Region = "us-east-1", Service = "cloudtrail", Operation = "DescribeTrails",
                        Params = new JsonObject { ["includeShadowTrails"] = true }, Response = JsonNode.Parse("""{"trailList": []}""") },
                    new ApiRecord { Region = "global", Service = "iam", Operation = "GetAccountSummary",
                        Error = new ApiError("AccessDenied", "no", ErrorKind.AccessDenied, 403) },
                ],
            },
        ],
    };

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Round_trips_plain_and_gzip(bool gzip)
    {
        using var buffer = new MemoryStream();
        SnapshotFile.Write(Sample(), buffer, gzip);
        buffer.Position = 0;
        if (gzip) Assert.Equal(0x1f, buffer.ToArray()[0]);
        var read = SnapshotFile.Read(buffer);
        var account = Assert.Single(read.Accounts);
        Assert.Equal(2, account.Calls.Count);
        Assert.Equal(ErrorKind.AccessDenied, account.Calls[1].Error!.Kind);
        Assert.Equal(Sample().CollectedAt, read.CollectedAt);
    }

    [Theory]
    [InlineData("not json at all", "not valid JSON")]
    [InlineData("""{"format": "something-else", "version": 1, "accounts": []}""", "not a cloud-audit inventory")]
    [InlineData("""{"format": "cloud-audit-inventory", "version": 99, "accounts": []}""", "unsupported inventory version 99")]
    [InlineData("""{"format": "cloud-audit-inventory", "version": 1, "accounts": []}""", "holds no account")]
    [InlineData("""{"format": "cloud-audit-inventory", "version": 1, "accounts": [{"account_id": "12", "calls": []}]}""", "not a 12-digit")]
    [InlineData("""{"format": "cloud-audit-inventory", "version": 1, "accounts": [{"account_id": "123456789012", "calls": [{"region": "us-east-1", "service": "s3", "operation": "ListBuckets"}]}]}""", "exactly one of response and error")]
    public void Rejects_bad_input_with_a_reason(string text, string reason)
    {
        var error = Assert.Throws<SnapshotException>(() => SnapshotFile.Read(new MemoryStream(Encoding.UTF8.GetBytes(text))));
        Assert.Contains(reason, error.Message);
    }

    [Fact]
    public void Rejects_truncated_gzip()
    {
        using var buffer = new MemoryStream();
        SnapshotFile.Write(Sample(), buffer, gzip: true);
        var truncated = buffer.ToArray()[..(int)(buffer.Length / 2)];
        Assert.Throws<SnapshotException>(() => SnapshotFile.Read(new MemoryStream(truncated)));
    }

    [Fact]
    public void Missing_file_is_a_snapshot_error()
    {
        Assert.Throws<SnapshotException>(() => SnapshotFile.Read("/nonexistent/inventory.json"));
    }

    [Fact]
    public void Lookups_tell_missing_data_from_failed_calls()
    {
        var data = new AccountData(Sample().Accounts[0]);
        Assert.True(data.InRegion(CloudTrailCalls.DescribeTrails, "us-east-1").IsOk);
        var notCollected = data.InRegion(CloudTrailCalls.DescribeTrails, "eu-west-1").Gap!;
        Assert.Null(notCollected.Kind);
        Assert.Equal("not collected", notCollected.Cause);
        var denied = data.Lookup("global", "iam", "GetAccountSummary", null).Gap!;
        Assert.Equal(ErrorKind.AccessDenied, denied.Kind);
    }

    [Fact]
    public void Parameters_are_compared_canonically()
    {
        var a = CallKey.Of("r", "s", "o", JsonNode.Parse("""{"b": 1, "a": [1, {"y": 2, "x": 1}]}""")!.AsObject());
        var b = CallKey.Of("r", "s", "o", JsonNode.Parse("""{"a": [1, {"x": 1, "y": 2}], "b": 1}""")!.AsObject());
        Assert.Equal(a, b);
        Assert.Equal(CallKey.Of("r", "s", "o", null), CallKey.Of("r", "s", "o", new JsonObject()));
    }

    [Fact]
    public void Per_resource_targets_come_from_stored_parent_responses()
    {
        var account = new AccountInventory
        {
            AccountId = "123456789012",
            Regions = ["us-east-1", "eu-west-1"],
            Calls =
            [
                .. new[] { "us-east-1", "eu-west-1" }.Select(region => new ApiRecord
                {
                    Region = region, Service = "cloudtrail", Operation = "DescribeTrails", Params = new JsonObject { ["includeShadowTrails"] = true },
                    Response = JsonNode.Parse("""
                        {"trailList": [{"Name": "t", "HomeRegion": "us-east-1", "TrailARN": "arn:aws:cloudtrail:us-east-1:123456789012:trail/t",
                          "CloudWatchLogsLogGroupArn": "arn:aws:logs:ap-south-1:123456789012:log-group:ct:*"}]}
                        """),
                }),
            ],
        };
        var data = new AccountData(account);
        var status = data.TargetsOf(CloudTrailCalls.GetTrailStatus).Select(t => CallKey.Of(t.Target.Region, "cloudtrail", "GetTrailStatus", t.Target.Parameters)).Distinct().ToList();
        Assert.Single(status);
        var filters = data.TargetsOf(MonitoringCalls.DescribeTrailMetricFilters).Select(t => t.Target).ToList();
        Assert.All(filters, f => Assert.Equal("ap-south-1", f.Region));
        Assert.Equal("ct", filters[0].Parameters!["logGroupName"]!.GetValue<string>());
    }
}
