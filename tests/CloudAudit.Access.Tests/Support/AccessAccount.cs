using System.Text.Json.Nodes;
using CloudAudit.Demo;
using CloudAudit.Inventory;
using CloudAudit.Inventory.Catalog;
using CloudAudit.Inventory.Snapshot;
using static CloudAudit.Demo.DemoRecorder;

namespace CloudAudit.Access.Tests.Support;

/// <summary>An in-memory account for access-model tests: IAM authorization details, SCPs, resource policies.</summary>
public sealed class AccessAccount
{
    public const string Id = "111122223333";
    public const string Region = "us-east-1";
    public const string AdministratorAccess = "arn:aws:iam::aws:policy/AdministratorAccess";
    public static readonly DateTimeOffset Now = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);

    public AccessAccount()
    {
        Inventory = new AccountInventory { AccountId = Id, Regions = [Region] };
        Record = new DemoRecorder(Inventory);
        Iam = new IamAuthorizationBuilder(Id);
    }

    public AccountInventory Inventory { get; }
    public DemoRecorder Record { get; }
    public IamAuthorizationBuilder Iam { get; }

    public static string UserArn(string name) => $"arn:aws:iam::{Id}:user/{name}";
    public static string RoleArn(string name) => $"arn:aws:iam::{Id}:role/{name}";
    public static string GroupArn(string name) => $"arn:aws:iam::{Id}:group/{name}";

    public static string Allow(string actions, string resources = "\"*\"", string? condition = null) =>
        Statements($$"""{"Effect":"Allow","Action":{{actions}},"Resource":{{resources}}{{(condition is null ? "" : $",\"Condition\":{condition}")}}}""");

    public static string Statements(params string[] statements) => $$"""{"Version":"2012-10-17","Statement":[{{string.Join(",", statements)}}]}""";

    /// <summary>The access model of what was recorded (the authorization details built now).</summary>
    public AccessModel Model()
    {
        Record.Global(IamAuthorizationCalls.GetAccountAuthorizationDetails, Iam.Build());
        return AccessModel.Build(new AccountData(Inventory), Now);
    }

    /// <summary>A member account of an organization, governed by these SCPs: account level, one OU, the root.</summary>
    public AccessAccount Governed(Scp[] account, Scp[] ou, Scp[] root) => Governed(account, ou, root, rcpsEnabled: false);

    /// <summary>A member account whose SCPs are read but whose RCPs the scan was refused (each level's read denied).</summary>
    public AccessAccount RcpsRefused()
    {
        Governed([Scp.FullAwsAccess], [Scp.FullAwsAccess], [Scp.FullAwsAccess], rcpsEnabled: true);
        foreach (var node in new[] { Id, "ou-test-workload", "r-test" })
            Record.Failure(OrganizationCalls.Steps[0].ListResourceControlPolicies, AwsIds.GlobalRegion,
                OrganizationCalls.PoliciesOf(node, OrganizationCalls.ResourceControlPolicy), ErrorKind.AccessDenied, "AccessDeniedException",
                "You don't have permissions to access this resource.");
        return this;
    }

    private AccessAccount Governed(Scp[] account, Scp[] ou, Scp[] root, bool rcpsEnabled, bool management = false)
    {
        MemberOfOrganization(management ? Id : "999988887777");
        new ScpHierarchyBuilder(Id, account) { RcpsNotEnabled = !rcpsEnabled }.Under("ou-test-workload", ou).Under("r-test", root).Record(Record);
        return this;
    }

    /// <summary>
    /// A member account whose SCPs are AWS's default everywhere and whose resources are governed by these RCPs (each
    /// level beside RCPFullAWSAccess, which AWS keeps attached).
    /// </summary>
    public AccessAccount GovernedByRcps(Scp[] account, Scp[]? ou = null, Scp[]? root = null, bool management = false)
    {
        Governed([Scp.FullAwsAccess], [Scp.FullAwsAccess], [Scp.FullAwsAccess], rcpsEnabled: true, management);
        new ScpHierarchyBuilder(Id, [Scp.RcpFullAwsAccess, .. account], OrganizationCalls.ResourceControlPolicy)
            .Under("ou-test-workload", [Scp.RcpFullAwsAccess, .. ou ?? []]).Under("r-test", [Scp.RcpFullAwsAccess, .. root ?? []]).RecordPolicies(Record);
        return this;
    }

    private void MemberOfOrganization(string management)
    {
        Record.Global(ResourcePolicyCalls.DescribeOrganization, $$$"""
            {"Organization": {"Id": "o-testorg0001", "Arn": "arn:aws:organizations::{{{management}}}:organization/o-testorg0001",
             "FeatureSet": "ALL", "MasterAccountId": "{{{management}}}", "MasterAccountEmail": "aws-root@example.com"}}
            """);
    }

    /// <summary>Buckets with their policies (null: none).</summary>
    public AccessAccount Buckets(params (string Name, string? Policy)[] buckets)
    {
        Record.Global(ResourcePolicyCalls.ListBuckets, new JsonObject
        {
            ["Buckets"] = new JsonArray([.. buckets.Select(b => (JsonNode)new JsonObject { ["Name"] = b.Name, ["BucketRegion"] = Region })]),
        }.ToJsonString());
        foreach (var bucket in buckets)
            if (bucket.Policy is null)
                Record.Failure(ResourcePolicyCalls.GetBucketPolicy, AwsIds.GlobalRegion, Params(("Bucket", bucket.Name)), ErrorKind.NotFound,
                    "NoSuchBucketPolicy", "The bucket policy does not exist", 404);
            else
                Record.Target(ResourcePolicyCalls.GetBucketPolicy, AwsIds.GlobalRegion, Params(("Bucket", bucket.Name)),
                    new JsonObject { ["Policy"] = bucket.Policy }.ToJsonString());
        return this;
    }

    public static Scp DenyScp(string id, string action, string? condition = null) => new(id, id,
        Statements($$"""{"Effect":"Deny","Action":"{{action}}","Resource":"*"{{(condition is null ? "" : $",\"Condition\":{condition}")}}}"""));

    /// <summary>An RCP denying the action to every principal (Principal "*"), when the condition holds.</summary>
    public static Scp DenyRcp(string id, string action, string? condition = null) => new(id, id,
        Statements($$"""{"Effect":"Deny","Principal":"*","Action":"{{action}}","Resource":"*"{{(condition is null ? "" : $",\"Condition\":{condition}")}}}"""));
}
