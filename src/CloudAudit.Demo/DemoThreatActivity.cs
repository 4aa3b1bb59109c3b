using System.Text.Json.Nodes;
using CloudAudit.Inventory.Catalog;

namespace CloudAudit.Demo;

/// <summary>
/// CloudTrail's event history over the demo's window (the day before collection; SES's fourteen days), for every read
/// the threat detectors make. Development shows an intrusion under way: the build user's access key, committed to a
/// public repository, was checked by TruffleHog, then used to create a key for a dormant user, a mining role and a
/// role an outside account may assume, to share a snapshot with everyone, to verify two SES domains and to try to stop
/// AWS Config; the root user signed in without MFA. Production shows a GuardDuty detector disabled for an hour and
/// someone guessing the root password. The security account's history holds nothing but the scanner's own calls.
/// </summary>
internal sealed class DemoThreatActivity : IDemoPart
{
    public const string MiningRole = "gpu-batch-runner";
    public const string BackdoorRole = "support-ops";
    public const string OutsideAccount = "444455556666";
    public static readonly TimeSpan MiningRoleAge = TimeSpan.FromHours(3.75);
    public static readonly TimeSpan BackdoorRoleAge = TimeSpan.FromHours(3.6);
    public static readonly TimeSpan DormantKeyAge = TimeSpan.FromHours(4);
    public static readonly TimeSpan RootSignIn = TimeSpan.FromHours(6);
    public const string LeakedSnapshot = "snap-0f3e2d1c0b9a87654";

    private const string IntruderIp = "185.220.101.34";
    private const string IntruderCli = "aws-cli/2.15.30 Python/3.11.8 Linux/6.5.0-1014-aws exe/x86_64.ubuntu.22 prompt/off";
    private const string ConsoleAgent = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36";

    /// <summary>Who made a call: the userIdentity of the event.</summary>
    private sealed record Actor(string Type, string Arn, string? UserName, string AccessKeyId, string? SessionIssuer = null);

    /// <summary>One event, recorded under the lookup that finds it.</summary>
    private sealed record Event(ApiCall Lookup, string Region, string Name, string Source, TimeSpan Age, Actor Actor, string Ip, string Agent)
    {
        public JsonObject? Request { get; init; }
        public JsonObject? Response { get; init; }
        public JsonObject? Additional { get; init; }
        public string? Error { get; init; }
        public bool ReadOnly { get; init; }
    }

    public void Production(DemoRecorder a, DemoClock clock)
    {
        var id = a.AccountId;
        var operatorSession = new Actor("AssumedRole", $"arn:aws:sts::{id}:assumed-role/platform-operators/alex.chen", "alex.chen",
            "ASIA4NORTHWINDPROD0A1", $"arn:aws:iam::{id}:role/platform-operators");
        var root = new Actor("Root", $"arn:aws:iam::{id}:root", null, "");
        Record(a, clock,
        [
            // Disabled for an hour during a cost review, then enabled again.
            new(CloudTrailEventCalls.UpdateDetector, "eu-central-1", "UpdateDetector", "guardduty.amazonaws.com", TimeSpan.FromHours(9), operatorSession,
                "198.51.100.24", ConsoleAgent)
            {
                Request = new JsonObject { ["detectorId"] = "1f2e3d4c5b6a79880716253443526170", ["enable"] = false },
            },
            .. Enumerable.Range(0, 4).Select(i => new Event(CloudTrailEventCalls.Root, "us-east-1", "ConsoleLogin", "signin.amazonaws.com",
                TimeSpan.FromHours(10) - TimeSpan.FromMinutes(7 * i), root, "45.155.205.12", ConsoleAgent)
            {
                Response = new JsonObject { ["ConsoleLogin"] = "Failure" },
                Additional = new JsonObject { ["MFAUsed"] = "No", ["LoginTo"] = "https://console.aws.amazon.com/console/home" },
                Error = "Failed authentication",
            }),
            Scanner(a),
        ]);
        Record(a, new IdentityAndMail(SesOutOfSandbox: "us-east-1", Identities: [("us-east-1", "northwind-analytics.com")],
            PrivateCaAnchor: ("us-east-1", "northwind-workloads"), ExternalCaAnchor: null, AllowedImages: "enabled"));
    }

    public void Development(DemoRecorder a, DemoClock clock)
    {
        var id = a.AccountId;
        var jenkins = new Actor("IAMUser", $"arn:aws:iam::{id}:user/jenkins", "jenkins", new DemoUser("jenkins", "/", 590).KeyId(id, 1));
        var root = new Actor("Root", $"arn:aws:iam::{id}:root", null, "ASIA4NORTHWINDDEVROOT");
        Event ByIntruder(ApiCall lookup, string region, string name, string source, TimeSpan age) =>
            new(lookup, region, name, source, age, jenkins, IntruderIp, IntruderCli);
        Record(a, clock,
        [
            .. new[] { ("us-east-1", 5.0), ("us-east-1", 4.9), ("eu-west-1", 4.8) }.Select(call =>
                new Event(CloudTrailEventCalls.GetCallerIdentity, call.Item1, "GetCallerIdentity", "sts.amazonaws.com", TimeSpan.FromHours(call.Item2),
                    jenkins, IntruderIp, "TruffleHog") { ReadOnly = true }),
            ByIntruder(CloudTrailEventCalls.CreateAccessKey, "us-east-1", "CreateAccessKey", "iam.amazonaws.com", DormantKeyAge) with
            {
                Request = new JsonObject { ["userName"] = "old-intern" },
                Response = new JsonObject
                {
                    ["accessKey"] = new JsonObject
                    {
                        ["userName"] = "old-intern", ["accessKeyId"] = new DemoUser("old-intern", "/", 330).KeyId(id, 2), ["status"] = "Active",
                    },
                },
            },
            ByIntruder(CloudTrailEventCalls.CreateRole, "us-east-1", "CreateRole", "iam.amazonaws.com", MiningRoleAge) with
            {
                Request = new JsonObject { ["roleName"] = MiningRole, ["assumeRolePolicyDocument"] = IamAuthorizationBuilder.Trust.Service("ec2.amazonaws.com") },
            },
            ByIntruder(CloudTrailEventCalls.CreateRole, "us-east-1", "CreateRole", "iam.amazonaws.com", BackdoorRoleAge) with
            {
                Request = new JsonObject { ["roleName"] = BackdoorRole, ["assumeRolePolicyDocument"] = IamAuthorizationBuilder.Trust.Account(OutsideAccount) },
            },
            ByIntruder(CloudTrailEventCalls.ModifySnapshotAttribute, "eu-west-1", "ModifySnapshotAttribute", "ec2.amazonaws.com", TimeSpan.FromHours(3.5)) with
            {
                Request = new JsonObject
                {
                    ["snapshotId"] = LeakedSnapshot, ["attributeType"] = "CREATE_VOLUME_PERMISSION",
                    ["createVolumePermission"] = new JsonObject { ["add"] = new JsonObject { ["items"] = new JsonArray(new JsonObject { ["group"] = "all" }) } },
                },
            },
            ByIntruder(CloudTrailEventCalls.StopConfigurationRecorder, "eu-west-1", "StopConfigurationRecorder", "config.amazonaws.com", TimeSpan.FromHours(3)) with
            {
                Request = new JsonObject { ["configurationRecorderName"] = "default" },
                Error = "AccessDenied",
            },
            ByIntruder(CloudTrailEventCalls.Ses, "eu-west-1", "GetAccount", "ses.amazonaws.com", TimeSpan.FromHours(62)) with { ReadOnly = true },
            ByIntruder(CloudTrailEventCalls.Ses, "eu-west-1", "CreateEmailIdentity", "ses.amazonaws.com", TimeSpan.FromHours(61)) with
            {
                Request = new JsonObject { ["emailIdentity"] = "northwind-billing.com" },
            },
            ByIntruder(CloudTrailEventCalls.Ses, "eu-west-1", "CreateEmailIdentity", "ses.amazonaws.com", TimeSpan.FromHours(60.5)) with
            {
                Request = new JsonObject { ["emailIdentity"] = "nw-invoices.net" },
            },
            new(CloudTrailEventCalls.Root, "us-east-1", "ConsoleLogin", "signin.amazonaws.com", RootSignIn, root, "203.0.113.77", ConsoleAgent)
            {
                Response = new JsonObject { ["ConsoleLogin"] = "Success" },
                Additional = new JsonObject { ["MFAUsed"] = "No", ["LoginTo"] = "https://console.aws.amazon.com/console/home" },
            },
            Scanner(a),
        ]);
        Record(a, new IdentityAndMail(SesOutOfSandbox: "eu-west-1", Identities: [("eu-west-1", "northwind-billing.com"), ("eu-west-1", "nw-invoices.net")],
            PrivateCaAnchor: null, ExternalCaAnchor: ("eu-west-1", "onprem-build-ca"), AllowedImages: "disabled"));
    }

    public void Security(DemoRecorder a, DemoClock clock)
    {
        Record(a, clock, [Scanner(a)]);
        Record(a, new IdentityAndMail(SesOutOfSandbox: null, Identities: [], PrivateCaAnchor: null, ExternalCaAnchor: null, AllowedImages: "audit-mode"));
    }

    /// <summary>The scan's own GetCallerIdentity, as every account's history holds it: not a scanner of leaked keys.</summary>
    private static Event Scanner(DemoRecorder a) => new(CloudTrailEventCalls.GetCallerIdentity, "us-east-1", "GetCallerIdentity", "sts.amazonaws.com",
        TimeSpan.FromMinutes(12), new Actor("AssumedRole", $"arn:aws:sts::{a.AccountId}:assumed-role/SecurityAudit/scan", "scan", "ASIA4NORTHWINDSCAN01",
            $"arn:aws:iam::{a.AccountId}:role/SecurityAudit"), "198.51.100.10", "cloud-audit/0.1.0") { ReadOnly = true };

    /// <summary>Every windowed read in every region it is made in: the events that belong to it, newest first, or none.</summary>
    private static void Record(DemoRecorder a, DemoClock clock, IReadOnlyList<Event> events)
    {
        foreach (var call in CloudTrailEventCalls.All)
        {
            var window = call.MinimumWindow > TimeSpan.FromHours(24) ? call.MinimumWindow : TimeSpan.FromHours(24);
            foreach (var region in call.WindowRegions("aws", a.Regions))
            {
                var found = events.Where(e => e.Lookup == call && e.Region == region).OrderBy(e => e.Age)
                    .Select((e, i) => Listed(a.AccountId, clock, e, $"{call.Operation}-{region}-{e.Name}-{i}"));
                a.Target(call, region, call.WindowParameters(clock.Now - window, clock.Now), new JsonObject { ["Events"] = new JsonArray([.. found]) }.ToJsonString());
            }
        }
    }

    /// <summary>An event as LookupEvents lists it, its full record as the CloudTrailEvent JSON text.</summary>
    private static JsonObject Listed(string account, DemoClock clock, Event e, string seed)
    {
        var eventId = DemoUser.StableId("", seed).ToLowerInvariant();
        var identity = new JsonObject { ["type"] = e.Actor.Type, ["arn"] = e.Actor.Arn, ["accountId"] = account };
        if (e.Actor.AccessKeyId.Length > 0) identity["accessKeyId"] = e.Actor.AccessKeyId;
        if (e.Actor.Type == "IAMUser") identity["userName"] = e.Actor.UserName;
        if (e.Actor.SessionIssuer is { } issuer)
            identity["sessionContext"] = new JsonObject
            {
                ["sessionIssuer"] = new JsonObject { ["type"] = "Role", ["arn"] = issuer, ["accountId"] = account, ["userName"] = issuer[(issuer.LastIndexOf('/') + 1)..] },
                ["attributes"] = new JsonObject { ["mfaAuthenticated"] = "false" },
            };
        var record = new JsonObject
        {
            ["eventVersion"] = "1.10", ["userIdentity"] = identity, ["eventTime"] = clock.Ago(e.Age).Replace("+00:00", "Z", StringComparison.Ordinal),
            ["eventSource"] = e.Source, ["eventName"] = e.Name, ["awsRegion"] = e.Region, ["sourceIPAddress"] = e.Ip, ["userAgent"] = e.Agent,
            ["requestParameters"] = e.Request?.DeepClone(), ["responseElements"] = e.Response?.DeepClone(),
            ["eventID"] = eventId, ["readOnly"] = e.ReadOnly, ["eventType"] = e.Name == "ConsoleLogin" ? "AwsConsoleSignIn" : "AwsApiCall",
            ["managementEvent"] = true, ["recipientAccountId"] = account, ["eventCategory"] = "Management",
        };
        if (e.Error is { } error)
        {
            // A refused sign-in carries only a message; a refused call its error code too.
            if (e.Name != "ConsoleLogin") record["errorCode"] = error;
            record["errorMessage"] = e.Name == "ConsoleLogin" ? error : $"User: {e.Actor.Arn} is not authorized to perform this operation";
        }
        if (e.Additional is { } additional) record["additionalEventData"] = additional.DeepClone();
        return new JsonObject
        {
            ["EventId"] = eventId, ["EventName"] = e.Name, ["ReadOnly"] = e.ReadOnly ? "true" : "false",
            ["AccessKeyId"] = e.Actor.AccessKeyId, ["EventTime"] = clock.Ago(e.Age), ["EventSource"] = e.Source,
            ["Username"] = e.Actor.Type == "Root" ? "root" : e.Actor.UserName, ["Resources"] = new JsonArray(),
            ["CloudTrailEvent"] = record.ToJsonString(),
        };
    }

    /// <summary>What the SES, Roles Anywhere and Allowed AMIs reads answer in one account.</summary>
    private sealed record IdentityAndMail(string? SesOutOfSandbox, (string Region, string Name)[] Identities,
        (string Region, string Name)? PrivateCaAnchor, (string Region, string Name)? ExternalCaAnchor, string AllowedImages);

    private static void Record(DemoRecorder a, IdentityAndMail answers)
    {
        var id = a.AccountId;
        foreach (var region in a.Regions)
        {
            var identities = answers.Identities.Where(i => i.Region == region).Select(i => new JsonObject
            {
                ["IdentityType"] = "DOMAIN", ["IdentityName"] = i.Name, ["SendingEnabled"] = true, ["VerificationStatus"] = "SUCCESS",
            });
            a.Regional(IdentityAndMailCalls.ListEmailIdentities, region, new JsonObject { ["EmailIdentities"] = new JsonArray([.. identities]) }.ToJsonString());
            a.Regional(IdentityAndMailCalls.GetSesAccount, region, new JsonObject
            {
                ["ProductionAccessEnabled"] = answers.SesOutOfSandbox == region, ["SendingEnabled"] = true, ["EnforcementStatus"] = "HEALTHY",
                ["DedicatedIpAutoWarmupEnabled"] = false,
            }.ToJsonString());
            var anchors = new JsonArray();
            if (answers.PrivateCaAnchor is { } pca && pca.Region == region)
                anchors.Add(Anchor(id, region, pca.Name, "AWS_ACM_PCA",
                    new JsonObject { ["acmPcaArn"] = $"arn:aws:acm-pca:{region}:{id}:certificate-authority/6c1f4d2e-8a9b-4c3d-9e0f-1a2b3c4d5e6f" }));
            if (answers.ExternalCaAnchor is { } external && external.Region == region)
                anchors.Add(Anchor(id, region, external.Name, "CERTIFICATE_BUNDLE",
                    new JsonObject { ["x509CertificateData"] = "-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUNorthwindDemoOnlyCA0001\n-----END CERTIFICATE-----" }));
            a.Regional(IdentityAndMailCalls.ListTrustAnchors, region, new JsonObject { ["trustAnchors"] = anchors }.ToJsonString());
            var criteria = answers.AllowedImages == "disabled" ? new JsonArray()
                : new JsonArray(new JsonObject { ["ImageProviders"] = new JsonArray("amazon", id) });
            a.Regional(Ec2Calls.GetAllowedImagesSettings, region,
                new JsonObject { ["State"] = answers.AllowedImages, ["ImageCriteria"] = criteria, ["ManagedBy"] = "account" }.ToJsonString());
        }
    }

    private static JsonObject Anchor(string account, string region, string name, string type, JsonObject data)
    {
        var anchorId = DemoUser.StableId("", account + name).ToLowerInvariant();
        return new JsonObject
        {
            ["trustAnchorId"] = anchorId, ["trustAnchorArn"] = $"arn:aws:rolesanywhere:{region}:{account}:trust-anchor/{anchorId}", ["name"] = name,
            ["source"] = new JsonObject { ["sourceType"] = type, ["sourceData"] = data }, ["enabled"] = true,
        };
    }
}
