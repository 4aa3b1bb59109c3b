using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace CloudAudit.Integration.Tests.Threat;

/// <summary>
/// CloudTrail's event history of one scenario, answered through the proxy as LookupEvents answers (moto's event history
/// holds next to nothing). The scenario is a file of Recorded/cloudtrail/events in the format of CloudTrail's log files
/// ({"Records": [...]}, slots as <see cref="Recorded"/> fills them); each lookup gets the records of its region that
/// match its attribute (EventName, EventSource or Username) within its StartTime and EndTime, newest first, in pages of
/// <see cref="PageSize"/> linked by NextToken, each event listed as LookupEvents lists it: epoch EventTime, the user
/// name, the access key and the full record as a JSON string (CloudTrailEvent).
/// </summary>
public sealed class RecordedEventHistory
{
    /// <summary>Small, so that a detector's lookups page: a scenario with three matching events takes two pages.</summary>
    public const int PageSize = 2;

    private readonly List<JsonObject> records;

    private int eventsServed;

    private RecordedEventHistory(List<JsonObject> records) => this.records = records;

    /// <summary>How many events the lookups were given, over all pages: none means the scenario was never read.</summary>
    public int EventsServed => eventsServed;

    /// <summary>The scenario in Recorded/cloudtrail/events/<paramref name="scenario"/>.json.</summary>
    public static RecordedEventHistory Load(string scenario, params (string Name, string Value)[] values)
    {
        var file = JsonNode.Parse(Recorded.Text($"cloudtrail/events/{scenario}.json", values))!.AsObject();
        return new([.. file["Records"]!.AsArray().Select(r => r!.AsObject()).OrderByDescending(Time)]);
    }

    /// <summary>A lookup's request that asked for a page after the first.</summary>
    public static bool IsLaterPage(WireRequest request) => FaultProxy.IsEventLookup(request) && JsonNode.Parse(request.Body)?["NextToken"] is not null;

    /// <summary>Answers every LookupEvents request that reaches <paramref name="proxy"/> from this history.</summary>
    public FaultProxy ServeOn(FaultProxy proxy) => proxy.Answer(FaultProxy.IsEventLookup, Answer);

    private CannedResponse Answer(WireRequest request)
    {
        var input = JsonNode.Parse(request.Body)!.AsObject();
        var attribute = input["LookupAttributes"]?.AsArray().SingleOrDefault()?.AsObject();
        var (key, value) = ((string?)attribute?["AttributeKey"], (string?)attribute?["AttributeValue"]);
        var start = Epoch(input["StartTime"]) ?? DateTimeOffset.MinValue;
        var end = Epoch(input["EndTime"]) ?? DateTimeOffset.MaxValue;
        var matching = records.Where(r => (string?)r["awsRegion"] == request.Region && Time(r) >= start && Time(r) <= end
            && (key is null || Attribute(r, key) == value)).ToList();
        var offset = (string?)input["NextToken"] is { } token ? int.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(token)).Split('|')[^1], CultureInfo.InvariantCulture) : 0;
        var events = matching.Skip(offset).Take(PageSize).Select(Listed).ToList();
        Interlocked.Add(ref eventsServed, events.Count);
        var page = new JsonObject { ["Events"] = new JsonArray([.. events]) };
        if (offset + PageSize < matching.Count)
            page["NextToken"] = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{request.Region}|{key}|{value}|{offset + PageSize}"));
        return new CannedResponse(200, "application/x-amz-json-1.1", page.ToJsonString());
    }

    /// <summary>The value of a lookup attribute for one record, as LookupEvents matches it.</summary>
    private static string? Attribute(JsonObject record, string key) => key switch
    {
        "EventName" => (string?)record["eventName"],
        "EventSource" => (string?)record["eventSource"],
        "Username" => UserName(record),
        _ => throw new NotSupportedException($"the recorded history does not look events up by {key}"),
    };

    /// <summary>The user name LookupEvents gives an event: root, the IAM user's name, the role session's name.</summary>
    private static string? UserName(JsonObject record)
    {
        var identity = record["userIdentity"]?.AsObject();
        return (string?)identity?["type"] switch
        {
            "Root" => "root",
            "IAMUser" => (string?)identity!["userName"],
            "AssumedRole" => ((string?)identity!["arn"])?.Split('/')[^1],
            _ => null,
        };
    }

    /// <summary>One event as LookupEvents lists it.</summary>
    private static JsonObject Listed(JsonObject record)
    {
        var listed = new JsonObject
        {
            ["EventId"] = (string?)record["eventID"],
            ["EventName"] = (string?)record["eventName"],
            ["ReadOnly"] = record["readOnly"]?.GetValue<bool>() == true ? "true" : "false",
            ["EventTime"] = Time(record).ToUnixTimeSeconds(),
            ["EventSource"] = (string?)record["eventSource"],
            ["Resources"] = new JsonArray([.. (record["resources"]?.AsArray() ?? []).Select(r => new JsonObject
            {
                ["ResourceType"] = (string?)r!["type"], ["ResourceName"] = (string?)r["ARN"],
            })]),
            ["CloudTrailEvent"] = record.ToJsonString(),
        };
        if ((string?)record["userIdentity"]?["accessKeyId"] is { } key) listed["AccessKeyId"] = key;
        if (UserName(record) is { } user) listed["Username"] = user;
        return listed;
    }

    private static DateTimeOffset Time(JsonObject record) =>
        DateTimeOffset.Parse((string)record["eventTime"]!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    /// <summary>A JSON 1.1 timestamp: epoch seconds, as the scanner sends StartTime and EndTime.</summary>
    private static DateTimeOffset? Epoch(JsonNode? node) => node switch
    {
        null => null,
        JsonValue v when v.TryGetValue<double>(out var seconds) => DateTimeOffset.FromUnixTimeMilliseconds((long)(seconds * 1000)),
        JsonValue v when v.TryGetValue<string>(out var text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
        _ => null,
    };
}
