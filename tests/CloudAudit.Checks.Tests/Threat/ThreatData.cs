using System.Globalization;
using System.Text.Json.Nodes;
using CloudAudit.Checks.Tests.Support;
using CloudAudit.Inventory.Catalog;
using CloudAudit.Inventory.Snapshot;

namespace CloudAudit.Checks.Tests.Threat;

/// <summary>Who made a call, as the event's userIdentity says.</summary>
public sealed record Caller(string Type, string Arn, string? UserName, string AccessKeyId, string? Issuer = null)
{
    public static Caller User(string name, string key = "AKIAEXAMPLEUSERKEY01") =>
        new("IAMUser", $"arn:aws:iam::{TestAccount.Id}:user/{name}", name, key);

    public static Caller Role(string role, string session = "session", string key = "ASIAEXAMPLESESSION01") =>
        new("AssumedRole", $"arn:aws:sts::{TestAccount.Id}:assumed-role/{role}/{session}", session, key, $"arn:aws:iam::{TestAccount.Id}:role/{role}");

    public static readonly Caller Root = new("Root", $"arn:aws:iam::{TestAccount.Id}:root", null, "ASIAEXAMPLEROOT00001");

    public static readonly Caller Service = new("AWSService", "", null, "");
}

/// <summary>
/// CloudTrail event history for detector tests: events as LookupEvents lists them (the full record in CloudTrailEvent),
/// recorded under the windowed reads' keys over the day before <see cref="TestAccount.Now"/>.
/// </summary>
public static class ThreatData
{
    private static int _ids;

    /// <summary>One event, <paramref name="hoursAgo"/> before the test clock.</summary>
    public static JsonObject Event(string name, Caller caller, double hoursAgo = 2, string region = "us-east-1", string source = "iam.amazonaws.com",
        string ip = "203.0.113.9", string agent = "aws-cli/2.15.30", JsonObject? request = null, JsonObject? response = null,
        string? error = null, JsonObject? additional = null, string? invokedBy = null)
    {
        var id = $"event-{Interlocked.Increment(ref _ids)}";
        var time = TestAccount.Now - TimeSpan.FromHours(hoursAgo);
        var identity = new JsonObject { ["type"] = caller.Type, ["accountId"] = TestAccount.Id };
        if (caller.Arn.Length > 0) identity["arn"] = caller.Arn;
        if (caller.AccessKeyId.Length > 0) identity["accessKeyId"] = caller.AccessKeyId;
        if (caller.Type == "IAMUser") identity["userName"] = caller.UserName;
        if (invokedBy is not null) identity["invokedBy"] = invokedBy;
        if (caller.Issuer is { } issuer)
            identity["sessionContext"] = new JsonObject { ["sessionIssuer"] = new JsonObject { ["type"] = "Role", ["arn"] = issuer } };
        var record = new JsonObject
        {
            ["userIdentity"] = identity, ["eventTime"] = time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            ["eventSource"] = source, ["eventName"] = name, ["awsRegion"] = region, ["sourceIPAddress"] = ip, ["userAgent"] = agent,
            ["requestParameters"] = request?.DeepClone(), ["responseElements"] = response?.DeepClone(), ["eventID"] = id,
        };
        if (error is not null) record["errorCode"] = error;
        if (additional is not null) record["additionalEventData"] = additional.DeepClone();
        return new JsonObject
        {
            ["EventId"] = id, ["EventName"] = name, ["EventTime"] = time.ToString("yyyy-MM-dd'T'HH:mm:ss'+00:00'", CultureInfo.InvariantCulture),
            ["EventSource"] = source, ["Username"] = caller.Type == "Root" ? "root" : caller.UserName, ["AccessKeyId"] = caller.AccessKeyId,
            ["CloudTrailEvent"] = record.ToJsonString(),
        };
    }

    public static JsonObject Request(params (string Name, JsonNode? Value)[] members) => JsonParams.Of(members);

    /// <summary>The read's window as the collector asks for it: the day before the test clock (more when the read asks).</summary>
    public static JsonObject Window(ApiCall call)
    {
        var window = call.MinimumWindow > TimeSpan.FromHours(24) ? call.MinimumWindow : TimeSpan.FromHours(24);
        return call.WindowParameters(TestAccount.Now - window, TestAccount.Now);
    }

    /// <summary>The read answered with these events in one region.</summary>
    public static TestAccount WithEvents(this TestAccount account, ApiCall call, string region, params JsonObject[] events)
    {
        account.Record.Target(call, region, Window(call), new JsonObject { ["Events"] = new JsonArray([.. events]) }.ToJsonString());
        return account;
    }

    /// <summary>Every region of every read answered with no event, where the test recorded nothing else.</summary>
    public static TestAccount WithQuietHistory(this TestAccount account, params ApiCall[] calls)
    {
        var data = new Inventory.AccountData(account.Inventory);
        foreach (var call in calls)
            foreach (var region in call.WindowRegions("aws", account.Regions))
                if (data.InWindow(call, region).Start is null)
                    account.WithEvents(call, region);
        return account;
    }

    /// <summary>The read stopped after some pages: the events read, and why the rest is missing.</summary>
    public static TestAccount WithEventsCut(this TestAccount account, ApiCall call, string region, params JsonObject[] events)
    {
        account.Inventory.Calls.Add(new ApiRecord
        {
            Region = region, Service = call.Service, Operation = call.Operation, Params = Window(call),
            Response = new JsonObject { ["Events"] = new JsonArray([.. events]) },
            Incomplete = new ApiError("ThrottlingException", "page 3 failed (Rate exceeded) after 100 events", ErrorKind.Throttled, 400),
        });
        return account;
    }

    /// <summary>The read throttled from its first page, after the retries.</summary>
    public static TestAccount EventsThrottled(this TestAccount account, ApiCall call, string region)
    {
        account.Record.Failure(call, region, Window(call), ErrorKind.Throttled, "ThrottlingException", "Rate exceeded", 400);
        return account;
    }
}
