using System.Text.Json.Nodes;
using CloudAudit.Collection;
using CloudAudit.Inventory;
using CloudAudit.Inventory.Catalog;
using CloudAudit.Inventory.Snapshot;
using CloudAudit.Inventory.Views;
using CloudAudit.Transport.Http;
using static CloudAudit.Collection.Tests.FakeReader;

namespace CloudAudit.Collection.Tests;

/// <summary>The walk up the organization's hierarchy, and the SCPs read on the way, through the collector.</summary>
public class ScpCollectionTests
{
    private const string Account = "111122223333";
    private const string Management = "999988887777";

    /// <summary>An organization in which the account sits under the given OUs (nearest first), below root r-root.</summary>
    private static FakeReader Organization(string managementAccount, params string[] ous)
    {
        var path = new List<string> { Account };
        path.AddRange(ous);
        path.Add("r-root");
        return new FakeReader(Account)
            .On("organizations", "DescribeOrganization", (_, _) => Ok($$"""{"Organization":{"Id":"o-test","MasterAccountId":"{{managementAccount}}"} }"""))
            .On("organizations", "ListParents", (_, input) =>
            {
                var child = (string)input!["ChildId"]!;
                var parent = path[path.IndexOf(child) + 1];
                return Ok($$"""{"Parents":[{"Id":"{{parent}}","Type":"{{(parent.StartsWith("r-", StringComparison.Ordinal) ? "ROOT" : "ORGANIZATIONAL_UNIT")}}"} ]}""");
            })
            .On("organizations", "ListPoliciesForTarget", (_, input) => Ok((string)input!["TargetId"]! == ous.FirstOrDefault()
                ? """{"Policies":[{"Id":"p-FullAWSAccess","Name":"FullAWSAccess"},{"Id":"p-guardrail","Name":"guardrail"}]}"""
                : """{"Policies":[{"Id":"p-FullAWSAccess","Name":"FullAWSAccess"}]}"""))
            .On("organizations", "DescribePolicy", (_, input) => Ok(new JsonObject
            {
                ["Policy"] = new JsonObject
                {
                    ["PolicySummary"] = new JsonObject { ["Id"] = input!["PolicyId"]!.DeepClone() },
                    ["Content"] = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}""",
                },
            }.ToJsonString()));
    }

    private static async Task<AccountData> Collect(FakeReader reader)
    {
        var snapshot = await new Collector(reader).CollectAsync([OrganizationCalls.DescribeOrganization, .. OrganizationCalls.ServiceControlPolicyReads],
            new RegionSelection(["us-east-1"], false, "us-east-1"));
        return new AccountData(snapshot.Accounts.Single());
    }

    private static List<string> Params(FakeReader reader, string operation, string member) =>
        [.. reader.Requests("organizations", operation).Select(r => (string)JsonNode.Parse(r.Params)![member]!)];

    [Fact]
    public async Task The_walk_reaches_the_root_and_reads_each_level_and_policy_once()
    {
        var reader = Organization(Management, "ou-test-team", "ou-test-workload");

        var data = await Collect(reader);

        Assert.Equal([Account, "ou-test-team", "ou-test-workload"], Params(reader, "ListParents", "ChildId"));
        Assert.Equal(["r-root", "ou-test-workload", "ou-test-team", Account], Params(reader, "ListPoliciesForTarget", "TargetId").Order(StringComparer.Ordinal).Reverse());
        Assert.All(reader.Requests("organizations", "ListPoliciesForTarget"), r => Assert.Contains("\"Filter\":\"SERVICE_CONTROL_POLICY\"", r.Params));
        Assert.Equal(["p-FullAWSAccess", "p-guardrail"], Params(reader, "DescribePolicy", "PolicyId").Order(StringComparer.Ordinal));

        Assert.True(data.ServiceControlPolicies().Levels(Account).TryGet(out var levels, out _));
        Assert.Equal(["r-root", "ou-test-workload", "ou-test-team", Account], levels.Select(l => l.TargetId));
        Assert.Equal(["p-FullAWSAccess", "p-guardrail"], levels[2].Policies.Select(p => p.Id));
    }

    [Fact]
    public async Task The_RCPs_are_read_on_the_same_walk_with_their_own_filter()
    {
        var reader = Organization(Management, "ou-test-team");

        var snapshot = await new Collector(reader).CollectAsync(
            [OrganizationCalls.DescribeOrganization, .. OrganizationCalls.ServiceControlPolicyReads, .. OrganizationCalls.ResourceControlPolicyReads],
            new RegionSelection(["us-east-1"], false, "us-east-1"));
        var data = new AccountData(snapshot.Accounts.Single());

        Assert.Equal([Account, "ou-test-team"], Params(reader, "ListParents", "ChildId"));
        var filters = reader.Requests("organizations", "ListPoliciesForTarget").Select(r => (string)JsonNode.Parse(r.Params)!["Filter"]!).ToList();
        Assert.Equal(3, filters.Count(f => f == OrganizationCalls.ResourceControlPolicy));
        Assert.Equal(3, filters.Count(f => f == OrganizationCalls.ServiceControlPolicy));
        Assert.True(data.ResourceControlPolicies().Levels(Account).TryGet(out var levels, out _));
        Assert.Equal(["r-root", "ou-test-team", Account], levels.Select(l => l.TargetId));
    }

    [Fact]
    public async Task Five_nested_OUs_are_walked_in_six_steps()
    {
        string[] ous = ["ou-test-level5", "ou-test-level4", "ou-test-level3", "ou-test-level2", "ou-test-level1"];
        var reader = Organization(Management, ous);

        var data = await Collect(reader);

        Assert.Equal(OrganizationCalls.HierarchySteps, reader.Requests("organizations", "ListParents").Count);
        Assert.True(data.ServiceControlPolicies().Levels(Account).TryGet(out var levels, out _));
        Assert.Equal(7, levels.Count);
    }

    [Fact]
    public async Task The_management_account_does_not_walk_the_hierarchy()
    {
        var reader = Organization(Account, "ou-test-team");

        await Collect(reader);

        Assert.Empty(reader.Requests("organizations", "ListParents"));
        Assert.Empty(reader.Requests("organizations", "ListPoliciesForTarget"));
    }

    [Fact]
    public async Task A_refused_walk_is_a_gap_that_names_the_refused_call()
    {
        var reader = Organization(Management, "ou-test-team")
            .On("organizations", "ListParents", (_, _) => Fail(FailureKind.AccessDenied, "AccessDeniedException"));

        var data = await Collect(reader);

        Assert.False(data.ServiceControlPolicies().Levels(Account).TryGet(out _, out var gap));
        Assert.Equal(("ListParents", ErrorKind.AccessDenied), (gap!.Operation, gap.Kind));
        Assert.Empty(reader.Requests("organizations", "ListPoliciesForTarget"));
    }
}
