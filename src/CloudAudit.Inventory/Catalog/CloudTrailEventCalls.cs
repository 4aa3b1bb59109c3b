using System.Text.Json.Nodes;
using static CloudAudit.Inventory.Catalog.JsonParams;

namespace CloudAudit.Inventory.Catalog;

/// <summary>
/// Recent activity read from CloudTrail's event history (LookupEvents, management events of the last 90 days)
/// over the collection's time window. LookupEvents takes one lookup attribute per request and allows about two
/// requests a second per account and region, so each read asks for one event name (or one event source, or one
/// user name) that is rare in a healthy account: most answer in a single page.
/// </summary>
public static class CloudTrailEventCalls
{
    // Leaked-credential validation (TF-004): STS records calls to its global endpoint with the global events.
    public static readonly ApiCall GetCallerIdentity = Named("GetCallerIdentity", EventRegions.ScannedAndGlobalEvents);

    // SES set-up for sending (TF-001): every call to SES, whose control plane is quiet where SES is not in use, over
    // fourteen days at least: the campaigns verify their identities over days before they send.
    public static readonly ApiCall Ses = FromSource("ses.amazonaws.com", EventRegions.Scanned, TimeSpan.FromDays(14));

    // Logging and detection turned off.
    public static readonly ApiCall StopLogging = Named("StopLogging", EventRegions.Scanned);
    public static readonly ApiCall DeleteTrail = Named("DeleteTrail", EventRegions.Scanned);
    public static readonly ApiCall DeleteDetector = Named("DeleteDetector", EventRegions.Scanned);
    public static readonly ApiCall UpdateDetector = Named("UpdateDetector", EventRegions.Scanned);
    public static readonly ApiCall StopConfigurationRecorder = Named("StopConfigurationRecorder", EventRegions.Scanned);
    public static readonly ApiCall DeleteConfigurationRecorder = Named("DeleteConfigurationRecorder", EventRegions.Scanned);
    public static readonly ApiCall DeleteDeliveryChannel = Named("DeleteDeliveryChannel", EventRegions.Scanned);

    // Resources shared with everyone.
    public static readonly ApiCall PutBucketPolicy = Named("PutBucketPolicy", EventRegions.Scanned);
    public static readonly ApiCall PutBucketAcl = Named("PutBucketAcl", EventRegions.Scanned);
    public static readonly ApiCall PutBucketPublicAccessBlock = Named("PutBucketPublicAccessBlock", EventRegions.Scanned);
    public static readonly ApiCall DeleteBucketPublicAccessBlock = Named("DeleteBucketPublicAccessBlock", EventRegions.Scanned);
    public static readonly ApiCall ModifySnapshotAttribute = Named("ModifySnapshotAttribute", EventRegions.Scanned);
    public static readonly ApiCall ModifyImageAttribute = Named("ModifyImageAttribute", EventRegions.Scanned);
    public static readonly ApiCall ModifyDBSnapshotAttribute = Named("ModifyDBSnapshotAttribute", EventRegions.Scanned);
    public static readonly ApiCall ModifyDBClusterSnapshotAttribute = Named("ModifyDBClusterSnapshotAttribute", EventRegions.Scanned);

    // IAM (global events): new credentials, identity providers and trust.
    public static readonly ApiCall CreateAccessKey = Named("CreateAccessKey", EventRegions.GlobalEvents);
    public static readonly ApiCall CreateOpenIDConnectProvider = Named("CreateOpenIDConnectProvider", EventRegions.GlobalEvents);
    public static readonly ApiCall CreateSAMLProvider = Named("CreateSAMLProvider", EventRegions.GlobalEvents);
    public static readonly ApiCall UpdateAssumeRolePolicy = Named("UpdateAssumeRolePolicy", EventRegions.GlobalEvents);
    public static readonly ApiCall CreateRole = Named("CreateRole", EventRegions.GlobalEvents);

    // Everything the root user did: its API calls where they were made, its sign-in with the global events.
    public static readonly ApiCall Root = ByUser("root", EventRegions.ScannedAndGlobalEvents);

    public const string Operation = "LookupEvents";

    /// <summary>Every read of recent activity declared here.</summary>
    public static IReadOnlyList<ApiCall> All =>
    [
        GetCallerIdentity, Ses, StopLogging, DeleteTrail, DeleteDetector, UpdateDetector, StopConfigurationRecorder, DeleteConfigurationRecorder,
        DeleteDeliveryChannel, PutBucketPolicy, PutBucketAcl, PutBucketPublicAccessBlock, DeleteBucketPublicAccessBlock, ModifySnapshotAttribute,
        ModifyImageAttribute, ModifyDBSnapshotAttribute, ModifyDBClusterSnapshotAttribute, CreateAccessKey, CreateOpenIDConnectProvider,
        CreateSAMLProvider, UpdateAssumeRolePolicy, CreateRole, Root,
    ];

    private static ApiCall Named(string eventName, EventRegions where) => Lookup("EventName", eventName, where);

    private static ApiCall FromSource(string eventSource, EventRegions where, TimeSpan? minimumWindow = null) =>
        Lookup("EventSource", eventSource, where, minimumWindow);

    private static ApiCall ByUser(string userName, EventRegions where) => Lookup("Username", userName, where);

    private static ApiCall Lookup(string key, string value, EventRegions where, TimeSpan? minimumWindow = null) =>
        ApiCall.Windowed("cloudtrail", Operation,
            Of(("LookupAttributes", new JsonArray(Of(("AttributeKey", key), ("AttributeValue", value))))), where, minimumWindow);
}
