using CloudAudit.Checks;
using CloudAudit.Checks.Framework;
using CloudAudit.Demo;
using CloudAudit.Inventory;
using CloudAudit.Inventory.Catalog;
using CloudAudit.Inventory.Snapshot;
using static CloudAudit.Demo.DemoRecorder;

namespace CloudAudit.Checks.Tests.Support;

/// <summary>An in-memory account inventory for check tests, recorded under the catalog's own keys.</summary>
public sealed class TestAccount
{
    public const string Id = "111122223333";
    public static readonly DateTimeOffset Now = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);

    public TestAccount(params string[] regions)
    {
        Inventory = new AccountInventory { AccountId = Id, Regions = regions.Length > 0 ? regions.ToList() : ["us-east-1"] };
        Record = new DemoRecorder(Inventory);
    }

    public AccountInventory Inventory { get; }
    public DemoRecorder Record { get; }
    public IReadOnlyList<string> Regions => Inventory.Regions;

    public CheckResult Run(Check check) => CheckRunner.Evaluate(check, new CheckContext(new AccountData(Inventory), Now));

    public CheckResult Run(string checkId) => Run(CheckRegistry.Find(checkId) ?? throw new ArgumentException(checkId));

    /// <summary>Evaluates a check as an <c>--organization</c> scan evaluates the organization checks, on the caller's data.</summary>
    public CheckResult RunAtOrganization(string checkId) =>
        CheckRunner.Evaluate(CheckRegistry.Find(checkId) ?? throw new ArgumentException(checkId),
            new CheckContext(new AccountData(Inventory), Now) { OrganizationScope = true });

    /// <summary>Every regional call answered with the same JSON in every region.</summary>
    public TestAccount InEveryRegion(ApiCall call, string json)
    {
        foreach (var region in Regions) Record.Regional(call, region, json);
        return this;
    }

    public TestAccount Denied(ApiCall call, string region, System.Text.Json.Nodes.JsonObject? parameters = null)
    {
        Record.Failure(call, region, parameters, ErrorKind.AccessDenied, "AccessDeniedException", "not authorized", 403);
        return this;
    }
}

/// <summary>Builders for CloudTrail data in tests.</summary>
public static class TrailData
{
    public static string Arn(string name, string home = "us-east-1", string account = TestAccount.Id) =>
        $"arn:aws:cloudtrail:{home}:{account}:trail/{name}";

    public static string LogGroupArn(string name, string region = "us-east-1", string account = TestAccount.Id) =>
        $"arn:aws:logs:{region}:{account}:log-group:{name}:*";

    public static string Trail(string name, string home = "us-east-1", bool multiRegion = true, bool validation = true,
        string? kms = "arn:aws:kms:us-east-1:111122223333:key/k1", string? logGroupArn = null, string bucket = "trail-bucket",
        string account = TestAccount.Id) =>
        $$"""
        {"Name": "{{name}}", "S3BucketName": "{{bucket}}", "IsMultiRegionTrail": {{Bool(multiRegion)}}, "HomeRegion": "{{home}}",
         "TrailARN": "{{Arn(name, home, account)}}", "LogFileValidationEnabled": {{Bool(validation)}}
         {{(kms is null ? "" : $", \"KmsKeyId\": \"{kms}\"")}}{{(logGroupArn is null ? "" : $", \"CloudWatchLogsLogGroupArn\": \"{logGroupArn}\"")}} }
        """;

    public static string List(params string[] trails) => $$"""{"trailList": [{{string.Join(",", trails)}}]}""";

    public const string AllManagementEvents = """{"EventSelectors": [{"ReadWriteType": "All", "IncludeManagementEvents": true}]}""";

    /// <summary>Lists the trails in every region and records status and selectors for each one at home.</summary>
    public static TestAccount WithTrails(this TestAccount account, params (string Json, string Name, string Home, bool Logging, string Selectors)[] trails)
    {
        account.InEveryRegion(CloudTrailCalls.DescribeTrails, List(trails.Select(t => t.Json).ToArray()));
        foreach (var t in trails)
        {
            account.Record.Target(CloudTrailCalls.GetTrailStatus, t.Home, Params(("Name", Arn(t.Name, t.Home))),
                $$"""{"IsLogging": {{Bool(t.Logging)}}}""");
            account.Record.Target(CloudTrailCalls.GetEventSelectors, t.Home, Params(("TrailName", Arn(t.Name, t.Home))), t.Selectors);
        }
        return account;
    }

    public static (string, string, string, bool, string) Good(string name = "main", string? logGroupArn = null, string selectors = AllManagementEvents) =>
        (Trail(name, logGroupArn: logGroupArn), name, "us-east-1", true, selectors);

    private static string Bool(bool value) => value ? "true" : "false";
}
