using CloudAudit.Inventory.Snapshot;

namespace CloudAudit.Demo;

/// <summary>
/// The built-in demo: Northwind Analytics, a fictional three-account organization. Production is
/// mostly well configured with a few realistic slips; development was set up in a hurry; the
/// security account, run by the security team, is configured by the book. Every check has passing
/// and failing resources, and some reads are denied, as in real accounts. Each resource is recorded
/// once, by its service's part, with everything the checks read about it (settings and policies).
/// </summary>
public static class DemoAccount
{
    public const string ProductionAccount = "210987654321";
    public const string DevelopmentAccount = "310987654322";
    public const string SecurityAccount = "410987654323";
    public static readonly IReadOnlyList<string> Regions = ["us-east-1", "eu-west-1", "eu-central-1"];

    /// <summary>The organization of the three accounts; its management account is not part of the demo.</summary>
    public const string OrganizationId = "o-northwind01";
    public const string ManagementAccount = "110987654320";

    /// <summary>Builds the demo inventory as if collected at <paramref name="collectedAt"/>.</summary>
    public static InventorySnapshot Build(DateTimeOffset collectedAt, string toolVersion)
    {
        var snapshot = new InventorySnapshot
        {
            ToolVersion = toolVersion,
            CollectedAt = collectedAt,
            Source = "demo",
        };
        var production = new DemoRecorder(AddAccount(snapshot, ProductionAccount, "northwind-prod"));
        var development = new DemoRecorder(AddAccount(snapshot, DevelopmentAccount, "northwind-dev"));
        var security = new DemoRecorder(AddAccount(snapshot, SecurityAccount, "northwind-security"));
        var clock = new DemoClock(collectedAt);
        foreach (var part in Parts)
        {
            part.Production(production, clock);
            part.Development(development, clock);
            part.Security(security, clock);
        }
        return snapshot;
    }

    /// <summary>Each service's slice of the demo.</summary>
    private static readonly IDemoPart[] Parts = [new DemoCloudTrail(), new DemoMonitoring(), new DemoSecurityHub(), new DemoS3(), new DemoEfs(), new DemoRds(), new DemoKms(), new DemoIam(), new DemoAccountSettings(), new DemoEc2(), new DemoGuardDuty(), new DemoConfig(), new DemoLambda(), new DemoEcs(), new DemoSsm(), new DemoSecretsManager(), new DemoBackup(), new DemoInspector(), new DemoWaf(), new DemoBedrock(), new DemoBedrockAgents(), new DemoSageMaker(), new DemoDynamoDb(), new DemoAgentCore(), new DemoIamAuthorization(), new DemoOrganization(), new DemoOrganizationServices(), new DemoMessaging(), new DemoThreatActivity()];

    private static AccountInventory AddAccount(InventorySnapshot snapshot, string id, string alias)
    {
        var account = new AccountInventory { AccountId = id, Alias = alias, Partition = "aws", Regions = Regions.ToList() };
        snapshot.Accounts.Add(account);
        return account;
    }
}

/// <summary>One service's contribution to the demo accounts.</summary>
internal interface IDemoPart
{
    void Production(DemoRecorder account, DemoClock clock);
    void Development(DemoRecorder account, DemoClock clock);

    /// <summary>The security team's account: few resources, configured by the book.</summary>
    void Security(DemoRecorder account, DemoClock clock)
    {
    }
}

/// <summary>Timestamps relative to the demo's collection time, in the AWS CLI's ISO 8601 form.</summary>
internal sealed class DemoClock(DateTimeOffset now)
{
    public DateTimeOffset Now => now;
    public string Ago(TimeSpan age) => (now - age).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'+00:00'", System.Globalization.CultureInfo.InvariantCulture);
    public string DaysAgo(double days) => Ago(TimeSpan.FromDays(days));
    public long EpochMillisDaysAgo(double days) => (now - TimeSpan.FromDays(days)).ToUnixTimeMilliseconds();
}
