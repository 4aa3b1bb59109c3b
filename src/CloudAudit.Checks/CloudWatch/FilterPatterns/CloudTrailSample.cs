using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace CloudAudit.Checks.CloudWatch.FilterPatterns;

/// <summary>
/// A synthetic but complete CloudTrail record, as CloudTrail delivers it to CloudWatch Logs (one line
/// of compact JSON). Kept as text so the shared table stays immutable and thread-safe.
/// </summary>
public sealed class CloudTrailSample
{
    internal CloudTrailSample(string label, JsonObject record)
    {
        Label = label;
        EventSource = record["eventSource"]!.GetValue<string>();
        EventName = record["eventName"]!.GetValue<string>();
        Json = record.ToJsonString(FilterPattern.CompactJson);
        Node = Materialized(JsonNode.Parse(Json)!);
    }

    /// <summary>
    /// The record parsed once. JsonNode builds its children lazily on first access; walking the whole
    /// tree here means later reads never mutate it, so concurrent checks can share it.
    /// </summary>
    internal JsonNode Node { get; }

    private static JsonNode Materialized(JsonNode node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (_, child) in obj)
                    if (child is not null) Materialized(child);
                break;
            case JsonArray array:
                foreach (var child in array)
                    if (child is not null) Materialized(child);
                break;
        }
        return node;
    }

    /// <summary>How explanations name the event: its eventName ("DeletePolicyVersion"), a short description ("ConsoleLogin without MFA"), or for ordinary activity service and name ("ec2:DescribeInstances").</summary>
    public string Label { get; }

    /// <summary>The record's eventSource, such as "iam.amazonaws.com".</summary>
    public string EventSource { get; }

    /// <summary>The record's eventName, such as "DeletePolicyVersion".</summary>
    public string EventName { get; }

    /// <summary>The record as compact JSON: the log event message CloudWatch Logs stores.</summary>
    public string Json { get; }

    /// <summary>A fresh, mutable copy of the record.</summary>
    public JsonObject ToJsonObject() => JsonNode.Parse(Json)!.AsObject();

    public override string ToString() => Label;
}

/// <summary>Who performs a synthetic call.</summary>
internal enum Caller
{
    /// <summary>IAM user "alice" with CLI access keys.</summary>
    IamUser,
    /// <summary>An administrator signed in through IAM Identity Center (an assumed SSO role).</summary>
    SsoAdmin,
    /// <summary>The account's root user.</summary>
    Root,
}

/// <summary>
/// Builds CloudTrail records with every field a real management event carries. Identifiers use the
/// documentation account 111122223333 and documentation IP ranges; IDs are derived from the label so
/// the records are the same on every run.
/// </summary>
internal static class CloudTrailRecords
{
    public const string AccountId = "111122223333";

    private const string SsoRole = "AWSReservedSSO_AdministratorAccess_5f0a3c7e9b2d4e61";

    /// <summary>A management API call (eventType AwsApiCall).</summary>
    public static CloudTrailSample ApiCall(Caller caller, string eventSource, string eventName, string? requestParameters,
        string? responseElements = null, string? errorCode = null, string? errorMessage = null, string? label = null)
    {
        label ??= eventName;
        var region = eventSource is "iam.amazonaws.com" or "organizations.amazonaws.com" ? "us-east-1" : "eu-west-1";
        var userAgent = caller switch
        {
            Caller.SsoAdmin => "APN/1.0 HashiCorp/1.0 Terraform/1.9.8 (+https://www.terraform.io) terraform-provider-aws/5.82.2 aws-sdk-go-v2/1.32.7 os/linux lang/go#1.23.3",
            Caller.IamUser => "aws-cli/2.22.12 md/awscrt#0.23.4 ua/2.0 os/linux#6.8.0-49-generic md/arch#x86_64 lang/python#3.12.6 md/pyimpl#CPython cfg/retry-mode#standard",
            _ => "AWS Internal", // the root user working in the console
        };
        var record = Envelope(label, Identity(caller), eventSource, eventName, region, userAgent);
        if (errorCode is not null) record["errorCode"] = errorCode;
        if (errorMessage is not null) record["errorMessage"] = errorMessage;
        record["requestParameters"] = Parse(requestParameters);
        record["responseElements"] = errorCode is null ? Parse(responseElements) : null;
        Trailer(record, $"{eventSource} {label}", eventName.StartsWith("Describe", StringComparison.Ordinal) || eventName.StartsWith("List", StringComparison.Ordinal)
            || eventName.StartsWith("Get", StringComparison.Ordinal) || eventName == "Decrypt", "AwsApiCall");
        // EC2 echoes the request ID in its response.
        if (record["responseElements"] is JsonObject response && response.ContainsKey("requestId"))
            response["requestId"] = record["requestID"]!.GetValue<string>();
        record["tlsDetails"] = new JsonObject
        {
            ["tlsVersion"] = "TLSv1.3",
            ["cipherSuite"] = "TLS_AES_128_GCM_SHA256",
            ["clientProvidedHostHeader"] = eventSource.Replace(".amazonaws.com", $".{region}.amazonaws.com", StringComparison.Ordinal),
        };
        if (caller == Caller.Root) record["sessionCredentialFromConsole"] = "true";
        return new CloudTrailSample(label, record);
    }

    /// <summary>
    /// A console sign-in (eventType AwsConsoleSignIn). A failure carries errorMessage "Failed
    /// authentication" and responseElements.ConsoleLogin "Failure", but no errorCode.
    /// </summary>
    public static CloudTrailSample ConsoleLogin(string label, Caller caller, bool success, bool mfaUsed)
    {
        var identity = caller == Caller.Root
            ? new JsonObject { ["type"] = "Root", ["principalId"] = AccountId, ["arn"] = $"arn:aws:iam::{AccountId}:root", ["accountId"] = AccountId, ["accessKeyId"] = "" }
            : new JsonObject { ["type"] = "IAMUser", ["principalId"] = "AIDARQ7EXAMPLEALICE01", ["arn"] = $"arn:aws:iam::{AccountId}:user/alice", ["accountId"] = AccountId, ["accessKeyId"] = "", ["userName"] = "alice" };
        var record = Envelope(label, identity, "signin.amazonaws.com", "ConsoleLogin", "us-east-1",
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36");
        if (!success) record["errorMessage"] = "Failed authentication";
        record["requestParameters"] = null;
        record["responseElements"] = new JsonObject { ["ConsoleLogin"] = success ? "Success" : "Failure" };
        var additional = new JsonObject
        {
            ["LoginTo"] = "https://console.aws.amazon.com/console/home?hashArgs=%23&isauthcode=true&state=hashArgsFromTB_us-east-1_4f2a9c1d7e3b5a60",
            ["MobileVersion"] = "No",
            ["MFAUsed"] = mfaUsed ? "Yes" : "No",
        };
        if (mfaUsed && caller != Caller.Root) additional["MFAIdentifier"] = $"arn:aws:iam::{AccountId}:mfa/alice";
        record["additionalEventData"] = additional;
        Trailer(record, label, readOnly: false, "AwsConsoleSignIn");
        return new CloudTrailSample(label, record);
    }

    private static JsonObject Envelope(string label, JsonObject identity, string eventSource, string eventName, string region, string userAgent)
    {
        var seed = Hash(label);
        return new JsonObject
        {
            ["eventVersion"] = "1.09",
            ["userIdentity"] = identity,
            ["eventTime"] = new DateTime(2026, 3, 14, 9, 0, 0, DateTimeKind.Utc).AddSeconds((seed[0] * 256 + seed[1]) % 3600).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
            ["eventSource"] = eventSource,
            ["eventName"] = eventName,
            ["awsRegion"] = region,
            ["sourceIPAddress"] = "198.51.100.23",
            ["userAgent"] = userAgent,
        };
    }

    private static void Trailer(JsonObject record, string idSeed, bool readOnly, string eventType)
    {
        if (eventType == "AwsApiCall") record["requestID"] = Uuid("request " + idSeed);
        record["eventID"] = Uuid("event " + idSeed);
        record["readOnly"] = readOnly;
        record["eventType"] = eventType;
        record["managementEvent"] = true;
        record["recipientAccountId"] = AccountId;
        record["eventCategory"] = "Management";
    }

    private static JsonObject Identity(Caller caller) => caller switch
    {
        Caller.IamUser => new JsonObject
        {
            ["type"] = "IAMUser",
            ["principalId"] = "AIDARQ7EXAMPLEALICE01",
            ["arn"] = $"arn:aws:iam::{AccountId}:user/alice",
            ["accountId"] = AccountId,
            ["accessKeyId"] = "AKIARQ7EXAMPLEKEY001",
            ["userName"] = "alice",
        },
        Caller.SsoAdmin => new JsonObject
        {
            ["type"] = "AssumedRole",
            ["principalId"] = "AROARQ7EXAMPLESSO001:bob@example.com",
            ["arn"] = $"arn:aws:sts::{AccountId}:assumed-role/{SsoRole}/bob@example.com",
            ["accountId"] = AccountId,
            ["accessKeyId"] = "ASIARQ7EXAMPLESSO001",
            ["sessionContext"] = new JsonObject
            {
                ["sessionIssuer"] = new JsonObject
                {
                    ["type"] = "Role",
                    ["principalId"] = "AROARQ7EXAMPLESSO001",
                    ["arn"] = $"arn:aws:iam::{AccountId}:role/aws-reserved/sso.amazonaws.com/eu-west-1/{SsoRole}",
                    ["accountId"] = AccountId,
                    ["userName"] = SsoRole,
                },
                ["attributes"] = new JsonObject { ["creationDate"] = "2026-03-14T08:47:12Z", ["mfaAuthenticated"] = "false" },
            },
        },
        _ => new JsonObject
        {
            ["type"] = "Root",
            ["principalId"] = AccountId,
            ["arn"] = $"arn:aws:iam::{AccountId}:root",
            ["accountId"] = AccountId,
            ["accessKeyId"] = "ASIARQ7EXAMPLEROOT01",
            ["sessionContext"] = new JsonObject
            {
                ["attributes"] = new JsonObject { ["creationDate"] = "2026-03-14T08:58:40Z", ["mfaAuthenticated"] = "true" },
            },
        },
    };

    private static JsonNode? Parse(string? json) => json is null ? null : JsonNode.Parse(json);

    private static byte[] Hash(string text) => SHA256.HashData(Encoding.UTF8.GetBytes(text))[..16];

    /// <summary>A version-4-shaped UUID that is the same for the same seed on every run.</summary>
    private static string Uuid(string seed)
    {
        var bytes = Hash(seed);
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40); // version nibble, in .NET's byte order
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80); // RFC 4122 variant
        return new Guid(bytes).ToString();
    }
}
