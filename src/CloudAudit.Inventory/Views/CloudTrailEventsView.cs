using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CloudAudit.Inventory.Catalog;
using static CloudAudit.Inventory.Catalog.JsonParams;

namespace CloudAudit.Inventory.Views;

/// <summary>Who made a call, from the event's <c>userIdentity</c>.</summary>
/// <param name="Type">Root, IAMUser, AssumedRole, FederatedUser, AWSService, AWSAccount …</param>
/// <param name="SessionIssuerArn">For assumed roles: the role that was assumed.</param>
/// <param name="MfaAuthenticated">For sessions: whether the session was created with MFA.</param>
public sealed record EventActor(string? Type, string? Arn, string? AccountId, string? UserName, string? AccessKeyId,
    string? PrincipalId, string? InvokedBy, string? SessionIssuerArn, bool? MfaAuthenticated)
{
    public bool IsRoot => Type == "Root";

    /// <summary>The identity to hold responsible: the role for a role session, the ARN otherwise.</summary>
    public string Identity => SessionIssuerArn ?? Arn ?? (UserName is null ? PrincipalId ?? InvokedBy ?? "unknown" : UserName);

    /// <summary>"the root user", "role deploy (session ci-42)", "user alice" …, for descriptions.</summary>
    public string Label => Type switch
    {
        "Root" => "the root user",
        "AssumedRole" when SessionIssuerArn is not null => $"role {Name(SessionIssuerArn)}" + (Session is { } s ? $" (session {s})" : ""),
        "IAMUser" when UserName is not null => $"user {UserName}",
        "AWSService" => $"the AWS service {InvokedBy}",
        _ => Arn ?? UserName ?? PrincipalId ?? "an unknown caller",
    };

    private string? Session => Type == "AssumedRole" && Arn is not null ? Name(Arn) : null;

    private static string Name(string arn) => arn[(arn.LastIndexOf('/') + 1)..];
}

/// <summary>One management event from CloudTrail's event history, with the fields of its full record that detectors read.</summary>
public sealed record TrailEvent(
    string Region, string EventId, string EventName, string? EventSource, DateTimeOffset Time, EventActor Actor,
    string? SourceIp, string? UserAgent, string? ErrorCode, string? ErrorMessage,
    JsonObject? RequestParameters, JsonObject? ResponseElements, JsonObject? AdditionalEventData)
{
    /// <summary>The call was refused or failed (AccessDenied, a validation error …): it changed nothing.</summary>
    public bool Failed => ErrorCode is not null;

    /// <summary>"2026-10-31 22:14 UTC".</summary>
    public string When => Time.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    /// <summary>"from 203.0.113.7 (agent: TruffleHog)", or empty.</summary>
    public string Origin =>
        (SourceIp is null ? "" : $" from {SourceIp}") + (UserAgent is null ? "" : $" (user agent: {UserAgent})");

    public string? Request(string member) => RequestParameters.Str(member);
}

/// <summary>One windowed read in one region: the events read, the window asked for, and the gap when not read in full.</summary>
public sealed record EventRead(string Region, DateTimeOffset? Start, DateTimeOffset? End, IReadOnlyList<TrailEvent> Events, DataGap? Gap)
{
    public bool Complete => Gap is null;
}

/// <summary>What several windowed reads found, across their regions.</summary>
public sealed record EventHistory(IReadOnlyList<EventRead> Reads)
{
    /// <summary>Every event read (in part-read windows too), once each, oldest first.</summary>
    public IReadOnlyList<TrailEvent> Events { get; } = Reads.SelectMany(r => r.Events).DistinctBy(e => (e.Region, e.EventId))
        .OrderBy(e => e.Time).ThenBy(e => e.EventId, StringComparer.Ordinal).ToList();

    public IReadOnlyList<DataGap> Gaps => Reads.Select(r => r.Gap).OfType<DataGap>().Distinct().ToList();

    /// <summary>The regions whose every read was complete.</summary>
    public IReadOnlyList<string> CompleteRegions => Reads.GroupBy(r => r.Region).Where(g => g.All(r => r.Complete)).Select(g => g.Key).ToList();

    /// <summary>"2026-10-31 12:00 UTC to 2026-11-01 12:00 UTC", the window the reads covered (as collected).</summary>
    public string Window
    {
        get
        {
            var read = Reads.FirstOrDefault(r => r.Start is not null && r.End is not null);
            return read is null ? "the collected window" : $"{Format(read.Start!.Value)} to {Format(read.End!.Value)}";
        }
    }

    private static string Format(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
}

/// <summary>CloudTrail's event history as the threat detectors read it.</summary>
public sealed class CloudTrailEventsView(AccountData data)
{
    /// <summary>The events of the given windowed reads in every region each is made in.</summary>
    public EventHistory Read(params IEnumerable<ApiCall> calls) => new([
        .. calls.SelectMany(call => call.WindowRegions(data.Partition, data.Regions).Select(region => Read(call, region))),
    ]);

    private EventRead Read(ApiCall call, string region)
    {
        var stored = data.InWindow(call, region);
        var events = stored.Result.Response is { } response ? Items(response, "Events").Select(e => Parse(region, e)).ToList() : [];
        return new EventRead(region, stored.Start, stored.End, events, stored.Result.Gap);
    }

    /// <summary>The event as LookupEvents lists it, with what its full record (the CloudTrailEvent JSON text) adds.</summary>
    public static TrailEvent Parse(string region, JsonObject listed)
    {
        var record = FullRecord(listed.Str("CloudTrailEvent"));
        var identity = record?["userIdentity"] as JsonObject;
        var session = identity?["sessionContext"] as JsonObject;
        var mfa = (session?["attributes"] as JsonObject).Str("mfaAuthenticated");
        var actor = new EventActor(identity.Str("type"), identity.Str("arn"), identity.Str("accountId"),
            identity.Str("userName") ?? listed.Str("Username"), identity.Str("accessKeyId") ?? listed.Str("AccessKeyId"),
            identity.Str("principalId"), identity.Str("invokedBy"), (session?["sessionIssuer"] as JsonObject).Str("arn"),
            mfa is null ? null : mfa == "true");
        var time = Instant(record.Str("eventTime")) ?? Instant(listed.Str("EventTime")) ?? DateTimeOffset.MinValue;
        return new TrailEvent(record.Str("awsRegion") ?? region, listed.Str("EventId") ?? record.Str("eventID") ?? "",
            listed.Str("EventName") ?? record.Str("eventName") ?? "", listed.Str("EventSource") ?? record.Str("eventSource"), time, actor,
            record.Str("sourceIPAddress"), record.Str("userAgent"), record.Str("errorCode"), record.Str("errorMessage"),
            record?["requestParameters"] as JsonObject, record?["responseElements"] as JsonObject, record?["additionalEventData"] as JsonObject);
    }

    private static JsonObject? FullRecord(string? text)
    {
        if (text is null) return null;
        try
        {
            return JsonNode.Parse(text) as JsonObject;
        }
        catch (JsonException)
        {
            return null; // what LookupEvents lists about the event still stands
        }
    }

    private static DateTimeOffset? Instant(string? text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant) ? instant : null;
}
